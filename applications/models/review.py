"""An application's review trail: the route as `ReviewStep` rows (computed at submission), the
append-only `ReviewEvent` of every transition, the `ReturnRequest` of a return (rule 5), and how
pages, messages and the 花名册 name a step (`step_label`)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.dates import datetime_label, deadline_label

from .application import Application, ApplicationStatus


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


# The steps of the trail after the electronic review (issue 13): no ReviewStep, at the committee (or
# the office that confirms or revokes, recorded as the event's organisation).
EVENT_STAGES = {
    "evaluation_pass": "评审会议",
    "evaluation_fail": "评审会议",
    "confirm": "核准（备案）",
    "appeal": "申请复查",
    "appeal_kept": "复查",
    "reconsider": "复查",
    "revoke": "撤销职称",
    "objection": "公示异议",
    "objection_handled": "公示异议",
}


def event_stage(event) -> tuple[str, str]:
    """(环节, 机构) of a ReviewEvent as the trail shows them: its step's, else the stage of its
    action (the committee's name for the committee's own stages), else 个人申报 (the applicant)."""
    organisation = str(event.organisation) if event.organisation_id else ""
    if event.step_id:
        return event.step.get_kind_display(), organisation or step_place(event.step)
    stage = EVENT_STAGES.get(event.action)
    if stage is None:
        return "个人申报", organisation
    if not organisation and event.action not in ("appeal", "objection", "objection_handled"):
        committee = event.application.committee if event.application.committee_id else None
        organisation = committee.name if committee is not None else ""
    return stage, organisation


def step_label(step: ReviewStep | None) -> str:
    """A step as messages and pages name it: its name, with who reviews there in brackets
    (“单位审核（某单位）”); empty without a step."""
    if step is None:
        return ""
    place = step_place(step)
    return f"{step.get_kind_display()}（{place}）" if place else step.get_kind_display()
