"""What follows a meeting's fixed result (issue 13, items 8–10): its 核准/备案 (人社部令第40号,
rule 33), an applicant's 复查 (rule 34) and the revocation of a title obtained by fraud (rules 1,
35). A result itself is the meeting's `Tally` (counts, outcome, fixed_at); the application's status
and its ReviewEvent trail move through the state machine (applications/result_transitions.py).
Strings refer to the other evaluation models, so this module does not import models.py back."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class AppealDecision(models.TextChoices):
    KEPT = "kept", "维持原评审结果"
    RECONSIDER = "reconsider", "重新评议"


class Appeal(models.Model):
    """复查申请 (rule 34): the applicant asks, within the result notice's period, for a review of
    one fixed result, with reasons; the committee office decides 维持 or 重新评议 (the latter sends
    the application back to wait for the next meeting). One appeal per result."""

    application = models.ForeignKey(
        "applications.Application", verbose_name="申报", on_delete=models.PROTECT, related_name="appeals"
    )
    tally = models.ForeignKey(
        "evaluation.Tally", verbose_name="评审结果", on_delete=models.PROTECT, related_name="appeals"
    )
    reasons = models.TextField("复查理由")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="申请人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("申请时间", auto_now_add=True)
    decision = models.CharField("复查结论", max_length=20, choices=AppealDecision.choices, blank=True)
    decision_note = models.TextField("复查意见", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="办理人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField("办结时间", null=True, blank=True)

    class Meta:
        verbose_name = "复查申请"
        verbose_name_plural = "复查申请"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["tally"], name="evaluation_one_appeal_per_result"),
            models.CheckConstraint(
                condition=Q(decision="") | Q(decided_at__isnull=False), name="evaluation_appeal_decided_at"
            ),
        ]

    def __str__(self) -> str:
        return f"复查申请 #{self.pk}"

    @property
    def is_open(self) -> bool:
        return not self.decision


class ResultConfirmation(models.Model):
    """核准/备案 (rule 33) of a 评审通过 whose result notice ended with no objection upheld: by the
    committee office, or the city bureau for a provincial committee; document number and date. The
    title then joins the person's 现有职称情况 (`title_entry`)."""

    tally = models.OneToOneField(
        "evaluation.Tally", verbose_name="评审结果", on_delete=models.PROTECT, related_name="confirmation"
    )
    application = models.OneToOneField(
        "applications.Application",
        verbose_name="申报",
        on_delete=models.PROTECT,
        related_name="result_confirmation",
    )
    document_number = models.CharField("核准（备案）文号", max_length=100)
    confirmed_on = models.DateField("核准（备案）日期")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="经办人", on_delete=models.PROTECT, related_name="+"
    )
    title_entry = models.ForeignKey(
        "dossier.DossierEntry",
        verbose_name="记入的现有职称",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "评审结果核准（备案）"
        verbose_name_plural = "评审结果核准（备案）"
        ordering = ["-confirmed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.document_number}（{self.confirmed_on}）"


class Revocation(models.Model):
    """撤销职称 (rules 1, 35): a confirmed title obtained by fraud, revoked by the city bureau or the
    committee's organiser with a reason and a document; the integrity record of 3 years it wrote."""

    application = models.OneToOneField(
        "applications.Application", verbose_name="申报", on_delete=models.PROTECT, related_name="revocation"
    )
    confirmation = models.OneToOneField(
        ResultConfirmation, verbose_name="核准（备案）", on_delete=models.PROTECT, related_name="revocation"
    )
    reason = models.TextField("撤销事由")
    document_number = models.CharField("撤销文号", max_length=100)
    revoked_on = models.DateField("撤销日期")
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="经办人", on_delete=models.PROTECT, related_name="+"
    )
    integrity_record = models.ForeignKey(
        "applications.IntegrityRecord",
        verbose_name="诚信档案",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "撤销职称"
        verbose_name_plural = "撤销职称"
        ordering = ["-revoked_on", "-pk"]

    def __str__(self) -> str:
        return f"撤销 {self.document_number}"
