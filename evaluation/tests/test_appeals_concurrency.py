"""Races on PostgreSQL: two concurrent decisions on one 复查 give one decision and one event; two
concurrent appeals on one result give one appeal; two concurrent revocations give one revocation
and one integrity record."""

from __future__ import annotations

import itertools
import threading
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Role
from applications.models import IntegrityRecord, ReviewEvent
from core.errors import Conflict
from evaluation import appeals, revocation
from evaluation.meeting_models import Tally
from evaluation.result_models import Appeal, ResultConfirmation, Revocation
from recognition.recognition import current_title_add
from tests import factories
from tests.concurrency import postgres_only, run_in_threads

from .test_results_status import _close_one_pass_one_fail

pytestmark = [
    postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("small_pools"),
]


def _refused_or(label: str, action) -> str:
    try:
        action()
    except Conflict as exc:
        return f"refused: {exc.detail}"
    return label


@pytest.mark.parametrize(
    "decisions", [("kept", "kept"), ("reconsider", "reconsider"), ("kept", "reconsider")]
)
def test_two_concurrent_decisions_give_one(decisions, django_capture_on_commit_callbacks):
    office, _row, _drawn, _ok, ko = _close_one_pass_one_fail(django_capture_on_commit_callbacks)
    appeal = appeals.appeals_create(actor=ko.applicant, application_id=ko.pk, reasons="理由")
    queue = itertools.cycle(decisions)
    lock = threading.Lock()

    def act() -> str:
        with lock:
            decision = next(queue)
        return _refused_or(
            "decided",
            lambda: appeals.appeals_decide(actor=office, appeal_id=appeal.pk, decision=decision, note="意见"),
        )

    outcomes = sorted(run_in_threads(act, threads=2))
    assert outcomes[0] == "decided" and outcomes[1].startswith("refused: "), outcomes
    assert "不能重复办理" in outcomes[1]
    done = Appeal.objects.get(pk=appeal.pk)
    assert done.decision in decisions
    assert ReviewEvent.objects.filter(application=ko, action__in=["appeal_kept", "reconsider"]).count() == 1


def test_two_concurrent_appeals_give_one(django_capture_on_commit_callbacks):
    _office, _row, _drawn, ok, _ko = _close_one_pass_one_fail(django_capture_on_commit_callbacks)

    def act() -> str:
        return _refused_or(
            "appealed",
            lambda: appeals.appeals_create(actor=ok.applicant, application_id=ok.pk, reasons="理由"),
        )

    outcomes = sorted(run_in_threads(act, threads=3))
    assert outcomes[0] == "appealed" and all("只能申请一次复查" in o for o in outcomes[1:]), outcomes
    assert Appeal.objects.count() == 1 and ReviewEvent.objects.filter(action="appeal").count() == 1


def test_two_concurrent_revocations_give_one(django_capture_on_commit_callbacks):
    office, _row, _drawn, ok, _ko = _close_one_pass_one_fail(django_capture_on_commit_callbacks)
    entry = current_title_add(
        application=ok, issuer="评委会", now=timezone.now(), action="evaluation_title_added"
    )
    ResultConfirmation.objects.create(
        tally=Tally.objects.get(entry__application=ok),
        application=ok,
        document_number="昆职评〔2026〕1号",
        confirmed_on=timezone.localdate() - timedelta(days=5),
        confirmed_by=office,
        title_entry=entry,
    )
    city = factories.make_user(role=Role.CITY_REVIEWER, organisation=factories.make_city_bureau())

    def act() -> str:
        return _refused_or(
            "revoked",
            lambda: revocation.titles_revoke(
                actor=city,
                application_id=ok.pk,
                reason="造假",
                document_number="撤〔2026〕1号",
                revoked_on=timezone.localdate(),
            ),
        )

    outcomes = run_in_threads(act, threads=2)
    assert outcomes.count("revoked") == 1, outcomes
    assert any(o.startswith("refused: ") and "不能重复撤销" in o for o in outcomes), outcomes
    assert Revocation.objects.count() == 1 and IntegrityRecord.objects.count() == 1
