"""通过 / 返回修改 / 重置流程 / 不通过 through the state machine: each transition, its guards
(wrong status, stale page, another organisation, missing opinion, the unit step's records), the
trail (one event each) and the full route to the final electronic approval."""

from __future__ import annotations

import pytest

from accounts.models import Role
from applications.eligibility.checks import eligibility_problems
from applications.models import (
    Application,
    ApplicationStatus,
    ReturnRequest,
    ReviewEvent,
    ReviewStep,
    StepKind,
    StepState,
)
from applications.permissions import can_act_on_step
from applications.services import application_save_cover
from applications.state import (
    STALE_MESSAGE,
    AlreadyDone,
    application_batch_pass,
    application_pass,
    application_reject,
    application_reset,
    application_return,
    application_submit,
)
from catalog.models import Level
from core.errors import Forbidden, NotFound, ServiceError
from orgs.models import Ownership
from tests import factories

from .factories import cover_values, make_open_committee, make_unit
from .review_factories import (
    ITEMS,
    OPINION,
    complete_unit_step,
    current_reviewer,
    in_days,
    make_submitted,
    reviewer_for,
)

pytestmark = pytest.mark.django_db


def fresh(application) -> Application:
    return Application.objects.select_related("current_step").get(pk=application.pk)


def steps_of(application) -> list[ReviewStep]:
    return list(ReviewStep.objects.filter(application=application).order_by("order"))


def walk(application, *, until_kind=None):
    """Pass step after step (the unit step with its records) until `until_kind` is current or the
    application is approved."""
    application = fresh(application)
    while application.status == ApplicationStatus.IN_REVIEW:
        step = application.current_step
        if step.kind == until_kind:
            break
        if step.kind == StepKind.UNIT:
            complete_unit_step(application)
        application_pass(
            application_id=application.pk,
            actor=reviewer_for(step),
            opinion=OPINION,
            expected_step_id=step.pk,
        )
        application = fresh(application)
    return application


# --- 通过 ---------------------------------------------------------------------------------------


def test_the_unit_cannot_pass_before_its_recommendation_and_publicity():
    application = make_submitted()
    admin = current_reviewer(application)
    with pytest.raises(ServiceError) as exc:
        application_pass(application_id=application.pk, actor=admin, opinion=OPINION)
    assert exc.value.status == 400
    assert "基层意见" in exc.value.detail
    assert any("尚未填写基层意见" in m for m in exc.value.errors["unit_step"])
    assert any("单位公示" in m for m in exc.value.errors["unit_step"])
    after = fresh(application)
    assert after.status == ApplicationStatus.IN_REVIEW and after.current_step.kind == StepKind.UNIT
    assert after.current_step.state == StepState.CURRENT
    assert ReviewEvent.objects.filter(application=application).count() == 1  # the submit only


def test_pass_at_the_unit_step_moves_to_the_next_step_with_one_event():
    application = make_submitted(ownership=Ownership.DISTRICT_STATE)
    complete_unit_step(application)
    unit_step = fresh(application).current_step
    admin = reviewer_for(unit_step)
    passed = application_pass(
        application_id=application.pk,
        actor=admin,
        opinion="  同意推荐。\n材料真实。 ",
        ip="203.0.113.7",
        expected_step_id=unit_step.pk,
    )
    assert passed.status == ApplicationStatus.IN_REVIEW
    steps = steps_of(application)
    assert [s.state for s in steps] == [
        StepState.PASSED,
        StepState.CURRENT,
        StepState.WAITING,
        StepState.WAITING,
    ]
    assert steps[0].decided_at is not None
    # 送达时间: the unit's step was reached at submission, the department's when the unit passed.
    assert steps[0].reached_at <= steps[0].decided_at == steps[1].reached_at
    assert steps[2].reached_at is None and steps[3].reached_at is None
    assert fresh(application).current_step == steps[1] and steps[1].kind == StepKind.DEPARTMENT
    event = ReviewEvent.objects.filter(application=application).latest("id")
    assert (event.action, event.from_status, event.to_status) == ("pass", "in_review", "in_review")
    assert event.actor == admin and event.step == unit_step and event.organisation == unit_step.organisation
    assert event.opinion == "同意推荐。\n材料真实。" and event.ip == "203.0.113.7"


