"""An application (职称申报): its kinds and statuses, and the `Application` row itself.

`Application.status` and `current_step` change only through the state machine (applications/
state.py; its core, applications/machine.py, alone assigns them)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from catalog.models import Level

from ..kinds import committee_free_kind


class ApplicationKind(models.TextChoices):
    PROMOTION = "promotion", "评审晋升"
    SERIES_CHANGE = "series_change", "转系列评审"
    CONFIRMATION = "confirmation", "职称确认"
    RECOGNITION = "recognition", "考核认定"
    POSTDOC = "postdoc", "博士后认定"


# Decision 0007: the kinds no committee decides (Application.committee is None).
COMMITTEE_LESS_KINDS = ("recognition", "confirmation", "postdoc")
# The kinds a committee decides (the ordinary cover); 考核认定, 职称确认 and 博士后认定 have forms of
# their own.
COMMITTEE_KINDS = (ApplicationKind.PROMOTION, ApplicationKind.SERIES_CHANGE)


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "审核中"
    RETURNED = "returned", "返回修改"
    # For a committee's application: passed the electronic review, waiting for the committee's
    # meeting (issue 13); for a kind no committee decides: recognised (decision 0007).
    APPROVED = "approved", "电子材料审核通过"
    # The committee's result, fixed when its meeting closes (人社部令第40号, rules 29, 30):
    # 评审未通过 keeps its place (rule 19's second half); 已撤销 is a confirmed title revoked for
    # fraud (rules 1, 35).
    PASSED = "passed", "评审通过"
    FAILED = "failed", "评审未通过"
    REVOKED = "revoked", "已撤销"
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
# The applicant may change the cover (保存封面) and submit in these states.
EDITABLE_STATUSES = (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)


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
