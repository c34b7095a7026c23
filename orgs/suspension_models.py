"""A unit's recommendation work suspended for a year (seed 必读 (一)2: 情节严重造成不良影响的，
暂停该单位下一年度职称申报推荐工作限期整改). Kept apart from orgs/models.py, which imports it at
its end so Django registers it with the orgs app. Written only through orgs/suspension.py, each
change with its audit row."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class UnitSuspension(models.Model):
    unit = models.ForeignKey(
        "orgs.Organisation", verbose_name="单位", on_delete=models.PROTECT, related_name="suspensions"
    )
    year = models.PositiveSmallIntegerField("暂停年度")
    reason = models.TextField("暂停原因")
    document = models.CharField("文件文号", max_length=100)
    rectify_by = models.DateField("整改期限", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="决定人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("暂停时间", default=timezone.now, editable=False)
    # Lifted early once the unit has rectified (整改完成，提前解除).
    lifted_at = models.DateTimeField("解除时间", null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="解除人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lift_reason = models.TextField("整改情况（解除原因）", blank=True)
    lift_document = models.CharField("解除文件文号", max_length=100, blank=True)

    class Meta:
        verbose_name = "暂停推荐"
        verbose_name_plural = "暂停推荐"
        ordering = ["-year", "-created_at", "-id"]
        constraints = [
            # One suspension in force per unit and year.
            models.UniqueConstraint(
                fields=["unit", "year"], condition=Q(lifted_at__isnull=True), name="suspension_one_active"
            ),
        ]
        indexes = [models.Index(fields=["unit", "year"])]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}年度暂停推荐"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None
