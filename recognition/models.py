"""The facts of the kinds no committee decides (decision 0007), one row per application, which
carries the route and the status: 考核认定 (`Recognition`, rule 14), 职称确认 (`Confirmation`, rule
17) and 博士后认定 (`PostdocRecognition`, rule 13).

The tables were created by applications' migrations and keep their names (`Meta.db_table`); the
models moved here state-only (recognition/migrations/0001_initial.py)."""

from django.db import models

from applications.models import PROVINCE_NAME, Application
from catalog.models import Level
from rules.recognition import Schooling


class HiringDocument(models.TextChoices):
    """Rule 14 (seed question 18 (3)): the document the hiring date is read from."""

    RECRUITMENT_FORM = "recruitment_form", "《云南省招工录用登记表》"
    APPOINTMENT_NOTICE = "appointment_notice", "《事业单位聘用通知书》"


class Recognition(models.Model):
    """考核认定 (rule 14): the facts the rules need, one-to-one with its application, which carries
    the route and the status (decision 0007). `level`, `earliest` and `office` are what
    rules.recognition and applications.routing gave at the last save or submission."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="recognition")
    schooling = models.CharField("学历（学位）", max_length=30, choices=Schooling.choices)
    hired_on = models.DateField("录用（聘用）日期")
    hiring_document = models.CharField("录用（聘用）依据", max_length=30, choices=HiringDocument.choices)
    level = models.CharField("认定层级", max_length=20, choices=Level.choices)
    earliest = models.DateField("最早可认定日期")
    office = models.ForeignKey(
        "orgs.Organisation",
        verbose_name="认定机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    evaluated_at = models.DateTimeField("计算时间")

    class Meta:
        db_table = "applications_recognition"
        verbose_name = "考核认定"
        verbose_name_plural = "考核认定"

    def __str__(self) -> str:
        return f"{self.application} {self.get_schooling_display()}"


class HeldTitleSource(models.TextChoices):
    """Rule 17: where the title to be confirmed was obtained (inside Yunnan is refused)."""

    OTHER_PROVINCE = "other_province", "外省（区、市）"
    CENTRAL = "central", "中央和国家机关、中央企业等"
    INSIDE_YUNNAN = "inside_yunnan", "云南省内"


class Confirmation(models.Model):
    """职称确认 (rule 17, seed question 16): the title held from elsewhere, the transfer date and the
    trial assessment, one-to-one with its application, which carries the route and the status
    (decision 0007). `confirmer` and `office` are what rules.confirmation and applications.routing
    gave at the last save or submission (office None: the province)."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="confirmation")
    held_series = models.CharField("原职称系列", max_length=40)
    held_title = models.CharField("原职称名称", max_length=60)
    obtained_on = models.DateField("原职称取得时间")
    issuer = models.CharField("原评审/发证机关", max_length=100)
    source = models.CharField("取得地", max_length=20, choices=HeldTitleSource.choices)
    certificate_no = models.CharField("证书编号", max_length=60)
    transferred_on = models.DateField("调入日期（聘用合同或劳动合同）")
    assessment_passed = models.BooleanField("试用期考核合格")
    exam_only = models.BooleanField("以考代评", default=False)
    confirmer = models.CharField("确认机关类别", max_length=30)
    earliest = models.DateField("最早可申报日期")
    office = models.ForeignKey(
        "orgs.Organisation",
        verbose_name="确认机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    evaluated_at = models.DateTimeField("计算时间")

    class Meta:
        db_table = "applications_confirmation"
        verbose_name = "职称确认"
        verbose_name_plural = "职称确认"

    def __str__(self) -> str:
        return f"{self.application} {self.held_title}"

    @property
    def office_name(self) -> str:
        """The confirming office: the organisation, or the province for 高级 (rule 17)."""
        if self.office_id:
            return self.office.name
        return PROVINCE_NAME if self.confirmer == "province" else ""


class PostdocRecognition(models.Model):
    """博士后认定 (rule 13, seed question 13): an enterprise postdoc funded by the China Postdoctoral
    Science Foundation or leading a provincial-or-above research project, who stays in the
    enterprise after leaving the station, is recognised as 副高级 directly. The facts, one-to-one
    with its application, which carries the route and the status (decision 0007). `office` is the
    recognising office the route gave at the last save or submission (None: the province, as for
    a 高级 职称确认, seed question 16 (3))."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="postdoc")
    exit_on = models.DateField("出站日期")
    station = models.CharField("博士后工作站", max_length=100)
    funded = models.BooleanField("获得中国博士后科学基金资助")
    funding_reference = models.CharField("资助证书编号或资助年度", max_length=60, blank=True)
    led_project = models.BooleanField("主持省部级以上科研项目")
    project_name = models.CharField("项目名称", max_length=100, blank=True)
    stays = models.BooleanField("出站后继续留在企业")
    office = models.ForeignKey(
        "orgs.Organisation",
        verbose_name="认定机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    evaluated_at = models.DateTimeField("计算时间")

    class Meta:
        db_table = "applications_postdocrecognition"
        verbose_name = "博士后认定"
        verbose_name_plural = "博士后认定"

    def __str__(self) -> str:
        return f"{self.application} {self.station}"

    @property
    def office_name(self) -> str:
        """The recognising office: the organisation (the unit itself with delegated senior
        authority, seed question 16 (3)), else the province."""
        return self.office.name if self.office_id else PROVINCE_NAME
