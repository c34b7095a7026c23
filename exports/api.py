"""/api/v1/exports/: export jobs for API clients — create one (exports_create), read its status
and progress (exports_get), list them (exports_list) and download the finished file
(exports_file). The same services and selectors as the pages; someone else's job is 404."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema, Status

from accounts.auth import api_auth
from core.errors import NotFound

from .models import ExportJob
from .selectors import export_get, export_list
from .services import export_create
from .views import file_response

router = Router(tags=["导出"])

LIST_MAX = 50


class Error(Schema):
    detail: str
    errors: dict[str, list[str]]


ERRORS = {400: Error, 403: Error, 404: Error, 409: Error}


class ExportIn(Schema):
    """kind: roster（花名册）、photos（全部照片 ZIP）或 review_forms（全部申报评审表 ZIP）。
    params: 花名册为审核列表的筛选条件（tab、year、committee、series、level、status、unit、
    district、q、sort，与 reviews_queue 相同）；照片和申报评审表为 committee（默认本评委会）和
    year（可选）。"""

    kind: str = ""
    params: dict[str, Any] = {}


class ExportOut(Schema):
    id: int
    kind: str
    kind_label: str
    params: dict[str, Any]
    status: str
    status_label: str
    done: int
    total: int | None
    percent: int
    filename: str
    size: int | None
    error: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    download_url: str | None


def export_out(job: ExportJob) -> dict:
    return {
        "id": job.pk,
        "kind": job.kind,
        "kind_label": job.get_kind_display(),
        "params": job.params,
        "status": job.status,
        "status_label": job.get_status_display(),
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "filename": job.filename,
        "size": job.size,
        "error": job.error,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
        "download_url": reverse("api:exports_file", args=[job.pk]) if job.is_ready else None,
    }


@router.post(
    "",
    auth=api_auth,
    response={201: ExportOut, **ERRORS},
    operation_id="exports_create",
    summary="创建导出（花名册、全部照片或全部申报评审表），在后台生成",
    description=(
        "花名册：任何审核单位，内容为其审核列表（与 reviews_queue 相同的筛选条件）；照片和申报评审表："
        "仅评委会办事机构，内容为本评委会已提交的申报。生成进度与下载地址见 exports_get。"
    ),
)
def exports_create(request: HttpRequest, payload: ExportIn):
    job = export_create(actor=request.auth, kind=payload.kind, params=payload.params)
    job.refresh_from_db()  # the inline task backend may have finished it already
    return Status(201, export_out(job))


@router.get(
    "",
    auth=api_auth,
    response={200: list[ExportOut], **ERRORS},
    operation_id="exports_list",
    summary=f"我的导出（最近 {LIST_MAX} 个，新的在前）",
)
def exports_list(request: HttpRequest):
    return [export_out(job) for job in export_list(actor=request.auth)[:LIST_MAX]]


@router.get(
    "{int:job_id}",
    auth=api_auth,
    response={200: ExportOut, **ERRORS},
    operation_id="exports_get",
    summary="导出的状态、进度、文件名和下载地址（完成后）",
)
def exports_get(request: HttpRequest, job_id: int):
    return export_out(export_get(actor=request.auth, job_id=job_id))


@router.get(
    "{int:job_id}/file",
    auth=api_auth,
    response={200: None, **ERRORS},
    operation_id="exports_file",
    summary="下载已完成的导出文件（中文文件名）",
)
def exports_file(request: HttpRequest, job_id: int):
    job = export_get(actor=request.auth, job_id=job_id)
    if not job.is_ready:
        raise NotFound("导出文件尚未生成。")
    return file_response(job)
