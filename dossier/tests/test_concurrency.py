"""The per-section limits under parallel requests: the dossier row is locked while an entry is
added, so one 专业技术工作总结 and one entry per 年度 hold. Only PostgreSQL proves this (SQLite
serialises writers and ignores select_for_update)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from core.errors import ServiceError
from dossier.models import DossierEntry
from dossier.services import dossier_entry_create
from tests import factories

from .factories import good

THREADS = 8

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason=(
            "并发只能在 PostgreSQL 上验证（SQLite 不支持 select_for_update）："
            "请用 DATABASE_URL=postgres://… 运行"
        ),
    ),
    pytest.mark.django_db(transaction=True),
]


def run_parallel(action) -> list[str]:
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def worker() -> None:
        try:
            barrier.wait(timeout=10)
            try:
                action()
                outcome = "saved"
            except ServiceError as exc:
                outcome = f"refused {exc.status}"
            except Exception as exc:  # any other failure is a finding
                outcome = f"error: {exc!r}"
            with lock:
                outcomes.append(outcome)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


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
