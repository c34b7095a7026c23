"""Confirmation of titles from elsewhere: rule 17 (seed question 16)."""

from __future__ import annotations

from datetime import date

import pytest

from core.errors import ServiceError
from rules.confirmation import (
    ASSESSMENT_PROBLEM,
    CIVIL_SERVANT_PROBLEM,
    EXAM_ONLY_PROBLEM,
    INSIDE_YUNNAN_PROBLEM,
    RETIRED_PROBLEM,
    confirmation_evaluate,
)

TRANSFERRED = date(2025, 1, 31)
HALF_YEAR = date(2025, 7, 31)


def evaluate(**kwargs):
    values = {
        "level": "intermediate",
        "transferred_on": TRANSFERRED,
        "on": HALF_YEAR,
        "assessment_passed": True,
    }
    values.update(kwargs)
    return confirmation_evaluate(**values)


# Question 16 (1)–(3).
@pytest.mark.parametrize(
    ("level", "authority", "confirmer", "label"),
    [
        pytest.param(
            "junior",
            False,
            "district_or_department",
            "县（市）区人社局或相应系列和层级的市级行政主管部门",
            id="员级",
        ),
        pytest.param(
            "assistant",
            False,
            "district_or_department",
            "县（市）区人社局或相应系列和层级的市级行政主管部门",
            id="助理级",
        ),
        pytest.param(
            "assistant",
            True,
            "district_or_department",
            "县（市）区人社局或相应系列和层级的市级行政主管部门",
            id="助理级-authority-irrelevant",
        ),
        pytest.param("intermediate", False, "city_bureau", "市人力资源和社会保障局", id="中级"),
        pytest.param(
            "intermediate", True, "city_bureau", "市人力资源和社会保障局", id="中级-authority-irrelevant"
        ),
        pytest.param(
            "senior_associate", False, "province", "云南省人力资源和社会保障厅", id="副高级-province"
        ),
        pytest.param("senior_full", False, "province", "云南省人力资源和社会保障厅", id="正高级-province"),
        pytest.param(
            "senior_associate",
            True,
            "unit",
            "本单位（省人社厅已发文下放职称评审权限）",
            id="副高级-delegated",
        ),
        pytest.param(
            "senior_full", True, "unit", "本单位（省人社厅已发文下放职称评审权限）", id="正高级-delegated"
        ),
    ],
)
def test_confirmer(level, authority, confirmer, label):
    result = evaluate(level=level, unit_has_senior_authority=authority)
    assert (result.confirmer, result.confirmer_label) == (confirmer, label)
    assert result.eligible


# Half a year's trial from the contract: 5 months 30 days is not enough, 6 months is.
@pytest.mark.parametrize(
    ("transferred_on", "on", "earliest", "eligible"),
    [
        pytest.param(TRANSFERRED, date(2025, 7, 30), HALF_YEAR, False, id="5-months-30-days"),
        pytest.param(TRANSFERRED, HALF_YEAR, HALF_YEAR, True, id="6-months"),
        pytest.param(date(2024, 8, 31), date(2025, 2, 27), date(2025, 2, 28), False, id="aug31-day-before"),
        pytest.param(date(2024, 8, 31), date(2025, 2, 28), date(2025, 2, 28), True, id="aug31-to-feb28"),
        pytest.param(date(2023, 8, 31), date(2024, 2, 29), date(2024, 2, 29), True, id="aug31-to-leap-feb29"),
        pytest.param(date(2024, 2, 29), date(2024, 8, 28), date(2024, 8, 29), False, id="feb29-day-before"),
        pytest.param(date(2024, 2, 29), date(2024, 8, 29), date(2024, 8, 29), True, id="feb29-day-of"),
    ],
)
def test_trial(transferred_on, on, earliest, eligible):
    result = evaluate(transferred_on=transferred_on, on=on)
    assert result.earliest == earliest and result.eligible is eligible
    if not eligible:
        assert result.problems == [
            "须经半年以上试用（自聘用合同或劳动合同起算）方可申报确认，"
            f"{earliest.year}年{earliest.month}月{earliest.day}日 试用满半年。"
        ]


# Question 16 (5), (6) and the assessment: each reason alone is exactly its own problem.
@pytest.mark.parametrize(
    ("flags", "problem"),
    [
        pytest.param({"exam_only": True}, EXAM_ONLY_PROBLEM, id="exam-only"),
        pytest.param({"civil_servant": True}, CIVIL_SERVANT_PROBLEM, id="civil-servant"),
        pytest.param({"retired": True}, RETIRED_PROBLEM, id="retired"),
        pytest.param({"from_inside_yunnan": True}, INSIDE_YUNNAN_PROBLEM, id="inside-yunnan"),
        pytest.param({"assessment_passed": False}, ASSESSMENT_PROBLEM, id="assessment-failed"),
    ],
)
def test_each_refusal_alone(flags, problem):
    result = evaluate(**flags)
    assert not result.eligible
    assert result.problems == [problem]


def test_every_refusal_together():
    result = evaluate(
        level="senior_associate",
        on=date(2025, 7, 30),
        assessment_passed=False,
        exam_only=True,
        civil_servant=True,
        retired=True,
        from_inside_yunnan=True,
    )
    assert not result.eligible
    assert result.problems[:4] == [
        EXAM_ONLY_PROBLEM,
        CIVIL_SERVANT_PROBLEM,
        RETIRED_PROBLEM,
        INSIDE_YUNNAN_PROBLEM,
    ]
    assert "半年以上试用" in result.problems[4]
    assert result.problems[5] == ASSESSMENT_PROBLEM
    assert len(result.problems) == 6


@pytest.mark.parametrize(
    ("kwargs", "errors"),
    [
        pytest.param(
            {"level": "", "transferred_on": None, "on": None},
            {
                "level": ["请选择要确认的职称层级。"],
                "transferred_on": ["请填写调入（聘用合同或劳动合同）日期。"],
                "on": ["请填写计算日期。"],
            },
            id="all-missing",
        ),
        pytest.param(
            {"level": "expert"},
            {"level": ["职称层级只能是正高级、副高级、中级、助理级或员级。"]},
            id="unknown-level",
        ),
        pytest.param(
            {"on": "2025-07-31"},
            {"on": ["计算日期格式应为 YYYY-MM-DD。"]},
            id="string-date",
        ),
    ],
)
def test_invalid_input(kwargs, errors):
    with pytest.raises(ServiceError) as caught:
        evaluate(**kwargs)
    assert caught.value.errors == errors
