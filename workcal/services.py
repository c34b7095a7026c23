"""The official working-day calendar (工作日) and the rule 7 provincial window.

Source of truth, per year:
1. a year with a `CalendarYear` row: the admin table (后台管理 → 工作日历). A `CalendarDay` row
   overrides the day (a holiday on a weekday, an adjusted working day at a weekend); every other
   day is a working day from Monday to Friday and a rest day at weekends. An admin entry wins over
   `chinese_calendar`, so a published correction can be entered too;
2. otherwise `chinese_calendar` (package `chinesecalendar`), which knows 2004–2026;
3. otherwise `CalendarUnknown`: a clear error for the admin, never a guess.

Nothing is cached between calls (an admin entry takes effect at once); inside one call each year
is looked up once (two queries for an admin-entered year, none for a `chinese_calendar` year).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import chinese_calendar
from django.db import transaction

from core import rulebook
from core.dates import CALENDAR_TZ, date_label
from core.errors import ServiceError

from .models import CalendarDay, CalendarYear

ONE_DAY = timedelta(days=1)


class CalendarUnknown(ServiceError):
    """A date in a year that neither the admin table nor `chinese_calendar` covers."""

    status = 400

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            f"系统尚无{year}年的法定节假日和调休安排，无法计算工作日。"
            f"请系统管理员在国务院办公厅公布{year}年部分节假日安排后，"
            f"到 后台管理 → 工作日历 → 已录入年度 新增{year}年，录入当年的法定节假日和调休上班日。"
        )


class _Calendar:
    """Answers is_workday for one call, loading each year's source once."""

    def __init__(self) -> None:
        # year -> None (use chinese_calendar) or {date: is_workday} (the admin table)
        self._years: dict[int, dict[date, bool] | None] = {}

    def _source(self, year: int) -> dict[date, bool] | None:
        if year not in self._years:
            if CalendarYear.objects.filter(year=year).exists():
                self._years[year] = dict(
                    CalendarDay.objects.filter(date__year=year).values_list("date", "is_workday")
                )
            else:
                if not _builtin_knows(year):
                    raise CalendarUnknown(year)
                self._years[year] = None
        return self._years[year]

    def is_workday(self, day: date) -> bool:
        table = self._source(day.year)
        if table is None:
            return chinese_calendar.is_workday(day)
        if day in table:
            return table[day]
        return day.weekday() < 5


def _as_date(value: date) -> date:
    # A datetime is a date subclass: compare calendar days only.
    return value.date() if isinstance(value, datetime) else value


def is_workday(day: date) -> bool:
    """True when `day` is an official working day (adjusted weekend working days included)."""
    return _Calendar().is_workday(_as_date(day))


def add_workdays(*, start: date, days: int) -> date:
    """The date `days` working days after `start` (before it when negative), not counting `start`
    itself. `days == 0` gives `start`."""
    calendar = _Calendar()
    day = _as_date(start)
    step = ONE_DAY if days > 0 else -ONE_DAY
    remaining = abs(days)
    while remaining:
        day += step
        if calendar.is_workday(day):
            remaining -= 1
    return day


def workdays_between(*, start: date, end: date) -> int:
    """Working days in [start, end], both ends included (0 when end is before start). Rules 2 and
    3 count publicity in working days with this."""
    calendar = _Calendar()
    day, end = _as_date(start), _as_date(end)
    count = 0
    while day <= end:
        if calendar.is_workday(day):
            count += 1
        day += ONE_DAY
    return count


def day_start(day: date) -> datetime:
    """00:00 of `day`, Beijing time (aware)."""
    return datetime.combine(day, time.min, tzinfo=CALENDAR_TZ)


