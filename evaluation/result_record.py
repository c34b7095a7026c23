"""The meeting's fixed results into the applications (issue 13, item 7): 电子材料审核通过 → 评审通过 /
评审未通过 through the state machine (applications/result_transitions.py), one ReviewEvent each with
the counts and the threshold — never who voted (人社部令第40号, rule 30). Called by
`meeting.meeting_close` inside its transaction; the applicants are told once, after commit
(evaluation/tasks.results_notify)."""

from __future__ import annotations

from datetime import datetime

from applications.state import application_evaluation_result
from core.dates import date_label
from core.tasks import enqueue

from . import rules
from .meeting_models import Meeting, Outcome, Tally
from .models import Round


def result_opinion(tally: Tally, row: Round) -> str:
    """What the application's trail says of its fixed result."""
    voters = tally.present or 0
    needed = f"，通过需同意 {rules.votes_needed(present=voters)} 票" if voters else ""
    verdict = "评审通过" if tally.outcome == Outcome.PASSED else "评审未通过"
    return (
        f"{row.committee.name}评审会议（{date_label(row.meeting_date)}）无记名投票表决："
        f"同意 {tally.agree} 票，不同意 {tally.disagree} 票，弃权 {tally.abstain} 票"
        f"（有效出席 {voters} 人{needed}），{verdict}。"
    )


def record_results(*, meeting: Meeting, row: Round, tallies: list[Tally], actor, now: datetime) -> None:
    """Each fixed tally moves its application; `tallies` carry their entry (select_related)."""
    for tally in tallies:
        application_evaluation_result(
            application_id=tally.entry.application_id,
            passed=tally.outcome == Outcome.PASSED,
            actor=actor,
            opinion=result_opinion(tally, row),
            at=now,
        )
    enqueue("evaluation.tasks.results_notify", meeting_id=meeting.pk)
