"""Race on PostgreSQL: concurrent first requests for a closed meeting's minutes archive one set
(one row per copy, one archive audit each) and every request gets the same bytes."""

from __future__ import annotations

import hashlib

import pytest

from core.models import AuditLog
from evaluation import minutes
from evaluation.minutes_models import MeetingMinutes
from tests.concurrency import postgres_only, run_in_threads

from .test_minutes import meeting_ready

pytestmark = [
    postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("small_pools"),
]


def test_concurrent_first_requests_archive_once():
    _c, office, row, drawn, _e = meeting_ready()
    chair = drawn[0].user

    def act() -> str:
        got = minutes.minutes_download(actor=office, round_id=row.pk, copy="public")
        return hashlib.sha256(got.content).hexdigest()

    def act_chair() -> str:
        return hashlib.sha256(minutes.minutes_download(actor=chair, round_id=row.pk).content).hexdigest()

    calls = iter([act, act_chair, act, act_chair])
    outcomes = run_in_threads(lambda: next(calls)(), threads=4)
    stored = MeetingMinutes.objects.get(meeting=row.meeting, copy="public")
    assert outcomes == [stored.sha256] * 4, outcomes
    assert MeetingMinutes.objects.filter(meeting=row.meeting).count() == 2
    assert AuditLog.objects.filter(action="evaluation_minutes_archive").count() == 2
    assert AuditLog.objects.filter(action="evaluation_minutes_download").count() == 4
