"""/api/v1/evaluation/: 评审批次, 评议组, 抽取专家, 回避 and the expert's own list (人社部令第40号,
rules 28 and 31). Thin: the same functions as the pages (rounds.py, draw.py, conflicts.py). The
draw and the drawn experts are confidential: only the committee office of the committee reads them
(another office gets 404, every other role 403)."""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Count
from django.http import HttpRequest
from ninja import Router, Schema, Status

from accounts.auth import api_auth
from core.http import client_ip

from . import conflicts, draw, rounds
from .api_errors import ERRORS
from .models import Draw, Expert, ReviewGroup, Round, RoundApplication

router = Router(tags=["评审批次"])


class RoundGroupOut(Schema):
    id: int
    name: str
    specialties: str
    experts_to_draw: int


class RoundEntryOut(Schema):
    id: int
    application_id: int
    name: str
    unit: str
    series: str
    title: str
    specialty: str
    group_id: int | None


class RoundDrawExpertOut(Schema):
    id: int
    name: str
    unit: str


class RoundDrawExcludedOut(Schema):
    expert: RoundDrawExpertOut
    reason: str


class RoundDrawGroupOut(Schema):
    group_id: int
    group: str
    candidates: list[RoundDrawExpertOut]
    excluded: list[RoundDrawExcludedOut]
    selected: list[RoundDrawExpertOut]


class RoundDrawOut(Schema):
    seed: str
    drawn_by: str
    drawn_at: datetime
    groups: list[RoundDrawGroupOut]


class RoundSummaryOut(Schema):
    id: int
    committee: str
    year: int
    name: str
    meeting_date: date
    status: str
    status_label: str
    applications: int


class RoundOut(RoundSummaryOut):
    groups: list[RoundGroupOut]
    entries: list[RoundEntryOut]
    draw: RoundDrawOut | None


class RoundCreateIn(Schema):
    """year: 申报年度; meeting_date: YYYY-MM-DD, in the month the office gave with the year's
    window; experts_to_draw: for the one group a round starts with (at least 3)."""

    name: str | None = None
    year: int | str | None = None
    meeting_date: str | None = None
    experts_to_draw: int | str | None = None


class RoundUpdateIn(Schema):
    name: str | None = None
    meeting_date: str | None = None


class RoundGroupIn(Schema):
    """specialties: 多个专业以顿号（、）分隔; empty: every application not placed elsewhere."""

    name: str | None = None
    specialties: str | None = None
    experts_to_draw: int | str | None = None


class RoundEntryMoveIn(Schema):
    group_id: int | str | None = None


class RoundDrawVerifyOut(Schema):
    same: bool
    selected: dict[str, list[int]]
    rerun: dict[str, list[int]]


class ConflictIn(Schema):
    """entry_id: the application in the round (RoundApplication id); expert_id: only when the
    committee office records a conflict for an expert."""

    entry_id: int | str
    reason: str | None = None
    expert_id: int | str | None = None


class ConflictOut(Schema):
    id: int
    entry_id: int
    expert_id: int
    source: str
    source_label: str
    reason: str
    declared_at: datetime


class AssignmentEntryOut(Schema):
    entry_id: int
    name: str
    unit: str
    series: str
    title: str


class AssignmentRoundOut(Schema):
    round_id: int
    round: str
    committee: str
    meeting_date: date
    status_label: str
    group: str
    entries: list[AssignmentEntryOut]


def _summary(row: Round, count: int) -> dict:
    return {
        "id": row.pk,
        "committee": row.committee.name,
        "year": row.year,
        "name": row.name,
        "meeting_date": row.meeting_date,
        "status": row.status,
        "status_label": row.get_status_display(),
        "applications": count,
    }


def _expert(e: Expert | None) -> dict:
    return {"id": e.pk, "name": e.name, "unit": e.unit_name} if e else {"id": 0, "name": "", "unit": ""}


def _entry(entry: RoundApplication) -> dict:
    app = entry.application
    return {
        "id": entry.pk,
        "application_id": app.pk,
        "name": app.applicant.name,
        "unit": app.unit.name,
        "series": app.series.name,
        "title": app.title.name,
        "specialty": app.specialty,
        "group_id": entry.group_id,
    }


