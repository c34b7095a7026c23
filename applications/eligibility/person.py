"""The person's standing, whatever the level: civil servants and 参公 staff, and the statutory
retirement age at the committee's month (rule 9); an integrity record inside its 3 years (rule 1)."""

from __future__ import annotations

from datetime import date

from core import rulebook
from core.dates import date_label, month_label
from core.errors import ServiceError
from rules.retirement import statutory_retirement

from ..models import IntegrityRecord
from .counting import committee_month_of
from .problem import Problem


def civil_servant_problems(*, dossier, unit) -> list[Problem]:
    """Rule 9: civil servants and 参公 staff are not eligible."""
    problems = []
    if dossier.is_civil_servant:
        problems.append(Problem("__all__", "公务员（含参照公务员法管理人员）不能申报职称评审。"))
    if unit is not None and unit.civil_servant_managed:
        problems.append(
            Problem(
                "__all__",
                f"您的工作单位“{unit.name}”为参照公务员法管理（参公）单位，参公人员不能申报职称评审。",
            )
        )
    return problems


def retirement_problems(*, dossier, committee, year: int) -> list[Problem]:
    """Rule 9: statutory retirement age reached on or before the last day of the committee's month
    is refused, unless an approved delayed retirement covers that month."""
    missing = []
    if not dossier.birth_date:
        missing.append("出生日期")
    if not dossier.sex:
        missing.append("性别")
    if not dossier.original_retirement_age:
        missing.append("原法定退休年龄")
    if missing:
        return [
            Problem(
                "__all__",
                f"请先在基本信息中完善{'、'.join(missing)}，以便核对法定退休年龄。",
            )
        ]
    month = committee_month_of(committee=committee, year=year)
    if month is None:
        return []  # no plan and no window: the window problem already refuses
    try:
        retirement = statutory_retirement(
            birth_date=dossier.birth_date, sex=dossier.sex, original_age=dossier.original_retirement_age
        )
    except ServiceError as exc:
        return [Problem("__all__", f"无法核对法定退休年龄：{exc.detail}请先在基本信息中修改。")]
    reached = retirement.reached_month
    if (reached.year, reached.month) > (month.year, month.month):
        return []
    delayed = dossier.delayed_retirement_until
    if delayed and (delayed.year, delayed.month) >= (month.year, month.month):
        return []  # an approved delay covers the committee's month
    text = (
        f"您的法定退休年龄为{retirement.years}周岁"
        + (f"{retirement.months}个月" if retirement.months else "")
        + f"，于{month_label(reached)}达到，不晚于所选评委会的评审月份（{month.label}），"
        "不能申报。"
    )
    if delayed:
        text += f"您批准延迟退休至{month_label(delayed)}，未覆盖评审月份。"
    else:
        text += "如已批准延迟退休，请在基本信息中填写“批准延迟退休至（月）”并上传批准文件。"
    if month.note:
        text += month.note
    return [Problem("committee_id", text)]


def integrity_problems(*, user, today: date) -> list[Problem]:
    """Rule 1: an integrity record inside its 3 years."""
    record = (
        IntegrityRecord.objects.filter(
            id_number=(user.id_number or "").upper(), recorded_on__lte=today, expires_on__gt=today
        )
        .order_by("-expires_on")
        .first()
        if user.id_number
        else None
    )
    if record is None:
        return []
    return [
        Problem(
            "__all__",
            f"您有诚信档案记录（{date_label(record.recorded_on)}记入，保留{rulebook.INTEGRITY_RECORD_YEARS}年），"
            f"记录期满日为{date_label(record.expires_on)}，期满前不能申报职称。",
        )
    ]
