"""Rule 16, the special route by a skill grade: without a title at the level below, a skill grade
in 基本信息 leads to the level, with its years and the last 3 annual assessments counted to the
committee's month (rule 8)."""

from __future__ import annotations

from catalog.models import LEVEL_ORDER
from dossier.models import DossierEntry
from dossier.selectors import held_titles
from rules.skilled import GRADE_LEVEL, PASSED_RESULTS, SkillGrade, skilled_evaluate

from .counting import committee_month_of
from .problem import Problem


def passed_assessment_years(*, dossier) -> list[int]:
    """Rule 16: the years of 年度考核情况 whose result is 合格 or better."""
    years = []
    for data in DossierEntry.objects.filter(dossier=dossier, section="annual_assessments").values_list(
        "data", flat=True
    ):
        year, result = str((data or {}).get("year") or ""), (data or {}).get("result")
        if year.isdigit() and result in PASSED_RESULTS:
            years.append(int(year))
    return years


def skilled_route(*, dossier, level: str) -> bool:
    """Rule 16: an application at `level` goes by the skill grade when 基本信息 records a grade
    leading to that level and 现有职称情况 holds no title at the level below (with one, it is an
    ordinary promotion)."""
    grade = dossier.skill_grade
    if grade not in SkillGrade.values or GRADE_LEVEL[SkillGrade(grade)] != level:
        return False
    index = LEVEL_ORDER.index(level)
    below = LEVEL_ORDER[index + 1] if index + 1 < len(LEVEL_ORDER) else None
    held = held_titles().filter(dossier=dossier).values_list("data__level", flat=True)
    return below not in {str(value) for value in held if value}


def skilled_problems(*, dossier, committee, level: str, year: int) -> list[Problem]:
    """Rule 16 (with rule 8): by a skill grade, its years and the 3 annual assessments before the
    committee's month are met, counted to the last day of that month."""
    if not skilled_route(dossier=dossier, level=level) or dossier.skill_grade_obtained_on is None:
        return []
    month = committee_month_of(committee=committee, year=year)
    if month is None:
        return []  # no plan and no window: the window problem already refuses
    evaluation = skilled_evaluate(
        grade=dossier.skill_grade,
        obtained_on=dossier.skill_grade_obtained_on,
        on=month.last_day,
        passed_years=passed_assessment_years(dossier=dossier),
    )
    suffix = f"（按职业资格（职业技能等级）申报，计算到评委会评审月份{month.label}）{month.note}"
    return [Problem("level", problem + suffix) for problem in evaluation.problems]
