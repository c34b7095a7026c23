"""The per-section limits under parallel requests: the dossier row is locked while an entry is
added, so one 专业技术工作总结 and one entry per 年度 hold. Only PostgreSQL proves this (SQLite
serialises writers and ignores select_for_update)."""

from __future__ import annotations

import pytest

from core.errors import ServiceError
from dossier.models import DossierEntry
from dossier.services import dossier_entry_create
from tests import factories
from tests.concurrency import postgres_only, run_in_threads

from .factories import good

THREADS = 8

pytestmark = [postgres_only, pytest.mark.django_db(transaction=True)]


def run_parallel(action) -> list[str]:
    def attempt() -> str:
        try:
            action()
        except ServiceError as exc:
            return f"refused {exc.status}"
        return "saved"

    return run_in_threads(attempt, threads=THREADS)


def test_parallel_work_summaries_make_one_entry():
    user = factories.make_applicant()  # no dossier row yet: the first request creates it
    outcomes = run_parallel(
        lambda: dossier_entry_create(user=user, section="work_summary", data=good("work_summary"))
    )
    assert sorted(outcomes) == ["refused 409"] * (THREADS - 1) + ["saved"], outcomes
    assert DossierEntry.objects.filter(section="work_summary").count() == 1


def test_parallel_same_year_makes_one_entry():
    user = factories.make_applicant()
    outcomes = run_parallel(
        lambda: dossier_entry_create(
            user=user, section="annual_assessments", data={"year": 2024, "result": "合格"}
        )
    )
    assert sorted(outcomes) == ["refused 400"] * (THREADS - 1) + ["saved"], outcomes
    assert DossierEntry.objects.filter(section="annual_assessments").count() == 1
