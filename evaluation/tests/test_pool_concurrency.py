"""Two offices, or two clicks, adding the same person at once (PostgreSQL, real threads)."""

from __future__ import annotations

import pytest

from accounts.models import Role, User
from applications.tests.factories import make_series
from core.errors import ServiceError
from evaluation import pool
from evaluation.models import Expert, PoolMembership
from tests import factories
from tests.concurrency import postgres_only, run_in_threads

from .factories import make_office_user


def values(series):
    return {
        "name": "李明",
        "unit_name": "昆明理工大学",
        "title": "教授",
        "level": "正高级",
        "series": [series.pk],
        "specialties": "软件工程",
        "phone": "13800009999",
        "term_start": "2026-01-01",
        "term_end": "2028-12-31",
    }


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_clicks_on_one_pool_add_the_expert_once():
    series = make_series()
    office = make_office_user(factories.make_committee())

    def act() -> str:
        try:
            pool.expert_add(actor=office, **values(series))
        except ServiceError as exc:
            return "refused" if "已" in exc.detail or exc.errors else f"other: {exc.detail}"
        return "added"

    outcomes = run_in_threads(act, threads=4)
    assert sorted(outcomes) == ["added", "refused", "refused", "refused"], outcomes
    assert PoolMembership.objects.count() == 1 and Expert.objects.count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_offices_adding_one_new_person_share_one_account():
    series = make_series()
    offices = [make_office_user(factories.make_committee()) for _ in range(2)]
    turn = iter(offices)

    def act() -> str:
        office = next(turn)
        pool.expert_add(actor=office, **values(series))
        return "added"

    outcomes = run_in_threads(act, threads=2)
    assert outcomes == ["added", "added"], outcomes
    assert Expert.objects.count() == 1 and User.objects.filter(role=Role.EXPERT).count() == 1
    assert PoolMembership.objects.count() == 2
