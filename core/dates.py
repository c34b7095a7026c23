"""One date style everywhere people read a date (issue 11 item 19): pages, messages, PDFs, exports.

- a day: "2026年7月1日"; a month: "2026年7月"
- a moment: "2026年7月1日 14:30" (local time, Asia/Shanghai)
- a deadline: "2026年12月31日 24:00" — the last minute of the last day, written as the seed writes
  it ("收审材料前一日24:00，关闭网上申报通道"): a moment at 00:00 is 24:00 of the day before, and a
  deadline given as a day ends at 24:00 of that day. Used wherever a limit is named on its own
  (a window's close, 补正截止日期, 整改期限, the end of a notice a person may still object to).
- a period of days: "2026年12月8日至2026年12月29日" (both days included).

Forms and the API keep ISO dates (YYYY-MM-DD) for input and machine output; a value stored as
ISO text (a dossier entry's "2008-07", a snapshot) reads through `iso_label`. Spreadsheets keep
real date cells with the Chinese number formats below.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

# The official calendar is Beijing time; window instants are built in this zone.
CALENDAR_TZ = ZoneInfo("Asia/Shanghai")


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February in a common year (an integrity
    record of 3 years from 2024-02-29 expires on 2027-02-28, rule 1)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def date_label(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = _local(value).date()
    return f"{value.year}年{value.month}月{value.day}日"


def month_label(value: date | tuple[int, int] | None) -> str:
    """ "2026年11月" for a date or (year, month)."""
    if value is None:
        return ""
    year, month = (value.year, value.month) if isinstance(value, date) else value
    return f"{year}年{month}月"


def datetime_label(value: datetime | None, *, seconds: bool = False) -> str:
    if value is None:
        return ""
    local = _local(value)
    return f"{date_label(local)} {local:%H:%M:%S}" if seconds else f"{date_label(local)} {local:%H:%M}"


def time_label(value: datetime | None) -> str:
    """ "14:30" (local time)."""
    return "" if value is None else f"{_local(value):%H:%M}"


def deadline_label(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if not isinstance(value, datetime):
        return f"{date_label(value)} 24:00"
    local = _local(value)
    if (local.hour, local.minute, local.second) == (0, 0, 0):
        return f"{date_label((local - timedelta(days=1)).date())} 24:00"
    return datetime_label(local)


def period_label(start: date | None, end: date | None) -> str:
    """ "2026年12月8日至2026年12月29日" (both days included)."""
    if start is None or end is None:
        return date_label(start or end)
    return f"{date_label(start)}至{date_label(end)}"


_ISO_TEXT = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


def iso_label(text: object) -> str:
    """A date or month stored as ISO text ("2008-07-01", "2008-07": dossier entries, snapshots
    taken before issue 11) as people read it; any other text unchanged."""
    if isinstance(text, datetime):
        return datetime_label(text)
    if isinstance(text, date):
        return date_label(text)
    text = "" if text is None else str(text)
    match = _ISO_TEXT.fullmatch(text.strip())
    if not match:
        return text
    year, month, day = (int(part) if part else 0 for part in match.groups())
    if not 1 <= month <= 12 or (match.group(3) and not 1 <= day <= 31):
        return text
    return f"{year}年{month}月{day}日" if day else f"{year}年{month}月"


def iso_month_label(value: object) -> str:
    """The month of a date kept as ISO text: "2019-08" or "2019-08-15" → "2019年8月", a year
    "2019" → "2019年"; "" when it is not a date (a notice and the 花名册 show months only)."""
    text = str(value or "").strip()
    parts = text.split("-")
    if len(parts) >= 2 and parts[0].isdigit() and parts[1].isdigit():
        return f"{int(parts[0])}年{int(parts[1])}月"
    return f"{text}年" if text.isdigit() else ""


# Excel number format of the same style (a real date cell that sorts and filters as a date).
XLSX_DATETIME = 'yyyy"年"m"月"d"日" hh:mm'


def excel_value(value: date | datetime | None) -> date | datetime | None:
    """A date or an aware moment for a spreadsheet cell: local time without tzinfo (Excel keeps
    none); pair it with XLSX_DATETIME."""
    if isinstance(value, datetime):
        return _local(value).replace(tzinfo=None)
    return value


def _local(value: datetime) -> datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value
