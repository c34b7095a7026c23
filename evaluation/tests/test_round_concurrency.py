"""Races on PostgreSQL: concurrent 抽取专家 clicks give one draw; concurrent new rounds of one
committee never take the same application twice."""

from __future__ import annotations

import itertools

import pytest

from core.errors import Conflict
from evaluation import draw, rounds
from evaluation.models import Assignment, Draw, Round, RoundApplication
from tests.concurrency import postgres_only, run_in_threads

from .factories import make_setting


@postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("small_pools")
def test_concurrent_draws_give_one_draw():
    _c, _s, office, _e, _a = make_setting(experts=8)
    row = rounds.round_create(actor=office, name="第一批", year=2026, meeting_date="2026-10-20")

    def act() -> str:
        try:
            draw.round_draw(actor=office, round_id=row.pk)
        except Conflict:
            return "refused"
        return "drawn"

    outcomes = run_in_threads(act, threads=4)
    assert sorted(outcomes) == ["drawn", "refused", "refused", "refused"], outcomes
    assert Draw.objects.filter(round=row).count() == 1
    assert Assignment.objects.filter(round=row).count() == 3


@postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("small_pools")
def test_concurrent_rounds_take_each_application_once():
    _c, _s, office, _e, apps = make_setting(experts=0, applications=3)
    numbers = itertools.count(1)  # next() on a count is atomic in CPython

    def act() -> str:
        rounds.round_create(actor=office, name=f"第{next(numbers)}批", year=2026, meeting_date="2026-10-20")
        return "created"

    outcomes = run_in_threads(act, threads=4)
    assert outcomes == ["created"] * 4, outcomes
    assert Round.objects.count() == 4
    for app in apps:
        assert RoundApplication.objects.filter(application=app).count() == 1
