"""recommendation_put and publicity_put: every field error at once, nothing saved on error; the
5-working-day rule by the official calendar; who may write and when; one audit row per save."""

from __future__ import annotations

from datetime import date

import pytest

from accounts.models import Role
from applications.tests.factories import make_unit_admin
from applications.tests.helpers import return_application
from core.errors import Conflict, NotFound, ServiceError
from core.models import AuditLog
from recommend.models import PublicityResult, UnitPublicity, UnitRecommendation
from recommend.selectors import unit_step_problems
from recommend.services import publicity_put, recommendation_put
from tests import factories

from .factories import HOLIDAY_END, HOLIDAY_START, RECOMMENDATION_VALUES, move_past_unit_step

TODAY = date(2026, 11, 2)
PUBLICITY = {
    "start_date": "2026-09-07",
    "end_date": "2026-09-11",
    "place": "单位公示栏及内网",
    "result": "no_objection",
    "handling": "",
}
UNIT_STEP_PASSED = (
    "该申报当前不在单位审核环节（单位审核已结束或申报已退回），基层意见和单位公示情况不能再修改。"
)


def put_recommendation(actor, application, **changes):
    return recommendation_put(
        actor=actor, application_id=application.pk, **{**RECOMMENDATION_VALUES, **changes}
    )


def put_publicity(actor, application, today=TODAY, **changes):
    return publicity_put(actor=actor, application_id=application.pk, today=today, **{**PUBLICITY, **changes})


def errors_of(call) -> ServiceError:
    with pytest.raises(ServiceError) as caught:
        call()
    return caught.value


# --- 基层意见 ---------------------------------------------------------------------------------------


def test_recommendation_saved_with_an_audit_row(application, unit_admin):
    row = put_recommendation(unit_admin, application, method="  单位推荐小组评议  ")
    assert row.method == "单位推荐小组评议" and row.participant_count == 9 and row.updated_by == unit_admin
    log = AuditLog.objects.get(action="unit_recommendation_create")
    assert log.actor == unit_admin and log.detail["application_id"] == application.pk


def test_recommendation_updated_in_place_with_one_more_audit_row(application, unit_admin):
    put_recommendation(unit_admin, application)
    row = put_recommendation(
        unit_admin, application, opinion="同意推荐。\n业绩突出。", participant_count="11"
    )
    assert UnitRecommendation.objects.count() == 1
    assert row.opinion == "同意推荐。\n业绩突出。" and row.participant_count == 11
    update = AuditLog.objects.get(action="unit_recommendation_update")
    assert sorted(update.detail["fields"]) == ["opinion", "participant_count"]
    assert AuditLog.objects.filter(target_type="recommend.unitrecommendation").count() == 2


def test_every_missing_part_is_reported_at_once_and_nothing_saved(application, unit_admin):
    error = errors_of(
        lambda: recommendation_put(
            actor=unit_admin,
            application_id=application.pk,
            evaluation=" ",
            method="",
            participants=None,
            participant_count="",
            opinion="",
            formation="\n",
        )
    )
    assert error.detail == "基层意见未保存，请按提示修改。"
    assert error.errors == {
        "evaluation": ["请填写单位对申报人的相关专业技术工作评价。"],
        "method": ["请填写推荐方式。"],
        "participants": ["请填写参与推荐的人员范围。"],
        "participant_count": ["请填写参与推荐人数。"],
        "opinion": ["请填写推荐意见。"],
        "formation": ["请填写意见形成情况。"],
    }
    assert not UnitRecommendation.objects.exists() and not AuditLog.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("evaluation", "评" * 2001, "单位对申报人的相关专业技术工作评价最多 2000 个字，当前 2001 个字。"),
        ("method", "式" * 201, "推荐方式最多 200 个字，当前 201 个字。"),
        ("participants", "员" * 201, "参与推荐的人员范围最多 200 个字，当前 201 个字。"),
        ("opinion", "意" * 1001, "推荐意见最多 1000 个字，当前 1001 个字。"),
        ("formation", "形" * 1001, "意见形成情况最多 1000 个字，当前 1001 个字。"),
        ("participant_count", "九人", "参与推荐人数应为整数。"),
        ("participant_count", "-3", "参与推荐人数应为整数。"),
        ("participant_count", 0, "参与推荐人数应为 1 到 100000 之间的整数。"),
        ("participant_count", True, "参与推荐人数应为整数。"),
        ("participant_count", 100001, "参与推荐人数应为 1 到 100000 之间的整数。"),
    ],
)
def test_each_bad_recommendation_field(application, unit_admin, field, value, message):
    error = errors_of(lambda: put_recommendation(unit_admin, application, **{field: value}))
    assert error.errors == {field: [message]}
    assert not UnitRecommendation.objects.exists()


