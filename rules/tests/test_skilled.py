"""Skilled workers: rule 16 (seed question 21). 高级工 + 2 years → 助理级, 技师 + 3 → 中级, 高级技师 + 4 →
副高级, and the annual assessment passed in each of the last 3 years (the 3 calendar years before
the year of `on`)."""

from __future__ import annotations

from datetime import date

import pytest

from core.errors import ServiceError
from rules.skilled import SkillGrade, assessment_years, skilled_evaluate

OBTAINED = date(2020, 6, 30)
ALL_PASSED = range(2015, 2031)


@pytest.mark.parametrize(
    ("grade", "level", "level_label", "earliest"),
    [
        pytest.param(
            SkillGrade.ADVANCED_WORKER, "assistant", "助理级", date(2022, 6, 30), id="高级工-2-years"
        ),
        pytest.param(SkillGrade.TECHNICIAN, "intermediate", "中级", date(2023, 6, 30), id="技师-3-years"),
        pytest.param(
            SkillGrade.SENIOR_TECHNICIAN,
            "senior_associate",
            "副高级",
            date(2024, 6, 30),
            id="高级技师-4-years",
        ),
    ],
)
def test_each_grade_day_before_and_day_of(grade, level, level_label, earliest):
    before = skilled_evaluate(
        grade=grade,
        obtained_on=OBTAINED,
        on=date.fromordinal(earliest.toordinal() - 1),
        passed_years=ALL_PASSED,
    )
    assert (before.level, before.level_label, before.earliest) == (level, level_label, earliest)
    assert not before.eligible
    assert before.assessments_missing == []
    assert len(before.problems) == 1 and f"方可申报{level_label}职称" in before.problems[0]
    assert f"{earliest.year}年{earliest.month}月{earliest.day}日" in before.problems[0]
    on_day = skilled_evaluate(grade=grade, obtained_on=OBTAINED, on=earliest, passed_years=ALL_PASSED)
    assert on_day.eligible and on_day.problems == []


def test_feb29_grade_completes_on_feb28():
    result = skilled_evaluate(
        grade=SkillGrade.ADVANCED_WORKER,
        obtained_on=date(2024, 2, 29),
        on=date(2026, 2, 28),
        passed_years=ALL_PASSED,
    )
    assert result.earliest == date(2026, 2, 28) and result.eligible
    result = skilled_evaluate(
        grade=SkillGrade.ADVANCED_WORKER,
        obtained_on=date(2024, 2, 29),
        on=date(2026, 2, 27),
        passed_years=ALL_PASSED,
    )
    assert not result.eligible


@pytest.mark.parametrize(
    ("on", "years"),
    [
        pytest.param(date(2026, 1, 1), [2023, 2024, 2025], id="jan-1"),
        pytest.param(date(2026, 9, 30), [2023, 2024, 2025], id="committee-month-end"),
        pytest.param(date(2026, 12, 31), [2023, 2024, 2025], id="dec-31"),
        pytest.param(date(2025, 12, 31), [2022, 2023, 2024], id="year-before"),
    ],
)
def test_assessment_years_are_the_three_before_the_year_of_on(on, years):
    assert assessment_years(on=on) == years
    result = skilled_evaluate(grade=SkillGrade.TECHNICIAN, obtained_on=OBTAINED, on=on, passed_years=[])
    assert result.assessment_years == years and result.assessments_missing == years


@pytest.mark.parametrize(
    ("passed", "missing"),
    [
        pytest.param([2023, 2024, 2025], [], id="all-three"),
        pytest.param([2022, 2023, 2024, 2025, 2026], [], id="extra-years-ignored"),
        pytest.param([2023, 2025], [2024], id="middle-failed"),
        pytest.param([2024, 2025], [2023], id="oldest-missing"),
        pytest.param([2023, 2024], [2025], id="last-year-missing"),
        pytest.param([2020, 2021, 2022, 2026], [2023, 2024, 2025], id="none-of-the-three"),
        pytest.param(["2023", " 2024 ", 2025], [], id="years-as-text"),
    ],
)
def test_missing_or_failed_assessments(passed, missing):
    result = skilled_evaluate(
        grade=SkillGrade.SENIOR_TECHNICIAN, obtained_on=OBTAINED, on=date(2026, 9, 30), passed_years=passed
    )
    assert result.assessments_missing == missing
    assert result.eligible is (not missing)
    assert result.problems == [
        f"须在现工作岗位上近 3 年年度考核均为合格：{year} 年度考核未合格或未填写。" for year in missing
    ]


def test_years_and_assessment_both_unmet():
    result = skilled_evaluate(
        grade=SkillGrade.TECHNICIAN, obtained_on=date(2024, 5, 1), on=date(2026, 9, 30), passed_years=[2025]
    )
    assert result.earliest == date(2027, 5, 1)
    assert result.assessments_missing == [2023, 2024]
    assert len(result.problems) == 3 and "满 3 年" in result.problems[0]


@pytest.mark.parametrize(
    ("kwargs", "errors"),
    [
        pytest.param(
            {"grade": "", "obtained_on": None, "on": None, "passed_years": []},
            {
                "grade": ["请选择职业资格或职业技能等级。"],
                "obtained_on": ["请填写取得等级日期。"],
                "on": ["请填写计算日期。"],
            },
            id="all-missing",
        ),
        pytest.param(
            {"grade": "worker", "obtained_on": OBTAINED, "on": OBTAINED, "passed_years": []},
            {"grade": ["职业资格或职业技能等级只能是高级工、技师或高级技师。"]},
            id="unknown-grade",
        ),
        pytest.param(
            {"grade": "technician", "obtained_on": "2020-06-30", "on": OBTAINED, "passed_years": []},
            {"obtained_on": ["取得等级日期格式应为 YYYY-MM-DD。"]},
            id="string-date",
        ),
        pytest.param(
            {
                "grade": "technician",
                "obtained_on": OBTAINED,
                "on": OBTAINED,
                "passed_years": ["二〇二三", 23],
            },
            {
                "passed_years": [
                    "年度考核合格年份应为四位数年份（二〇二三）。",
                    "年度考核合格年份应为四位数年份（23）。",
                ]
            },
            id="bad-years",
        ),
    ],
)
def test_invalid_input(kwargs, errors):
    with pytest.raises(ServiceError) as caught:
        skilled_evaluate(**kwargs)
    assert caught.value.errors == errors
