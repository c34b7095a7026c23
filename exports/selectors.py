"""Reads for exports: the owner's jobs (nobody else's: another user's job is "not found") and the
applications a photo or review-form export covers."""

from __future__ import annotations

from django.db.models import QuerySet

from applications.models import Application
from core.errors import NotFound
from reviews.selectors import review_scope

from .models import PENDING_STATUSES, ExportJob

NOT_FOUND = "未找到该导出文件。"


def export_list(*, actor) -> QuerySet[ExportJob]:
    """The actor's jobs, newest first."""
    if not getattr(actor, "is_authenticated", False):
        return ExportJob.objects.none()
    return ExportJob.objects.filter(owner=actor).order_by("-created_at", "-id")


def export_get(*, actor, job_id) -> ExportJob:
    try:
        pk = int(str(job_id))
    except (TypeError, ValueError):
        raise NotFound(NOT_FOUND) from None
    job = export_list(actor=actor).filter(pk=pk).first()
    if job is None:
        raise NotFound(NOT_FOUND)
    return job


def pending_count(*, actor) -> int:
    return export_list(actor=actor).filter(status__in=PENDING_STATUSES).count()


def committee_applications(*, actor, committee: int, year: int | None = None) -> QuerySet[Application]:
    """The submitted applications of `committee` in the actor's scope (optionally one year), in
    a stable order: what the photo and review-form ZIPs hold."""
    applications = review_scope(actor=actor).filter(committee_id=committee, snapshot__isnull=False)
    if year is not None:
        applications = applications.filter(year=year)
    return applications.order_by("unit_id", "submitted_at", "pk")
