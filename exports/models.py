"""Export jobs (导出文件): a 花名册, all photos or all review forms of a list, made in the
background through core.tasks and kept as one file in Django's storage until it expires
(`manage.py exports_cleanup`). Only the owner sees a job and downloads its file."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from core.dates import datetime_label


class ExportKind(models.TextChoices):
    ROSTER = "roster", "花名册"
    PHOTOS = "photos", "照片"
    REVIEW_FORMS = "review_forms", "申报评审表"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "生成中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


PENDING_STATUSES = (ExportStatus.QUEUED, ExportStatus.RUNNING)

CONTENT_TYPES = {
    ExportKind.ROSTER: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportKind.PHOTOS: "application/zip",
    ExportKind.REVIEW_FORMS: "application/zip",
}
EXTENSIONS = {ExportKind.ROSTER: "xlsx", ExportKind.PHOTOS: "zip", ExportKind.REVIEW_FORMS: "zip"}


def export_path(instance: ExportJob, filename: str) -> str:
    """A generated name: nothing of the download name reaches the storage."""
    ext = EXTENSIONS.get(instance.kind, "bin")
    return f"exports/{instance.owner_id}/{uuid.uuid4().hex}.{ext}"


class ExportJob(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="导出人", on_delete=models.CASCADE, related_name="export_jobs"
    )
    kind = models.CharField("导出内容", max_length=20, choices=ExportKind.choices)
    # The checked parameters: the queue's filters for a 花名册 (QueueFilters.as_query()), the
    # committee and optionally the year for photos and review forms.
    params = models.JSONField("导出条件", default=dict, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    done = models.PositiveIntegerField("已完成条数", default=0)
    total = models.PositiveIntegerField("总条数", null=True, blank=True)
    file = models.FileField("文件", upload_to=export_path, max_length=200, blank=True)
    filename = models.CharField("下载文件名", max_length=200, blank=True)
    size = models.PositiveBigIntegerField("大小（字节）", null=True, blank=True)
    error = models.TextField("失败原因", blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "导出文件"
        verbose_name_plural = "导出文件"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="export_owner_created")]

    def __str__(self) -> str:
        if not self.created_at:
            return self.kind
        return f"{self.get_kind_display()} {datetime_label(self.created_at)}"

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING_STATUSES

    @property
    def is_ready(self) -> bool:
        return self.status == ExportStatus.DONE and bool(self.file)

    @property
    def percent(self) -> int:
        """0–100: done of total (100 once done; 0 while the total is not known)."""
        if self.status == ExportStatus.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES.get(self.kind, "application/octet-stream")
