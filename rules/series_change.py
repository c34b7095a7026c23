"""Changing series (变更职务系列): rule 18 (seed question 17).

(1) A move to a post of another series needs half a year's trial or more (半年以上试用) in the new
post and a passed assessment, then a review (or confirmation) of the same level as the present
title in the new series; (2) the years served in the old series count on (履职时间可连续计算);
(3) promotion in the new series only after the change is done, from the next year (下一年度后再申报
评审晋升职称): approved in 2025 → promotion from 2026; (4) series with a national examination need
that examination instead (`exam_only`). Half a year is 6 whole months (rules/periods.months_after):
changed 2025-01-31 → 2025-07-31."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from catalog.models import Level
from core import rulebook
from core.dates import date_label
from core.errors import FieldErrors

from .periods import months_after

SAME_LEVEL_NOTE = (
    "变更职务系列按现有职称等级在新系列重新评审同等级职称资格，申报材料要求与同系列评审人员一致"
    "（见《职称知识25问》第17问）。"
)
CARRY_OVER_NOTE = (
    "变更职务系列后，在原职务系列岗位上的履职时间可连续计算履职年限（见《职称知识25问》第17问）。"
)
EXAM_ONLY_PROBLEM = "已实行全国统一考试的系列和专业资格档次，变更职务系列须参加相应资格考试，不能评审。"


@dataclass(frozen=True)
class SeriesChangeEvaluation:
    level: str  # the present level, reviewed again at the same level in the new series
    level_label: str
    earliest: date  # changed_on + 6 months
    promotion_year: int | None  # the year after approved_on; None while not approved
    eligible: bool
    problems: list[str]
    notes: list[str]


def promotion_allowed_after_change(*, approved_on: date, year: int) -> bool:
    """Rule 18 (question 17 (3)): promotion in the new series from the year after the change."""
    return year > approved_on.year


def _check(level, changed_on, on, approved_on) -> None:
    errors = FieldErrors()
    if not level:
        errors.add("level", "请选择现有职称层级。")
    elif level not in Level.values:
        errors.add("level", "职称层级只能是正高级、副高级、中级、助理级或员级。")
    for field, value, label in (("changed_on", changed_on, "岗位变更日期"), ("on", on, "计算日期")):
        if value is None or value == "":
            errors.add(field, f"请填写{label}。")
        elif not isinstance(value, date):
            errors.add(field, f"{label}格式应为 YYYY-MM-DD。")
    if approved_on is not None and not isinstance(approved_on, date):
        errors.add("approved_on", "系列变更批准日期格式应为 YYYY-MM-DD。")
    elif isinstance(approved_on, date) and isinstance(changed_on, date) and approved_on < changed_on:
        errors.add("approved_on", "系列变更批准日期不能早于岗位变更日期。")
    errors.raise_if_any("无法判断变更系列条件，请按提示修改。")


def series_change_evaluate(
    *,
    level: str,
    changed_on: date,
    on: date,
    approved_on: date | None = None,
    exam_only: bool = False,
) -> SeriesChangeEvaluation:
    """Whether the same-level review in the new series may be applied for on `on` (rule 18): at
    least 6 months from the post change (`changed_on`); and, once the change is approved
    (`approved_on`), the first year a promotion in the new series is allowed. Raises ServiceError
    with field errors (level, changed_on, on, approved_on) for invalid input."""
    _check(level, changed_on, on, approved_on)
    earliest = months_after(changed_on, rulebook.TRIAL_MONTHS)
    problems = []
    if exam_only:
        problems.append(EXAM_ONLY_PROBLEM)
    if earliest > on:
        problems.append(f"须在新系列岗位上试用半年以上并考核合格，{date_label(earliest)} 试用满半年。")
    notes = [SAME_LEVEL_NOTE, CARRY_OVER_NOTE]
    promotion_year = approved_on.year + 1 if approved_on is not None else None
    if approved_on is not None:
        notes.append(
            f"系列变更已于 {date_label(approved_on)} 完成，"
            f"{promotion_year} 年起可在新系列申报晋升高一级职称。"
        )
    else:
        notes.append("系列变更完成后，下一年度起方可在新系列申报晋升高一级职称。")
    return SeriesChangeEvaluation(
        level=level,
        level_label=Level(level).label,
        earliest=earliest,
        promotion_year=promotion_year,
        eligible=not problems,
        problems=problems,
        notes=notes,
    )
