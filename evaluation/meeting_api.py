"""/api/v1/evaluation/: the meeting and its secret ballot (人社部令第40号, rules 29, 30). Thin:
the same functions as the pages (evaluation/meeting.py). `ballots_cast` answers only that the
vote was counted — never the choice back, never the counts (the expert sees no tally)."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status

from accounts.auth import api_auth
from core.http import client_ip

from . import meeting
from .api_errors import ERRORS
from .meeting_models import Outcome

router = Router(tags=["评审会议"])


class MeetingOpenIn(Schema):
    """chair_id: the expert (id) chosen to chair, one of the experts drawn for the round."""

    chair_id: int | str | None = None


class AttendanceIn(Schema):
    """present: the ids of the drawn experts who are present; every other drawn expert is absent."""

    present: list[int | str] = []


class BallotIn(Schema):
    """entry_id: the application in the round; choice: agree (同意) / disagree (不同意) / abstain (弃权)."""

    entry_id: int | str
    choice: str


class PaperCountIn(Schema):
    entry_id: int | str
    agree: int | str | None = None
    disagree: int | str | None = None
    abstain: int | str | None = None


class BallotOut(Schema):
    entry_id: int
    voted: bool


class AttendanceOut(Schema):
    expert_id: int
    name: str
    present: bool


class TallyOut(Schema):
    entry_id: int
    name: str
    unit: str
    method: str
    voted: int
    voters: int
    votes_needed: int | None
    agree: int | None  # None while electronic voting is open (rule 30: secret ballot)
    disagree: int | None
    abstain: int | None
    outcome: str
    outcome_label: str


class CloseOut(Schema):
    round_id: int
    status: str
    status_label: str
    closed_at: datetime
    passed: int
    failed: int


class MeetingOut(Schema):
    round_id: int
    round: str
    status: str
    status_label: str
    opened: bool
    members: int
    chair_id: int | None
    present: int
    quorum_needed: int
    quorum_problem: str | None
    opened_at: datetime | None
    closed_at: datetime | None
    attendance: list[AttendanceOut]
    tallies: list[TallyOut]


def meeting_out(state: dict) -> dict:
    row, m = state["round"], state["meeting"]
    return {
        "round_id": row.pk,
        "round": row.name,
        "status": row.status,
        "status_label": row.get_status_display(),
        "opened": m is not None,
        "members": m.members if m else len(state["drawn"]),
        "chair_id": m.chair_id if m else None,
        "present": state.get("present", 0),
        "quorum_needed": state.get("quorum_needed", 0),
        "quorum_problem": state.get("quorum_problem"),
        "opened_at": m.opened_at if m else None,
        "closed_at": m.closed_at if m else None,
        "attendance": [
            {"expert_id": a.expert_id, "name": a.expert.name, "present": a.present}
            for a in state["attendance"]
        ],
        "tallies": [
            {
                "entry_id": t.entry_id,
                "name": t.entry.application.applicant.name,
                "unit": t.entry.application.unit.name,
                "method": t.method,
                "voted": t.voted,
                "voters": t.voters,
                "votes_needed": t.needed,
                "agree": t.agree if t.counts_shown else None,
                "disagree": t.disagree if t.counts_shown else None,
                "abstain": t.abstain if t.counts_shown else None,
                "outcome": t.outcome,
                "outcome_label": t.get_outcome_display() if t.outcome else "",
            }
            for t in state["tallies"]
        ],
    }


def _state(request, round_id) -> dict:
    return meeting_out(meeting.meeting_state(actor=request.auth, round_id=round_id))


@router.get(
    "/rounds/{round_id}/meeting",
    auth=api_auth,
    response={200: MeetingOut, **ERRORS},
    operation_id="meetings_get",
    summary="评审会议（评委会办事机构）：出席情况、法定人数和每位申报人的计票",
)
def meetings_get(request: HttpRequest, round_id: str):
    return _state(request, round_id)


@router.post(
    "/rounds/{round_id}/meeting/open",
    auth=api_auth,
    response={200: MeetingOut, **ERRORS},
    operation_id="meetings_open",
    summary="开始评审会议（评委会办事机构；须已抽取专家，并指定主持会议的专家）",
)
def meetings_open(request: HttpRequest, round_id: str, payload: MeetingOpenIn):
    meeting.meeting_open(
        actor=request.auth, round_id=round_id, chair_id=payload.chair_id, ip=client_ip(request)
    )
    return _state(request, round_id)


@router.put(
    "/rounds/{round_id}/meeting/attendance",
    auth=api_auth,
    response={200: MeetingOut, **ERRORS},
    operation_id="meetings_attendance",
    summary="登记出席（评委会办事机构；只能登记本批次抽取的专家）",
)
def meetings_attendance(request: HttpRequest, round_id: str, payload: AttendanceIn):
    meeting.meeting_attendance(
        actor=request.auth, round_id=round_id, present=payload.present, ip=client_ip(request)
    )
    return _state(request, round_id)


@router.post(
    "/ballots/",
    auth=api_auth,
    response={201: BallotOut, **ERRORS},
    operation_id="ballots_cast",
    summary="投票（出席且未回避的评审专家，每位申报人一次；无记名：只记录已投票，不记录投票内容）",
)
def ballots_cast(request: HttpRequest, payload: BallotIn):
    meeting.ballots_cast(
        actor=request.auth, entry_id=payload.entry_id, choice=payload.choice, ip=client_ip(request)
    )
    return Status(201, {"entry_id": int(payload.entry_id), "voted": True})


@router.post(
    "/rounds/{round_id}/meeting/paper-count",
    auth=api_auth,
    response={200: MeetingOut, **ERRORS},
    operation_id="ballots_paper_count",
    summary="录入纸质选票计票结果（评委会办事机构；每位申报人一次，未有电子投票时）",
)
def ballots_paper_count(request: HttpRequest, round_id: str, payload: PaperCountIn):
    meeting.ballots_paper_count(
        actor=request.auth,
        round_id=round_id,
        entry_id=payload.entry_id,
        agree=payload.agree,
        disagree=payload.disagree,
        abstain=payload.abstain,
        ip=client_ip(request),
    )
    return _state(request, round_id)


@router.post(
    "/rounds/{round_id}/meeting/close",
    auth=api_auth,
    response={200: CloseOut, **ERRORS},
    operation_id="meetings_close",
    summary="结束评审会议（评委会办事机构或会议主持人）：确定每位申报人的表决结果",
)
def meetings_close(request: HttpRequest, round_id: str):
    m = meeting.meeting_close(actor=request.auth, round_id=round_id, ip=client_ip(request))
    outcomes = list(m.tallies.values_list("outcome", flat=True))
    return {
        "round_id": m.round_id,
        "status": m.round.status,
        "status_label": m.round.get_status_display(),
        "closed_at": m.closed_at,
        "passed": outcomes.count(Outcome.PASSED),
        "failed": outcomes.count(Outcome.FAILED),
    }
