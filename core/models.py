from django.conf import settings
from django.db import models

from core.dates import datetime_label


class AuditLog(models.Model):
    """Append-only record of an administrative action on an account or organisation
    (unlock, password reset, removal from a unit, unit rename…)."""

    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField("操作", max_length=64, db_index=True)
    target_type = models.CharField("对象类型", max_length=64)
    target_id = models.CharField("对象编号", max_length=64, db_index=True)
    target_label = models.CharField("对象", max_length=200)
    detail = models.JSONField("详情", default=dict, blank=True)
    ip = models.GenericIPAddressField("IP", null=True, blank=True)

    class Meta:
        verbose_name = "操作日志"
        verbose_name_plural = "操作日志"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{datetime_label(self.created_at)} {self.action} {self.target_label}"
