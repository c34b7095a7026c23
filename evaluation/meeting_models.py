"""The meeting (评审会议) and its secret ballot (人社部令第40号, rules 29, 30; decision 0011).

Secrecy by construction: a vote is a `BallotReceipt` (that an expert voted on one application,
never what) and an F() increment of one counter of the application's `Tally`, in one transaction
under the Tally's row lock. No row anywhere holds an expert and a choice together; the Tally has no
updated_at that would order its counters against the receipts."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Meeting(models.Model):
    """评审会议 of one round: opened and closed by the committee office (or closed by the chair);
    `members` is the number of experts drawn for the round, fixed at opening (rule 29)."""

    round = models.OneToOneField(
        "evaluation.Round", verbose_name="评审批次", on_delete=models.CASCADE, related_name="meeting"
    )
    members = models.PositiveSmallIntegerField("评审委员会人数")
    chair = models.ForeignKey(
        "evaluation.Expert",
        verbose_name="主持人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    opened_at = models.DateTimeField("开始时间", auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="开启人", on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField("结束时间", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="结束人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "评审会议"
        verbose_name_plural = "评审会议"

    def __str__(self) -> str:
        return f"{self.round} · 评审会议"


class Attendance(models.Model):
    """Whether a drawn expert is present (rule 30: only experts present vote; no proxies)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="评审会议", on_delete=models.CASCADE, related_name="attendance"
    )
    expert = models.ForeignKey(
        "evaluation.Expert", verbose_name="专家", on_delete=models.PROTECT, related_name="+"
    )
    present = models.BooleanField("出席", default=False)
    recorded_at = models.DateTimeField("登记时间", auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "出席情况"
        verbose_name_plural = "出席情况"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "expert"], name="evaluation_attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.expert.name} · {'出席' if self.present else '缺席'}"


class TallyMethod(models.TextChoices):
    ELECTRONIC = "electronic", "电子投票"
    PAPER = "paper", "纸质选票"


class Outcome(models.TextChoices):
    PASSED = "passed", "通过"
    FAILED = "failed", "未通过"


class Tally(models.Model):
    """The counts of one application at one meeting. Only counters: no updated_at (it would order
    the votes against the receipts' cast_at). Fixed when the meeting closes."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="评审会议", on_delete=models.CASCADE, related_name="tallies"
    )
    entry = models.ForeignKey(
        "evaluation.RoundApplication",
        verbose_name="评审对象",
        on_delete=models.CASCADE,
        related_name="tallies",
    )
    method = models.CharField(
        "计票方式", max_length=20, choices=TallyMethod.choices, default=TallyMethod.ELECTRONIC
    )
    agree = models.PositiveSmallIntegerField("同意", default=0)
    disagree = models.PositiveSmallIntegerField("不同意", default=0)
    abstain = models.PositiveSmallIntegerField("弃权", default=0)
    # Fixed at closing: the experts present and not recused from this application, the outcome.
    present = models.PositiveSmallIntegerField("有效出席人数", null=True, blank=True)
    outcome = models.CharField("表决结果", max_length=10, choices=Outcome.choices, blank=True)
    fixed_at = models.DateTimeField("结果确定时间", null=True, blank=True)

    class Meta:
        verbose_name = "表决计票"
        verbose_name_plural = "表决计票"
        ordering = ["entry_id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "entry"], name="evaluation_one_tally_per_entry")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.entry_id}"


class BallotReceipt(models.Model):
    """That an expert voted on one application at the meeting — never what (rule 30: 无记名投票)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="评审会议", on_delete=models.CASCADE, related_name="receipts"
    )
    expert = models.ForeignKey(
        "evaluation.Expert", verbose_name="专家", on_delete=models.PROTECT, related_name="+"
    )
    tally = models.ForeignKey(
        Tally, verbose_name="评审对象计票", on_delete=models.CASCADE, related_name="receipts"
    )
    cast_at = models.DateTimeField("投票时间", auto_now_add=True)

    class Meta:
        verbose_name = "投票回执"
        verbose_name_plural = "投票回执"
        constraints = [
            models.UniqueConstraint(fields=["expert", "tally"], name="evaluation_one_receipt_per_tally")
        ]

    def __str__(self) -> str:
        return f"{self.expert.name} · 已投票"
