"""Graduate recognition: rule 14 (seed question 18), rule 10 (question 9) and the windows of
rule 15 (question 19). Each expected value is read from the seed's text."""

from __future__ import annotations

from datetime import date

import pytest

from core import rulebook
from core.errors import ServiceError
from rules.recognition import (
    CITY_BUREAU,
    DISTRICT_OR_DEPARTMENT,
    RECOGNITION_MONTHS,
    Schooling,
    next_window_start,
    recognition_evaluate,
    recognition_window_open,
)

HIRED = date(2023, 3, 15)
YEAR_LATER = date(2024, 3, 15)


def evaluate(schooling, hired_on=HIRED, on=date(2026, 5, 20), **kwargs):
    return recognition_evaluate(schooling=schooling, hired_on=hired_on, on=on, **kwargs)


# Question 18 (2): which levels each schooling reaches and when, counted from hiring.
@pytest.mark.parametrize(
    ("schooling", "counts_as", "levels"),
    [
        pytest.param(Schooling.ZHONGZHUAN, "中专", [("junior", YEAR_LATER)], id="中专-员级-after-1-year"),
        pytest.param(Schooling.DAZHUAN, "大专", [("junior", YEAR_LATER)], id="大专-员级-after-1-year"),
        pytest.param(Schooling.TECH_INTERMEDIATE, "中专", [("junior", YEAR_LATER)], id="中级工班-as-中专"),
        pytest.param(Schooling.TECH_ADVANCED, "大专", [("junior", YEAR_LATER)], id="高级工班-as-大专"),
        pytest.param(
            Schooling.BENKE,
            "本科",
            [("junior", HIRED), ("assistant", YEAR_LATER)],
            id="本科-员级-then-助理级",
        ),
        pytest.param(
            Schooling.TECH_PRETECHNICIAN,
            "本科",
            [("junior", HIRED), ("assistant", YEAR_LATER)],
            id="预备技师班-as-本科",
        ),
        pytest.param(Schooling.DOUBLE_BACHELOR, "双学士", [("assistant", HIRED)], id="双学士-助理级-at-once"),
        pytest.param(Schooling.MASTER, "硕士", [("assistant", HIRED)], id="硕士-助理级-at-once"),
        pytest.param(Schooling.DOCTOR, "博士", [("intermediate", HIRED)], id="博士-中级-at-once"),
    ],
)
def test_levels_per_schooling(schooling, counts_as, levels):
    result = evaluate(schooling)
    assert result.counts_as == counts_as
    assert result.schooling == schooling and result.schooling_label == Schooling(schooling).label
    assert [(item.level, item.earliest) for item in result.levels] == levels
    # Long after every date: everything is available and the best is the highest.
    assert result.available == result.levels
    assert result.best == result.levels[-1]


# Question 18 (1): 初级 by the district bureau or city department, 中级 by the city bureau.
@pytest.mark.parametrize(
    ("schooling", "recognisers"),
    [
        pytest.param(Schooling.DAZHUAN, [DISTRICT_OR_DEPARTMENT], id="员级"),
        pytest.param(Schooling.BENKE, [DISTRICT_OR_DEPARTMENT, DISTRICT_OR_DEPARTMENT], id="员级-助理级"),
        pytest.param(Schooling.MASTER, [DISTRICT_OR_DEPARTMENT], id="助理级"),
        pytest.param(Schooling.DOCTOR, [CITY_BUREAU], id="中级"),
    ],
)
def test_recogniser(schooling, recognisers):
    result = evaluate(schooling)
    assert [item.recogniser for item in result.levels] == recognisers
    for item in result.levels:
        if item.recogniser == CITY_BUREAU:
            assert item.recogniser_label == "市人力资源和社会保障局"
        else:
            assert "县（市）区人社局" in item.recogniser_label and "市级行业主管部门" in item.recogniser_label


@pytest.mark.parametrize(
    ("ownership", "junior_label", "intermediate_label"),
    [
        pytest.param(
            "city_state", "具有评审权限的相应系列市级行业主管部门", "市人力资源和社会保障局", id="city-unit"
        ),
        pytest.param("district_state", "县（市）区人社局", "市人力资源和社会保障局", id="district-unit"),
        pytest.param("non_public", "县（市）区人社局", "市人力资源和社会保障局", id="non-public"),
    ],
)
def test_recogniser_label_by_ownership(ownership, junior_label, intermediate_label):
    assert evaluate(Schooling.MASTER, ownership=ownership).levels[0].recogniser_label == junior_label
    doctor = evaluate(Schooling.DOCTOR, ownership=ownership).levels[0]
    assert (doctor.recogniser, doctor.recogniser_label) == (CITY_BUREAU, intermediate_label)


