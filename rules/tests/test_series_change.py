"""Series change: rule 18 (seed question 17)."""

from __future__ import annotations

from datetime import date

import pytest

from core.errors import ServiceError
from rules.series_change import (
    CARRY_OVER_NOTE,
    EXAM_ONLY_PROBLEM,
    SAME_LEVEL_NOTE,
    promotion_allowed_after_change,
    series_change_evaluate,
)

CHANGED = date(2025, 1, 31)


@pytest.mark.parametrize(
    ("changed_on", "on", "earliest", "eligible"),
    [
        pytest.param(CHANGED, date(2025, 7, 30), date(2025, 7, 31), False, id="5-months-30-days"),
        pytest.param(CHANGED, date(2025, 7, 31), date(2025, 7, 31), True, id="6-months"),
        pytest.param(
            date(2023, 8, 31), date(2024, 2, 28), date(2024, 2, 29), False, id="to-leap-feb-day-before"
        ),
        pytest.param(date(2023, 8, 31), date(2024, 2, 29), date(2024, 2, 29), True, id="to-leap-feb29"),
        pytest.param(CHANGED, CHANGED, date(2025, 7, 31), False, id="change-day"),
    ],
)
def test_trial(changed_on, on, earliest, eligible):
    result = series_change_evaluate(level="intermediate", changed_on=changed_on, on=on)
    assert result.earliest == earliest and result.eligible is eligible
    assert (result.level, result.level_label) == ("intermediate", "中级")
    assert result.problems == (
        []
        if eligible
        else [
            "须在新系列岗位上试用半年以上并考核合格，"
            f"{earliest.year}年{earliest.month}月{earliest.day}日 试用满半年。"
        ]
    )
    # Same-level review; service years continue.
    assert SAME_LEVEL_NOTE in result.notes and CARRY_OVER_NOTE in result.notes


@pytest.mark.parametrize(
    ("approved_on", "year", "allowed"),
    [
        pytest.param(date(2025, 8, 1), 2025, False, id="change-year"),
        pytest.param(date(2025, 12, 31), 2025, False, id="approved-dec-31-same-year"),
        pytest.param(date(2025, 12, 31), 2026, True, id="next-year"),
        pytest.param(date(2025, 2, 1), 2026, True, id="approved-early-next-year"),
        pytest.param(date(2025, 8, 1), 2024, False, id="year-before"),
    ],
)
def test_promotion_only_from_the_next_year(approved_on, year, allowed):
    assert promotion_allowed_after_change(approved_on=approved_on, year=year) is allowed
    result = series_change_evaluate(
        level="assistant", changed_on=CHANGED, on=date(2025, 8, 1), approved_on=approved_on
    )
    assert result.promotion_year == approved_on.year + 1
    assert (year >= result.promotion_year) is allowed
    assert f"{result.promotion_year} 年起可在新系列申报晋升高一级职称。" in result.notes[-1]


def test_not_yet_approved():
    result = series_change_evaluate(level="assistant", changed_on=CHANGED, on=date(2025, 8, 1))
    assert result.promotion_year is None
    assert result.notes[-1] == "系列变更完成后，下一年度起方可在新系列申报晋升高一级职称。"


def test_exam_only_series_need_the_exam():
    result = series_change_evaluate(
        level="intermediate", changed_on=CHANGED, on=date(2026, 1, 1), exam_only=True
    )
    assert not result.eligible and result.problems == [EXAM_ONLY_PROBLEM]


@pytest.mark.parametrize(
    ("kwargs", "errors"),
    [
        pytest.param(
            {"level": "", "changed_on": None, "on": None},
            {
                "level": ["请选择现有职称层级。"],
                "changed_on": ["请填写岗位变更日期。"],
                "on": ["请填写计算日期。"],
            },
            id="all-missing",
        ),
        pytest.param(
            {"level": "chief", "changed_on": CHANGED, "on": CHANGED},
            {"level": ["职称层级只能是正高级、副高级、中级、助理级或员级。"]},
            id="unknown-level",
        ),
        pytest.param(
            {"level": "junior", "changed_on": CHANGED, "on": CHANGED, "approved_on": date(2025, 1, 30)},
            {"approved_on": ["系列变更批准日期不能早于岗位变更日期。"]},
            id="approved-before-change",
        ),
        pytest.param(
            {"level": "junior", "changed_on": CHANGED, "on": CHANGED, "approved_on": "2025-08-01"},
            {"approved_on": ["系列变更批准日期格式应为 YYYY-MM-DD。"]},
            id="approved-as-text",
        ),
    ],
)
def test_invalid_input(kwargs, errors):
    with pytest.raises(ServiceError) as caught:
        series_change_evaluate(**kwargs)
    assert caught.value.errors == errors