def round_out(actor, row: Round) -> dict:
    entries = list(rounds.round_entries(row=row))
    record = draw.draw_record(actor=actor, round_id=row.pk)
    draw_body = None
    if record is not None:
        d: Draw = record["draw"]
        draw_body = {
            "seed": d.seed,
            "drawn_by": d.drawn_by.name or d.drawn_by.username,
            "drawn_at": d.drawn_at,
            "groups": [
                {
                    "group_id": g["group"].pk,
                    "group": g["group"].name,
                    "candidates": [_expert(e) for e in g["candidates"]],
                    "excluded": [{"expert": _expert(e), "reason": r} for e, r in g["excluded"]],
                    "selected": [_expert(e) for e in g["selected"]],
                }
                for g in record["groups"]
            ],
        }
    return {
        **_summary(row, len(entries)),
        "groups": [_group(g) for g in rounds.round_groups(row=row)],
        "entries": [_entry(e) for e in entries],
        "draw": draw_body,
    }


def _group(g: ReviewGroup) -> dict:
    return {"id": g.pk, "name": g.name, "specialties": g.specialties, "experts_to_draw": g.experts_to_draw}


@router.get(
    "/rounds/",
    auth=api_auth,
    response={200: list[RoundSummaryOut], **ERRORS},
    operation_id="rounds_list",
    summary="本评委会的评审批次（评委会办事机构）",
)
def rounds_list(request: HttpRequest):
    qs = rounds.rounds_list(actor=request.auth).annotate(n=Count("entries"))
    return [_summary(r, r.n) for r in qs]


@router.post(
    "/rounds/",
    auth=api_auth,
    response={201: RoundOut, **ERRORS},
    operation_id="rounds_create",
    summary="新建评审批次：电子材料审核通过且不在其他未结束批次中的申报自动加入",
)
def rounds_create(request: HttpRequest, payload: RoundCreateIn):
    row = rounds.round_create(
        actor=request.auth,
        name=payload.name,
        year=payload.year,
        meeting_date=payload.meeting_date,
        experts_to_draw=payload.experts_to_draw,
        ip=client_ip(request),
    )
    return Status(201, round_out(request.auth, row))


@router.get(
    "/rounds/{round_id}",
    auth=api_auth,
    response={200: RoundOut, **ERRORS},
    operation_id="rounds_get",
    summary="评审批次：评议组、各组评审对象、专家抽取记录（保密，仅本评委会办事机构可见）",
)
def rounds_get(request: HttpRequest, round_id: str):
    return round_out(request.auth, rounds.round_for_office(actor=request.auth, round_id=round_id))


@router.post(
    "/rounds/{round_id}",
    auth=api_auth,
    response={200: RoundOut, **ERRORS},
    operation_id="rounds_update",
    summary="修改批次名称和评审会议日期（仅准备中）",
)
def rounds_update(request: HttpRequest, round_id: str, payload: RoundUpdateIn):
    row = rounds.round_update(
        actor=request.auth,
        round_id=round_id,
        name=payload.name,
        meeting_date=payload.meeting_date,
        ip=client_ip(request),
    )
    return round_out(request.auth, row)


@router.post(
    "/rounds/{round_id}/refresh",
    auth=api_auth,
    response={200: RoundOut, **ERRORS},
    operation_id="rounds_refresh",
    summary="加入此后电子材料审核通过的申报（仅准备中）",
)
def rounds_refresh(request: HttpRequest, round_id: str):
    rounds.round_refresh(actor=request.auth, round_id=round_id, ip=client_ip(request))
    return round_out(request.auth, rounds.round_for_office(actor=request.auth, round_id=round_id))


@router.post(
    "/rounds/{round_id}/groups/",
    auth=api_auth,
    response={201: RoundGroupOut, **ERRORS},
    operation_id="groups_create",
    summary="新增评议组（每组至少抽取3名专家）：未分组批次中专业相符的申报移入该组",
)
def groups_create(request: HttpRequest, round_id: str, payload: RoundGroupIn):
    group = rounds.group_create(
        actor=request.auth,
        round_id=round_id,
        name=payload.name,
        specialties=payload.specialties,
        experts_to_draw=payload.experts_to_draw,
        ip=client_ip(request),
    )
    return Status(201, _group(group))


