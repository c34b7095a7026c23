"""The organisation tree: the city bureau, the district offices (seed part 四), the competent
departments that organise committees, the committees (seed part 三) and the registered units."""

from django.db import models
from django.db.models import Q

from catalog.models import Level, Series
from core.dates import month_label


class OrgKind(models.TextChoices):
    CITY_BUREAU = "city_bureau", "市人社局"
    DISTRICT_BUREAU = "district_bureau", "县（市）区人社部门"
    DEPARTMENT = "department", "主管部门"
    AGENCY = "agency", "人事代理机构"
    UNIT = "unit", "用人单位"


class Ownership(models.TextChoices):
    """Decides the review route (domain.md, Review routing)."""

    CITY_STATE = "city_state", "市属国有企事业单位"
    DISTRICT_STATE = "district_state", "县区国有企事业单位"
    NON_PUBLIC = "non_public", "非公有制经济组织"
    SOCIAL = "social", "社会组织"
    AGENCY = "agency", "人事代理机构"


STATE_OWNERSHIPS = (Ownership.CITY_STATE, Ownership.DISTRICT_STATE)
UNIT_KINDS = (OrgKind.UNIT, OrgKind.AGENCY)


class Organisation(models.Model):
    kind = models.CharField("类型", max_length=20, choices=OrgKind.choices, db_index=True)
    name = models.CharField("名称", max_length=100)
    # Rows loaded from the seed's data files carry a stable reference so loading is idempotent.
    ref = models.CharField("数据标识", max_length=60, unique=True, null=True, blank=True, editable=False)
    branch = models.CharField("科室/窗口", max_length=60, blank=True)
    area = models.CharField("服务区域", max_length=40, blank=True)
    services = models.TextField("服务范围及内容", blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=100, blank=True)
    aliases = models.JSONField("其他写法", default=list, blank=True)
    sort_order = models.PositiveIntegerField("顺序", default=0)

    # Units and agencies (rule 26).
    credit_code = models.CharField("统一社会信用代码", max_length=18, unique=True, null=True, blank=True)
    ownership = models.CharField("单位性质", max_length=20, choices=Ownership.choices, blank=True)
    district = models.ForeignKey(
        "self",
        verbose_name="属地县（市）区人社部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="district_units",
        limit_choices_to={"kind": OrgKind.DISTRICT_BUREAU},
    )
    department = models.ForeignKey(
        "self",
        verbose_name="主管部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="department_units",
        limit_choices_to={"kind": OrgKind.DEPARTMENT},
    )
    civil_servant_managed = models.BooleanField("参照公务员法管理（参公）", default=False)
    # Seed question 16 (3): a unit to which the provincial HR department delegated the review of
    # senior titles (发文下放职称评审权限) confirms its own staff's 高级 titles from elsewhere in those
    # series. Set by the city bureau (admin), never by the unit itself.
    senior_delegated_series = models.ManyToManyField(
        "catalog.Series",
        verbose_name="已下放高级职称评审权限的系列",
        blank=True,
        related_name="delegated_units",
        help_text="云南省人社厅发文下放高级职称评审权限的系列；该单位人员在这些系列的高级职称确认由本单位办理。",
    )
    senior_delegation_document = models.CharField("下放评审权限文件（文号）", max_length=100, blank=True)
    head_name = models.CharField("单位负责人", max_length=40, blank=True)
    head_phone = models.CharField("单位负责人手机", max_length=11, blank=True)
    is_active = models.BooleanField("有效", default=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "组织机构"
        verbose_name_plural = "组织机构"
        ordering = ["kind", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["name"], condition=Q(kind__in=["unit", "agency"]), name="org_unit_unique_name"
            ),
            models.UniqueConstraint(
                fields=["name"], condition=Q(kind="department"), name="org_department_unique_name"
            ),
            models.UniqueConstraint(
                fields=["name", "branch"], condition=Q(kind="district_bureau"), name="org_office_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.label(self.name, self.branch)

    @staticmethod
    def label(name: str, branch: str = "") -> str:
        """How an organisation is named on pages: its name, and its branch when it has one."""
        return f"{name}（{branch}）" if branch else name

    @property
    def is_unit(self) -> bool:
        return self.kind in UNIT_KINDS


class OfficeBranch(models.Model):
    """One window (科室) of a district office that serves from two places with their own services,
    address and phones: 西山区人力资源和社会保障局's 事业单位人事管理科 and 区人才服务中心 (seed part 四
    rows 2 and 3, one office). The office is one Organisation: units choose it, and its staff review
    at its steps; the branches tell people where to go."""

    office = models.ForeignKey(
        Organisation,
        verbose_name="县（市）区人社部门",
        on_delete=models.CASCADE,
        related_name="branches",
        limit_choices_to={"kind": OrgKind.DISTRICT_BUREAU},
    )
    order = models.PositiveSmallIntegerField("顺序")
    name = models.CharField("科室/窗口", max_length=60)
    services = models.TextField("服务范围及内容")
    address = models.CharField("地址", max_length=200)
    phone = models.CharField("联系电话", max_length=100)

    class Meta:
        verbose_name = "办事窗口"
        verbose_name_plural = "办事窗口"
        ordering = ["office", "order"]
        constraints = [
            models.UniqueConstraint(fields=["office", "order"], name="office_branch_unique_order"),
            models.UniqueConstraint(fields=["office", "name"], name="office_branch_unique_name"),
        ]

    def __str__(self) -> str:
        return Organisation.label(self.office.name, self.name)


class CommitteeTier(models.TextChoices):
    SENIOR = "senior", "高级"
    INTERMEDIATE = "intermediate", "中级"
    # Seed part 四 (and question 21): 助理级 and 员级 reviews exist too, e.g. the district offices'
    # 中小学教师初级职称评审.
    JUNIOR = "junior", "初级"


# The levels a committee of each tier reviews (the loader checks the coverage against them).
TIER_LEVELS: dict[str, tuple[str, ...]] = {
    CommitteeTier.SENIOR: (Level.SENIOR_FULL, Level.SENIOR_ASSOCIATE),
    CommitteeTier.INTERMEDIATE: (Level.INTERMEDIATE,),
    CommitteeTier.JUNIOR: (Level.ASSISTANT, Level.JUNIOR),
}
# Who may organise a committee: a competent department (part 三), or a district office for the
# 初级 reviews part 四 gives them.
ORGANISER_KINDS = (OrgKind.DEPARTMENT, OrgKind.DISTRICT_BUREAU)


class Committee(models.Model):
    ref = models.CharField("数据标识", max_length=40, unique=True, null=True, blank=True, editable=False)
    tier = models.CharField("层级", max_length=20, choices=CommitteeTier.choices, db_index=True)
    number = models.PositiveSmallIntegerField("序号")
    name = models.CharField("评审委员会名称", max_length=120, unique=True)
    scope = models.TextField("评审范围及权限")
    organiser = models.ForeignKey(
        Organisation,
        verbose_name="评委会组建单位",
        on_delete=models.PROTECT,
        related_name="committees",
        limit_choices_to={"kind__in": ORGANISER_KINDS},
    )
    phone = models.CharField("联系电话", max_length=60)
    is_provincial = models.BooleanField("省级评委会", default=False)
    is_active = models.BooleanField("有效", default=True)

    class Meta:
        verbose_name = "评审委员会"
        verbose_name_plural = "评审委员会"
        ordering = ["tier", "number"]

    def __str__(self) -> str:
        return self.name


class CommitteeCoverage(models.Model):
    """Which series and level a committee reviews."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="coverages")
    series = models.ForeignKey(Series, verbose_name="系列", on_delete=models.PROTECT, related_name="+")
    level = models.CharField("层级", max_length=20, choices=Level.choices)

    class Meta:
        verbose_name = "评审范围"
        verbose_name_plural = "评审范围"
        constraints = [
            models.UniqueConstraint(fields=["committee", "series", "level"], name="coverage_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.series} · {self.get_level_display()}"


class CommitteePlan(models.Model):
    """The month a committee meets in a year (seed part 二 q7; rule 8 counts up to this month)."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="plans")
    year = models.PositiveSmallIntegerField("年度")
    month = models.PositiveSmallIntegerField("计划评审月份")

    class Meta:
        verbose_name = "评审计划"
        verbose_name_plural = "评审计划"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "year"], name="plan_unique_year"),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="plan_month_range"),
        ]

    def __str__(self) -> str:
        return month_label((self.year, self.month))


