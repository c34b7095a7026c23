"""会议纪要 (rule 32): the minutes of a closed meeting, archived once as PDF files through Django's
storage API and never regenerated. Two copies: the office's 办事机构存档本 names the experts
present; the 公开本 (for the chair and anyone else the office gives it to) says only how many
were present (rule 31: the experts' list is kept confidential). Neither links an expert to a vote.
Imported at the end of evaluation/models.py; the foreign keys name their models as strings."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class MinutesCopy(models.TextChoices):
    OFFICE = "office", "办事机构存档本"
    PUBLIC = "public", "公开本"


def minutes_path(instance: MeetingMinutes, filename: str) -> str:
    """A generated name: nothing of a committee's or a round's name reaches the storage."""
    return f"minutes/{instance.meeting_id}/{uuid.uuid4().hex}.pdf"


class MeetingMinutes(models.Model):
    """One archived copy of a meeting's minutes: generated on the first request after the meeting
    closed, then always served from the storage (its sha256 checked on every read)."""

    meeting = models.ForeignKey(
        "evaluation.Meeting", verbose_name="评审会议", on_delete=models.PROTECT, related_name="minutes"
    )
    copy = models.CharField("版本", max_length=10, choices=MinutesCopy.choices)
    file = models.FileField("文件", upload_to=minutes_path, max_length=200)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveIntegerField("大小（字节）")
    created_at = models.DateTimeField("生成时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="生成人", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "会议纪要"
        verbose_name_plural = "会议纪要"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "copy"], name="evaluation_minutes_one_per_copy")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · 会议纪要（{self.get_copy_display()}）"
