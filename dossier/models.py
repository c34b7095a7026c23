"""The applicant's dossier (申报信息): basic information plus the 13 sections of seed part 五,
each a list of entries. The fields of each section are declared in dossier/sections.py; an
entry keeps its values in `data`, checked by the services against that declaration."""

from django.conf import settings
from django.db import models

from rules.skilled import SkillGrade


class Sex(models.TextChoices):
    MALE = "male", "男"
    FEMALE = "female", "女"


class EmploymentForm(models.TextChoices):
    ON_STAFF = "on_staff", "在编"
    CONTRACT = "contract", "编外聘用"
    DISPATCHED = "dispatched", "派遣"
    FREELANCE = "freelance", "自由职业"


class OriginalRetirementAge(models.IntegerChoices):
    """The statutory age before the 2025 reform (rule 9); recorded per person."""

    MALE_60 = 60, "男职工 60 周岁"
    FEMALE_55 = 55, "女干部 55 周岁"
    FEMALE_50 = 50, "女职工 50 周岁"


class MovedFromPost(models.TextChoices):
    """Seed question 10: a public institution's 工勤技能 or management staff moved to a
    professional post (blank: not moved)."""

    WORKER = "worker", "工勤技能岗位"
    MANAGEMENT = "management", "管理岗位"


class Dossier(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dossier")
    # Derived from the ID number (GB 11643): never typed by the applicant.
    sex = models.CharField("性别", max_length=10, choices=Sex.choices, blank=True)
    birth_date = models.DateField("出生日期", null=True, blank=True)
    work_start_date = models.DateField("参加工作时间", null=True, blank=True)
    professional_start_date = models.DateField("从事专业技术工作时间", null=True, blank=True)
    employment_form = models.CharField("用工形式", max_length=20, choices=EmploymentForm.choices, blank=True)
    current_post = models.CharField("现任专业技术岗位", max_length=100, blank=True)
    is_civil_servant = models.BooleanField("本人为公务员或参照公务员法管理人员", default=False)
    original_retirement_age = models.PositiveSmallIntegerField(
        "原法定退休年龄", choices=OriginalRetirementAge.choices, null=True, blank=True
    )
    # Rule 9: approved delayed retirement, until the first day of this month (inclusive of the month).
    delayed_retirement_until = models.DateField("批准延迟退休至（月）", null=True, blank=True)
    # Rule 16: the highest 职业资格 or 职业技能等级 held (高级工, 技师, 高级技师) and when it was obtained;
    # both empty for most applicants.
    skill_grade = models.CharField(
        "职业资格（职业技能等级）", max_length=20, choices=SkillGrade.choices, blank=True
    )
    skill_grade_obtained_on = models.DateField("取得等级时间", null=True, blank=True)
    # Seed question 10: moved from a 工勤技能 or management post to a professional post; the post
    # change fixed by the unit's official document (初级 years count from it) and the appointment
    # with its pay from the 《事业单位工作人员岗位（职务）变动工资审批表》 (中级 and above).
    moved_from_post = models.CharField("转岗前岗位", max_length=20, choices=MovedFromPost.choices, blank=True)
    post_changed_on = models.DateField("单位行文确定的岗位变更时间", null=True, blank=True)
    appointed_with_pay_on = models.DateField("取得职称资格受聘并享有相应职务工资时间", null=True, blank=True)
    # Rule 12 (seed question 12): the graduated major against the specialty worked in and applied
    # for, and, when they differ, what made it good.
    major_matches = models.BooleanField("所学专业与从事、申报专业相符", default=True)
    mismatch_training_months = models.PositiveSmallIntegerField(
        "参加所从事专业的专业培训累计（月）", null=True, blank=True
    )
    mismatch_course_certificates = models.PositiveSmallIntegerField(
        "大专院校本专业主要科目进修结业证书（门）", null=True, blank=True
    )
    mismatch_study_months = models.PositiveSmallIntegerField(
        "参加大专院校本专业学习累计（月）", null=True, blank=True
    )
    mismatch_city_training = models.BooleanField("参加市级行业主管部门统一组织的业务培训", default=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "申报信息"
        verbose_name_plural = "申报信息"

    def __str__(self) -> str:
        return f"{self.user.name}的申报信息"


class DossierEntry(models.Model):
    """One entry of one section (新增 / 编辑 / 删除); `section` is a key of dossier.sections.SECTIONS."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="entries")
    section = models.CharField("栏目", max_length=40)
    data = models.JSONField("内容", default=dict)
    position = models.PositiveIntegerField("顺序", default=0)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "申报信息条目"
        verbose_name_plural = "申报信息条目"
        ordering = ["section", "position", "id"]
        indexes = [models.Index(fields=["dossier", "section", "position"])]

    def __str__(self) -> str:
        return f"{self.section} #{self.pk}"
