"""Rule 8: ages and years of service counted up to the committee's month."""

from __future__ import annotations

from datetime import date

import pytest

from core.months import add_months, age_at, committee_month_end, full_months_between


@pytest.mark.parametrize(
    ("year", "month", "end"),
    [
        (2026, 2, date(2026, 2, 28)),
        (2028, 2, date(2028, 2, 29)),
        (2026, 9, date(2026, 9, 30)),
        (2026, 12, date(2026, 12, 31)),
    ],
)
def test_committee_month_end(year, month, end):
    assert committee_month_end(year=year, month=month) == end


def test_age_counts_the_birthday_month_up_to_its_end():
    birth = date(1966, 9, 20)
    end = committee_month_end(year=2026, month=9)
    assert age_at(birth_date=birth, on=end) == (60, 0)
    assert age_at(birth_date=birth, on=date(2026, 9, 19)) == (59, 11)
    assert age_at(birth_date=birth, on=committee_month_end(year=2026, month=8)) == (59, 11)


def test_month_end_completes_a_month_whose_day_does_not_exist():
    assert age_at(birth_date=date(1990, 1, 31), on=date(1990, 2, 28)) == (0, 1)
    assert age_at(birth_date=date(1990, 1, 31), on=date(1990, 2, 27)) == (0, 0)
    assert age_at(birth_date=date(1990, 5, 31), on=date(2020, 6, 30)) == (30, 1)


def test_full_months_between():
    assert full_months_between(start=date(2016, 7, 1), end=date(2021, 6, 30)) == 59
    assert full_months_between(start=date(2016, 7, 1), end=date(2021, 7, 1)) == 60
    assert full_months_between(start=date(2016, 7, 15), end=committee_month_end(year=2021, month=7)) == 60
    assert full_months_between(start=date(2021, 7, 15), end=date(2021, 7, 14)) == 0
    assert full_months_between(start=date(2021, 7, 15), end=date(2021, 7, 15)) == 0


def test_add_months():
    assert add_months(date(1965, 1, 31), 60 * 12 + 1) == date(2025, 2, 1)
    assert add_months(date(2026, 12, 5), 1) == date(2027, 1, 1)
    assert add_months(date(2026, 1, 5), -1) == date(2025, 12, 1)
