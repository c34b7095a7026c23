"""Confirmation of titles obtained elsewhere (职称确认, 外地调入人员): rule 17 (seed question 16).

Question 16: a person moved to Kunming who keeps working in the same series may apply for
confirmation after half a year's trial or more (半年以上试用; counted from the 聘用合同 for public
institutions and the 劳动合同 for enterprises: `transferred_on`) and a passed assessment (考核合格).
(1) 初级 (员级, 助理级) is confirmed by the 县（市）区人社局 or the city department of the series;
(2) 中级 by the 市人力资源社会保障局; (3) 高级 by the 云南省人力资源和社会保障厅, except in units to
which the province has delegated the review authority (发文下放职称评审权限): there the unit itself
confirms it (confirmer "unit"; the delegation only concerns 高级, so it changes nothing below).
Refused (5), (6): levels the nation awards by examination only (以考代评), civil servants (including
参公 staff), people retired or at statutory retirement age, and titles reviewed inside Yunnan when
the person moves inside the province. Half a year is 6 whole months (rules/periods.months_after):
transferred 2025-01-31 → 2025-07-31."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from catalog.models import Level
from core import rulebook
from core.dates import date_label
from core.errors import FieldErrors

from .periods import months_after

DISTRICT_OR_DEPARTMENT, CITY_BUREAU, PROVINCE, UNIT = (
    "district_or_department",
    "city_bureau",
    "province",
    "unit",
)
CONFIRMER_LABELS = {
    DISTRICT_OR_DEPARTMENT: "县（市）区人社局或相应系列和层级的市级行政主管部门",
    CITY_BUREAU: "市人力资源和社会保障局",
    PROVINCE: "云南省人力资源和社会保障厅",
    UNIT: "本单位（省人社厅已发文下放职称评审权限）",
}
SENIOR_LEVELS = (Level.SENIOR_FULL, Level.SENIOR_ASSOCIATE)
JUNIOR_LEVELS = (Level.ASSISTANT, Level.JUNIOR)

# Question 16 (5) and (6): one message per reason for refusal.
EXAM_ONLY_PROBLEM = "国家已实行以考代评的系列（专业）不再办理职称确认。"
CIVIL_SERVANT_PROBLEM = "公务员（含参照公务员法管理的事业单位工作人员）的职称资格不作确认。"
RETIRED_PROBLEM = "已离退休或达到国家法定退休年龄的人员，职称资格不作确认。"
INSIDE_YUNNAN_PROBLEM = "省内评审的职称资格在省内调动工作，不需要办理确认。"
ASSESSMENT_PROBLEM = "须经试用期满考核合格后方可申报确认。"


@dataclass(frozen=True)
class ConfirmationEvaluation:
    level: str
    level_label: str
    confirmer: str  # DISTRICT_OR_DEPARTMENT, CITY_BUREAU, PROVINCE or UNIT (delegated 高级)
    confirmer_label: str
    earliest: date  # transferred_on + 6 months
    eligible: bool
    problems: list[str]


def confirmer_for(*, level: str, unit_has_senior_authority: bool = False) -> str:
    """Question 16 (1)–(3): who confirms a title of `level`."""
    if level in SENIOR_LEVELS:
        return UNIT if unit_has_senior_authority else PROVINCE
    if level == Level.INTERMEDIATE:
        return CITY_BUREAU
    return DISTRICT_OR_DEPARTMENT


def _check(level, transferred_on, on) -> None:
    errors = FieldErrors()
    if not level:
        errors.add("level", "请选择要确认的职称层级。")
    elif level not in Level.values:
        errors.add("level", "职称层级只能是正高级、副高级、中级、助理级或员级。")
    for field, value, label in (
        ("transferred_on", transferred_on, "调入（聘用合同或劳动合同）日期"),
        ("on", on, "计算日期"),
    ):
        if value is None or value == "":
            errors.add(field, f"请填写{label}。")
        elif not isinstance(value, date):
            errors.add(field, f"{label}格式应为 YYYY-MM-DD。")
    errors.raise_if_any("无法判断职称确认条件，请按提示修改。")


def confirmation_evaluate(
    *,
    level: str,
    transferred_on: date,
    on: date,
    assessment_passed: bool,
    exam_only: bool = False,
    civil_servant: bool = False,
    retired: bool = False,
    from_inside_yunnan: bool = False,
    unit_has_senior_authority: bool = False,
) -> ConfirmationEvaluation:
    """Whether a title of `level` obtained elsewhere may be confirmed on `on` (rule 17), by whom,
    and from which day the trial is long enough. Every reason against is its own problem, in the
    order: exam-only, civil servant, retired, moved inside Yunnan, trial too short, assessment not
    passed. Raises ServiceError with field errors (level, transferred_on, on) for invalid input."""
    _check(level, transferred_on, on)
    earliest = months_after(transferred_on, rulebook.TRIAL_MONTHS)
    problems = []
    if exam_only:
        problems.append(EXAM_ONLY_PROBLEM)
    if civil_servant:
        problems.append(CIVIL_SERVANT_PROBLEM)
    if retired:
        problems.append(RETIRED_PROBLEM)
    if from_inside_yunnan:
        problems.append(INSIDE_YUNNAN_PROBLEM)
    if earliest > on:
        problems.append(
            f"须经半年以上试用（自聘用合同或劳动合同起算）方可申报确认，{date_label(earliest)} 试用满半年。"
        )
    if not assessment_passed:
        problems.append(ASSESSMENT_PROBLEM)
    confirmer = confirmer_for(level=level, unit_has_senior_authority=unit_has_senior_authority)
    return ConfirmationEvaluation(
        level=level,
        level_label=Level(level).label,
        confirmer=confirmer,
        confirmer_label=CONFIRMER_LABELS[confirmer],
        earliest=earliest,
        eligible=not problems,
        problems=problems,
    )
