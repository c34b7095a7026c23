"""Rule 2 online: a unit that publishes its 单位公示 here types nothing twice. Each applicant's
单位公示 record takes the notice's dates, working days and place; the unit may pass the
application only after the notice has closed with no unresolved objection, and the result is then
无异议, or 有异议，经核实不成立 with the objections' outcomes as handling; an objection found 成立
blocks the recommendation (seed 必读 (三)1: 公示无异议的方可推荐), online or by hand, and a hand-filled
record cannot pass over it. The hand-filled path still works."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from applications.models import ApplicationStatus, StepKind
from applications.state import application_pass
from applications.tests.factories import make_unit_admin
from core.errors import ServiceError
from publicity.models import Objection, PublicityKind
from publicity.selectors import candidates_for
from publicity.services import objection_handle
from recommend.models import PublicityResult, UnitPublicity
from recommend.selectors import publicity_for, unit_step_problems
from recommend.services import publicity_put
from recommend.tests.factories import add_recommendation, make_in_review

from .factories import ensure_calendar, lodge, open_period, publish

pytestmark = pytest.mark.django_db

START, END = date(2026, 9, 7), date(2026, 9, 11)  # Mon..Fri: 5 working days


@pytest.fixture
def application(db):
    # Submitted on 2026-09-01 (recommend's factories), at its unit step.
    application = make_in_review()
    add_recommendation(application)
    return application


@pytest.fixture
def unit_admin(application):
    return make_unit_admin(application.unit)


def test_a_unit_notice_fills_the_unit_publicity(application, unit_admin):
    notice = publish(unit_admin, [application], start=START, end=END, title="2026年职称申报单位公示")
    assert notice.kind == PublicityKind.UNIT and notice.publisher_org == application.unit
    row = UnitPublicity.objects.get(application=application)
    assert (row.start_date, row.end_date, row.workdays) == (START, END, 5)
    assert row.place.startswith("本系统网上公示") and row.notice == notice
    # While open: the unit may not pass.
    problems = unit_step_problems(application=application, today=date(2026, 9, 9))
    assert any("尚未结束" in p for p in problems)


def test_closed_without_objection_the_unit_may_pass(application, unit_admin):
    publish(unit_admin, [application], start=START, end=END)
    assert unit_step_problems(application=application, today=date(2026, 9, 14)) == []
    row = publicity_for(application=application)
    assert row.result == PublicityResult.NO_OBJECTION and row.handling == ""
    application_pass(application_id=application.pk, actor=unit_admin, opinion="同意推荐。")
    application.refresh_from_db()
    assert application.current_step.kind != StepKind.UNIT


def test_an_objection_keeps_the_unit_waiting_until_it_is_resolved(application, unit_admin):
    notice = publish(unit_admin, [application], start=START, end=END)
    objection = lodge(notice, application, today=date(2026, 9, 10))
    problems = unit_step_problems(application=application, today=date(2026, 9, 14))
    assert problems == ["网上单位公示有 1 条异议尚未办结，异议办结后方可推荐。"]
    with pytest.raises(ServiceError, match="异议尚未办结"):
        application_pass(application_id=application.pk, actor=unit_admin, opinion="同意推荐。")

    objection_handle(
        actor=unit_admin,
        objection_id=objection.pk,
        status="concluded",
        verification="经单位核实，其业绩材料属实。",
        outcome="异议不成立。",
        finding="not_upheld",
    )
    assert unit_step_problems(application=application, today=date(2026, 9, 14)) == []
    # The stored record is settled too (what the printed review form reads).
    row = UnitPublicity.objects.get(application=application)
    assert row.result == PublicityResult.OBJECTION_HANDLED
    assert "经单位核实，其业绩材料属实。" in row.handling and "异议不成立。" in row.handling
    application_pass(application_id=application.pk, actor=unit_admin, opinion="同意推荐。")
    application.refresh_from_db()
    assert (
        application.status == ApplicationStatus.IN_REVIEW and application.current_step.kind != StepKind.UNIT
    )


def test_the_unit_cannot_pass_while_its_notice_is_open_today(application, unit_admin):
    start, end = open_period()
    publish(unit_admin, [application], start=start, end=end)
    with pytest.raises(ServiceError, match="尚未结束"):
        application_pass(application_id=application.pk, actor=unit_admin, opinion="同意推荐。")


def test_filling_the_publicity_by_hand_replaces_the_online_one(application, unit_admin):
    publish(unit_admin, [application], start=START, end=END)
    publicity_put(
        actor=unit_admin,
        application_id=application.pk,
        start_date="2026-09-14",
        end_date="2026-09-18",
        place="单位公示栏",
        result="无异议",
        today=date(2026, 9, 21),
    )
    row = UnitPublicity.objects.get(application=application)
    assert row.notice is None and row.place == "单位公示栏"
    assert unit_step_problems(application=application, today=date(2026, 9, 21)) == []


def test_a_unit_publishes_only_its_own_applications_at_its_step(application, unit_admin):
    other = make_in_review()
    assert list(candidates_for(actor=unit_admin, kind=PublicityKind.UNIT)) == [application]
    with pytest.raises(ServiceError) as caught:
        publish(unit_admin, [other], start=START, end=END)
    assert "不在可公示范围内" in caught.value.errors["application_ids"][0]
    # A unit publishes no pre-review or result notice.
    with pytest.raises(ServiceError) as caught:
        publish(unit_admin, [application], kind=PublicityKind.RESULT, start=START, end=END)
    assert "kind" in caught.value.errors


def test_the_review_page_shows_the_online_publicity_and_its_result(client, application, unit_admin):
    from applications.tests.helpers import page_text

    notice = publish(unit_admin, [application], start=START, end=END)
    client.force_login(unit_admin)
    response = client.get(f"/reviews/{application.pk}/")
    assert response.status_code == 200
    text = page_text(response)
    assert "本系统网上公示" in text and "无异议" in text  # closed on 2026-09-11, no objection
    assert f"/publicity/{notice.pk}/" in response.content.decode()


def test_the_daily_command_stores_the_result_of_closed_unit_notices(application, unit_admin):
    from publicity.services import unit_publicity_settle_closed

    publish(unit_admin, [application], start=START, end=END)
    assert UnitPublicity.objects.get(application=application).result == ""
    assert unit_publicity_settle_closed(today=date(2026, 9, 10)) == 0  # still open
    assert unit_publicity_settle_closed(today=date(2026, 9, 14)) == 1
    assert UnitPublicity.objects.get(application=application).result == PublicityResult.NO_OBJECTION


def _conclude(unit_admin, objection, *, upheld: bool):
    return objection_handle(
        actor=unit_admin,
        objection_id=objection.pk,
        status="concluded",
        verification="经单位核实，该论文确系他人代写。" if upheld else "经单位核实，业绩材料属实。",
        outcome="不予推荐。" if upheld else "继续推荐。",
        finding="upheld" if upheld else "not_upheld",
    )


def test_an_upheld_objection_blocks_the_recommendation(application, unit_admin):
    notice = publish(unit_admin, [application], start=START, end=END)
    objection = lodge(notice, application, today=date(2026, 9, 10))
    _conclude(unit_admin, objection, upheld=True)
    problems = unit_step_problems(application=application, today=date(2026, 9, 14))
    assert len(problems) == 1 and f"异议（编号 {objection.pk}）经核实成立" in problems[0]
    assert "见《职称申报必读》（三）1" in problems[0] and "规则" not in problems[0]
    with pytest.raises(ServiceError) as caught:
        application_pass(application_id=application.pk, actor=unit_admin, opinion="同意推荐。")
    # The block is its own message (not "请填写完整基层意见").
    assert caught.value.detail == problems[0]
    row = UnitPublicity.objects.get(application=application)
    assert row.result == PublicityResult.OBJECTION_UPHELD and "异议成立" in row.handling
    application.refresh_from_db()
    assert application.current_step.kind == StepKind.UNIT


def test_a_hand_filled_record_cannot_pass_over_an_upheld_objection(application, unit_admin):
    notice = publish(unit_admin, [application], start=START, end=END)
    objection = lodge(notice, application, today=date(2026, 9, 10))
    _conclude(unit_admin, objection, upheld=True)  # resolved today (2026-12-07, Beijing)
    resolved_on = timezone.localtime(Objection.objects.get(pk=objection.pk).resolved_at).date()
    # The unit types "无异议" for the same (or any earlier) period: still blocked.
    publicity_put(
        actor=unit_admin,
        application_id=application.pk,
        start_date="2026-09-14",
        end_date="2026-09-18",
        place="单位公示栏",
        result="无异议",
        today=date(2026, 9, 21),
    )
    problems = unit_step_problems(application=application, today=resolved_on + timedelta(days=30))
    assert any("经核实成立" in p for p in problems)
    with pytest.raises(ServiceError, match="经核实成立"):
        application_pass(application_id=application.pk, actor=unit_admin, opinion="同意推荐。")


def test_a_new_publicity_after_the_upheld_objection_counts(application, unit_admin):
    notice = publish(unit_admin, [application], start=START, end=END)
    objection = lodge(notice, application, today=date(2026, 9, 10))
    _conclude(unit_admin, objection, upheld=True)
    resolved_on = timezone.localtime(Objection.objects.get(pk=objection.pk).resolved_at).date()
    start = resolved_on + timedelta(days=1)
    end = start + timedelta(days=13)
    ensure_calendar(start, end)
    later = end + timedelta(days=1)
    publicity_put(
        actor=unit_admin,
        application_id=application.pk,
        start_date=start.isoformat(),
        end_date=end.isoformat(),
        place="单位公示栏（重新公示）",
        result="无异议",
        today=later,
    )
    assert unit_step_problems(application=application, today=later) == []


def test_a_not_upheld_objection_lets_the_unit_recommend(application, unit_admin):
    notice = publish(unit_admin, [application], start=START, end=END)
    _conclude(unit_admin, lodge(notice, application, today=date(2026, 9, 10)), upheld=False)
    row = publicity_for(application=application)
    assert (
        row.result == PublicityResult.OBJECTION_HANDLED and row.get_result_display() == "有异议，经核实不成立"
    )
    application_pass(application_id=application.pk, actor=unit_admin, opinion="同意推荐。")
    application.refresh_from_db()
    assert application.current_step.kind != StepKind.UNIT


def test_a_not_accepted_objection_is_no_finding_and_lets_the_unit_recommend(application, unit_admin):
    notice = publish(unit_admin, [application], start=START, end=END)
    objection = lodge(notice, application, today=date(2026, 9, 10))
    objection_handle(
        actor=unit_admin, objection_id=objection.pk, status="not_accepted", acceptance_note="无具体事实。"
    )
    assert Objection.objects.get(pk=objection.pk).upheld is None
    assert unit_step_problems(application=application, today=date(2026, 9, 14)) == []
