"""Applications (职称申报) and their review trail.

`Application.status` and `current_step` change only through applications/state.py (the state
machine): each transition locks the row, checks its guard and writes one append-only
ReviewEvent. The route is data: ReviewStep rows computed at submission."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from attachments.models import AttachmentKind
from catalog.models import Level
from core.dates import datetime_label, deadline_label

from .kinds import committee_free_kind


class ApplicationKind(models.TextChoices):
    PROMOTION = "promotion", "评审晋升"
    SERIES_CHANGE = "series_change", "转系列评审"
    CONFIRMATION = "confirmation", "职称确认"
    RECOGNITION = "recognition", "考核认定"
    POSTDOC = "postdoc", "博士后认定"


# Decision 0007: the kinds no committee decides (Application.committee is None).
COMMITTEE_LESS_KINDS = ("recognition", "confirmation", "postdoc")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "审核中"
    RETURNED = "returned", "返回修改"
    APPROVED = "approved", "电子材料审核通过"
    # Ended at a review step before any committee's decision (decision 0008): not the committee's
    # "评审未通过" of seed question 25.
    REJECTED = "rejected", "审核不通过"
    WITHDRAWN = "withdrawn", "视为放弃"


# Rule 19, decision 0008: the statuses of an application that ended before any committee decided
# it — 审核不通过 at a step before the evaluation (materials that do not meet the conditions), 视为放弃
# after an unanswered return (rule 5). Such an application no longer occupies its level and year
# (the partial constraint `application_one_live_per_level_year`) and bars nothing: the person may
# apply again that year, to another committee of the same level. A committee's 评审未通过 (issue 13)
# is NOT one of these: it keeps its place, and `same_level.failed_at_evaluation` reads it.
ENDED_BEFORE_DECISION = (ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN)


class Application(models.Model):
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="申报人", on_delete=models.PROTECT, related_name="applications"
    )
    year = models.PositiveSmallIntegerField("申报年度")
    kind = models.CharField("申报类别", max_length=20, choices=ApplicationKind.choices)
    unit = models.ForeignKey(
        "orgs.Organisation", verbose_name="工作单位", on_delete=models.PROTECT, related_name="applications"
    )
    series = models.ForeignKey(
        "catalog.Series", verbose_name="系列", on_delete=models.PROTECT, related_name="+"
    )
    track = models.ForeignKey(
        "catalog.Track", verbose_name="方向", on_delete=models.PROTECT, related_name="+"
    )
    specialty = models.CharField("专业", max_length=60)
    level = models.CharField("申报层级", max_length=20, choices=Level.choices)
    title = models.ForeignKey(
        "catalog.Title", verbose_name="申报职称", on_delete=models.PROTECT, related_name="+"
    )
    # None for the kinds no committee decides (考核认定, 职称确认; docs/decisions/0007): their route
    # ends at the recognising office (applications/routing.py, route_for_recognition).
    committee = models.ForeignKey(
        "orgs.Committee",
        verbose_name="评审委员会",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    # 转系列评审 (rule 18): the day the person moved to a post of the new series (the half year's
    # trial runs from it); None for every other kind.
    series_changed_on = models.DateField("岗位变更日期", null=True, blank=True)
    status = models.CharField(
        "状态",
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
        editable=False,
    )
    current_step = models.ForeignKey(
        "ReviewStep",
        verbose_name="当前环节",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # The dossier as submitted (rule: later edits never change what reviewers see).
    snapshot = models.JSONField("提交时的申报信息", null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "职称申报"
        verbose_name_plural = "职称申报"
        ordering = ["-year", "-created_at"]
        constraints = [
            # Rule 19's first half: one live application per person, level and year (one committee
            # at a time); an application ended before any committee's decision does not count
            # (decision 0008).
            models.UniqueConstraint(
                fields=["applicant", "year", "level"],
                condition=~Q(status__in=ENDED_BEFORE_DECISION),
                name="application_one_live_per_level_year",
            ),
            # Decision 0007: a committee decides every kind but 考核认定, 职称确认 and 博士后认定.
            models.CheckConstraint(
                condition=Q(committee__isnull=False) | Q(kind__in=COMMITTEE_LESS_KINDS),
                name="application_committee_unless_recognition",
            ),
        ]
        indexes = [models.Index(fields=["committee", "year", "status"])]

    def __str__(self) -> str:
        return f"{self.applicant.name} {self.year}年 {self.title}"

    @property
    def committee_label(self) -> str:
        """Where a committee's name is shown: the committee, or for a committee-less kind
        "考核认定（<the recognising office>）" (decision 0007)."""
        if self.committee_id:
            return self.committee.name
        return committee_less_label(self)

    @property
    def deciding_office(self) -> str:
        """Who recognises or confirms a committee-less kind (`deciding_office_name`)."""
        return deciding_office_name(self)


def deciding_office_name(application: Application) -> str:
    """The office that recognises or confirms an application no committee decides (the province
    for a 高级 one without delegation); "" while its facts are not saved, or for other kinds. Asked
    of the kind's registration (applications/kinds.py)."""
    if application.kind not in COMMITTEE_LESS_KINDS:
        return ""
    return committee_free_kind(application.kind).office_name(application)