# --- 单位公示 ----------------------------------------------------------------------------------------


def test_publicity_saved_with_its_working_days_and_an_audit_row(application, unit_admin):
    row = put_publicity(unit_admin, application)
    assert (row.start_date, row.end_date, row.workdays) == (date(2026, 9, 7), date(2026, 9, 11), 5)
    assert row.result == PublicityResult.NO_OBJECTION and row.updated_by == unit_admin
    log = AuditLog.objects.get(action="unit_publicity_create")
    assert log.detail["workdays"] == 5 and log.detail["application_id"] == application.pk


def test_publicity_across_national_day_counts_the_official_calendar(application, unit_admin):
    # 09-28..10-09: 12 days, of which 09-28, 09-29, 09-30, 10-08, 10-09 are working days.
    row = put_publicity(unit_admin, application, start_date=HOLIDAY_START, end_date=HOLIDAY_END)
    assert row.workdays == 5


def test_publicity_one_working_day_short_across_the_holiday(application, unit_admin):
    error = errors_of(
        lambda: put_publicity(unit_admin, application, start_date="2026-09-28", end_date="2026-10-08")
    )
    assert error.errors == {
        "end_date": [
            "公示期不少于5个工作日：2026年9月28日至2026年10月8日只有4个工作日（法定节假日和周末不计），请核对公示日期。"
        ]
    }
    assert not UnitPublicity.objects.exists() and not AuditLog.objects.exists()


def test_adjusted_working_weekend_counts(application, unit_admin):
    # Sunday 2026-09-20 is an adjusted working day: Thu 09-17 .. Mon 09-21 is 09-17, 09-18, 09-20, 09-21.
    error = errors_of(
        lambda: put_publicity(unit_admin, application, start_date="2026-09-17", end_date="2026-09-21")
    )
    assert "只有4个工作日" in error.errors["end_date"][0]
    row = put_publicity(unit_admin, application, start_date="2026-09-17", end_date="2026-09-22")
    assert row.workdays == 5


def test_every_publicity_error_at_once(application, unit_admin):
    error = errors_of(
        lambda: publicity_put(
            actor=unit_admin,
            application_id=application.pk,
            start_date="",
            end_date="2026/09/11",
            place=" ",
            result="同意",
            handling="x",
            today=TODAY,
        )
    )
    assert error.detail == "单位公示情况未保存，请按提示修改。"
    assert error.errors == {
        "start_date": ["请填写公示开始日期。"],
        "end_date": ["公示结束日期格式应为 YYYY-MM-DD，如 2026-03-02。"],
        "place": ["请填写公示地点/方式。"],
        "result": ["公示结果应为“无异议”“有异议，经核实不成立”或“有异议，经核实成立”。"],
    }
    assert not UnitPublicity.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"start_date": "2026-02-30"}, "start_date", "公示开始日期不是有效的日期。"),
        ({"end_date": "2026-09-04"}, "end_date", "公示结束日期不能早于公示开始日期。"),
        (
            {"start_date": "2026-08-24", "end_date": "2026-08-28"},
            "start_date",
            "公示开始日期不能早于申报提交日期（2026年9月1日）：单位审核申报材料后再进行公示。",
        ),
        ({"place": "地" * 201}, "place", "公示地点/方式最多 200 个字，当前 201 个字。"),
        (
            {"result": "objection_handled", "handling": "  "},
            "handling",
            "请填写异议处理情况。",
        ),
        (
            {"result": "objection_handled", "handling": "处" * 1001},
            "handling",
            "异议处理情况最多 1000 个字，当前 1001 个字。",
        ),
    ],
)
def test_each_bad_publicity_field(application, unit_admin, changes, field, message):
    error = errors_of(lambda: put_publicity(unit_admin, application, **changes))
    assert error.errors == {field: [message]}
    assert not UnitPublicity.objects.exists()


