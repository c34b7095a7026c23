"""Statutory retirement age (rule 9) under the 2025 gradual reform (渐进式延迟法定退休年龄).

Men 60 → 63 and women cadres 55 → 58: one month later for every 4 months of birth, from January
1965 and January 1970; women workers 50 → 55: one month later for every 2 months of birth, from
January 1975. The first group (born January–April 1965 for men) retires at 60 years 1 month; the
caps are reached by men born September 1976, women (55) born September 1981 and women (50) born
November 1984 or later. The schedule's numbers are in core.rulebook.RETIREMENT_REFORM."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core import rulebook
from core.errors import FieldErrors, ServiceError
from core.months import add_months

MALE, FEMALE = "male", "female"  # the values of dossier.models.Sex
ORIGINAL_AGES = {MALE: (60,), FEMALE: (55, 50)}  # dossier.models.OriginalRetirementAge per sex


@dataclass(frozen=True)
class Retirement:
    years: int
    months: int
    # The first day of the month in which the person reaches the age.
    reached_month: date

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months

    @property
    def label(self) -> str:
        """ "63岁" or "60岁1个月"."""
        return f"{self.years}岁{self.months}个月" if self.months else f"{self.years}岁"


def delay_months(*, birth_date: date, sex: str, original_age: int) -> int:
    """Months the reform adds to the original age (0 before the first birth month, then capped)."""
    step = rulebook.RETIREMENT_REFORM[(sex, original_age)]
    since = (birth_date.year - step["first_year"]) * 12 + (birth_date.month - step["first_month"])
    if since < 0:
        return 0
    return min(since // step["birth_months_per_step"] + 1, step["max_delay_months"])


def _check(birth_date, sex, original_age) -> int:
    errors = FieldErrors()
    if birth_date is None or birth_date == "":
        errors.add("birth_date", "请填写出生日期。")
    elif not isinstance(birth_date, date):
        errors.add("birth_date", "出生日期格式应为 YYYY-MM-DD。")
    age = None
    if original_age is None or original_age == "":
        errors.add("original_age", "请选择原法定退休年龄（60、55 或 50 周岁）。")
    else:
        try:
            age = int(original_age)
        except (TypeError, ValueError):
            age = None
        if age not in (60, 55, 50):
            errors.add("original_age", "原法定退休年龄只能是 60、55 或 50 周岁。")
            age = None
    if not sex:
        errors.add("sex", "请选择性别。")
    elif sex not in ORIGINAL_AGES:
        errors.add("sex", "性别只能是男（male）或女（female）。")
    elif age is not None and age not in ORIGINAL_AGES[sex]:
        errors.add(
            "original_age",
            "男职工的原法定退休年龄为 60 周岁。"
            if sex == MALE
            else "女职工的原法定退休年龄为 55 周岁（女干部）或 50 周岁（女职工）。",
        )
    errors.raise_if_any("无法计算法定退休年龄，请按提示修改。")
    return age  # type: ignore[return-value]


def statutory_retirement(*, birth_date: date, sex: str, original_age: int) -> Retirement:
    """The statutory retirement age of a person and the month it is reached (rule 9). Raises
    ServiceError with field errors (birth_date, sex, original_age) for invalid input."""
    age = _check(birth_date, sex, original_age)
    total = age * 12 + delay_months(birth_date=birth_date, sex=sex, original_age=age)
    years, months = divmod(total, 12)
    return Retirement(years=years, months=months, reached_month=add_months(birth_date, total))


def retired_on(dossier, on: date) -> bool:
    """Rule 9: the statutory retirement month of a person's 基本信息 (`dossier`: birth_date, sex and
    original_retirement_age) is reached by `on`'s month; False while one of them is missing or
    unusable (the promotion path reports that)."""
    if not (dossier.birth_date and dossier.sex and dossier.original_retirement_age):
        return False
    try:
        reached = statutory_retirement(
            birth_date=dossier.birth_date, sex=dossier.sex, original_age=dossier.original_retirement_age
        ).reached_month
    except ServiceError:  # an unusable basic info is reported by the promotion path
        return False
    return (reached.year, reached.month) <= (on.year, on.month)