class CommitteeWindow(models.Model):
    """A committee's online application window for one year (rule 6: once closed, never reopened)."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="windows")
    year = models.PositiveSmallIntegerField("申报年度")
    opens_at = models.DateTimeField("开放时间")
    closes_at = models.DateTimeField("关闭时间")
    # Rule 7: for a provincial committee the office enters the date collection starts; the window
    # then opens at 00:00 seven working days before and closes at 24:00 of the day before.
    collection_date = models.DateField("省评委会开始收审材料日期", null=True, blank=True)
    # Rule 8 (seed question 8): the month the committee meets this year, which ages and years count
    # up to; entered by the committee office when it opens the window (stored as the month's first
    # day). Empty only on windows set before it was asked: orgs.windows.committee_month then falls
    # back to the plan, and applications.eligibility to the closing month.
    meeting_month = models.DateField("评委会召开时间（月）", null=True, blank=True)

    class Meta:
        verbose_name = "网上申报时间"
        verbose_name_plural = "网上申报时间"
        ordering = ["closes_at"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "year"], name="window_unique_year"),
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")), name="window_order"),
        ]

    def __str__(self) -> str:
        return f"{self.committee} {self.year}年"


# Registered with the orgs app from its own module (seed 必读 (一)2: 暂停推荐).
from .suspension_models import UnitSuspension  # noqa: E402, F401
