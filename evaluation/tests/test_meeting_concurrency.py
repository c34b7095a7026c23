"""Races on PostgreSQL: twenty concurrent ballots from distinct experts give exactly twenty
counted votes (and twenty receipts); two concurrent closes give one result; a vote racing the
close is either counted before the result is fixed or refused."""

from __future__ import annotations

import threading

import pytest

from core.errors import Conflict, Forbidden
from evaluation import meeting
from evaluation.meeting_models import Attendance, BallotReceipt, Meeting, Tally
from evaluation.models import RoundStatus
from tests.concurrency import postgres_only, run_in_threads

from .test_meeting import opened

pytestmark = [
    postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("small_pools"),
]


def test_twenty_concurrent_ballots_count_twenty():
    _c, _office, _row, drawn, entries = opened(members=20, applications=1)
    queue = list(drawn)
    lock = threading.Lock()
    choices = ["agree", "disagree", "abstain"]

    def act() -> str:
        with lock:
            i = len(queue) - 1
            expert = queue.pop()
        meeting.ballots_cast(actor=expert.user, entry_id=entries[0].pk, choice=choices[i % 3])
        return "voted"

    outcomes = run_in_threads(act, threads=20)
    assert outcomes == ["voted"] * 20, outcomes
    tally = Tally.objects.get(entry=entries[0])
    assert (tally.agree, tally.disagree, tally.abstain) == (7, 7, 6)
    assert BallotReceipt.objects.filter(tally=tally).count() == 20


def test_one_expert_voting_twice_at_once_counts_once():
    _c, _office, _row, drawn, entries = opened(members=3, applications=1)

    def act() -> str:
        try:
            meeting.ballots_cast(actor=drawn[0].user, entry_id=entries[0].pk, choice="agree")
        except Conflict:
            return "refused"
        return "voted"

    outcomes = run_in_threads(act, threads=4)
    assert sorted(outcomes) == ["refused", "refused", "refused", "voted"], outcomes
    assert Tally.objects.get(entry=entries[0]).agree == 1


def test_two_concurrent_closes_give_one_result():
    _c, office, row, drawn, entries = opened(members=3, applications=2)
    for expert in drawn:
        meeting.ballots_cast(actor=expert.user, entry_id=entries[0].pk, choice="agree")

    def act() -> str:
        try:
            meeting.meeting_close(actor=office, round_id=row.pk)
        except Conflict:
            return "refused"
        return "closed"

    outcomes = run_in_threads(act, threads=2)
    assert sorted(outcomes) == ["closed", "refused"], outcomes
    row.refresh_from_db()
    assert row.status == RoundStatus.CLOSED
    assert Meeting.objects.get(round=row).closed_at is not None
    assert Tally.objects.filter(meeting__round=row, fixed_at__isnull=False).count() == 2


def test_a_vote_racing_the_close_is_counted_or_refused():
    _c, office, row, drawn, entries = opened(members=3, applications=1)
    meeting.ballots_cast(actor=drawn[0].user, entry_id=entries[0].pk, choice="agree")
    jobs = iter(["close", "vote"])
    lock = threading.Lock()

    def act() -> str:
        with lock:
            job = next(jobs)
        try:
            if job == "close":
                meeting.meeting_close(actor=office, round_id=row.pk)
            else:
                meeting.ballots_cast(actor=drawn[1].user, entry_id=entries[0].pk, choice="agree")
        except Conflict:
            return f"{job} refused"
        return f"{job} done"

    outcomes = run_in_threads(act, threads=2)
    assert "close done" in outcomes, outcomes
    tally = Tally.objects.get(entry=entries[0])
    receipts = BallotReceipt.objects.filter(tally=tally).count()
    # whatever the order, the fixed counts are the receipts: no vote lands after the result
    assert tally.agree == receipts
    assert ("vote done" in outcomes) == (receipts == 2)


def test_marking_a_voter_absent_while_they_vote_never_leaves_an_absent_ballot():
    _c, office, row, drawn, entries = opened(members=4, applications=1)
    jobs = iter(["absent", "vote"])
    lock = threading.Lock()

    def act() -> str:
        with lock:
            job = next(jobs)
        try:
            if job == "absent":
                meeting.meeting_attendance(actor=office, round_id=row.pk, present=[e.pk for e in drawn[:3]])
            else:
                meeting.ballots_cast(actor=drawn[3].user, entry_id=entries[0].pk, choice="agree")
        except (Conflict, Forbidden):
            return f"{job} refused"
        return f"{job} done"

    outcomes = run_in_threads(act, threads=2)
    assert sorted(outcomes) in (["absent done", "vote refused"], ["absent refused", "vote done"]), outcomes
    present = Attendance.objects.get(meeting__round=row, expert=drawn[3]).present
    voted = BallotReceipt.objects.filter(expert=drawn[3]).exists()
    assert present or not voted