def test_the_full_route_of_a_non_public_unit_ends_in_the_final_electronic_approval():
    application = make_submitted(ownership=Ownership.NON_PUBLIC)
    assert [s.kind for s in steps_of(application)] == [StepKind.UNIT, StepKind.DISTRICT, StepKind.COMMITTEE]
    approved = walk(application)
    assert approved.status == ApplicationStatus.APPROVED and approved.current_step is None
    assert [s.state for s in steps_of(application)] == [StepState.PASSED] * 3
    events = list(ReviewEvent.objects.filter(application=application).order_by("id"))
    assert [e.action for e in events] == ["submit", "pass", "pass", "pass"]
    assert events[-1].to_status == ApplicationStatus.APPROVED
    assert events[-1].step.kind == StepKind.COMMITTEE
    # A pass after the approval finds nothing to do.
    office = reviewer_for(events[-1].step)
    with pytest.raises(AlreadyDone) as exc:
        application_pass(application_id=application.pk, actor=office, opinion=OPINION)
    assert "已被处理" in exc.value.detail
    assert ReviewEvent.objects.filter(application=application).count() == 4


def test_the_full_route_to_a_provincial_committee_goes_through_the_city_bureau():
    application = make_submitted(ownership=Ownership.CITY_STATE, provincial=True)
    assert [s.kind for s in steps_of(application)] == [
        StepKind.UNIT,
        StepKind.DEPARTMENT,
        StepKind.CITY,
        StepKind.PROVINCIAL,
    ]
    at_province = walk(application, until_kind=StepKind.PROVINCIAL)
    assert at_province.current_step.kind == StepKind.PROVINCIAL
    approved = walk(at_province)
    assert approved.status == ApplicationStatus.APPROVED
    last = ReviewEvent.objects.filter(application=application).latest("id")
    assert last.step.kind == StepKind.PROVINCIAL and last.actor.role == Role.CITY_REVIEWER
    assert last.organisation is not None  # the city bureau records the province's result


# --- guards -------------------------------------------------------------------------------------


@pytest.mark.parametrize("opinion", ["", "   ", None])
def test_every_action_requires_an_opinion(opinion):
    application = make_submitted()
    complete_unit_step(application)
    admin = current_reviewer(application)
    for action in (application_pass, application_reset, application_reject):
        with pytest.raises(ServiceError) as exc:
            action(application_id=application.pk, actor=admin, opinion=opinion)
        assert exc.value.detail == "请填写审核意见。"
        assert exc.value.errors == {"opinion": ["请填写审核意见。"]}
    with pytest.raises(ServiceError) as exc:
        application_return(
            application_id=application.pk, actor=admin, opinion=opinion, items=ITEMS, deadline=in_days(7)
        )
    assert exc.value.errors["opinion"] == ["请填写审核意见。"]
    assert fresh(application).status == ApplicationStatus.IN_REVIEW
    assert ReviewEvent.objects.filter(application=application).count() == 1


def test_an_opinion_over_2000_characters_is_refused():
    application = make_submitted()
    complete_unit_step(application)
    with pytest.raises(ServiceError) as exc:
        application_pass(
            application_id=application.pk, actor=current_reviewer(application), opinion="好" * 2001
        )
    assert exc.value.detail == "审核意见最多 2000 个字，当前 2001 个字。"
    assert ReviewEvent.objects.filter(application=application).count() == 1


def test_a_stale_page_is_told_the_application_was_already_handled():
    application = make_submitted()
    complete_unit_step(application)
    step = fresh(application).current_step
    admin = reviewer_for(step)
    application_pass(application_id=application.pk, actor=admin, opinion=OPINION, expected_step_id=step.pk)
    other_admin = reviewer_for(step)
    with pytest.raises(AlreadyDone) as exc:
        application_pass(
            application_id=application.pk, actor=other_admin, opinion=OPINION, expected_step_id=step.pk
        )
    assert exc.value.status == 409 and exc.value.detail == STALE_MESSAGE
    # Without the expected step: the step is no longer the unit's.
    with pytest.raises(AlreadyDone) as exc:
        application_reject(application_id=application.pk, actor=other_admin, opinion=OPINION)
    assert exc.value.detail.startswith("该申报已被处理")
    assert ReviewEvent.objects.filter(application=application).count() == 2


def test_wrong_status_is_refused_and_nothing_changes():
    application = make_submitted()
    complete_unit_step(application)
    application_pass(application_id=application.pk, actor=current_reviewer(application), opinion=OPINION)
    admin = current_reviewer(application)  # the district office after the unit
    application_reject(application_id=application.pk, actor=admin, opinion="不符合申报条件。")
    for action in (application_pass, application_reject, application_reset):
        with pytest.raises(AlreadyDone) as exc:
            action(application_id=application.pk, actor=admin, opinion=OPINION)
        assert "已被处理" in exc.value.detail
    with pytest.raises(AlreadyDone):
        application_return(
            application_id=application.pk, actor=admin, opinion=OPINION, items=ITEMS, deadline=in_days(5)
        )
    assert fresh(application).status == ApplicationStatus.REJECTED
    assert ReviewEvent.objects.filter(application=application).count() == 3


