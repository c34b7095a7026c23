"""A double click under real concurrency: 8 threads submit the same application at once; exactly
one submits, the others are told 已提交, and there is exactly one "submit" event.

Only PostgreSQL proves this (SQLite serialises writers and ignores select_for_update), so on
SQLite the test is skipped with its reason shown by `pytest -ra`."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from applications.models import Application, ApplicationStatus, ReviewEvent, ReviewStep
from applications.services import application_save_cover
from applications.state import AlreadyDone, application_submit

from .factories import cover_values, make_open_committee, make_ready_applicant, make_series

THREADS = 8


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason=(
        "并发提交只能在 PostgreSQL 上验证（SQLite 不支持 select_for_update）："
        "请用 DATABASE_URL=postgres://… 运行"
    ),
)
@pytest.mark.django_db(transaction=True)
def test_eight_simultaneous_submits_make_exactly_one_submission():
    series = make_series()
    committee = make_open_committee(series)
    user = make_ready_applicant()
    application = application_save_cover(user=user, **cover_values(committee, series))
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def submit() -> None:
        try:
            barrier.wait(timeout=10)
            try:
                application_submit(application_id=application.pk, actor=user, ip="198.51.100.20")
                outcome = "submitted"
            except AlreadyDone:
                outcome = "already"
            except Exception as exc:  # any other failure is a finding
                outcome = f"error: {exc!r}"
            with lock:
                outcomes.append(outcome)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert len(outcomes) == THREADS, outcomes
    assert outcomes.count("submitted") == 1, outcomes
    assert outcomes.count("already") == THREADS - 1, outcomes
    assert ReviewEvent.objects.filter(application=application, action="submit").count() == 1
    assert ReviewStep.objects.filter(application=application).count() == 3
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.IN_REVIEW
