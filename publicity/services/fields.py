"""Field checks shared by the notice and objection services (every message in Chinese)."""

from __future__ import annotations

import re
from datetime import date

from core.errors import FieldErrors
from workcal.services import CalendarUnknown, workdays_between
from zhicheng import rules

TITLE_MAX = 100
BODY_MAX = 2000
NAME_MAX = 40
FACTS_MAX = 2000
NOTE_MAX = 1000
ENTRIES_MAX = 2000

DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


# --- field checks ---------------------------------------------------------------------------------


def clean_text(
    errors: FieldErrors, field: str, value, *, label: str, max_length: int, required: bool = True
) -> str:
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if required and not text:
        errors.add(field, f"请填写{label}。")
    elif len(text) > max_length:
        errors.add(field, f"{label}最多 {max_length} 个字，当前 {len(text)} 个字。")
    return text


def clean_date(errors: FieldErrors, field: str, value, *, label: str) -> date | None:
    if isinstance(value, date):
        return value
    text = "" if value is None else str(value).strip()
    if not text:
        errors.add(field, f"请填写{label}。")
        return None
    match = DATE_RE.match(text)
    if not match:
        errors.add(field, f"{label}格式应为 YYYY-MM-DD，如 2026-03-02。")
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        errors.add(field, f"{label}不是有效的日期。")
        return None


def period_check(errors: FieldErrors, *, start: date | None, end: date | None, today: date) -> int | None:
    """Rules 2 and 3: a period of at least PUBLICITY_MIN_WORKDAYS working days by the official
    calendar (holidays and weekends not counted, adjusted working days counted), starting today at
    the earliest. Returns the working days (None when the dates are not usable)."""
    if start is None or end is None:
        return None
    if start < today:
        errors.add("start_date", f"公示开始日期不能早于今天（{today:%Y-%m-%d}）。")
    if end < start:
        errors.add("end_date", "公示结束日期不能早于公示开始日期。")
        return None
    try:
        workdays = workdays_between(start=start, end=end)
    except CalendarUnknown as exc:
        errors.add("end_date", exc.detail)
        return None
    if workdays < rules.PUBLICITY_MIN_WORKDAYS:
        errors.add(
            "end_date",
            f"公示期不少于{rules.PUBLICITY_MIN_WORKDAYS}个工作日：{start:%Y-%m-%d}至{end:%Y-%m-%d}"
            f"只有{workdays}个工作日（法定节假日和周末不计，调休上班日计入），请延长公示期。",
        )
    return workdays


def clean_ids(errors: FieldErrors, values) -> list[int]:
    if isinstance(values, (str, int)):
        values = [values]
    ids: list[int] = []
    for value in values or []:
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError):
            errors.add("application_ids", "所选申报编号不正确，请刷新页面后重新选择。")
            return []
        if number not in ids:
            ids.append(number)
    if not ids:
        errors.add("application_ids", "请选择要公示的申报人员。")
    elif len(ids) > ENTRIES_MAX:
        errors.add("application_ids", f"一次公示最多 {ENTRIES_MAX} 人。")
    return ids
