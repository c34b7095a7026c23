"""The committee's evaluation (评审), after the electronic review (人社部令第40号《职称评审管理暂行规定》,
rules 27–35 of docs/domain.md): each committee's expert pool, the rounds (评审批次) with their
评议组, the reproducible draw and the recusals. Opinions, the meeting and its secret ballot, the
results and appeals build on these rows.

An expert (评审专家) is an account of role `expert` with one `Expert` profile, in one or more pools
(`PoolMembership`: 在库 / 暂停 / 取消资格 per pool). The experts drawn for a round are confidential
until its result notice (rule 31): only the committee office reads `Draw` and `Assignment`."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from catalog.models import Level, Series
from orgs.models import Committee, Organisation


class Expert(models.Model):
    """评审专家: who they are and what they may judge. `unit` is the employer when it is in the
    system (own-unit recusal compares it with the applicant's unit); `unit_name` as written."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="账号", on_delete=models.PROTECT, related_name="expert"
    )
    name = models.CharField("姓名", max_length=50)
    unit = models.ForeignKey(
        Organisation,
        verbose_name="工作单位（系统内）",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    unit_name = models.CharField("工作单位", max_length=200)
    title = models.CharField("职称", max_length=60)
    level = models.CharField("职称层级", max_length=20, choices=Level.choices)
    series = models.ManyToManyField(Series, verbose_name="评审系列", related_name="+")
    specialties = models.CharField("评审专业", max_length=200, help_text="多个专业以顿号（、）分隔")
    phone = models.CharField("手机号码", max_length=11)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    # Rule 35: removed by the city bureau from every pool for breaking the rules
    # (evaluation/expert_removal.py); no pool may take them again.
    removed_at = models.DateTimeField("取消全部专家库资格时间", null=True, blank=True)
    removed_reason = models.CharField("取消全部专家库资格原因", max_length=300, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="取消资格经办人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "评审专家"
        verbose_name_plural = "评审专家"
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name}（{self.unit_name}）"

    def specialty_list(self) -> list[str]:
        return [part.strip() for part in self.specialties.replace(",", "、").split("、") if part.strip()]


class PoolFormation(models.TextChoices):
    """Rule 27: a senior committee formed by series needs a larger pool than one formed by specialty."""

    SERIES = "series", "按系列组建"
    SPECIALTY = "specialty", "按专业组建"


class Pool(models.Model):
    """评审专家库 of one committee."""

    committee = models.OneToOneField(
        Committee, verbose_name="评审委员会", on_delete=models.PROTECT, related_name="expert_pool"
    )
    formation = models.CharField(
        "组建方式", max_length=20, choices=PoolFormation.choices, default=PoolFormation.SERIES
    )
    experts = models.ManyToManyField(Expert, through="PoolMembership", related_name="pools")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "评审专家库"
        verbose_name_plural = "评审专家库"

    def __str__(self) -> str:
        return f"{self.committee.name}评审专家库"


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", "在库"
    SUSPENDED = "suspended", "暂停"
    DISQUALIFIED = "disqualified", "取消资格"


class PoolMembership(models.Model):
    """An expert in one pool, for a term; 暂停 and 取消资格 carry their reason (rule 35: an expert
    who breaks the rules is disqualified in every pool)."""

    pool = models.ForeignKey(
        Pool, verbose_name="专家库", on_delete=models.CASCADE, related_name="memberships"
    )
    expert = models.ForeignKey(
        Expert, verbose_name="专家", on_delete=models.PROTECT, related_name="memberships"
    )
    term_start = models.DateField("聘期开始")
    term_end = models.DateField("聘期结束")
    status = models.CharField(
        "状态",
        max_length=20,
        choices=MembershipStatus.choices,
        default=MembershipStatus.ACTIVE,
        db_index=True,
    )
    reason = models.CharField("暂停或取消资格原因", max_length=300, blank=True)
    changed_at = models.DateTimeField("状态变更时间", auto_now=True)

    class Meta:
        verbose_name = "专家库成员"
        verbose_name_plural = "专家库成员"
        constraints = [
            models.UniqueConstraint(fields=["pool", "expert"], name="evaluation_one_membership_per_pool")
        ]

    def __str__(self) -> str:
        return f"{self.expert.name} · {self.get_status_display()}"


class RoundStatus(models.TextChoices):
    PREPARING = "preparing", "准备中"
    DRAWN = "drawn", "已抽取专家"
    MEETING = "meeting", "评审会议中"
    CLOSED = "closed", "会议已结束"


class Round(models.Model):
    """评审批次: one meeting of a committee for a year's window. The meeting date's month is the one
    rule 8 counts to; the applications that passed the electronic review join it."""

    committee = models.ForeignKey(
        Committee, verbose_name="评审委员会", on_delete=models.PROTECT, related_name="rounds"
    )
    year = models.PositiveSmallIntegerField("申报年度")
    name = models.CharField("批次名称", max_length=100)
    meeting_date = models.DateField("评审会议日期")
    status = models.CharField(
        "状态", max_length=20, choices=RoundStatus.choices, default=RoundStatus.PREPARING, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    # The 评审结果公示 generated from this round's fixed results (issue 13, item 8; rule 3): its
    # period is the one in which an applicant may ask for a 复查 (rule 34).
    result_notice = models.ForeignKey(
        "publicity.Publicity",
        verbose_name="评审结果公示",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "评审批次"
        verbose_name_plural = "评审批次"
        ordering = ["-meeting_date", "-pk"]

    def __str__(self) -> str:
        return self.name


class ReviewGroup(models.Model):
    """评议组 (rule 28): experts of a discipline who write the opinions on its applications; at
    least three are drawn for it. Without groups a round has one group for all its applications."""

    round = models.ForeignKey(Round, verbose_name="评审批次", on_delete=models.CASCADE, related_name="groups")
    name = models.CharField("评议组名称", max_length=60)
    specialties = models.CharField("评议专业", max_length=200, help_text="多个专业以顿号（、）分隔")
    experts_to_draw = models.PositiveSmallIntegerField("抽取专家人数")
    position = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "评议组"
        verbose_name_plural = "评议组"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "name"], name="evaluation_group_name_per_round")
        ]

    def __str__(self) -> str:
        return self.name