# The day before and the day of each earliest date (question 18 (3): from the hiring record).
@pytest.mark.parametrize(
    ("schooling", "hired_on", "on", "available", "best"),
    [
        pytest.param(Schooling.BENKE, HIRED, date(2023, 3, 14), [], None, id="本科-day-before-hiring"),
        pytest.param(Schooling.BENKE, HIRED, HIRED, ["junior"], "junior", id="本科-hiring-day"),
        pytest.param(
            Schooling.BENKE, HIRED, date(2024, 3, 14), ["junior"], "junior", id="本科-day-before-year"
        ),
        pytest.param(
            Schooling.BENKE, HIRED, YEAR_LATER, ["junior", "assistant"], "assistant", id="本科-year-complete"
        ),
        pytest.param(Schooling.DAZHUAN, HIRED, HIRED, [], None, id="大专-hiring-day"),
        pytest.param(Schooling.DAZHUAN, HIRED, date(2024, 3, 14), [], None, id="大专-day-before-year"),
        pytest.param(Schooling.DAZHUAN, HIRED, YEAR_LATER, ["junior"], "junior", id="大专-year-complete"),
        pytest.param(Schooling.DOCTOR, HIRED, date(2023, 3, 14), [], None, id="博士-day-before-hiring"),
        pytest.param(Schooling.DOCTOR, HIRED, HIRED, ["intermediate"], "intermediate", id="博士-hiring-day"),
        # Hired on 29 February: the year is complete on 28 February of the next year.
        pytest.param(
            Schooling.ZHONGZHUAN, date(2024, 2, 29), date(2025, 2, 27), [], None, id="feb29-day-before"
        ),
        pytest.param(
            Schooling.ZHONGZHUAN, date(2024, 2, 29), date(2025, 2, 28), ["junior"], "junior", id="feb29-feb28"
        ),
        pytest.param(
            Schooling.BENKE,
            date(2024, 2, 29),
            date(2025, 2, 28),
            ["junior", "assistant"],
            "assistant",
            id="本科-feb29",
        ),
        # Hired on the 31st: complete on the 31st a year later, not on the 30th.
        pytest.param(
            Schooling.DAZHUAN, date(2023, 1, 31), date(2024, 1, 30), [], None, id="jan31-day-before"
        ),
        pytest.param(
            Schooling.DAZHUAN, date(2023, 1, 31), date(2024, 1, 31), ["junior"], "junior", id="jan31-day-of"
        ),
    ],
)
def test_available_on_each_boundary(schooling, hired_on, on, available, best):
    result = evaluate(schooling, hired_on=hired_on, on=on)
    assert [item.level for item in result.available] == available
    assert (result.best.level if result.best else None) == best


def test_feb29_hiring_earliest_dates():
    result = evaluate(Schooling.BENKE, hired_on=date(2024, 2, 29))
    assert [item.earliest for item in result.levels] == [date(2024, 2, 29), date(2025, 2, 28)]


# Rule 15 (question 19): January, April, July and October.
@pytest.mark.parametrize(
    ("on", "open_", "start"),
    [
        pytest.param(date(2026, 1, 1), True, date(2026, 1, 1), id="jan-1"),
        pytest.param(date(2026, 1, 31), True, date(2026, 1, 31), id="jan-31"),
        pytest.param(date(2026, 2, 1), False, date(2026, 4, 1), id="feb-1"),
        pytest.param(date(2026, 3, 31), False, date(2026, 4, 1), id="mar-31"),
        pytest.param(date(2026, 4, 1), True, date(2026, 4, 1), id="apr-1"),
        pytest.param(date(2026, 4, 30), True, date(2026, 4, 30), id="apr-30"),
        pytest.param(date(2026, 5, 1), False, date(2026, 7, 1), id="may-1"),
        pytest.param(date(2026, 6, 30), False, date(2026, 7, 1), id="jun-30"),
        pytest.param(date(2026, 7, 15), True, date(2026, 7, 15), id="jul-15"),
        pytest.param(date(2026, 8, 1), False, date(2026, 10, 1), id="aug-1"),
        pytest.param(date(2026, 10, 31), True, date(2026, 10, 31), id="oct-31"),
        pytest.param(date(2026, 11, 1), False, date(2027, 1, 1), id="nov-1-next-year"),
        pytest.param(date(2026, 12, 31), False, date(2027, 1, 1), id="dec-31-next-year"),
    ],
)
def test_windows(on, open_, start):
    assert recognition_window_open(on=on) is open_
    assert next_window_start(on=on) == start
    result = evaluate(Schooling.MASTER, on=on)
    assert (result.window_open, result.next_window_start) == (open_, start)
    assert result.window_months == list(RECOGNITION_MONTHS)


