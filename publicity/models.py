"""Public notices (公示, rules 2 and 3) and the objections lodged against them (异议, rule 4).

A `Publicity` is published by a unit (单位公示) or, for the pre-review and result notices, by a
committee's office (or the city bureau): exactly one of `publisher_org` / `publisher_committee`
is set. Its entries are frozen copies of what the notice shows (the ID number only masked), so a
later change of a person's data never changes a published notice. An `Objection` concerns one
entry (and so one application); while it is unresolved the application cannot be passed
(`publicity.selectors.objection_hold`, asked by the state machine)."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q


class PublicityKind(models.TextChoices):
    UNIT = "unit", "单位公示"
    PRE_REVIEW = "pre_review", "评前公示"
    RESULT = "result", "评审结果公示"


class PublicityState(models.TextChoices):
    UPCOMING = "upcoming", "未开始"
    OPEN = "open", "公示中"
    CLOSED = "closed", "已结束"


class Publicity(models.Model):
    kind = models.CharField("公示类别", max_length=20, choices=PublicityKind.choices)
    publisher_org = models.ForeignKey(
        "orgs.Organisation",
        verbose_name="发布单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    publisher_committee = models.ForeignKey(
        "orgs.Committee",
        verbose_name="发布评委会",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField("标题", max_length=100)
    body = models.TextField("公示说明", blank=True)
    start_date = models.DateField("公示开始日期")
    end_date = models.DateField("公示结束日期")
    workdays = models.PositiveSmallIntegerField("公示工作日数", editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发布人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("发布时间", auto_now_add=True)

    class Meta:
        verbose_name = "公示"
        verbose_name_plural = "公示"
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(publisher_org__isnull=False) & Q(publisher_committee__isnull=True))
                | (Q(publisher_org__isnull=True) & Q(publisher_committee__isnull=False)),
                name="publicity_one_publisher",
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="publicity_period_order"
            ),
        ]
        indexes = [models.Index(fields=["end_date", "start_date"])]

    def __str__(self) -> str:
        return self.title

    @property
    def publisher_name(self) -> str:
        if self.publisher_committee_id:
            return str(self.publisher_committee)
        return str(self.publisher_org) if self.publisher_org_id else ""

    def state_on(self, today: date) -> str:
        if today < self.start_date:
            return PublicityState.UPCOMING
        if today > self.end_date:
            return PublicityState.CLOSED
        return PublicityState.OPEN


class PublicityEntry(models.Model):
    """One applicant on a notice: what the notice shows, frozen when it was published."""

    publicity = models.ForeignKey(Publicity, on_delete=models.CASCADE, related_name="entries")
    application = models.ForeignKey(
        "applications.Application",
        verbose_name="申报",
        on_delete=models.PROTECT,
        related_name="publicity_entries",
    )
    order = models.PositiveIntegerField("序号")
    name = models.CharField("姓名", max_length=40)
    unit_name = models.CharField("工作单位", max_length=200)
    series_name = models.CharField("系列", max_length=100)
    level_label = models.CharField("申报层级", max_length=20)
    title_name = models.CharField("申报职称", max_length=100)
    id_number_masked = models.CharField("身份证号（脱敏）", max_length=18)
    # Seed 必读 (三)1: a unit notice shows the applicant's 学历、资历条件及学术、业绩成果 (the
    # pre-review notice too); frozen from the submitted snapshot (publicity/entry_details.py). Never
    # a phone number or a full ID number. Empty on a result notice.
    education = models.CharField("学历", max_length=200, blank=True, default="")
    qualifications = models.JSONField("资历条件", default=list, blank=True)
    achievements = models.JSONField("学术、业绩成果", default=list, blank=True)

    class Meta:
        verbose_name = "公示人员"
        verbose_name_plural = "公示人员"
        ordering = ["publicity", "order"]
        constraints = [
            models.UniqueConstraint(fields=["publicity", "application"], name="publicity_entry_once"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.id_number_masked}）"


class ObjectionStatus(models.TextChoices):
    RECEIVED = "received", "待受理"
    ACCEPTED = "accepted", "已受理"
    VERIFYING = "verifying", "核实中"
    NOT_ACCEPTED = "not_accepted", "不予受理"
    CONCLUDED = "concluded", "已办结"


# An objection in one of these holds its application (rule 4).
OPEN_STATUSES = (ObjectionStatus.RECEIVED, ObjectionStatus.ACCEPTED, ObjectionStatus.VERIFYING)
RESOLVED_STATUSES = (ObjectionStatus.NOT_ACCEPTED, ObjectionStatus.CONCLUDED)


def _generated_path(folder: str, content_type: str) -> str:
    """A generated name: nothing of the uploaded file name reaches the storage."""
    ext = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}.get(content_type, "bin")
    return f"publicity/{folder}/{uuid.uuid4().hex}.{ext}"


def objection_file_path(instance: Objection, filename: str) -> str:
    return _generated_path("objections", instance.attachment_content_type)


class Objection(models.Model):
    publicity = models.ForeignKey(
        Publicity, verbose_name="公示", on_delete=models.PROTECT, related_name="objections"
    )
    entry = models.ForeignKey(
        PublicityEntry, verbose_name="被反映人", on_delete=models.PROTECT, related_name="objections"
    )
    # A copy of entry.application: the hold is asked per application on every pass.
    application = models.ForeignKey(
        "applications.Application", verbose_name="申报", on_delete=models.PROTECT, related_name="objections"
    )
    objector_name = models.CharField("异议人姓名", max_length=40)
    objector_phone = models.CharField("联系电话", max_length=11)
    facts = models.TextField("异议事实")
    attachment = models.FileField("证明材料", upload_to=objection_file_path, max_length=200, blank=True)
    attachment_content_type = models.CharField("证明材料类型", max_length=40, blank=True)
    attachment_size = models.PositiveIntegerField("证明材料大小（字节）", null=True, blank=True)
    ip = models.GenericIPAddressField("IP", null=True, blank=True)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)

    handling_status = models.CharField(
        "办理状态", max_length=20, choices=ObjectionStatus.choices, default=ObjectionStatus.RECEIVED
    )
    # Set when the objection is concluded (已办结): True = 异议成立, False = 不成立. An upheld
    # objection on a unit notice keeps the unit from recommending (seed 必读 (三)1: 公示无异议的方可
    # 推荐); on a pre-review notice it keeps the application from being filed (必读 (三)2).
    upheld = models.BooleanField("异议是否成立", null=True, blank=True)
    acceptance_note = models.TextField("受理意见", blank=True)
    verification = models.TextField("核实情况", blank=True)
    outcome = models.TextField("处理结果", blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="办理人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField("办理时间", null=True, blank=True)
    resolved_at = models.DateTimeField("办结时间", null=True, blank=True)

    class Meta:
        verbose_name = "异议"
        verbose_name_plural = "异议"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["application", "handling_status"]),
            models.Index(fields=["ip", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"对{self.entry.name}的异议（{self.get_handling_status_display()}）"

    @property
    def is_open(self) -> bool:
        return self.handling_status in OPEN_STATUSES

    @property
    def finding_label(self) -> str:
        if self.upheld is None:
            return ""
        return "异议成立" if self.upheld else "异议不成立"


# --- 评前公示 → 备案 (seed 必读 (三)2) -----------------------------------------------------------------


class FilingAuthority(models.TextChoices):
    """报送省、市人力资源和社会保障部门备案: where the office files the applicants it will submit."""

    PROVINCE = "province", "云南省人力资源和社会保障厅"
    CITY = "city", "昆明市人力资源和社会保障局"
    BOTH = "both", "云南省人力资源和社会保障厅、昆明市人力资源和社会保障局"


def filing_receipt_path(instance: PreReviewFiling, filename: str) -> str:
    return _generated_path("filings", instance.receipt_content_type)


class PreReviewFiling(models.Model):
    """The committee office (or the city bureau) filed the applicants of a closed 评前公示 with the
    provincial and city HR departments: who, when, the document number and, optionally, the
    scanned receipt. Only an applicant whose pre-review notice ended without an unresolved or
    upheld objection is filed ("公示无异议的方可提交备案"); the committee may decide only on a filed
    application (publicity.selectors.prereview_filed)."""

    notice = models.ForeignKey(
        Publicity, verbose_name="评前公示", on_delete=models.PROTECT, related_name="filings"
    )
    filed_with = models.CharField("备案部门", max_length=20, choices=FilingAuthority.choices)
    document_number = models.CharField("备案文号", max_length=100)
    filed_on = models.DateField("报送备案日期")
    note = models.TextField("备注", blank=True)
    receipt = models.FileField("备案回执", upload_to=filing_receipt_path, max_length=200, blank=True)
    receipt_content_type = models.CharField("回执类型", max_length=40, blank=True)
    receipt_size = models.PositiveIntegerField("回执大小（字节）", null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="经办人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "评前公示备案"
        verbose_name_plural = "评前公示备案"
        ordering = ["-filed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.notice.title} 备案（{self.document_number}）"


class PreReviewFiledApplication(models.Model):
    """One application filed: at most once (the constraint keeps two offices' clicks apart)."""

    filing = models.ForeignKey(PreReviewFiling, on_delete=models.CASCADE, related_name="items")
    entry = models.ForeignKey(
        PublicityEntry, verbose_name="公示人员", on_delete=models.PROTECT, related_name="+"
    )
    application = models.OneToOneField(
        "applications.Application",
        verbose_name="申报",
        on_delete=models.PROTECT,
        related_name="prereview_filing",
    )

    class Meta:
        verbose_name = "已备案申报"
        verbose_name_plural = "已备案申报"
        ordering = ["filing", "entry__order"]

    def __str__(self) -> str:
        return f"{self.entry.name}（{self.filing.document_number}）"
