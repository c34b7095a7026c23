"""The official working-day calendar: chinese_calendar for 2004–2026, the admin table for later
years, a clear error for a year neither knows; and the rule 7 provincial window."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from core.errors import ServiceError
from workcal.models import CalendarDay, CalendarYear
from workcal.services import (
    CalendarUnknown,
    add_workdays,
    is_workday,
    provincial_window,
    workdays_between,
)

pytestmark = pytest.mark.django_db
BJ = ZoneInfo("Asia/Shanghai")


def d(text: str) -> date:
    return date.fromisoformat(text)


def enter_2027(*, partial: bool = False) -> None:
    """The State Council's 2027 arrangement as an admin would enter it (New Year and National Day
    are enough for these tests): holidays on weekdays, adjusted working weekends."""
    days = [
        ("2027-01-01", False, "元旦"),
        ("2027-10-01", False, "国庆节"),
        ("2027-10-04", False, "国庆节"),
        ("2027-10-05", False, "国庆节"),
        ("2027-10-06", False, "国庆节"),
        ("2027-10-07", False, "国庆节"),
        ("2027-09-26", True, "国庆节调休上班"),
        ("2027-10-09", True, "国庆节调休上班"),
    ]
    CalendarDay.objects.bulk_create(
        CalendarDay(date=d(day), is_workday=work, name=name) for day, work, name in days
    )
    if not partial:
        CalendarYear.objects.create(year=2027, source="国务院办公厅关于2027年部分节假日安排的通知")


# --- is_workday: the facts of pitfalls.md ---------------------------------------------------------


@pytest.mark.parametrize("day", ["2026-02-14", "2026-02-28", "2026-09-20", "2026-10-10", "2026-10-08"])
def test_adjusted_weekends_and_ordinary_days_are_workdays(day):
    assert is_workday(d(day)) is True


@pytest.mark.parametrize(
    "day", ["2026-09-25", *[f"2026-10-0{n}" for n in range(1, 8)], "2026-10-11", "2026-01-01"]
)
def test_holidays_and_plain_weekends_are_rest_days(day):
    assert is_workday(d(day)) is False


def test_a_datetime_counts_as_its_date():
    assert is_workday(datetime(2026, 10, 8, 23, 59, tzinfo=BJ)) is True


def test_2027_raises_until_the_admin_enters_it():
    with pytest.raises(CalendarUnknown) as exc:
        is_workday(d("2027-03-01"))
    assert isinstance(exc.value, ServiceError) and exc.value.status == 400
    assert "2027年" in exc.value.detail
    assert "后台管理 → 工作日历" in exc.value.detail
    enter_2027()
    assert is_workday(d("2027-03-01")) is True  # a Monday without a row
    assert is_workday(d("2027-03-06")) is False  # a Saturday without a row
    assert is_workday(d("2027-10-04")) is False  # a holiday on a Monday
    assert is_workday(d("2027-09-26")) is True  # an adjusted working Sunday


def test_day_rows_without_the_year_marked_complete_are_not_used():
    enter_2027(partial=True)
    with pytest.raises(CalendarUnknown):
        is_workday(d("2027-10-04"))


def test_years_before_2004_are_unknown_too():
    with pytest.raises(CalendarUnknown) as exc:
        is_workday(d("2003-05-06"))
    assert "2003年" in exc.value.detail


def test_the_admin_table_wins_over_chinese_calendar():
    CalendarYear.objects.create(year=2026, source="更正")
    CalendarDay.objects.create(date=d("2026-10-08"), is_workday=False, name="测试更正")
    assert is_workday(d("2026-10-08")) is False
    assert is_workday(d("2026-10-01")) is True  # no row in the admin table: a Thursday works


# --- add_workdays / workdays_between --------------------------------------------------------------


def test_add_workdays_does_not_count_the_start():
    assert add_workdays(start=d("2026-09-30"), days=1) == d("2026-10-08")
    assert add_workdays(start=d("2026-10-08"), days=-1) == d("2026-09-30")
    assert add_workdays(start=d("2026-09-18"), days=1) == d("2026-09-20")  # adjusted Sunday
    assert add_workdays(start=d("2026-10-09"), days=1) == d("2026-10-10")  # adjusted Saturday
    assert add_workdays(start=d("2026-10-08"), days=0) == d("2026-10-08")


def test_add_workdays_across_national_day():
    # 10-08, 09, 10 (Sat, adjusted), 12, 13 → five working days after 09-30.
    assert add_workdays(start=d("2026-09-30"), days=5) == d("2026-10-13")
    assert add_workdays(start=d("2026-10-13"), days=-5) == d("2026-09-30")


def test_add_workdays_into_an_unknown_year_raises():
    with pytest.raises(CalendarUnknown):
        add_workdays(start=d("2026-12-28"), days=10)


def test_workdays_between_is_inclusive():
    assert workdays_between(start=d("2026-10-08"), end=d("2026-10-08")) == 1
    assert workdays_between(start=d("2026-10-01"), end=d("2026-10-07")) == 0
    assert workdays_between(start=d("2026-09-30"), end=d("2026-10-10")) == 4  # 30, 8, 9, 10
    assert workdays_between(start=d("2026-10-10"), end=d("2026-10-09")) == 0
    # Rules 2/3 use this: five working days from 09-28 end on 10-08.
    assert workdays_between(start=d("2026-09-28"), end=d("2026-10-08")) == 4
    assert workdays_between(start=d("2026-09-28"), end=d("2026-10-09")) == 5


def test_workdays_between_across_years_with_the_admin_table(django_assert_max_num_queries):
    enter_2027()
    # 2026-12-28..31 (4) + 2027-01-04..08 (5); 2027-01-01 is a holiday.
    with django_assert_max_num_queries(3):
        assert workdays_between(start=d("2026-12-28"), end=d("2027-01-08")) == 9


# --- rule 7 --------------------------------------------------------------------------------------


def test_provincial_window_plain_week():
    opens, closes = provincial_window(collection_date=d("2026-06-15"))  # a Monday
    assert opens == datetime(2026, 6, 4, 0, 0, tzinfo=BJ)  # 7 working days: 06-04..06-12
    assert closes == datetime(2026, 6, 15, 0, 0, tzinfo=BJ)  # = 24:00 of 06-14
    assert opens.utcoffset().total_seconds() == 8 * 3600


def test_provincial_window_across_national_day():
    # Collection starts 2026-10-13. Seven working days before: 10-12, 10, 09, 08, 09-30, 29, 28.
    opens, closes = provincial_window(collection_date=d("2026-10-13"))
    assert opens == datetime(2026, 9, 28, tzinfo=BJ)
    assert closes == datetime(2026, 10, 13, tzinfo=BJ)
    # Collection starts the first working day after the holiday: 09-30..09-21 minus weekends and
    # Mid-Autumn (09-25), with the adjusted Sunday 09-20 counted.
    opens, closes = provincial_window(collection_date=d("2026-10-08"))
    assert opens == datetime(2026, 9, 21, tzinfo=BJ)
    assert closes == datetime(2026, 10, 8, tzinfo=BJ)


def test_provincial_window_counts_the_adjusted_sunday():
    # Back from 09-28: 27, 26 weekend, 25 Mid-Autumn; 24, 23, 22, 21, 20 (Sunday, working), 18, 17.
    opens, closes = provincial_window(collection_date=d("2026-09-28"))
    assert opens == datetime(2026, 9, 17, tzinfo=BJ)
    assert closes == datetime(2026, 9, 28, tzinfo=BJ)


def test_provincial_window_in_2027_before_and_after_the_admin_enters_it():
    with pytest.raises(CalendarUnknown) as exc:
        provincial_window(collection_date=d("2027-10-11"))
    assert "2027年" in exc.value.detail
    enter_2027()
    # Back from 10-11 (Mon): 10-09 (Sat, working), 08, 07..04 holidays, 10-01 holiday, 09-30, 29,
    # 28, 27, 26 (Sun, working) → seven: 09, 08, 30, 29, 28, 27, 26.
    opens, closes = provincial_window(collection_date=d("2027-10-11"))
    assert opens == datetime(2027, 9, 26, tzinfo=BJ)
    assert closes == datetime(2027, 10, 11, tzinfo=BJ)