def test_a_result_only_after_the_publicity_has_ended(application, unit_admin):
    error = errors_of(lambda: put_publicity(unit_admin, application, today=date(2026, 9, 11)))
    assert error.errors == {
        "result": ["公示期尚未结束（2026年9月11日 24:00 结束），公示结束后才能填写公示结果。"]
    }
    assert not UnitPublicity.objects.exists()
    # While it runs the unit records it without a result; the guard then says it has not ended.
    row = put_publicity(unit_admin, application, today=date(2026, 9, 11), result="")
    assert row.result == "" and row.workdays == 5
    assert unit_step_problems(application=application, today=date(2026, 9, 11))[-2:] == [
        "公示期尚未结束（2026年9月11日 24:00 结束），公示结束后方可推荐。",
        "尚未填写公示结果。",
    ]
    row = put_publicity(unit_admin, application, today=date(2026, 9, 12))
    assert row.result == PublicityResult.NO_OBJECTION


def test_objection_handled_with_its_handling(application, unit_admin):
    row = put_publicity(
        unit_admin, application, result="有异议，经核实不成立", handling="经核实，反映问题不属实，已答复。"
    )
    assert (
        row.result == PublicityResult.OBJECTION_HANDLED and row.handling == "经核实，反映问题不属实，已答复。"
    )
    row = put_publicity(unit_admin, application, result="no_objection", handling="无")
    assert row.handling == ""  # no objection: no handling kept
    assert AuditLog.objects.filter(action="unit_publicity_update").count() == 1


def test_a_year_the_calendar_does_not_know(application, unit_admin):
    error = errors_of(
        lambda: put_publicity(
            unit_admin, application, start_date="2099-03-02", end_date="2099-03-09", result=""
        )
    )
    assert list(error.errors) == ["end_date"]
    assert "系统尚无2099年的法定节假日和调休安排" in error.errors["end_date"][0]


# --- who and when --------------------------------------------------------------------------------------


def _others(application):
    other_unit_admin = make_unit_admin(factories.make_unit())
    department = factories.make_department()
    reviewer = factories.make_user(role=Role.DEPARTMENT_REVIEWER, organisation=department)
    district_reviewer = factories.make_user(
        role=Role.DISTRICT_REVIEWER, organisation=application.unit.district
    )
    inactive = factories.make_unit_admin(application.unit, username="inactive-admin", is_active=False)
    return [
        other_unit_admin,
        reviewer,
        district_reviewer,
        application.applicant,
        inactive,
        factories.make_support(),
    ]


def test_anyone_but_the_units_admin_is_told_not_found(application):
    for actor in _others(application):
        for put in (put_recommendation, put_publicity):
            with pytest.raises(NotFound) as caught:
                put(actor, application)
            assert caught.value.detail == "未找到该申报。"
    assert not UnitRecommendation.objects.exists() and not UnitPublicity.objects.exists()


def test_an_unknown_application_is_not_found(unit_admin):
    for bad in (999999, "abc", None):
        with pytest.raises(NotFound):
            recommendation_put(actor=unit_admin, application_id=bad, **RECOMMENDATION_VALUES)


def test_after_the_unit_step_has_passed_it_is_a_conflict(application, unit_admin):
    put_recommendation(unit_admin, application)
    move_past_unit_step(application)
    with pytest.raises(Conflict) as caught:
        put_recommendation(unit_admin, application, opinion="改")
    assert caught.value.detail == UNIT_STEP_PASSED and caught.value.status == 409
    with pytest.raises(Conflict):
        put_publicity(unit_admin, application)
    assert UnitRecommendation.objects.get().opinion == RECOMMENDATION_VALUES["opinion"]
    assert not UnitPublicity.objects.exists()


def test_a_returned_application_cannot_be_written(application, unit_admin):
    return_application(application)
    with pytest.raises(Conflict):
        put_recommendation(unit_admin, application)