@router.post(
    "/rounds/{round_id}/groups/{group_id}",
    auth=api_auth,
    response={200: RoundGroupOut, **ERRORS},
    operation_id="groups_update",
    summary="修改评议组（仅准备中）",
)
def groups_update(request: HttpRequest, round_id: str, group_id: str, payload: RoundGroupIn):
    group = rounds.group_update(
        actor=request.auth,
        round_id=round_id,
        group_id=group_id,
        name=payload.name,
        specialties=payload.specialties,
        experts_to_draw=payload.experts_to_draw,
        ip=client_ip(request),
    )
    return _group(group)


@router.delete(
    "/rounds/{round_id}/groups/{group_id}",
    auth=api_auth,
    response={204: None, **ERRORS},
    operation_id="groups_delete",
    summary="删除评议组：其评审对象移入未分组的评议组（仅准备中）",
)
def groups_delete(request: HttpRequest, round_id: str, group_id: str):
    rounds.group_delete(actor=request.auth, round_id=round_id, group_id=group_id, ip=client_ip(request))
    return Status(204, None)


@router.post(
    "/rounds/{round_id}/entries/{entry_id}/group",
    auth=api_auth,
    response={200: RoundEntryOut, **ERRORS},
    operation_id="entries_move",
    summary="调整评审对象所在的评议组（仅准备中）",
)
def entries_move(request: HttpRequest, round_id: str, entry_id: str, payload: RoundEntryMoveIn):
    entry = rounds.entry_move(
        actor=request.auth,
        round_id=round_id,
        entry_id=entry_id,
        group_id=payload.group_id,
        ip=client_ip(request),
    )
    entry = rounds.round_entries(row=entry.round).get(pk=entry.pk)
    return _entry(entry)


@router.post(
    "/rounds/{round_id}/draw",
    auth=api_auth,
    response={200: RoundOut, **ERRORS},
    operation_id="rounds_draw",
    summary="随机抽取评审专家（每批次一次；同一单位和已申请回避的专家自动排除；记录随机种子）",
)
def rounds_draw(request: HttpRequest, round_id: str):
    draw.round_draw(actor=request.auth, round_id=round_id, ip=client_ip(request))
    return round_out(request.auth, rounds.round_for_office(actor=request.auth, round_id=round_id))


@router.get(
    "/rounds/{round_id}/draw/verify",
    auth=api_auth,
    response={200: RoundDrawVerifyOut, **ERRORS},
    operation_id="draw_verify",
    summary="以记录的随机种子和候选名单重新运行抽取，核对结果是否一致",
)
def draw_verify(request: HttpRequest, round_id: str):
    return draw.draw_verify(actor=request.auth, round_id=round_id)


@router.post(
    "/conflicts/",
    auth=api_auth,
    response={201: ConflictOut, **ERRORS},
    operation_id="conflicts_declare",
    summary="申请回避（抽取的评审专家，对本组申报人）或登记回避（评委会办事机构，须指定专家）；评审会议开始后不能登记",
)
def conflicts_declare(request: HttpRequest, payload: ConflictIn):
    row = conflicts.conflict_declare(
        actor=request.auth,
        entry_id=payload.entry_id,
        reason=payload.reason,
        expert_id=payload.expert_id,
        ip=client_ip(request),
    )
    return Status(
        201,
        {
            "id": row.pk,
            "entry_id": row.entry_id,
            "expert_id": row.expert_id,
            "source": row.source,
            "source_label": row.get_source_display(),
            "reason": row.reason,
            "declared_at": row.declared_at,
        },
    )


@router.get(
    "/assignments/",
    auth=api_auth,
    response={200: list[AssignmentRoundOut], **ERRORS},
    operation_id="expert_assignments",
    summary="我的评审任务（评审专家）：抽取后所在评议组的申报人，已回避的不列出",
)
def expert_assignments(request: HttpRequest):
    return [
        {
            "round_id": task["round"].pk,
            "round": task["round"].name,
            "committee": task["round"].committee.name,
            "meeting_date": task["round"].meeting_date,
            "status_label": task["round"].get_status_display(),
            "group": task["group"].name,
            "entries": [
                {
                    "entry_id": e.pk,
                    "name": e.application.applicant.name,
                    "unit": e.application.unit.name,
                    "series": e.application.series.name,
                    "title": e.application.title.name,
                }
                for e in task["entries"]
            ],
        }
        for task in conflicts.expert_assignments(actor=request.auth)
    ]