def test_another_organisations_reviewer_gets_not_found_and_support_may_not_act():
    application = make_submitted(ownership=Ownership.DISTRICT_STATE)
    complete_unit_step(application)
    other_unit = make_unit(Ownership.DISTRICT_STATE)
    strangers = [
        factories.make_user(role=Role.UNIT_ADMIN, organisation=other_unit),
        factories.make_user(role=Role.DEPARTMENT_REVIEWER, organisation=factories.make_department()),
        factories.make_user(role=Role.DISTRICT_REVIEWER, organisation=factories.make_office()),
        factories.make_user(role=Role.COMMITTEE_OFFICE, committee=factories.make_committee()),
        application.applicant,
        factories.make_applicant(),
    ]
    for stranger in strangers:
        for action in (application_pass, application_reject, application_reset):
            with pytest.raises(NotFound) as exc:
                action(application_id=application.pk, actor=stranger, opinion=OPINION)
            assert exc.value.status == 404 and exc.value.detail == "未找到该申报。"
        with pytest.raises(NotFound):
            application_return(
                application_id=application.pk,
                actor=stranger,
                opinion=OPINION,
                items=ITEMS,
                deadline=in_days(5),
            )
    with pytest.raises(Forbidden) as exc:
        application_pass(application_id=application.pk, actor=factories.make_support(), opinion=OPINION)
    assert exc.value.detail == "技术支持不能办理审核。"
    # An unknown id reads the same as a foreign one.
    with pytest.raises(NotFound):
        application_pass(application_id=999999, actor=current_reviewer(application), opinion=OPINION)
    assert ReviewEvent.objects.filter(application=application).count() == 1


def test_a_reviewer_of_a_later_step_cannot_act_before_it_is_reached():
    application = make_submitted(ownership=Ownership.DISTRICT_STATE)
    district_step = next(s for s in steps_of(application) if s.kind == StepKind.DISTRICT)
    district = reviewer_for(district_step)
    with pytest.raises(AlreadyDone) as exc:
        application_pass(application_id=application.pk, actor=district, opinion=OPINION)
    assert "单位审核" in exc.value.detail
    assert fresh(application).current_step.kind == StepKind.UNIT


def test_can_act_on_step_per_role():
    application = make_submitted(ownership=Ownership.CITY_STATE, provincial=True)
    steps = steps_of(application)
    unit_admin = reviewer_for(steps[0])
    assert can_act_on_step(unit_admin, fresh(application)) == (True, "")
    department = reviewer_for(steps[1])
    allowed, reason = can_act_on_step(department, fresh(application))
    assert not allowed and reason == "该申报当前在“单位审核”环节，不由您审核。"
    assert can_act_on_step(factories.make_support(), fresh(application)) == (False, "技术支持不能办理审核。")
    assert can_act_on_step(application.applicant, fresh(application))[0] is False
    walk(application, until_kind=StepKind.PROVINCIAL)
    city = reviewer_for(steps[2])
    assert can_act_on_step(city, fresh(application)) == (True, "")  # records the province's result


# --- 返回修改 -----------------------------------------------------------------------------------


def test_return_records_the_checklist_and_deadline_and_resubmission_restarts_at_the_unit():
    application = make_submitted(ownership=Ownership.NON_PUBLIC)
    at_district = walk(application, until_kind=StepKind.DISTRICT)
    district_step = at_district.current_step
    reviewer = reviewer_for(district_step)
    returned = application_return(
        application_id=application.pk,
        actor=reviewer,
        opinion="请按以下内容一次性修改完善。",
        items=ITEMS,
        deadline=in_days(10),
        ip="198.51.100.1",
        expected_step_id=district_step.pk,
    )
    assert returned.status == ApplicationStatus.RETURNED and fresh(application).current_step is None
    district_step.refresh_from_db()
    assert district_step.state == StepState.RETURNED and district_step.decided_at is not None
    request = ReturnRequest.objects.get(application=application)
    assert request.items == ITEMS and request.deadline == in_days(10)
    assert request.event.action == "return" and request.event.actor == reviewer
    assert request.event.organisation == district_step.organisation
    assert request.resolved_at is None and request.withdrawn_at is None

    resubmitted = application_submit(application_id=application.pk, actor=application.applicant)
    assert resubmitted.status == ApplicationStatus.IN_REVIEW
    assert fresh(application).current_step.kind == StepKind.UNIT
    request.refresh_from_db()
    assert request.resolved_at is not None
    kinds = [(s.kind, s.state) for s in steps_of(application)]
    assert kinds == [
        (StepKind.UNIT, StepState.PASSED),
        (StepKind.DISTRICT, StepState.RETURNED),
        (StepKind.UNIT, StepState.CURRENT),
        (StepKind.DISTRICT, StepState.WAITING),
        (StepKind.COMMITTEE, StepState.WAITING),
    ]
    # The new route's unit and district steps supersede the old ones and keep when those places
    # last decided (the review queue's 已审核); the committee never decided it.
    old_unit, old_district, unit, district, committee = steps_of(application)
    assert (old_unit.superseded, old_district.superseded) == (True, True)
    assert not (unit.superseded or district.superseded or committee.superseded)
    assert unit.handled_at == old_unit.decided_at and district.handled_at == old_district.decided_at
    assert committee.handled_at is None and unit.reached_at is not None and district.reached_at is None
    # The unit's records still count: the unit can pass the resubmission.
    again = walk(application)
    assert again.status == ApplicationStatus.APPROVED