def test_a_draft_is_not_even_visible(db):
    from applications.services import application_save_cover
    from applications.tests.factories import (
        cover_values,
        make_open_committee,
        make_ready_applicant,
        make_series,
    )

    series = make_series()
    committee = make_open_committee(series)
    applicant = make_ready_applicant()
    draft = application_save_cover(user=applicant, **cover_values(committee, series))
    with pytest.raises(Conflict):
        put_recommendation(make_unit_admin(applicant.organisation), draft)


def test_records_kept_after_a_return_and_resubmission(application, unit_admin):
    """Kept simple: the unit's records stay valid for the resubmitted application."""
    from applications.state import application_submit

    from .factories import SUBMITTED_AT

    put_recommendation(unit_admin, application)
    put_publicity(unit_admin, application, start_date="2026-09-14", end_date="2026-09-18")
    return_application(application)
    application_submit(
        application_id=application.pk, actor=application.applicant, now=SUBMITTED_AT.replace(day=8)
    )
    application.refresh_from_db()
    assert unit_step_problems(application=application, today=TODAY) == []
    # …and can still be edited at the unit step of the new submission.
    row = put_publicity(
        unit_admin, application, start_date="2026-09-14", end_date="2026-09-18", place="单位官网"
    )
    assert row.place == "单位官网"


def test_unit_step_problems_empty_once_both_are_saved_through_the_services(application, unit_admin):
    assert len(unit_step_problems(application=application, today=TODAY)) == 2
    put_recommendation(unit_admin, application)
    assert len(unit_step_problems(application=application, today=TODAY)) == 1
    put_publicity(unit_admin, application)
    assert unit_step_problems(application=application, today=TODAY) == []


# --- 公示无异议的方可推荐 (seed 必读 (三)1) ------------------------------------------------------------


def test_an_upheld_objection_is_recorded_but_blocks_the_pass(application, unit_admin):
    from applications.state import application_pass
    from recommend.tests.factories import add_recommendation

    add_recommendation(application)
    row = put_publicity(
        unit_admin,
        application,
        result="objection_upheld",
        handling="经核实，其论文系他人代写，异议成立。",
    )
    assert row.result == PublicityResult.OBJECTION_UPHELD and row.get_result_display() == "有异议，经核实成立"
    with pytest.raises(ServiceError) as caught:
        application_pass(application_id=application.pk, actor=unit_admin, opinion="同意推荐。")
    assert caught.value.detail.startswith("单位公示结果为“有异议，经核实成立”，不能推荐")
    assert "见《职称申报必读》（三）1" in caught.value.detail
    application.refresh_from_db()
    assert application.current_step.kind == "unit"
    # The same publicity cannot be turned into 无异议 afterwards …
    error = errors_of(
        lambda: put_publicity(unit_admin, application, result="no_objection", today=date(2026, 12, 7))
    )
    assert "该次公示不能改为其他结果" in error.errors["start_date"][0]
    # … only a new publicity, held after the finding, once the applicant's materials were fixed.
    from datetime import timedelta

    from django.utils import timezone

    from publicity.tests.factories import ensure_calendar
    from recommend.selectors import unit_step_problems

    start = timezone.localdate() + timedelta(days=1)
    end = start + timedelta(days=13)
    ensure_calendar(start, end)
    later = end + timedelta(days=1)
    put_publicity(
        unit_admin,
        application,
        start_date=start.isoformat(),
        end_date=end.isoformat(),
        result="no_objection",
        today=later,
    )
    assert unit_step_problems(application=application, today=later) == []


def test_a_bare_objection_says_nothing_of_its_finding_and_is_refused(application, unit_admin):
    for word in ("有异议", "有异议，已处理"):
        error = errors_of(
            lambda word=word: put_publicity(unit_admin, application, result=word, handling="已处理")
        )
        assert error.errors == {
            "result": ["公示结果应为“无异议”“有异议，经核实不成立”或“有异议，经核实成立”。"]
        }
    error = errors_of(
        lambda: put_publicity(unit_admin, application, result="有异议，经核实成立", handling="")
    )
    assert error.errors == {"handling": ["请填写异议处理情况。"]}
