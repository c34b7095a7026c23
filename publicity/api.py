"""/api/v1/publicity/: public notices (公示, rules 2 and 3) and objections (异议, rule 4).

Reading notices and lodging an objection need no sign-in; publishing a notice and handling an
objection are the publisher's (bearer token or session). Thin: the same services as the pages.

Routes are declared in a fixed order, the fixed paths before "/{notice_id}" (which would otherwise
be tried first for them): GET /, POST /, POST /objections/{id}/handle, GET /{id},
POST /{id}/objections."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from accounts.auth import api_auth
from core.http import client_ip

from . import selectors
from .models import Objection, Publicity, PublicityState
from .services import objection_create, objection_handle, publicity_create

router = Router(tags=["公示与异议"])
PAGE_SIZE_MAX = 100


class Error(Schema):
    detail: str
    errors: dict[str, list[str]]


ERRORS = {400: Error, 403: Error, 404: Error, 409: Error, 429: Error}


class EntryOut(Schema):
    id: int
    name: str
    unit_name: str
    series_name: str
    level_label: str
    title_name: str
    id_number_masked: str


class PublicityOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    body: str
    publisher: str
    start_date: date
    end_date: date
    workdays: int
    state: str
    state_label: str
    entry_count: int
    entries: list[EntryOut] | None = None


class PublicityPage(Schema):
    count: int
    page: int
    items: list[PublicityOut]


class PublicityIn(Schema):
    """kind: unit（单位公示，单位管理员）/ pre_review（评前公示）/ result（评审结果公示）（评委会办事机构、
    市人社局审核员）；dates as YYYY-MM-DD; application_ids: applications of the publisher's
    jurisdiction."""

    kind: str | None = None
    title: str | None = None
    body: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    application_ids: list[int | str] | None = None


class ObjectionOut(Schema):
    id: int
    publicity_id: int
    entry_id: int
    status: str
    status_label: str
    created_at: datetime


class ObjectionHandleIn(Schema):
    """status: accepted（已受理）/ verifying（核实中）/ not_accepted（不予受理，须写 acceptance_note）/
    concluded（已办结，须写 verification 和 outcome）。"""

    status: str | None = None
    acceptance_note: str | None = None
    verification: str | None = None
    outcome: str | None = None


class ObjectionHandledOut(ObjectionOut):
    acceptance_note: str
    verification: str
    outcome: str
    handled_at: datetime | None


def publicity_out(notice: Publicity, *, entries: list | None = None, today: date | None = None) -> dict:
    state = notice.state_on(today or timezone.localdate())
    entry_count = getattr(notice, "entry_count", None)
    if entry_count is None:
        entry_count = len(entries) if entries is not None else notice.entries.count()
    return {
        "id": notice.pk,
        "kind": notice.kind,
        "kind_label": notice.get_kind_display(),
        "title": notice.title,
        "body": notice.body,
        "publisher": notice.publisher_name,
        "start_date": notice.start_date,
        "end_date": notice.end_date,
        "workdays": notice.workdays,
        "state": state,
        "state_label": PublicityState(state).label,
        "entry_count": entry_count,
        "entries": (
            [
                {
                    "id": e.pk,
                    "name": e.name,
                    "unit_name": e.unit_name,
                    "series_name": e.series_name,
                    "level_label": e.level_label,
                    "title_name": e.title_name,
                    "id_number_masked": e.id_number_masked,
                }
                for e in entries
            ]
            if entries is not None
            else None
        ),
    }


def objection_out(objection: Objection) -> dict:
    return {
        "id": objection.pk,
        "publicity_id": objection.publicity_id,
        "entry_id": objection.entry_id,
        "status": objection.handling_status,
        "status_label": objection.get_handling_status_display(),
        "created_at": objection.created_at,
    }


@router.get(
    "/",
    response=PublicityPage,
    operation_id="publicity_list",
    summary="公示公告列表（无需登录）：公示中在前，其次未开始，再次近期已结束",
)
def publicity_list(request: HttpRequest, kind: str = "", page: int = 1, page_size: int = 20):
    today = timezone.localdate()
    page = max(page, 1)
    page_size = min(max(page_size, 1), PAGE_SIZE_MAX)
    qs = selectors.public_list(kind=kind, today=today)
    start = (page - 1) * page_size
    items = list(qs[start : start + page_size])
    return {"count": qs.count(), "page": page, "items": [publicity_out(n, today=today) for n in items]}


@router.post(
    "/",
    auth=api_auth,
    response={201: PublicityOut, **ERRORS},
    operation_id="publicity_create",
    summary="发布公示（单位公示：单位管理员；评前公示、评审结果公示：评委会办事机构或市人社局审核员）",
)
def publicity_create_endpoint(request: HttpRequest, payload: PublicityIn):
    notice = publicity_create(
        actor=request.auth,
        kind=payload.kind,
        title=payload.title,
        body=payload.body or "",
        start_date=payload.start_date,
        end_date=payload.end_date,
        application_ids=payload.application_ids or [],
        ip=client_ip(request),
    )
    return Status(201, publicity_out(notice, entries=selectors.entries_of(notice=notice)))


@router.post(
    "/objections/{objection_id}/handle",
    auth=api_auth,
    response={200: ObjectionHandledOut, **ERRORS},
    operation_id="publicity_objection_handle",
    summary="办理异议：受理、核实、处理结果（仅公示发布单位）",
)
def publicity_objection_handle(request: HttpRequest, objection_id: str, payload: ObjectionHandleIn):
    objection = objection_handle(
        actor=request.auth,
        objection_id=objection_id,
        status=payload.status,
        acceptance_note=payload.acceptance_note or "",
        verification=payload.verification or "",
        outcome=payload.outcome or "",
        ip=client_ip(request),
    )
    return {
        **objection_out(objection),
        "acceptance_note": objection.acceptance_note,
        "verification": objection.verification,
        "outcome": objection.outcome,
        "handled_at": objection.handled_at,
    }


@router.get(
    "/{notice_id}",
    response={200: PublicityOut, 404: Error},
    operation_id="publicity_get",
    summary="一则公示及公示人员（身份证号脱敏，无需登录）",
)
def publicity_get(request: HttpRequest, notice_id: str):
    notice = selectors.public_get(notice_id=notice_id)
    return publicity_out(notice, entries=selectors.entries_of(notice=notice))


@router.post(
    "/{notice_id}/objections",
    response={201: ObjectionOut, **ERRORS},
    operation_id="publicity_objection_create",
    summary="提出异议（无需登录，仅公示期内）",
    description=(
        "multipart/form-data：entry_id（被反映的公示人员，见 publicity_get 的 entries）、objector_name"
        "（异议人姓名）、objector_phone（联系电话，11 位手机号）、facts（异议事实）、attachment"
        "（证明材料，可选，JPG/PNG/PDF，按内容检查）。"
    ),
)
def publicity_objection_create(
    request: HttpRequest,
    notice_id: str,
    entry_id: str = Form(""),
    objector_name: str = Form(""),
    objector_phone: str = Form(""),
    facts: str = Form(""),
    attachment: UploadedFile | None = File(None),  # noqa: B008 - ninja parameter declaration
):
    objection = objection_create(
        notice_id=notice_id,
        entry_id=entry_id,
        objector_name=objector_name,
        objector_phone=objector_phone,
        facts=facts,
        attachment=attachment,
        ip=client_ip(request),
    )
    return Status(201, objection_out(objection))