def test_every_mistake_in_a_return_is_reported_at_once_and_nothing_is_saved():
    application = make_submitted()
    admin = current_reviewer(application)
    with pytest.raises(ServiceError) as exc:
        application_return(
            application_id=application.pk,
            actor=admin,
            opinion="",
            items=[
                {"section": "", "comment": "请补充"},
                {"section": "nowhere", "comment": ""},
                {"section": "attachments:diploma", "comment": "好" * 501},
                "text",
            ],
            deadline=in_days(0),
        )
    errors = exc.value.errors
    assert errors["opinion"] == ["请填写审核意见。"]
    assert errors["items"] == [
        "第 1 项：请选择需要修改的位置。",
        "第 2 项：需修改的位置“nowhere”不存在，请重新选择。",
        "第 2 项：请填写修改意见（需要补充或修改的具体内容）。",
        "第 3 项：修改意见最多 500 个字，当前 501 个字。",
        "第 4 项：格式不正确，应包含需修改的位置和修改意见。",
    ]
    assert errors["deadline"][0].startswith("补正截止日期须晚于今天")
    for items, deadline, field, message in [
        ([], in_days(3), "items", "请一次性列出需要修改的全部内容（至少一项）"),
        (ITEMS, None, "deadline", "请填写补正截止日期"),
        (ITEMS, "2026-13-40", "deadline", "补正截止日期格式应为 YYYY-MM-DD"),
        (ITEMS, in_days(-3), "deadline", "补正截止日期须晚于今天"),
    ]:
        with pytest.raises(ServiceError) as exc:
            application_return(
                application_id=application.pk, actor=admin, opinion=OPINION, items=items, deadline=deadline
            )
        assert exc.value.errors[field][0].startswith(message)
    assert fresh(application).status == ApplicationStatus.IN_REVIEW
    assert not ReturnRequest.objects.exists()
    assert ReviewEvent.objects.filter(application=application).count() == 1


def test_a_return_accepts_the_deadline_as_text():
    application = make_submitted()
    application_return(
        application_id=application.pk,
        actor=current_reviewer(application),
        opinion=OPINION,
        items=[
            {"section": "basic", "comment": "手机号码有误。"},
            {"section": "cover", "comment": "评委会选错。"},
        ],
        deadline=in_days(4).isoformat(),
    )
    assert ReturnRequest.objects.get(application=application).deadline == in_days(4)


# --- 重置流程 / 不通过 ----------------------------------------------------------------------------


def test_reset_goes_back_to_a_draft_whose_cover_can_change_and_keeps_the_old_steps():
    application = make_submitted(ownership=Ownership.NON_PUBLIC)
    at_district = walk(application, until_kind=StepKind.DISTRICT)
    reviewer = reviewer_for(at_district.current_step)
    reset = application_reset(
        application_id=application.pk, actor=reviewer, opinion="评委会选择错误，请重新选择。"
    )
    assert reset.status == ApplicationStatus.DRAFT and fresh(application).current_step is None
    assert [(s.kind, s.state) for s in steps_of(application)] == [
        (StepKind.UNIT, StepState.PASSED),
        (StepKind.DISTRICT, StepState.RETURNED),
        (StepKind.COMMITTEE, StepState.WAITING),
    ]
    event = ReviewEvent.objects.filter(application=application).latest("id")
    assert (event.action, event.from_status, event.to_status) == ("reset", "in_review", "draft")
    # The cover can now change its committee (seed FAQ 5).
    other = make_open_committee(application.series, Level.INTERMEDIATE)
    saved = application_save_cover(
        user=application.applicant,
        application_id=application.pk,
        **cover_values(other, application.series),
    )
    assert saved.committee == other
    application_submit(application_id=application.pk, actor=application.applicant)
    kinds = [(s.kind, s.state) for s in steps_of(application)]
    # The waiting committee step without history is replaced by the new route.
    assert kinds == [
        (StepKind.UNIT, StepState.PASSED),
        (StepKind.DISTRICT, StepState.RETURNED),
        (StepKind.UNIT, StepState.CURRENT),
        (StepKind.DISTRICT, StepState.WAITING),
        (StepKind.COMMITTEE, StepState.WAITING),
    ]
    assert steps_of(application)[-1].committee == other


