"""Graduate recognition (考核认定, 正规院校毕业生职称资格认定): rule 14 (seed question 18), with
rule 10 (question 9: 技工院校 classes count as 中专 / 大专 / 本科) and the windows of rule 15
(question 19).

Question 18 (2): 中专 or 大专, or 技工院校 中级工班 / 高级工班, → 员级 after a 1-year internship
(见习1年期满后); 本科 or 学士, or 预备技师（技师）班, → 员级 at once and 助理级 after a 1-year internship;
硕士 or 双学士 → 助理级 at once; 博士 → 中级 at once. Question 18 (3): the time counts from the date on
the 《云南省招工录用登记表》 or the 《事业单位聘用通知书》 (`hired_on`). The year is complete on the same
day of the month a year later (the last day of February for a 29 February hiring), the way
core/months.py counts an age. Question 18 (1): 初级 (员级, 助理级) is recognised by the 县（市）区人社局
for non-public and district units, by the city's 主管部门 with review authority for city units;
中级 by the 市人社局. Question 19: from 2022 applications are accepted in January, April, July and
October (core.rulebook.RECOGNITION_WINDOW_MONTHS; settings.RECOGNITION_MONTHS overrides it through
core.rulebook.recognition_months(); every function here takes the months as `months`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import models

from catalog.models import LEVEL_ORDER, Level
from core import rulebook
from core.dates import date_label
from core.errors import FieldErrors
from dossier.rules import TECHNICAL_CLASS_EQUIVALENT, equivalent_education

from .periods import months_after

RECOGNITION_MONTHS: tuple[int, ...] = rulebook.RECOGNITION_WINDOW_MONTHS


class Schooling(models.TextChoices):
    ZHONGZHUAN = "zhongzhuan", "中专"
    DAZHUAN = "dazhuan", "大专"
    BENKE = "benke", "本科（学士）"
    DOUBLE_BACHELOR = "double_bachelor", "双学士"
    MASTER = "master", "硕士"
    DOCTOR = "doctor", "博士"
    TECH_INTERMEDIATE = "tech_intermediate", "技工院校中级工班"
    TECH_ADVANCED = "tech_advanced", "技工院校高级工班"
    TECH_PRETECHNICIAN = "tech_pretechnician", "技工院校预备技师（技师）班"


# Rule 10 (question 9): what a 技工院校 class counts as, from dossier.rules (one table for both).
_TECH_CLASS = {
    Schooling.TECH_INTERMEDIATE: "中级工班",
    Schooling.TECH_ADVANCED: "高级工班",
    Schooling.TECH_PRETECHNICIAN: "预备技师（技师）班",
}
COUNTS_AS: dict[str, str] = {
    Schooling.ZHONGZHUAN: "中专",
    Schooling.DAZHUAN: "大专",
    Schooling.BENKE: "本科",
    Schooling.DOUBLE_BACHELOR: "双学士",
    Schooling.MASTER: "硕士",
    Schooling.DOCTOR: "博士",
    **{kind: TECHNICAL_CLASS_EQUIVALENT[name] for kind, name in _TECH_CLASS.items()},
}

_YEAR = rulebook.RECOGNITION_INTERNSHIP_MONTHS
# Rule 14 (question 18 (2)), keyed by what the schooling counts as: (level, months after hiring).
SCHEDULE: dict[str, tuple[tuple[str, int], ...]] = {
    "中专": ((Level.JUNIOR, _YEAR),),
    "大专": ((Level.JUNIOR, _YEAR),),
    "本科": ((Level.JUNIOR, 0), (Level.ASSISTANT, _YEAR)),
    "双学士": ((Level.ASSISTANT, 0),),
    "硕士": ((Level.ASSISTANT, 0),),
    "博士": ((Level.INTERMEDIATE, 0),),
}

DISTRICT_OR_DEPARTMENT, CITY_BUREAU = "district_or_department", "city_bureau"
RECOGNISER_LABELS = {
    DISTRICT_OR_DEPARTMENT: (
        "县（市）区人社局（非公经济单位、县（市）区属国有企事业单位）或市级行业主管部门（市属企事业单位）"
    ),
    CITY_BUREAU: "市人力资源和社会保障局",
}
# With the unit's ownership (orgs.models.Ownership) known, the 初级 recogniser is one of the two.
_DISTRICT_LABEL = "县（市）区人社局"
_DEPARTMENT_LABEL = "具有评审权限的相应系列市级行业主管部门"
OWNERSHIP_RECOGNISER = {
    "city_state": _DEPARTMENT_LABEL,
    "district_state": _DISTRICT_LABEL,
    "non_public": _DISTRICT_LABEL,
    "social": _DISTRICT_LABEL,
    "agency": _DISTRICT_LABEL,
}


@dataclass(frozen=True)
class LevelDate:
    level: str
    level_label: str
    # The first day the level can be recognised (rule 14).
    earliest: date
    recogniser: str  # DISTRICT_OR_DEPARTMENT (员级, 助理级) or CITY_BUREAU (中级)
    recogniser_label: str
    # The first day on or after `earliest` inside a window month (rule 15): the day to apply from.
    apply_from: date


@dataclass(frozen=True)
class RecognitionEvaluation:
    schooling: str
    schooling_label: str
    counts_as: str  # 中专, 大专, 本科, 双学士, 硕士 or 博士
    hired_on: date
    on: date
    levels: list[LevelDate]  # every level the schooling reaches, lowest first
    available: list[LevelDate]  # those with earliest <= on
    best: LevelDate | None  # the highest available
    next_window_start: date  # `on` inside a window month, else the 1st of the next window month
    window_open: bool
    notes: list[str]
    window_months: list[int]  # the months used (rule 15), ascending


def _months_problem(months) -> str | None:
    try:
        values = [int(m) for m in months]
    except (TypeError, ValueError):
        return "受理月份须为 1 至 12 之间的整数。"
    if not values or any(not 1 <= m <= 12 for m in values):
        return "受理月份须为 1 至 12 月中的一个或多个月份。"
    return None


def _check_months(months: Iterable[int]) -> tuple[int, ...]:
    errors = FieldErrors()
    problem = _months_problem(months)
    if problem:
        errors.add("months", problem)
    errors.raise_if_any("受理月份设置有误。")
    return tuple(sorted({int(m) for m in months}))


def next_window_start(*, on: date, months: Iterable[int] = RECOGNITION_MONTHS) -> date:
    """Rule 15: `on` itself when its month is a window month, else the 1st of the next one."""
    window = _check_months(months)
    if on.month in window:
        return on
    for step in range(1, 13):
        start = months_after(on.replace(day=1), step)
        if start.month in window:
            return start
    raise AssertionError("unreachable: a non-empty set of months 1–12")  # pragma: no cover


def recognition_window_open(*, on: date, months: Iterable[int] = RECOGNITION_MONTHS) -> bool:
    """Rule 15: whether graduate recognition is accepted on `on` (its month is a window month)."""
    return on.month in _check_months(months)


def _months_text(months: tuple[int, ...]) -> str:
    return "、".join(f"{m}月" for m in months)


def _check(schooling, hired_on, on, months, ownership) -> tuple[int, ...]:
    errors = FieldErrors()
    if not schooling:
        errors.add("schooling", "请选择学历（学位）或技工院校班次。")
    elif schooling not in Schooling.values:
        errors.add("schooling", "学历（学位）只能是：" + "、".join(Schooling.labels) + "。")
    for field, value, label in (("hired_on", hired_on, "录用（聘用）日期"), ("on", on, "计算日期")):
        if value is None or value == "":
            errors.add(field, f"请填写{label}。")
        elif not isinstance(value, date):
            errors.add(field, f"{label}格式应为 YYYY-MM-DD。")
    problem = _months_problem(months)
    if problem:
        errors.add("months", problem)
    if ownership and ownership not in OWNERSHIP_RECOGNISER:
        errors.add(
            "ownership",
            "单位性质只能是：市属国有企事业单位、县区国有企事业单位、非公有制经济组织、社会组织或人事代理机构。",
        )
    errors.raise_if_any("无法计算考核认定的层级和时间，请按提示修改。")
    return tuple(sorted({int(m) for m in months}))


def recognition_evaluate(
    *,
    schooling: str,
    hired_on: date,
    on: date,
    months: Iterable[int] = RECOGNITION_MONTHS,
    ownership: str | None = None,
) -> RecognitionEvaluation:
    """Every level a graduate's schooling reaches by recognition (rule 14) with its earliest date
    and recogniser, which of them are available on `on`, and the recognition window (rule 15).
    `ownership` (orgs.models.Ownership, optional) narrows the 初级 recogniser's label to the district
    bureau or the city department. Raises ServiceError with field errors (schooling, hired_on, on,
    months, ownership) for invalid input."""
    window = _check(schooling, hired_on, on, months, ownership)
    counts_as = COUNTS_AS[schooling]
    levels = []
    for level, wait in SCHEDULE[counts_as]:
        earliest = months_after(hired_on, wait)
        recogniser = CITY_BUREAU if level == Level.INTERMEDIATE else DISTRICT_OR_DEPARTMENT
        label = RECOGNISER_LABELS[recogniser]
        if ownership and recogniser == DISTRICT_OR_DEPARTMENT:
            label = OWNERSHIP_RECOGNISER[ownership]
        levels.append(
            LevelDate(
                level=str(level),
                level_label=Level(level).label,
                earliest=earliest,
                recogniser=recogniser,
                recogniser_label=label,
                apply_from=next_window_start(on=earliest, months=window),
            )
        )
    levels.sort(key=lambda item: -LEVEL_ORDER.index(item.level))
    available = [item for item in levels if item.earliest <= on]
    window_start = next_window_start(on=on, months=window)
    open_now = window_start == on
    label = Schooling(schooling).label
    notes = [
        "认定时间以《云南省招工录用登记表》或《事业单位聘用通知书》上的记载时间为依据计算"
        "（见《职称知识25问》第18问）。"
    ]
    if schooling in _TECH_CLASS:
        notes.append(f"{label}毕业按相当于{counts_as}学历认定（见《职称知识25问》第9问）。")
    for item in levels:
        if item.earliest > hired_on:
            notes.append(
                f"{item.level_label}须见习 1 年期满并经用人单位考核合格，"
                f"最早 {date_label(item.earliest)} 可认定。"
            )
    if hired_on > on:
        notes.append(f"录用（聘用）日期晚于计算日期（{date_label(on)}），尚无可认定的层级。")
    if open_now:
        notes.append(f"考核认定每年 {_months_text(window)} 受理（见《职称知识25问》第19问），本月可以申报。")
    else:
        notes.append(
            f"考核认定每年 {_months_text(window)} 受理（见《职称知识25问》第19问），"
            f"下一次受理自 {date_label(window_start)} 起。"
        )
    return RecognitionEvaluation(
        schooling=schooling,
        schooling_label=label,
        counts_as=counts_as,
        hired_on=hired_on,
        on=on,
        levels=levels,
        available=available,
        best=available[-1] if available else None,
        next_window_start=window_start,
        window_open=open_now,
        notes=notes,
        window_months=list(window),
    )


# --- which schooling one 学历情况 entry counts as (rules 10, 14) -----------------------------------

# What each schooling reaches, for picking the entry that reaches furthest.
SCHOOLING_RANK = {
    Schooling.DOCTOR: 6,
    Schooling.MASTER: 5,
    Schooling.DOUBLE_BACHELOR: 5,
    Schooling.BENKE: 4,
    Schooling.TECH_PRETECHNICIAN: 4,
    Schooling.DAZHUAN: 2,
    Schooling.TECH_ADVANCED: 2,
    Schooling.ZHONGZHUAN: 1,
    Schooling.TECH_INTERMEDIATE: 1,
}
_EDUCATION_SCHOOLING = {
    "中专": Schooling.ZHONGZHUAN,
    "大专": Schooling.DAZHUAN,
    "本科": Schooling.BENKE,
    "硕士研究生": Schooling.MASTER,
    "博士研究生": Schooling.DOCTOR,
}
_DEGREE_SCHOOLING = {
    "学士": Schooling.BENKE,
    "双学士": Schooling.DOUBLE_BACHELOR,
    "硕士": Schooling.MASTER,
    "博士": Schooling.DOCTOR,
}
_TECH_SCHOOLING = {
    "中级工班": Schooling.TECH_INTERMEDIATE,
    "高级工班": Schooling.TECH_ADVANCED,
    "预备技师（技师）班": Schooling.TECH_PRETECHNICIAN,
}


def schooling_of(entry) -> str | None:
    """The Schooling one 学历情况 entry counts as for rule 14: its degree, its education, or its
    技工院校 class (rule 10), whichever reaches furthest; None when it gives none of them."""
    data = entry.data or {}
    candidates = [
        _DEGREE_SCHOOLING.get(data.get("degree") or ""),
        _EDUCATION_SCHOOLING.get(data.get("education") or ""),
        _TECH_SCHOOLING.get(data.get("technical_class") or ""),
    ]
    candidates = [c for c in candidates if c]
    if not candidates and equivalent_education(entry) in _EDUCATION_SCHOOLING:
        candidates = [_EDUCATION_SCHOOLING[equivalent_education(entry)]]
    # On a tie the 学历 or 学位 wins over the 技工院校 class (listed first).
    return max(candidates, key=lambda c: SCHOOLING_RANK[c]) if candidates else None
