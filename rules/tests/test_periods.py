"""Whole months from a start date (rules 14, 16, 17, 18), agreeing with core/months.py."""

from __future__ import annotations

from datetime import date

import pytest

from core.dates import date_label
from core.months import full_months_between
from rules.periods import months_after


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        pytest.param(date(2023, 3, 15), 12, date(2024, 3, 15), id="one-year-same-day"),
        pytest.param(date(2024, 2, 29), 12, date(2025, 2, 28), id="feb-29-to-feb-28"),
        pytest.param(date(2024, 2, 29), 48, date(2028, 2, 29), id="feb-29-four-years"),
        pytest.param(date(2025, 1, 31), 6, date(2025, 7, 31), id="half-year-jan-31"),
        pytest.param(date(2024, 8, 31), 6, date(2025, 2, 28), id="half-year-to-short-feb"),
        pytest.param(date(2023, 8, 31), 6, date(2024, 2, 29), id="half-year-to-leap-feb"),
        pytest.param(date(2025, 12, 15), 6, date(2026, 6, 15), id="across-new-year"),
        pytest.param(date(2025, 5, 9), 0, date(2025, 5, 9), id="zero"),
    ],
)
def test_months_after(start, months, end):
    assert months_after(start, months) == end
    # The same count as an age: complete on `end`, not the day before.
    assert full_months_between(start=start, end=end) >= months
    if months:
        assert full_months_between(start=start, end=date.fromordinal(end.toordinal() - 1)) < months


def test_date_label():
    assert date_label(date(2026, 7, 1)) == "2026年7月1日"