class RoundApplication(models.Model):
    """An application in a round, in one 评议组. The meeting's counts and the fixed result are added
    to it when the ballot is built (rules 29, 30)."""

    round = models.ForeignKey(
        Round, verbose_name="评审批次", on_delete=models.CASCADE, related_name="entries"
    )
    application = models.ForeignKey(
        "applications.Application",
        verbose_name="申报",
        on_delete=models.PROTECT,
        related_name="evaluation_entries",
    )
    group = models.ForeignKey(
        ReviewGroup,
        verbose_name="评议组",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
    )
    joined_at = models.DateTimeField("加入时间", auto_now_add=True)

    class Meta:
        verbose_name = "评审对象"
        verbose_name_plural = "评审对象"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "application"], name="evaluation_application_once_per_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.application_id}"


class Draw(models.Model):
    """The draw of a round (rule 31): reproducible from `seed` and the recorded candidates (the same
    inputs give the same experts), auditable (who, when, every candidate, who was excluded and why).
    Confidential until the result notice: only the committee office reads it."""

    round = models.OneToOneField(
        Round, verbose_name="评审批次", on_delete=models.CASCADE, related_name="draw"
    )
    seed = models.CharField("随机种子", max_length=64)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="抽取人", on_delete=models.PROTECT, related_name="+"
    )
    drawn_at = models.DateTimeField("抽取时间", auto_now_add=True)
    # {group id: [expert id, ...]} in the order the draw read them.
    candidates = models.JSONField("候选专家", default=dict)
    # {group id: {expert id: reason}}.
    excluded = models.JSONField("排除专家及原因", default=dict)
    # {group id: [expert id, ...]} in drawing order.
    selected = models.JSONField("抽取结果", default=dict)

    class Meta:
        verbose_name = "专家抽取记录"
        verbose_name_plural = "专家抽取记录"

    def __str__(self) -> str:
        return f"{self.round} · 抽取记录"


class Assignment(models.Model):
    """An expert drawn for a round's 评议组."""

    round = models.ForeignKey(
        Round, verbose_name="评审批次", on_delete=models.CASCADE, related_name="assignments"
    )
    group = models.ForeignKey(
        ReviewGroup, verbose_name="评议组", on_delete=models.CASCADE, related_name="assignments"
    )
    expert = models.ForeignKey(
        Expert, verbose_name="专家", on_delete=models.PROTECT, related_name="assignments"
    )
    position = models.PositiveSmallIntegerField("抽取顺序")

    class Meta:
        verbose_name = "抽取专家"
        verbose_name_plural = "抽取专家"
        ordering = ["group", "position"]
        constraints = [
            models.UniqueConstraint(fields=["round", "expert"], name="evaluation_expert_once_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.group} · {self.expert.name}"


class ConflictSource(models.TextChoices):
    OWN_UNIT = "own_unit", "同一单位（自动回避）"
    DECLARED = "declared", "专家本人申请回避"
    OFFICE = "office", "办事机构认定回避"


class Conflict(models.Model):
    """回避 (rule 31): the expert takes no part in this application (no opinion, no vote)."""

    entry = models.ForeignKey(
        RoundApplication, verbose_name="评审对象", on_delete=models.CASCADE, related_name="conflicts"
    )
    expert = models.ForeignKey(
        Expert, verbose_name="专家", on_delete=models.PROTECT, related_name="conflicts"
    )
    source = models.CharField("回避方式", max_length=20, choices=ConflictSource.choices)
    reason = models.CharField("回避原因", max_length=300)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, null=True, related_name="+"
    )
    declared_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "回避"
        verbose_name_plural = "回避"
        constraints = [
            models.UniqueConstraint(fields=["entry", "expert"], name="evaluation_one_conflict_per_entry")
        ]

    def __str__(self) -> str:
        return f"{self.expert.name} · {self.get_source_display()}"


from .meeting_models import Attendance, BallotReceipt, Meeting, Tally  # noqa: E402,F401  (the meeting, issue 13)
from .minutes_models import MeetingMinutes, MinutesCopy  # noqa: E402, F401  (会议纪要, evaluation/minutes_models.py)
from .opinion_models import Opinion, Recommendation  # noqa: E402, F401  (评议, evaluation/opinion_models.py)
from .result_models import Appeal, AppealDecision, ResultConfirmation, Revocation  # noqa: E402, F401  (issue 13, items 8–10)
