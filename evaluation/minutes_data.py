"""What the minutes (会议纪要, rule 32) are written from: the meeting, the experts present, and per
application its 评议组's opinion summary (evaluation.opinions.opinion_summary) and its fixed tally.
Read in a constant number of queries; the PDF (evaluation/minutes_pdf.py) only lays it out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from . import rules
from .meeting_models import Attendance, Meeting, Outcome, Tally, TallyMethod
from .models import Expert, Round
from .opinions import EntrySummary, opinion_summary


@dataclass
class MinutesRow:
    """One application in the minutes: who, the group's opinions, the fixed counts and result."""

    number: int
    name: str
    unit: str
    title: str
    group: str
    summary: EntrySummary | None
    tally: Tally


@dataclass
class MinutesData:
    round: Round
    meeting: Meeting
    chair: Expert | None
    present: list[Expert] = field(default_factory=list)
    rows: list[MinutesRow] = field(default_factory=list)
    generated_at: datetime = field(default_factory=timezone.now)

    @property
    def quorum_needed(self) -> int:
        return rules.quorum_needed(members=self.meeting.members) if self.meeting.members else 0

    @property
    def quorum_met(self) -> bool:
        members = self.meeting.members
        return bool(members) and rules.quorum_met(present=len(self.present), members=members)

    @property
    def passed(self) -> int:
        return sum(1 for r in self.rows if r.tally.outcome == Outcome.PASSED)

    @property
    def paper(self) -> int:
        return sum(1 for r in self.rows if r.tally.method == TallyMethod.PAPER)


def minutes_data(*, row: Round, meeting: Meeting) -> MinutesData:
    """The rows the minutes are written from: a constant number of queries (the tallies, the
    attendance, the group summary of evaluation.opinions)."""
    present = [
        a.expert
        for a in Attendance.objects.filter(meeting=meeting, present=True)
        .select_related("expert")
        .order_by("expert__name", "expert_id")
    ]
    summaries = {s.entry.pk: s for s in opinion_summary(row)}
    tallies = list(
        Tally.objects.filter(meeting=meeting)
        .select_related(
            "entry__application__applicant",
            "entry__application__unit",
            "entry__application__title",
            "entry__group",
        )
        .order_by("entry__group__position", "entry__group_id", "entry_id")
    )
    rows = []
    for number, tally in enumerate(tallies, start=1):
        application = tally.entry.application
        rows.append(
            MinutesRow(
                number=number,
                name=application.applicant.name,
                unit=application.unit.name if application.unit_id else "",
                title=application.title.name if application.title_id else "",
                group=tally.entry.group.name if tally.entry.group_id else "",
                summary=summaries.get(tally.entry_id),
                tally=tally,
            )
        )
    chair = Expert.objects.filter(pk=meeting.chair_id).first() if meeting.chair_id else None
    return MinutesData(round=row, meeting=meeting, chair=chair, present=present, rows=rows)
