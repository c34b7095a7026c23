"""/api/v1/evaluation/: 评审结果 (issue 13 item 8; 人社部令第40号, rule 33). Thin: the same functions
as the 评审结果 page (evaluation/results.py) — the results list, 生成评审结果公示 of a closed round,
核准/备案 of 评审通过 results (all or nothing; every problem in errors.application_ids)."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from accounts.auth import api_auth
from core.http import client_ip
from publicity.models import PublicityState

from . import results
from .api_errors import ERRORS

router = Router(tags=["评审结果"])


class ResultNoticeIn(Schema):
    """start_date / end_date: YYYY-MM-DD; at least 5 working days."""

    title: str | None = None
    body: str | None = ""
    start_date: str | None = None
    end_date: str | None = None


class ResultConfirmIn(Schema):
    """application_ids: the applications (ids) whose 评审通过 is confirmed; document_number: 核准
    （备案）文号; confirmed_on: YYYY-MM-DD, not after today, after the result notice ended."""

    application_ids: list[int | str] = []
    document_number: str | None = None
    confirmed_on: str | None = None


class NoticeOut(Schema):
    id: int
    title: str
    start_date: date
    end_date: date
    workdays: int
    state: str
    state_label: str


class ConfirmationOut(Schema):
    id: int
    application_id: int
    document_number: str
    confirmed_on: date
    title_entry_id: int | None


class ResultOut(Schema):
    application_id: int
    round_id: int
    round: str
    committee: str
    name: str
    unit: str
    title: str
    level_label: str
    agree: int
    disagree: int
    abstain: int
    present: int | None
    outcome: str
    outcome_label: str
    notice: NoticeOut | None
    objection: str  # open / upheld / none (on the person's entry of the result notice)
    objection_label: str
    appeal: str  # open / decided / none
    appeal_label: str
    confirmation: ConfirmationOut | None
    revoked: bool
    confirmable: bool
    problem: str


class RoundNoticeOut(Schema):
    round_id: int
    notice: NoticeOut
    application_ids: list[int]


def _notice_out(notice, today: date) -> dict:
    state = notice.state_on(today)
    return {
        "id": notice.pk,
        "title": notice.title,
        "start_date": notice.start_date,
        "end_date": notice.end_date,
        "workdays": notice.workdays,
        "state": state,
        "state_label": PublicityState(state).label,
    }


def _confirmation_out(c) -> dict:
    return {
        "id": c.pk,
        "application_id": c.application_id,
        "document_number": c.document_number,
        "confirmed_on": c.confirmed_on,
        "title_entry_id": c.title_entry_id,
    }


def result_out(r: results.ResultRow, today: date) -> dict:
    application, tally = r.application, r.tally
    return {
        "application_id": application.pk,
        "round_id": r.round.pk,
        "round": r.round.name,
        "committee": r.round.committee.name,
        "name": r.name,
        "unit": application.unit.name,
        "title": application.title.name,
        "level_label": application.get_level_display(),
        "agree": tally.agree,
        "disagree": tally.disagree,
        "abstain": tally.abstain,
        "present": tally.present,
        "outcome": tally.outcome,
        "outcome_label": tally.get_outcome_display(),
        "notice": _notice_out(r.notice, today) if r.notice else None,
        "objection": r.objection,
        "objection_label": r.objection_label,
        "appeal": r.appeal,
        "appeal_label": r.appeal_label,
        "confirmation": _confirmation_out(r.confirmation) if r.confirmation else None,
        "revoked": r.revoked,
        "confirmable": r.confirmable,
        "problem": r.problem,
    }


@router.get(
    "/results",
    auth=api_auth,
    response={200: list[ResultOut], **ERRORS},
    operation_id="results_list",
    summary="评审结果（评委会办事机构；省级评委会的由市人社局查看）：票数、结果公示、异议、复查、核准（备案）",
)
def results_list(request: HttpRequest, round_id: str | None = None):
    today = timezone.localdate()
    rows = results.results_list(actor=request.auth, round_id=round_id, today=today)
    return [result_out(r, today) for r in rows]


@router.post(
    "/rounds/{round_id}/result-notice",
    auth=api_auth,
    response={201: RoundNoticeOut, **ERRORS},
    operation_id="results_notice_create",
    summary="生成评审结果公示（评委会办事机构；会议已结束的批次，只列评审通过的申报人，不少于5个工作日，每批次一次）",
)
def results_notice_create(request: HttpRequest, round_id: str, payload: ResultNoticeIn):
    notice = results.result_notice_create(
        actor=request.auth,
        round_id=round_id,
        title=payload.title,
        body=payload.body,
        start_date=payload.start_date,
        end_date=payload.end_date,
        ip=client_ip(request),
    )
    return Status(
        201,
        {
            "round_id": int(round_id),
            "notice": _notice_out(notice, timezone.localdate()),
            "application_ids": list(
                notice.entries.order_by("order").values_list("application_id", flat=True)
            ),
        },
    )


@router.post(
    "/results/confirm",
    auth=api_auth,
    response={200: list[ConfirmationOut], **ERRORS},
    operation_id="results_confirm",
    summary="核准（备案）评审结果（评委会办事机构；省级评委会的由市人社局）：公示期满无异议、无未办结复查的评审通过结果，全部通过方办理",
)
def results_confirm(request: HttpRequest, payload: ResultConfirmIn):
    made = results.results_confirm(
        actor=request.auth,
        application_ids=payload.application_ids,
        document_number=payload.document_number,
        confirmed_on=payload.confirmed_on,
        ip=client_ip(request),
    )
    return [_confirmation_out(c) for c in made]
