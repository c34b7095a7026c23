"""/api/v1/evaluation/experts…: the 评审专家库 for the committee office (issue 13 item 1). Thin: the
same functions as the pages (evaluation/pool.py, pool_import.py, pool_selectors.py)."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile

from accounts.auth import api_auth
from core.errors import ServiceError
from core.http import client_ip

from . import pool, pool_import, pool_selectors
from .api_errors import ERRORS, EvaluationErrorOut
from .models import PoolMembership

router = Router(tags=["评审专家库"])


class PoolImportProblemOut(Schema):
    row: int
    field: str
    column: str
    message: str


class PoolImportErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]]
    rows: list[PoolImportProblemOut]


class PoolExpertOut(Schema):
    id: int  # the membership (this pool's row): the id of suspend / restore / disqualify
    expert_id: int
    username: str
    name: str
    unit_name: str
    title: str
    level: str
    level_label: str
    series: list[str]
    specialties: list[str]
    phone: str
    term_start: date
    term_end: date
    term_state: str  # running / expired / upcoming
    status: str  # active / suspended / disqualified
    status_label: str
    reason: str


class PoolExpertPage(Schema):
    count: int
    page: int
    minimum: int
    serving: int
    problems: list[str]
    items: list[PoolExpertOut]


class PoolExpertIn(Schema):
    """level: senior_full / senior_associate / intermediate / assistant / junior (or 正高级…);
    series: series ids or names; specialties: one text, 、 between them; dates YYYY-MM-DD."""

    name: str | None = None
    unit_name: str | None = None
    title: str | None = None
    level: str | None = None
    series: list[int | str] | None = None
    specialties: str | None = None
    phone: str | None = None
    term_start: str | None = None
    term_end: str | None = None


class PoolReasonIn(Schema):
    reason: str | None = None


class PoolImportOut(Schema):
    created: int
    reused: int
    items: list[PoolExpertOut]


def expert_out(row: PoolMembership) -> dict:
    expert = row.expert
    return {
        "id": row.pk,
        "expert_id": expert.pk,
        "username": expert.user.username,
        "name": expert.name,
        "unit_name": expert.unit_name,
        "title": expert.title,
        "level": expert.level,
        "level_label": expert.get_level_display(),
        "series": [s.name for s in expert.series.all()],
        "specialties": expert.specialty_list(),
        "phone": expert.phone,
        "term_start": row.term_start,
        "term_end": row.term_end,
        "term_state": pool_selectors.term_state(row),
        "status": row.status,
        "status_label": row.get_status_display(),
        "reason": row.reason,
    }


def _fresh(row: PoolMembership) -> PoolMembership:
    return (
        PoolMembership.objects.select_related("expert__user")
        .prefetch_related("expert__series")
        .get(pk=row.pk)
    )


@router.get(
    "/experts",
    auth=api_auth,
    response={200: PoolExpertPage, 403: EvaluationErrorOut},
    operation_id="experts_list",
    summary=(
        "评审专家库（评委会办事机构）：可按状态、评审系列、评审专业、"
        "聘期（running 聘期内 / expired 聘期已满 / upcoming 未开始）和姓名筛选"
    ),
)
def experts_list(
    request: HttpRequest,
    status: str = "",
    series: str = "",
    specialty: str = "",
    term: str = "",
    q: str = "",
    page: int = 1,
    page_size: int = 50,
):
    qs = pool_selectors.pool_list(
        actor=request.auth, status=status, series=series, specialty=specialty, term=term, q=q
    ).select_related("expert__user")
    committee = request.auth.committee
    size = pool.pool_size(committee=committee)
    page = max(page, 1)
    page_size = min(max(page_size, 1), 200)
    start = (page - 1) * page_size
    return {
        "count": qs.count(),
        "page": page,
        "minimum": size.minimum,
        "serving": size.count,
        "problems": size.problems,
        "items": [expert_out(r) for r in qs[start : start + page_size]],
    }


@router.post(
    "/experts",
    auth=api_auth,
    response={201: PoolExpertOut, **ERRORS},
    operation_id="experts_create",
    summary="新增专家（评委会办事机构）：无账号的专家自动开设评审专家账号，临时密码短信发送本人；已在其他专家库的专家按手机号码沿用",
)
def experts_create(request: HttpRequest, payload: PoolExpertIn):
    row = pool.expert_add(actor=request.auth, **payload.dict(), ip=client_ip(request))
    return Status(201, expert_out(_fresh(row)))


@router.post(
    "/experts/import",
    auth=api_auth,
    response={200: PoolImportOut, 400: PoolImportErrorOut, 403: EvaluationErrorOut, 409: EvaluationErrorOut},
    operation_id="experts_import",
    summary="批量导入专家（.xlsx，表头：姓名、工作单位、职称、职称层级、评审系列、评审专业、手机号码、聘期开始、聘期结束）：任何一行有误时不导入，返回每行的问题",
)
def experts_import(request: HttpRequest, file: UploadedFile | None = File(None)):  # noqa: B008
    if file is None:
        raise ServiceError.fields({"file": ["请选择要导入的 .xlsx 文件。"]})
    if file.size > pool_import.max_bytes():
        raise ServiceError.fields({"file": [f"文件不能超过 {pool_import.max_bytes() // 1024 // 1024} MB。"]})
    try:
        result = pool_import.experts_import(
            actor=request.auth, content=file.read(), filename=file.name or "", ip=client_ip(request)
        )
    except pool_import.ImportRefused as exc:
        return Status(
            400, {"detail": exc.detail, "errors": exc.errors, "rows": [p.as_dict() for p in exc.problems]}
        )
    return {
        "created": len(result.created),
        "reused": result.reused,
        "items": [expert_out(_fresh(r)) for r in result.created],
    }


@router.post(
    "/experts/{membership_id}/suspend",
    auth=api_auth,
    response={200: PoolExpertOut, **ERRORS},
    operation_id="experts_suspend",
    summary="暂停专家（须写明原因）",
)
def experts_suspend(request: HttpRequest, membership_id: str, payload: PoolReasonIn):
    row = pool.expert_suspend(
        actor=request.auth, membership_id=membership_id, reason=payload.reason, ip=client_ip(request)
    )
    return expert_out(_fresh(row))


@router.post(
    "/experts/{membership_id}/restore",
    auth=api_auth,
    response={200: PoolExpertOut, **ERRORS},
    operation_id="experts_restore",
    summary="恢复暂停的专家为在库",
)
def experts_restore(request: HttpRequest, membership_id: str):
    row = pool.expert_restore(actor=request.auth, membership_id=membership_id, ip=client_ip(request))
    return expert_out(_fresh(row))


@router.post(
    "/experts/{membership_id}/disqualify",
    auth=api_auth,
    response={200: PoolExpertOut, **ERRORS},
    operation_id="experts_disqualify",
    summary="取消专家资格（须写明原因，不能恢复）",
)
def experts_disqualify(request: HttpRequest, membership_id: str, payload: PoolReasonIn):
    row = pool.expert_disqualify(
        actor=request.auth, membership_id=membership_id, reason=payload.reason, ip=client_ip(request)
    )
    return expert_out(_fresh(row))
