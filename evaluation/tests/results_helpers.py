"""Shared set-ups of the results tests (issue 13 item 8): a closed meeting with one 评审通过 and one
评审未通过, its 评审结果公示, a period in the past so that "after the notice" is a real date."""

from __future__ import annotations

from datetime import date

from evaluation import meeting, results
from publicity.tests.factories import ensure_calendar

from .test_meeting import opened

# Mon 2 Nov .. Fri 6 Nov 2026: five working days (no holiday in that week); confirmations on the
# Monday after.
NOTICE_START, NOTICE_END = date(2026, 11, 2), date(2026, 11, 6)
AFTER = date(2026, 11, 9)
DOCUMENT = "昆人社评〔2026〕21号"


def closed_meeting(*, committee_fields: dict | None = None):
    """7 present: the first application gets 5 同意 (passes), the second 4 (fails by one vote).
    Returns (office, round, passed application, failed application)."""
    committee, office, row, drawn, entries = opened(members=7, present=7)
    if committee_fields:
        type(committee).objects.filter(pk=committee.pk).update(**committee_fields)
    passing, failing = entries
    for i, expert in enumerate(drawn):
        meeting.ballots_cast(actor=expert.user, entry_id=passing.pk, choice="agree" if i < 5 else "disagree")
        meeting.ballots_cast(actor=expert.user, entry_id=failing.pk, choice="agree" if i < 4 else "abstain")
    meeting.meeting_close(actor=office, round_id=row.pk)
    row.refresh_from_db()
    ok, ko = passing.application, failing.application
    ok.refresh_from_db()
    ko.refresh_from_db()
    return office, row, ok, ko


def notice(office, row, *, start: date = NOTICE_START, end: date = NOTICE_END, today: date | None = None):
    ensure_calendar(start, end)
    return results.result_notice_create(
        actor=office,
        round_id=row.pk,
        title="2026年度职称评审结果公示",
        body="公示期内如有异议，请通过本页面提出。",
        start_date=start,
        end_date=end,
        today=today or start,
    )


def confirm(actor, applications, *, today: date = AFTER, day: date | None = None, document: str = DOCUMENT):
    return results.results_confirm(
        actor=actor,
        application_ids=[a.pk for a in applications],
        document_number=document,
        confirmed_on=day or today,
        today=today,
    )
