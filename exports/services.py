"""Writes for exports: create a job (checked, then run by core.tasks after commit) and delete the
expired ones. The work itself is exports/tasks.py."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.errors import Conflict, FieldErrors, Forbidden
from core.tasks import enqueue
from orgs.models import Committee
from reviews.export import export_filename
from reviews.queue import QueueFilters, queue_filters

from .models import ExportJob, ExportKind
from .permissions import can_export
from .selectors import pending_count

# The queue's filters a 花名册 takes (reviews.queue.queue_filters checks them).
ROSTER_PARAMS = ("tab", "year", "committee", "series", "level", "status", "unit", "district", "q", "sort")
# At most this many of one person's jobs queued or running at once.
MAX_PENDING = getattr(settings, "EXPORTS_MAX_PENDING", 3)
# Jobs and their files are deleted after this many days (manage.py exports_cleanup).
KEEP_DAYS = getattr(settings, "EXPORTS_KEEP_DAYS", 7)

KIND_MESSAGE = "请选择导出内容：花名册、照片或申报评审表。"


def _text(value) -> str | None:
    """Query-string and JSON values alike (numbers from the API, text from a form)."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else ""
    return str(value)


def roster_params(params: dict) -> QueueFilters:
    """The queue's filters of a 花名册 job (every problem at once, with the queue's messages)."""
    return queue_filters(**{key: _text(params.get(key)) for key in ROSTER_PARAMS})


def committee_params(*, actor, params: dict) -> dict:
    """Photos and review forms: the actor's own committee (the default) and optionally a year."""
    errors = FieldErrors()
    committee = _text(params.get("committee"))
    committee_id = actor.committee_id
    if committee not in (None, ""):
        try:
            committee_id = int(committee.strip())
        except ValueError:
            errors.add("committee", "评委会应为编号。")
        else:
            if committee_id != actor.committee_id:
                errors.add("committee", "只能导出本评委会的申报。")
    year = _text(params.get("year"))
    year_value = None
    if year not in (None, ""):
        try:
            year_value = int(year.strip())
        except ValueError:
            errors.add("year", "申报年度应为数字，如 2026。")
        else:
            if not 2000 <= year_value <= 2100:
                errors.add("year", "申报年度不正确。")
    errors.raise_if_any("导出条件有误，请按提示修改。")
    return {"committee": committee_id, "year": year_value}


def _committee_filename(prefix: str, params: dict) -> str:
    name = Committee.objects.filter(pk=params["committee"]).values_list("name", flat=True).first() or ""
    year = f"{params['year']}年" if params.get("year") else "全部年度"
    return f"{prefix}_{name}_{year}_{timezone.localdate():%Y%m%d}.zip"


def export_create(*, actor, kind: str, params: dict | None) -> ExportJob:
    """Check the kind, the actor's right and the parameters, save the job and queue it
    (exports.tasks.run_export runs after commit: inline by default, or on the task queue)."""
    kind = (kind or "").strip() if isinstance(kind, str) else ""
    if kind not in ExportKind.values:
        errors = FieldErrors()
        errors.add("kind", KIND_MESSAGE)
        errors.raise_if_any("导出条件有误，请按提示修改。")
    allowed, reason = can_export(actor, kind)
    if not allowed:
        raise Forbidden(reason)
    if params is None:
        params = {}
    if not isinstance(params, dict):
        errors = FieldErrors()
        errors.add("params", "导出条件格式不正确。")
        errors.raise_if_any("导出条件有误，请按提示修改。")
    if kind == ExportKind.ROSTER:
        filters = roster_params(params)
        clean = filters.as_query()
        filename = export_filename(filters)
    else:
        clean = committee_params(actor=actor, params=params)
        prefix = "照片" if kind == ExportKind.PHOTOS else "申报评审表"
        filename = _committee_filename(prefix, clean)
    if pending_count(actor=actor) >= MAX_PENDING:
        raise Conflict(f"已有 {MAX_PENDING} 个导出正在生成，请等其完成后再导出。")
    with transaction.atomic():
        job = ExportJob.objects.create(owner=actor, kind=kind, params=clean, filename=filename)
        enqueue("exports.tasks.run_export", job_id=job.pk)
    return job


def export_cleanup(*, days: int = KEEP_DAYS, now: datetime | None = None) -> int:
    """Delete the jobs created more than `days` days ago, with their files; returns how many.
    A job still queued or running that old is stuck (its worker died): it goes too."""
    cutoff = (now or timezone.now()) - timedelta(days=days)
    removed = 0
    for job in ExportJob.objects.filter(created_at__lt=cutoff).iterator(chunk_size=200):
        if job.file:
            job.file.delete(save=False)
        job.delete()
        removed += 1
    return removed