def test_the_returning_reviewer_may_reset_a_returned_application():
    application = make_submitted()
    admin = current_reviewer(application)
    application_return(
        application_id=application.pk, actor=admin, opinion=OPINION, items=ITEMS, deadline=in_days(5)
    )
    application_reset(application_id=application.pk, actor=admin, opinion="请重新选择工作单位后申报。")
    assert fresh(application).status == ApplicationStatus.DRAFT
    assert ReturnRequest.objects.get(application=application).resolved_at is not None


def test_reject_ends_the_application_but_not_the_persons_year():
    """Decision 0008: 审核不通过 before the committee ends this application only; rule 19 lets the
    person apply to another committee of the same level that year."""
    application = make_submitted()
    complete_unit_step(application)
    application_pass(application_id=application.pk, actor=current_reviewer(application), opinion=OPINION)
    admin = current_reviewer(application)
    assert fresh(application).current_step.kind == "district"
    rejected = application_reject(application_id=application.pk, actor=admin, opinion="不符合申报条件。")
    assert rejected.status == ApplicationStatus.REJECTED and fresh(application).current_step is None
    assert steps_of(application)[1].state == StepState.REJECTED
    event = ReviewEvent.objects.filter(application=application).latest("id")
    assert (event.action, event.to_status, event.opinion) == ("reject", "rejected", "不符合申报条件。")
    other = make_open_committee(application.series, Level.INTERMEDIATE)
    problems = eligibility_problems(
        user=application.applicant, committee=other, level=Level.INTERMEDIATE, year=application.year
    )
    assert problems == []
    with pytest.raises(AlreadyDone) as exc:
        application_submit(application_id=application.pk, actor=application.applicant)
    assert exc.value.detail == (
        "该申报已审核不通过，已结束，不能再提交；如仍符合申报条件，可在“职称申报”中重新保存封面申报。"
    )


# --- 批量通过 -----------------------------------------------------------------------------------


def test_batch_pass_gives_each_its_own_event_and_one_failure_does_not_stop_the_others():
    unit = make_unit(Ownership.NON_PUBLIC)
    apps = [make_submitted(unit=unit) for _ in range(3)]
    complete_unit_step(apps[0])
    complete_unit_step(apps[2])
    admin = current_reviewer(apps[0])
    results = application_batch_pass(
        application_ids=[apps[0].pk, apps[1].pk, apps[2].pk, apps[0].pk, 999999],
        actor=admin,
        opinion=OPINION,
        ip="192.0.2.1",
    )
    assert [(r.application_id, r.ok) for r in results] == [
        (apps[0].pk, True),
        (apps[1].pk, False),
        (apps[2].pk, True),
        (999999, False),
    ]
    assert "基层意见" in results[1].message and results[3].message == "未找到该申报。"
    assert results[0].message == "已通过，已转至下一审核环节。"
    for app, passed in zip(apps, (True, False, True), strict=True):
        events = list(ReviewEvent.objects.filter(application=app, action="pass"))
        assert len(events) == (1 if passed else 0)
        assert fresh(app).current_step.kind == (StepKind.DISTRICT if passed else StepKind.UNIT)


def test_batch_pass_needs_an_opinion_and_a_choice():
    application = make_submitted()
    admin = current_reviewer(application)
    with pytest.raises(ServiceError) as exc:
        application_batch_pass(application_ids=[application.pk], actor=admin, opinion=" ")
    assert exc.value.errors == {"opinion": ["请填写审核意见。"]}
    with pytest.raises(ServiceError) as exc:
        application_batch_pass(application_ids=[], actor=admin, opinion=OPINION)
    assert exc.value.detail == "请选择要通过的申报。"
    assert ReviewEvent.objects.filter(application=application).count() == 1
