"""The guard the state machine runs before the unit passes: unit_step_problems."""

from __future__ import annotations

from datetime import date

from recommend.models import PublicityResult
from recommend.selectors import unit_step_problems

from .factories import HOLIDAY_END, HOLIDAY_START, add_publicity, add_recommendation

TODAY = date(2026, 11, 2)


def test_nothing_recorded_names_both_records(application):
    problems = unit_step_problems(application=application, today=TODAY)
    assert problems == [
        "尚未填写基层意见：请点击“基层意见”填写完成基层单位意见并提交。",
        "尚未填写单位公示情况：请填写公示起止日期、公示地点和公示结果。",
    ]


def test_both_complete_gives_no_problem(application):
    add_recommendation(application)
    add_publicity(application)
    assert unit_step_problems(application=application, today=TODAY) == []


def test_incomplete_recommendation_lists_every_missing_part(application):
    add_recommendation(application, method=" ", participant_count=0, formation="")
    add_publicity(application)
    assert unit_step_problems(application=application, today=TODAY) == [
        "基层意见不完整，缺少：推荐方式、参与推荐人数、意见形成情况。"
    ]


def test_publicity_across_national_day_counts_real_working_days(application):
    add_recommendation(application)
    add_publicity(application, start_date=HOLIDAY_START, end_date=HOLIDAY_END)
    assert unit_step_problems(application=application, today=TODAY) == []


def test_publicity_one_day_short_across_the_holiday(application):
    add_recommendation(application)
    add_publicity(application, start_date=HOLIDAY_START, end_date=date(2026, 10, 8), workdays=4)
    assert unit_step_problems(application=application, today=TODAY) == [
        "公示期不足5个工作日（2026年9月28日至2026年10月8日共4个工作日）。"
    ]


def test_publicity_not_ended(application):
    add_recommendation(application)
    add_publicity(application)
    problems = unit_step_problems(application=application, today=date(2026, 9, 11))
    assert problems == ["公示期尚未结束（2026年9月11日 24:00 结束），公示结束后方可推荐。"]


def test_objection_without_handling(application):
    add_recommendation(application)
    add_publicity(application, result=PublicityResult.OBJECTION_HANDLED, handling=" ")
    assert unit_step_problems(application=application, today=TODAY) == [
        "公示结果为“有异议，经核实不成立”，请填写异议处理情况。"
    ]


def test_unknown_calendar_year_says_so(application):
    add_recommendation(application)
    add_publicity(application, start_date=date(2099, 3, 2), end_date=date(2099, 3, 9))
    problems = unit_step_problems(application=application, today=date(2099, 4, 1))
    assert len(problems) == 1 and "系统尚无2099年的法定节假日和调休安排" in problems[0]
