"""Races on PostgreSQL (issue 13 item 8): two concurrent 核准/备案 of the same result give one
confirmation, one ReviewEvent "confirm" and one title in 现有职称情况; two concurrent 生成评审结果公示
of one round give one notice."""

from __future__ import annotations

import pytest

from applications.models import ReviewEvent
from core.errors import Conflict
from dossier.models import DossierEntry
from evaluation.result_models import ResultConfirmation
from publicity.models import Publicity, PublicityKind
from tests.concurrency import postgres_only, run_in_threads

from .results_helpers import closed_meeting, confirm, notice

pytestmark = [
    postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("small_pools"),
]


def test_two_concurrent_confirms_give_one_confirmation_and_one_title():
    office, row, ok, _ko = closed_meeting()
    notice(office, row)

    def act() -> str:
        try:
            confirm(office, [ok])
        except Conflict as exc:
            assert "不能重复核准（备案）" in exc.detail, exc.detail
            return "refused"
        return "confirmed"

    outcomes = run_in_threads(act, threads=2)
    assert sorted(outcomes) == ["confirmed", "refused"], outcomes
    assert ResultConfirmation.objects.filter(application=ok).count() == 1
    assert ReviewEvent.objects.filter(application=ok, action="confirm").count() == 1
    assert DossierEntry.objects.filter(dossier__user=ok.applicant, section="current_titles").count() == 1


def test_two_concurrent_notices_of_one_round_give_one():
    office, row, _ok, _ko = closed_meeting()

    def act() -> str:
        try:
            notice(office, row)
        except Conflict as exc:
            assert "每个评审批次只生成一次" in exc.detail, exc.detail
            return "refused"
        return "published"

    outcomes = run_in_threads(act, threads=2)
    assert sorted(outcomes) == ["published", "refused"], outcomes
    assert Publicity.objects.filter(kind=PublicityKind.RESULT).count() == 1
    row.refresh_from_db()
    assert row.result_notice == Publicity.objects.get(kind=PublicityKind.RESULT)