def committee_less_label(application: Application) -> str:
    """ "考核认定（五华区人社局）" for an application no committee decides ("—" for other kinds)."""
    if application.kind not in COMMITTEE_LESS_KINDS:
        return "—"
    label = ApplicationKind(application.kind).label
    place = deciding_office_name(application)
    return f"{label}（{place}）" if place else label


class StepKind(models.TextChoices):
    UNIT = "unit", "单位审核"
    DEPARTMENT = "department", "主管部门审核"
    DISTRICT = "district", "县（市）区人社局审核"
    CITY = "city", "市人社局审核"
    COMMITTEE = "committee", "评委会电子材料审核"
    PROVINCIAL = "provincial", "省评委会审核"


# A provincial step without a committee (a 高级 职称确认, decision 0007): the provincial HR department
# decides, the city bureau records its result.
PROVINCE_STEP_LABEL = "省人社厅审核（市人社局录入结果）"


def step_kind_label(kind: str, *, has_committee: bool) -> str:
    """The step's name as shown everywhere (pages, PDF, messages, API)."""
    if kind == StepKind.PROVINCIAL and not has_committee:
        return PROVINCE_STEP_LABEL
    return StepKind(kind).label


class StepState(models.TextChoices):
    WAITING = "waiting", "未开始"
    CURRENT = "current", "审核中"
    PASSED = "passed", "通过"
    RETURNED = "returned", "返回修改"
    REJECTED = "rejected", "不通过"


# What the review queue reads of a step besides the index's keys (reviews/queue.py).
QUEUE_COLUMNS = [
    "application",
    "handled_at",
    "superseded",
    "year",
    "series",
    "level",
    "application_committee",
    "unit",
    "applicant_name",
]


