"""The unit step's own records: the unit recommendation (基层意见, rule 25) and the unit publicity
(单位公示, rule 2). The unit cannot pass an application at its step before both are complete."""

from django.conf import settings
from django.db import models


class UnitRecommendation(models.Model):
    """Rule 25: the unit's evaluation, the recommendation method, who took part and how many, the
    opinion, how it was formed. One per application (updated until the unit passes it)."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="recommendation"
    )
    # The unit that wrote it: after a reset the applicant may change unit, and the new unit's step
    # then needs its own records (the old unit's are ignored, not deleted).
    unit = models.ForeignKey(
        "orgs.Organisation", verbose_name="填写单位", null=True, on_delete=models.PROTECT, related_name="+"
    )
    evaluation = models.TextField("单位对申报人专业技术工作的评价")
    method = models.CharField("推荐方式", max_length=200)
    participants = models.CharField("参与推荐的人员范围", max_length=200)
    participant_count = models.PositiveIntegerField("参与推荐人数")
    opinion = models.TextField("推荐意见")
    formation = models.TextField("意见形成情况")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="填写人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField("填写时间", auto_now=True)

    class Meta:
        verbose_name = "基层意见"
        verbose_name_plural = "基层意见"

    def __str__(self) -> str:
        return f"{self.application} 基层意见"


class PublicityResult(models.TextChoices):
    """Seed 必读 (三)1: "公示无异议的方可推荐". An objection found 不成立 (or not accepted) lets the
    unit recommend; one found 成立 keeps it from recommending (recommend.selectors)."""

    NO_OBJECTION = "no_objection", "无异议"
    OBJECTION_HANDLED = "objection_handled", "有异议，经核实不成立"
    OBJECTION_UPHELD = "objection_upheld", "有异议，经核实成立"


class UnitPublicity(models.Model):
    """Rule 2: the unit publicises the applicant's qualifications and achievements for at least 5
    working days before recommending; only without objection (or with every objection found
    不成立): a result 有异议，经核实成立 is recorded but blocks the pass."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="unit_publicity"
    )
    unit = models.ForeignKey(
        "orgs.Organisation", verbose_name="公示单位", null=True, on_delete=models.PROTECT, related_name="+"
    )
    start_date = models.DateField("公示开始日期")
    end_date = models.DateField("公示结束日期")
    workdays = models.PositiveSmallIntegerField("公示工作日数", editable=False)
    place = models.CharField("公示地点/方式", max_length=200)
    result = models.CharField("公示结果", max_length=20, choices=PublicityResult.choices)
    handling = models.TextField("异议处理情况", blank=True)
    # Set when the unit published it online (publicity.services.publicity_create): the result and
    # handling then follow the notice and its objections (recommend.selectors.publicity_for);
    # a hand-filled save (publicity_put) clears it.
    notice = models.ForeignKey(
        "publicity.Publicity",
        verbose_name="网上公示",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="填写人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField("填写时间", auto_now=True)

    class Meta:
        verbose_name = "单位公示"
        verbose_name_plural = "单位公示"

    def __str__(self) -> str:
        return f"{self.application} 单位公示"