def provincial_window(*, collection_date: date) -> tuple[datetime, datetime]:
    """Rule 7: a provincial committee's online window, from the date it starts collecting
    materials. Opens at 00:00 (Beijing time) of the day `PROVINCIAL_WINDOW_WORKDAYS` (7) working
    days before the collection date; closes at 24:00 of the day before the collection date, which is
    the instant 00:00 of the collection date. The close is exclusive: the window is open while
    opens_at <= now < closes_at, so 23:59:59 of the day before is inside and 24:00 is not."""
    collection_date = _as_date(collection_date)
    opens_day = add_workdays(start=collection_date, days=-rulebook.PROVINCIAL_WINDOW_WORKDAYS)
    return day_start(opens_day), day_start(collection_date)


# --- entering a year (后台管理 → 工作日历) -----------------------------------------------------------

REST_WORDS = ("休", "休息", "假", "放假")
WORK_WORDS = ("班", "上班", "调休上班")
WEEKDAYS = "一二三四五六日"


def calendar_days_format(*, year: int) -> str:
    """The year's CalendarDay rows as the lines calendar_days_parse reads back."""
    rows = CalendarDay.objects.filter(date__year=year).order_by("date")
    return "\n".join(f"{r.date:%Y-%m-%d} {'班' if r.is_workday else '休'} {r.name}".rstrip() for r in rows)


def calendar_days_parse(*, year: int, text: str) -> list[tuple[date, bool, str]]:
    """Lines "2027-10-01 休 国庆节" (a holiday) or "2027-09-26 班 国庆节调休上班" (an adjusted working
    day): one day per line, in `year`. Every mistake is reported at once (field "days")."""
    days: dict[date, tuple[date, bool, str]] = {}
    problems: list[str] = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.replace("\u3000", " ").strip()
        if not line:
            continue
        parts = line.split(maxsplit=2)
        if len(parts) < 2:
            problems.append(f"第 {number} 行“{line}”：应写成“日期 休/班 名称”，如 {year}-10-01 休 国庆节。")
            continue
        try:
            day = date.fromisoformat(parts[0])
        except ValueError:
            problems.append(f"第 {number} 行：日期“{parts[0]}”格式应为 YYYY-MM-DD。")
            continue
        if day.year != year:
            problems.append(f"第 {number} 行：{date_label(day)} 不在{year}年内。")
            continue
        if parts[1] in REST_WORDS:
            work = False
        elif parts[1] in WORK_WORDS:
            work = True
        else:
            problems.append(f"第 {number} 行：“{parts[1]}”应为“休”（法定节假日）或“班”（调休上班）。")
            continue
        weekend = day.weekday() >= 5
        if work and not weekend:
            problems.append(
                f"第 {number} 行：{date_label(day)} 是星期{WEEKDAYS[day.weekday()]}，本来就上班，"
                "只需录入周末调休上班的日期。"
            )
            continue
        if day in days:
            problems.append(f"第 {number} 行：{date_label(day)} 重复录入。")
            continue
        name = parts[2].strip() if len(parts) > 2 else ""
        if len(name) > 40:
            problems.append(f"第 {number} 行：名称不能超过 40 个字。")
            continue
        days[day] = (day, work, name)
    if problems:
        raise ServiceError("节假日与调休安排有误，请按提示修改。", {"days": problems})
    return sorted(days.values())


def calendar_days_replace(*, year: int, days: list[tuple[date, bool, str]]) -> None:
    """Make the year's CalendarDay rows exactly `days` (from calendar_days_parse)."""
    with transaction.atomic():
        CalendarDay.objects.filter(date__year=year).exclude(date__in=[d for d, _w, _n in days]).delete()
        existing = {row.date: row for row in CalendarDay.objects.filter(date__year=year)}
        for day, work, name in days:
            row = existing.get(day)
            if row is None:
                CalendarDay.objects.create(date=day, is_workday=work, name=name)
            elif (row.is_workday, row.name) != (work, name):
                row.is_workday, row.name = work, name
                row.save(update_fields=["is_workday", "name"])


def builtin_years() -> tuple[int, int]:
    """The first and last year `chinese_calendar` knows (2004–2026 for version 1.11)."""
    known = [y for y in range(2000, 2101) if _builtin_knows(y)]
    return (known[0], known[-1]) if known else (0, 0)


def _builtin_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 7, 1))
    except NotImplementedError:
        return False
    return True
