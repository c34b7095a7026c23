"""A double click under real concurrency: 8 threads submit the same application at once; exactly
one submits, the others are told 已提交, and there is exactly one "submit" event.

Only PostgreSQL proves this (SQLite serialises writers and ignores select_for_update), so on
SQLite the test is skipped with its reason shown by `pytest -ra`."""

from __future__ import annotations

import pytest

from applications.models import Application, ApplicationStatus, ReviewEvent, ReviewStep
from applications.services import application_save_cover
from applications.state import AlreadyDone, application_submit
from tests.concurrency import postgres_only, run_in_threads

from .factories import cover_values, make_open_committee, make_ready_applicant, make_series

THREADS = 8


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_eight_simultaneous_submits_make_exactly_one_submission():
    series = make_series()
    committee = make_open_committee(series)
    user = make_ready_applicant()
    application = application_save_cover(user=user, **cover_values(committee, series))

    def submit() -> str:
        try:
            application_submit(application_id=application.pk, actor=user, ip="198.51.100.20")
        except AlreadyDone:
            return "already"
        return "submitted"

    outcomes = run_in_threads(submit, threads=THREADS)

    assert len(outcomes) == THREADS, outcomes
    assert outcomes.count("submitted") == 1, outcomes
    assert outcomes.count("already") == THREADS - 1, outcomes
    assert ReviewEvent.objects.filter(application=application, action="submit").count() == 1
    assert ReviewStep.objects.filter(application=application).count() == 3
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.IN_REVIEW
