"""One date style everywhere people read a date (issue 11 item 19): pages, messages, PDFs, exports.

- a day: "2026年7月1日"; a month: "2026年7月"
- a moment: "2026年7月1日 14:30" (local time, Asia/Shanghai)
- a deadline: "2026年12月31日 24:00" — the last minute of the last day, written as the seed writes
  it ("收审材料前一日24:00，关闭网上申报通道"): a moment at 00:00 is 24:00 of the day before, and a
  deadline given as a day ends at 24:00 of that day.

Forms and the API keep ISO dates (YYYY-MM-DD) for input and machine output.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone


def date_label(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = _local(value).date()
    return f"{value.year}年{value.month}月{value.day}日"


def month_label(value: date | None) -> str:
    if value is None:
        return ""
    return f"{value.year}年{value.month}月"


def datetime_label(value: datetime | None) -> str:
    if value is None:
        return ""
    local = _local(value)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


def deadline_label(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if not isinstance(value, datetime):
        return f"{date_label(value)} 24:00"
    local = _local(value)
    if (local.hour, local.minute, local.second) == (0, 0, 0):
        return f"{date_label((local - timedelta(days=1)).date())} 24:00"
    return datetime_label(local)


def _local(value: datetime) -> datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value