class ReviewStep(models.Model):
    """One step of an application's route, in order (computed at submission)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField("顺序")
    kind = models.CharField("环节", max_length=20, choices=StepKind.choices)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name="审核机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    committee = models.ForeignKey(
        "orgs.Committee",
        verbose_name="评委会",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField("状态", max_length=20, choices=StepState.choices, default=StepState.WAITING)
    reached_at = models.DateTimeField("送达时间", null=True, blank=True)
    decided_at = models.DateTimeField("办理时间", null=True, blank=True)
    # The last time this step's organisation (or committee) decided the application, on this
    # step or on an earlier route's step of the same place, which the newer step then supersedes
    # (applications/state.py, resubmission). The review queue's 已审核 reads these two: one
    # current row per place and application, no DISTINCT over the history (reviews/queue.py).
    handled_at = models.DateTimeField("最近办理时间", null=True, blank=True)
    superseded = models.BooleanField("已由新流程取代", default=False)
    # The application's cover as of its latest submission, copied onto every one of its steps
    # (applications/state.py keeps them equal): the review queue filters its reviewer's steps on
    # these inside the index, without reading an application row (reviews/queue.py).
    year = models.PositiveSmallIntegerField("申报年度", null=True, blank=True)
    series = models.ForeignKey(
        "catalog.Series",
        verbose_name="系列",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    level = models.CharField("申报层级", max_length=20, blank=True)
    application_committee = models.ForeignKey(
        "orgs.Committee",
        verbose_name="申报评委会",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    unit = models.ForeignKey(
        "orgs.Organisation",
        verbose_name="工作单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    applicant_name = models.CharField("申报人姓名", max_length=40, blank=True)

    class Meta:
        verbose_name = "审核环节"
        verbose_name_plural = "审核环节"
        ordering = ["application", "order"]
        constraints = [models.UniqueConstraint(fields=["application", "order"], name="step_unique_order")]
        # The review queue reads an organisation's (or committee's) steps by kind and state, the
        # waiting ones in the order they arrived, the decided ones by when (reviews/queue.py,
        # bench/README.md): every queue page and count is an index range, whatever the history.
        indexes = [
            models.Index(
                fields=["organisation", "kind", "state", "reached_at"],
                include=QUEUE_COLUMNS,
                name="step_org_queue",
            ),
            models.Index(
                fields=["committee", "kind", "state", "reached_at"],
                include=QUEUE_COLUMNS,
                name="step_cmte_queue",
            ),
            models.Index(
                fields=["kind", "state", "reached_at"],
                include=QUEUE_COLUMNS,
                name="step_kind_queue",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    def get_kind_display(self) -> str:
        """The step's name; a provincial step without a committee is the provincial HR department's."""
        return step_kind_label(self.kind, has_committee=self.committee_id is not None)


class ReviewEvent(models.Model):
    """Append-only: one row per transition (who, what, from, to, opinion, when, where from)."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="events")
    # The transition's own moment (applications.state._transition), not the row's insert time.
    created_at = models.DateTimeField("时间", default=timezone.now, editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name="机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    step = models.ForeignKey(
        ReviewStep,
        verbose_name="环节",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    action = models.CharField("操作", max_length=20)
    from_status = models.CharField("原状态", max_length=20, choices=ApplicationStatus.choices)
    to_status = models.CharField("新状态", max_length=20, choices=ApplicationStatus.choices)
    opinion = models.TextField("意见", blank=True)
    ip = models.GenericIPAddressField("IP", null=True, blank=True)

    class Meta:
        verbose_name = "审核记录"
        verbose_name_plural = "审核记录"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{datetime_label(self.created_at)} {self.action}"


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


class ReturnRequest(models.Model):
    """Rule 5: a return tells the applicant everything to fix at once (items) and by when; a return
    not resubmitted by its deadline is withdrawn (视为放弃) by `manage.py withdraw_overdue_returns`."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="return_requests")
    event = models.OneToOneField(ReviewEvent, on_delete=models.PROTECT, related_name="return_request")
    items = models.JSONField("需补正的内容", default=list, help_text="[{section, comment}]")
    deadline = models.DateField("补正截止日期")
    resolved_at = models.DateTimeField("重新提交时间", null=True, blank=True)
    withdrawn_at = models.DateTimeField("逾期视为放弃时间", null=True, blank=True)

    class Meta:
        verbose_name = "返回修改通知"
        verbose_name_plural = "返回修改通知"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.application} 返回修改（{deadline_label(self.deadline)} 截止）"


# The province's name where a 高级 confirmation ends (rule 17): its step is a PROVINCIAL step with
# neither organisation nor committee, whose result the city reviewer records.
PROVINCE_NAME = "云南省人力资源和社会保障厅"


def step_place(step: ReviewStep | None) -> str:
    """Who reviews at a step: the organisation, or the committee (or the province)."""
    if step is None:
        return ""
    if step.organisation_id:
        return str(step.organisation)
    if step.committee_id:
        return step.committee.name
    if step.kind == StepKind.PROVINCIAL:
        return PROVINCE_NAME  # a 高级 职称确认 sent on to the province (rule 17)
    return ""


def step_label(step: ReviewStep | None) -> str:
    """A step as messages and pages name it: its name, with who reviews there in brackets
    (“单位审核（某单位）”); empty without a step."""
    if step is None:
        return ""
    place = step_place(step)
    return f"{step.get_kind_display()}（{place}）" if place else step.get_kind_display()
