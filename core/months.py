"""Counting in months (rule 8: ages and years of service are counted up to the committee's month,
the month it meets, from orgs.models.CommitteePlan)."""

from __future__ import annotations

import calendar
from datetime import date


def committee_month_end(*, year: int, month: int) -> date:
    """The last day of the committee's month: rule 8 counts ages and service up to this day."""
    return date(year, month, calendar.monthrange(year, month)[1])


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """The first day of the month `months` after the month of `day`."""
    index = day.year * 12 + (day.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def full_months_between(*, start: date, end: date) -> int:
    """Whole months from `start` to `end` (0 when `end` is before `start`), the way an age is
    counted: a month is complete when `end` reaches the day of the month of `start`; when that day
    does not exist in `end`'s month (start on the 31st, end on 30 June) the month's last day
    completes it. So 2016-07-01 → 2021-06-30 is 59 months and → 2021-07-01 is 60 (5 full years)."""
    if end < start:
        return 0
    months = (end.year - start.year) * 12 + (end.month - start.month)
    last_day = calendar.monthrange(end.year, end.month)[1]
    if end.day < start.day and end.day != last_day:
        months -= 1
    return months


def age_at(*, birth_date: date, on: date) -> tuple[int, int]:
    """Age in full years and months on `on` ((0, 0) before the birth date). Rule 8: pass the
    committee_month_end of the committee's month as `on`."""
    return divmod(full_months_between(start=birth_date, end=on), 12)
