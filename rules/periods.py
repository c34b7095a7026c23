"""Periods of whole months from a start date (rules 14, 16, 17 and 18: "1 year's internship",
"2 years after the skill grade", "half a year's trial"), counted the way core/months.py counts an
age, so the two never disagree."""

from __future__ import annotations

import calendar
from datetime import date


def months_after(day: date, months: int) -> date:
    """The first day on which `months` whole months from `day` are complete, i.e. the smallest `end`
    with core.months.full_months_between(start=day, end=end) >= months: the same day of the month
    `months` later, or that month's last day when the day does not exist there. So 2023-03-15 + 12 →
    2024-03-15, 2024-02-29 + 12 → 2025-02-28, 2025-01-31 + 6 → 2025-07-31, 2023-08-31 + 6 →
    2024-02-29."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
