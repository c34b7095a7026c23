"""What the administrators keep beside the applications: 诚信档案 (rule 1) and each committee's
required attachments."""

from django.db import models
from django.db.models import Q

from attachments.models import AttachmentKind


class IntegrityRecord(models.Model):
    """Rule 1: a title obtained by fraud is revoked and recorded for 3 years; no application then."""

    id_number = models.CharField("身份证号", max_length=18, db_index=True)
    name = models.CharField("姓名", max_length=40)
    reason = models.TextField("记录事由")
    recorded_on = models.DateField("记录日期")
    expires_on = models.DateField("记录期满", help_text="记录日期起 3 年")
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "诚信档案"
        verbose_name_plural = "诚信档案"
        ordering = ["-recorded_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gt=models.F("recorded_on")), name="integrity_expiry_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.recorded_on}"


class CommitteeRequiredAttachment(models.Model):
    """The attachments a committee requires (admin-configurable; defaults in applications/defaults.py)."""

    committee = models.ForeignKey(
        "orgs.Committee", on_delete=models.CASCADE, related_name="required_attachments"
    )
    kind = models.CharField("材料类别", max_length=30, choices=AttachmentKind.choices)
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "必传材料"
        verbose_name_plural = "必传材料"
        ordering = ["committee", "order"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "kind"], name="required_attachment_unique")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()
