"""/api/v1/units/suspensions/: 暂停推荐 (seed 必读 (一)2). The city bureau lists, decides and lifts
suspensions; any signed-in user reads the ones that concern them (`mine`: a unit admin's unit, an
applicant's unit). Thin: the same functions as the pages (orgs/suspension.py)."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status

from accounts.auth import api_auth
from core.http import client_ip

from . import suspension
from .suspension_models import UnitSuspension

router = Router(tags=["暂停推荐"])


class SuspensionErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]]


ERRORS = {400: SuspensionErrorOut, 403: SuspensionErrorOut, 404: SuspensionErrorOut, 409: SuspensionErrorOut}


class UnitSuspensionOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    year: int
    reason: str
    document: str
    rectify_by: date | None
    created_by: str
    created_at: datetime
    active: bool
    lifted_at: datetime | None
    lift_reason: str
    lift_document: str


class UnitSuspensionPage(Schema):
    count: int
    page: int
    items: list[UnitSuspensionOut]


class UnitSuspensionIn(Schema):
    """unit_id: a unit or personnel agency; year: next year (the seed's) or this year;
    rectify_by: YYYY-MM-DD, optional."""

    unit_id: int | str | None = None
    year: int | str | None = None
    reason: str | None = None
    document: str | None = None
    rectify_by: str | None = None


class UnitSuspensionLiftIn(Schema):
    reason: str | None = None
    document: str | None = None


class UnitSuspensionNoticeOut(Schema):
    id: int
    unit_name: str
    year: int
    message: str


def _name(user) -> str:
    return (user.name or user.username) if user is not None else ""


def suspension_out(row: UnitSuspension) -> dict:
    return {
        "id": row.pk,
        "unit_id": row.unit_id,
        "unit_name": row.unit.name,
        "year": row.year,
        "reason": row.reason,
        "document": row.document,
        "rectify_by": row.rectify_by,
        "created_by": _name(row.created_by),
        "created_at": row.created_at,
        "active": row.is_active,
        "lifted_at": row.lifted_at,
        "lift_reason": row.lift_reason,
        "lift_document": row.lift_document,
    }


@router.get(
    "/mine",
    auth=api_auth,
    response=list[UnitSuspensionNoticeOut],
    operation_id="units_suspensions_mine",
    summary="本人所在单位（或本单位）本年度及以后被暂停职称申报推荐工作的情况",
)
def suspensions_mine(request: HttpRequest):
    rows = suspension.applicant_notices(unit_id=request.auth.organisation_id)
    return [
        {"id": r.pk, "unit_name": r.unit.name, "year": r.year, "message": suspension.applicant_notice(r)}
        for r in rows
    ]


@router.get(
    "/",
    auth=api_auth,
    response={200: UnitSuspensionPage, 403: SuspensionErrorOut},
    operation_id="units_suspensions_list",
    summary="暂停推荐记录（市人社局）：可按年度（year）和状态（state：active 暂停中 / lifted 已解除）筛选",
)
def suspensions_list(
    request: HttpRequest, year: str = "", state: str = "", page: int = 1, page_size: int = 20
):
    qs = suspension.suspensions_list(actor=request.auth, year=year, state=state)
    page = max(page, 1)
    page_size = min(max(page_size, 1), 100)
    start = (page - 1) * page_size
    return {
        "count": qs.count(),
        "page": page,
        "items": [suspension_out(r) for r in qs[start : start + page_size]],
    }


@router.post(
    "/",
    auth=api_auth,
    response={201: UnitSuspensionOut, **ERRORS},
    operation_id="units_suspension_create",
    summary="暂停单位下一年度职称申报推荐工作限期整改（市人社局）：须写明原因和文件文号",
)
def suspension_create(request: HttpRequest, payload: UnitSuspensionIn):
    row = suspension.suspension_create(
        actor=request.auth,
        unit_id=payload.unit_id,
        year=payload.year,
        reason=payload.reason,
        document=payload.document,
        rectify_by=payload.rectify_by,
        ip=client_ip(request),
    )
    return Status(201, suspension_out(row))


@router.post(
    "/{suspension_id}/lift",
    auth=api_auth,
    response={200: UnitSuspensionOut, **ERRORS},
    operation_id="units_suspension_lift",
    summary="单位整改完成，提前解除暂停（市人社局）：须写明整改情况",
)
def suspension_lift(request: HttpRequest, suspension_id: str, payload: UnitSuspensionLiftIn):
    row = suspension.suspension_lift(
        actor=request.auth,
        suspension_id=suspension_id,
        reason=payload.reason,
        document=payload.document or "",
        ip=client_ip(request),
    )
    return suspension_out(row)