# The months are a parameter (and a setting): the 2021 windows were June and October.
@pytest.mark.parametrize(
    ("on", "open_", "start"),
    [
        pytest.param(date(2021, 1, 10), False, date(2021, 6, 1), id="jan-to-jun"),
        pytest.param(date(2021, 6, 30), True, date(2021, 6, 30), id="jun"),
        pytest.param(date(2021, 7, 1), False, date(2021, 10, 1), id="jul-to-oct"),
        pytest.param(date(2021, 11, 1), False, date(2022, 6, 1), id="nov-to-next-jun"),
    ],
)
def test_windows_with_other_months(on, open_, start):
    assert recognition_window_open(on=on, months=(6, 10)) is open_
    assert next_window_start(on=on, months=(10, 6)) == start
    result = evaluate(Schooling.BENKE, on=on, months=[10, 6])
    assert (result.window_open, result.next_window_start, result.window_months) == (open_, start, [6, 10])


def test_months_setting(settings):
    assert rulebook.recognition_months() == (1, 4, 7, 10)
    settings.RECOGNITION_MONTHS = (3, 9)
    assert rulebook.recognition_months() == (3, 9)


@pytest.mark.parametrize(
    ("schooling", "hired_on", "apply_from"),
    [
        # 员级 at hiring in March: the next window is April; 助理级 a year later, also April.
        pytest.param(
            Schooling.BENKE, date(2023, 3, 15), [date(2023, 4, 1), date(2024, 4, 1)], id="本科-march"
        ),
        # Earliest date inside a window month: that very day.
        pytest.param(Schooling.DOCTOR, date(2023, 7, 20), [date(2023, 7, 20)], id="博士-july"),
        pytest.param(Schooling.DAZHUAN, date(2023, 10, 31), [date(2024, 10, 31)], id="大专-october-31"),
        pytest.param(Schooling.DAZHUAN, date(2023, 11, 1), [date(2025, 1, 1)], id="大专-november-to-january"),
    ],
)
def test_apply_from_is_the_first_window_day_on_or_after_earliest(schooling, hired_on, apply_from):
    assert [item.apply_from for item in evaluate(schooling, hired_on=hired_on).levels] == apply_from


def test_notes():
    result = evaluate(Schooling.TECH_ADVANCED, on=date(2026, 2, 1))
    assert "技工院校高级工班毕业按相当于大专学历认定（见《职称知识25问》第9问）。" in result.notes
    assert "员级须见习 1 年期满并经用人单位考核合格，最早 2024年3月15日 可认定。" in result.notes
    assert (
        result.notes[-1]
        == "考核认定每年 1月、4月、7月、10月 受理（见《职称知识25问》第19问），下一次受理自 2026年4月1日 起。"
    )
    assert any("《云南省招工录用登记表》" in note for note in result.notes)
    assert evaluate(Schooling.DOCTOR, on=date(2026, 4, 2)).notes[-1].endswith("本月可以申报。")


@pytest.mark.parametrize(
    ("kwargs", "errors"),
    [
        pytest.param(
            {"schooling": "", "hired_on": None, "on": None},
            {
                "schooling": ["请选择学历（学位）或技工院校班次。"],
                "hired_on": ["请填写录用（聘用）日期。"],
                "on": ["请填写计算日期。"],
            },
            id="all-missing",
        ),
        pytest.param(
            {"schooling": "gaozhong", "hired_on": HIRED, "on": HIRED},
            {"schooling": ["学历（学位）只能是：" + "、".join(Schooling.labels) + "。"]},
            id="unknown-schooling",
        ),
        pytest.param(
            {"schooling": "benke", "hired_on": "2023-03-15", "on": HIRED},
            {"hired_on": ["录用（聘用）日期格式应为 YYYY-MM-DD。"]},
            id="string-date",
        ),
        pytest.param(
            {"schooling": "benke", "hired_on": HIRED, "on": HIRED, "months": (0, 13)},
            {"months": ["受理月份须为 1 至 12 月中的一个或多个月份。"]},
            id="bad-months",
        ),
        pytest.param(
            {"schooling": "benke", "hired_on": HIRED, "on": HIRED, "months": ()},
            {"months": ["受理月份须为 1 至 12 月中的一个或多个月份。"]},
            id="no-months",
        ),
        pytest.param(
            {"schooling": "benke", "hired_on": HIRED, "on": HIRED, "ownership": "foreign"},
            {
                "ownership": [
                    "单位性质只能是：市属国有企事业单位、县区国有企事业单位、非公有制经济组织、社会组织或人事代理机构。"
                ]
            },
            id="bad-ownership",
        ),
    ],
)
def test_invalid_input(kwargs, errors):
    with pytest.raises(ServiceError) as caught:
        recognition_evaluate(**kwargs)
    assert caught.value.errors == errors
    assert caught.value.detail == "无法计算考核认定的层级和时间，请按提示修改。"
