"""Skilled workers applying for a professional title: rule 16 (seed question 21, 人社部发〔2020〕96号).

取得高级工职业资格或职业技能等级后从事技术技能工作满 2 年 → 助理级; 技师 满 3 年 → 中级; 高级技师 满 4 年
→ 副高级 (core.rulebook.SKILLED_YEARS); and 在现工作岗位上近3年年度考核合格
(core.rulebook.SKILLED_ASSESSMENT_YEARS). The years are complete on the same day of the month
(rules/periods.months_after). "The last 3 years" are the 3 calendar years before the year of `on`:
on any day of 2026 they are 2023, 2024 and 2025, because a year's 年度考核 is only made at its end,
so the current year never has one yet. Rule 8: to count up to a committee's month, pass
core.months.committee_month_end(...) as `on`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import models

from catalog.models import Level
from core import rulebook
from core.dates import date_label
from core.errors import FieldErrors

from .periods import months_after


class SkillGrade(models.TextChoices):
    ADVANCED_WORKER = "advanced_worker", "高级工"
    TECHNICIAN = "technician", "技师"
    SENIOR_TECHNICIAN = "senior_technician", "高级技师"


# Rule 16: 年度考核合格 — the results of 年度考核情况 that count as passed (合格 or better).
PASSED_RESULTS = ("优秀", "合格")

# Rule 16: the level each grade leads to (the years are in core.rulebook.SKILLED_YEARS).
GRADE_LEVEL = {
    SkillGrade.ADVANCED_WORKER: Level.ASSISTANT,
    SkillGrade.TECHNICIAN: Level.INTERMEDIATE,
    SkillGrade.SENIOR_TECHNICIAN: Level.SENIOR_ASSOCIATE,
}


@dataclass(frozen=True)
class SkilledEvaluation:
    grade: str
    level: str
    level_label: str
    earliest: date  # obtained_on + the grade's years
    assessment_years: list[int]  # the 3 calendar years before on.year, oldest first
    assessments_missing: list[int]  # those not among passed_years
    eligible: bool
    problems: list[str]


def assessment_years(*, on: date) -> list[int]:
    """Rule 16: the years whose annual assessment must be passed on `on` (the 3 before its year)."""
    count = rulebook.SKILLED_ASSESSMENT_YEARS
    return list(range(on.year - count, on.year))


def _check(grade, obtained_on, on, passed_years) -> list[int]:
    errors = FieldErrors()
    if not grade:
        errors.add("grade", "请选择职业资格或职业技能等级。")
    elif grade not in SkillGrade.values:
        errors.add("grade", "职业资格或职业技能等级只能是高级工、技师或高级技师。")
    for field, value, label in (("obtained_on", obtained_on, "取得等级日期"), ("on", on, "计算日期")):
        if value is None or value == "":
            errors.add(field, f"请填写{label}。")
        elif not isinstance(value, date):
            errors.add(field, f"{label}格式应为 YYYY-MM-DD。")
    years: list[int] = []
    for value in passed_years or ():
        if isinstance(value, bool) or not isinstance(value, int):
            try:
                value = int(str(value).strip())
            except ValueError:
                errors.add("passed_years", f"年度考核合格年份应为四位数年份（{value}）。")
                continue
        if not 1900 <= value <= 9999:
            errors.add("passed_years", f"年度考核合格年份应为四位数年份（{value}）。")
            continue
        years.append(value)
    errors.raise_if_any("无法判断技能人才申报条件，请按提示修改。")
    return years


def skilled_evaluate(
    *, grade: str, obtained_on: date, on: date, passed_years: Iterable[int]
) -> SkilledEvaluation:
    """Whether a skilled worker may apply on `on` for the level their grade leads to (rule 16), and
    the first day the years are met. Each unmet condition is one problem: the years, and each of
    the last 3 years without a passed annual assessment. Raises ServiceError with field errors
    (grade, obtained_on, on, passed_years) for invalid input."""
    passed = set(_check(grade, obtained_on, on, passed_years))
    level = GRADE_LEVEL[SkillGrade(grade)]
    years = rulebook.SKILLED_YEARS[grade]
    earliest = months_after(obtained_on, years * 12)
    grade_label = SkillGrade(grade).label
    problems = []
    if earliest > on:
        problems.append(
            f"取得{grade_label}职业资格或职业技能等级后从事技术技能工作满 {years} 年"
            f"方可申报{level.label}职称，"
            f"{date_label(earliest)} 满 {years} 年。"
        )
    required = assessment_years(on=on)
    missing = [year for year in required if year not in passed]
    for year in missing:
        problems.append(f"须在现工作岗位上近 3 年年度考核均为合格：{year} 年度考核未合格或未填写。")
    return SkilledEvaluation(
        grade=grade,
        level=str(level),
        level_label=level.label,
        earliest=earliest,
        assessment_years=required,
        assessments_missing=missing,
        eligible=not problems,
        problems=problems,
    )
