"""审核 through the review page and 批量通过: each action goes through the state machine; every
refusal is shown in Chinese with the input kept and nothing saved."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from applications.models import ApplicationStatus, ReturnRequest, ReviewEvent, StepKind, StepState
from applications.tests.helpers import page_text
from orgs.models import CommitteeWindow
from tests.html import unlabelled_controls

from .factories import add_publicity, add_recommendation, advance_to, make_world, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return make_world("办")


def _ready(application):
    add_recommendation(application)
    add_publicity(application)
    return application


def _post(client, application, **data):
    data.setdefault("expected_step_id", str(application.current_step_id or ""))
    return client.post(f"/reviews/{application.pk}/act/", data)


def _unchanged(application, events_before):
    status, step = application.status, application.current_step_id
    application.refresh_from_db()
    assert (application.status, application.current_step_id) == (status, step)
    assert ReviewEvent.objects.filter(application=application).count() == events_before


def test_pass_moves_to_the_next_step(client, world):
    application = _ready(submit(world))
    client.force_login(world.unit_admin)
    response = _post(client, application, action="pass", opinion="材料真实完整，同意推荐。")
    application.refresh_from_db()
    assert application.current_step.kind == StepKind.DEPARTMENT
    event = application.events.order_by("-id").first()
    assert (event.action, event.opinion, event.actor_id) == (
        "pass",
        "材料真实完整，同意推荐。",
        world.unit_admin.pk,
    )
    assert response.status_code == 302
    assert response["Location"] == f"/reviews/{application.pk}/?done={event.pk}#act"
    followed = client.get(response["Location"])
    text = page_text(followed)
    assert "已审核通过。" in text and f"已转至下一审核环节：主管部门审核（{world.department.name}）" in text


def test_pass_at_the_last_step_is_the_final_approval(client, world):
    application = advance_to(world, submit(world), StepKind.COMMITTEE)
    client.force_login(world.committee_office)
    _post(client, application, action="pass", opinion="电子材料审核通过。")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


def test_the_unit_cannot_pass_without_its_recommendation_and_publicity(client, world):
    application = submit(world)
    events = application.events.count()
    client.force_login(world.unit_admin)
    response = _post(client, application, action="pass", opinion="同意。")
    assert response.status_code == 400
    text = page_text(response)
    assert "单位审核通过前须填写完整基层意见并完成单位公示" in text
    assert "尚未填写基层意见" in text and "尚未填写单位公示情况" in text
    assert "同意。" in text  # the opinion is kept
    _unchanged(application, events)


def test_an_opinion_and_a_result_are_required(client, world):
    application = _ready(submit(world))
    events = application.events.count()
    client.force_login(world.unit_admin)
    response = _post(client, application, action="pass", opinion="  ")
    assert response.status_code == 400 and "请填写审核意见。" in page_text(response)
    response = _post(client, application, opinion="同意。")
    assert "请选择审核结果：通过、返回修改、重置流程或不通过。" in page_text(response)
    _unchanged(application, events)


def test_return_with_everything_to_fix_at_once_and_a_deadline(client, world):
    application = submit(world)
    client.force_login(world.unit_admin)
    deadline = timezone.localdate() + timedelta(days=7)
    response = _post(
        client,
        application,
        action="return",
        opinion="材料不全，请按以下意见修改。",
        item_basic="on",
        comment_basic="请上传清晰的身份证照片。",
        comment_work="工作经历缺少 2015 年以后的内容。",
        **{"item_attachments-diploma": "on", "comment_attachments-diploma": "学位证书不清晰。"},
        deadline=deadline.isoformat(),
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RETURNED
    request = ReturnRequest.objects.get(application=application)
    assert request.deadline == deadline
    assert request.items == [
        {"section": "basic", "comment": "请上传清晰的身份证照片。"},
        {"section": "work", "comment": "工作经历缺少 2015 年以后的内容。"},
        {"section": "attachments:diploma", "comment": "学位证书不清晰。"},
    ]


def test_a_return_reports_every_problem_at_once_and_keeps_the_input(client, world):
    application = submit(world)
    events = application.events.count()
    client.force_login(world.unit_admin)
    response = _post(
        client, application, action="return", opinion="请修改。", item_work="on", deadline="明天"
    )
    assert response.status_code == 400
    text = page_text(response)
    assert "第 1 项：请填写修改意见（需要补充或修改的具体内容）。" in text
    assert "补正截止日期格式应为 YYYY-MM-DD" in text
    html = response.content.decode()
    assert '<input type="checkbox" name="item_work" id="id_item_work" checked>' in html
    assert 'value="明天"' in html and "请修改。" in html
    response = _post(client, application, action="return", opinion="请修改。")
    text = page_text(response)
    assert "请一次性列出需要修改的全部内容（至少一项）" in text and "请填写补正截止日期" in text
    _unchanged(application, events)
    assert not ReturnRequest.objects.exists()


def test_a_late_return_is_confirmed_first(client, world):
    application = submit(world)
    CommitteeWindow.objects.filter(committee=world.committee).update(
        closes_at=timezone.now() + timedelta(hours=30)
    )
    events = application.events.count()
    client.force_login(world.unit_admin)
    data = {
        "action": "return",
        "opinion": "请补充。",
        "item_basic": "on",
        "comment_basic": "补充照片。",
        "deadline": (timezone.localdate() + timedelta(days=1)).isoformat(),
    }
    response = _post(client, application, **data)
    assert response.status_code == 409
    text = page_text(response)
    assert "请确认：" in text and "截止" in text and "确认返回修改" in text
    html = response.content.decode()
    assert '<input type="hidden" name="confirm_late" value="1">' in html
    assert unlabelled_controls(html) == []
    _unchanged(application, events)
    response = _post(client, application, **data, confirm_late="1")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RETURNED


def test_reset_goes_back_to_a_draft(client, world):
    application = submit(world)
    client.force_login(world.unit_admin)
    response = _post(client, application, action="reset", opinion="工作单位选择错误，请重新选择单位后申报。")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT and application.current_step is None
    text = page_text(client.get(f"/reviews/{application.pk}/"))
    assert "本年度剩余 3 次返回修改/重置机会" in text and "重置流程" in text


def test_reject(client, world):
    application = advance_to(world, submit(world), StepKind.DEPARTMENT)
    client.force_login(world.department_reviewer)
    _post(client, application, action="reject", opinion="不符合申报条件。")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.steps.get(kind=StepKind.DEPARTMENT).state == StepState.REJECTED


def test_without_chances_return_and_reset_are_disabled_and_refused(client, world):
    application = submit(world)
    for _ in range(4):
        ReviewEvent.objects.create(
            application=application, action="return", from_status="in_review", to_status="returned"
        )
    client.force_login(world.unit_admin)
    response = client.get(f"/reviews/{application.pk}/")
    html = response.content.decode()
    text = page_text(response)
    assert "本年度剩余 0 次返回修改/重置机会" in text
    assert "只能选择通过或不通过" in text and "当年无法申报" in text
    assert 'value="return" id="action-return" disabled' in html
    assert 'value="reset" id="action-reset" disabled' in html
    assert 'value="pass" id="action-pass">' in html
    # With no chance left, 不通过 is the unit's only way to hand back materials (decision 0008).
    assert 'value="reject" id="action-reject" data-confirm-choice=' in html
    events = application.events.count()
    response = _post(client, application, action="reset", opinion="重置。")
    assert response.status_code == 409 and "次机会已用完" in page_text(response)
    _unchanged(application, events)


def test_a_stale_page_changes_nothing(client, world):
    application = _ready(submit(world))
    client.force_login(world.unit_admin)
    stale = str(application.current_step_id)
    assert _post(client, application, action="pass", opinion="同意。").status_code == 302
    application.refresh_from_db()
    events = application.events.count()
    # The unit (no longer at its step) repeats the click: already handled, nothing happens.
    response = client.post(
        f"/reviews/{application.pk}/act/", {"action": "pass", "opinion": "同意。", "expected_step_id": stale}
    )
    assert response.status_code == 409 and "已被处理" in page_text(response)
    _unchanged(application, events)


def test_get_on_act_goes_to_the_form(client, world):
    application = submit(world)
    client.force_login(world.unit_admin)
    response = client.get(f"/reviews/{application.pk}/act/")
    assert response.status_code == 302 and response["Location"] == f"/reviews/{application.pk}/#act"


# --- 批量通过 ---------------------------------------------------------------------------------------


def test_batch_pass_each_with_its_own_result_and_event(client, world):
    ready = [_ready(submit(world, name=n)) for n in ("甲一", "甲二")]
    missing = submit(world, name="甲三")  # no 基层意见 yet
    client.force_login(world.unit_admin)
    page = client.get("/reviews/").content.decode()
    assert "批量通过" in page and page.count('name="ids"') == 3
    response = client.post(
        "/reviews/batch-pass/",
        {"ids": [a.pk for a in [*ready, missing]], "opinion": "经单位审核，同意推荐。"},
    )
    assert response.status_code == 200
    text = page_text(response)
    assert "共 3 份：通过 2 份，未通过 1 份" in text
    assert "已通过，已转至下一审核环节。" in text and "单位审核通过前须填写完整基层意见" in text
    for application in ready:
        application.refresh_from_db()
        assert application.current_step.kind == StepKind.DEPARTMENT
        assert application.events.filter(action="pass", opinion="经单位审核，同意推荐。").count() == 1
    missing.refresh_from_db()
    assert missing.current_step.kind == StepKind.UNIT


def test_batch_pass_needs_ids_and_an_opinion(client, world):
    application = _ready(submit(world))
    events = application.events.count()
    client.force_login(world.unit_admin)
    response = client.post("/reviews/batch-pass/", {"ids": [application.pk], "opinion": ""})
    assert response.status_code == 400
    assert "请填写审核意见。" in page_text(response)
    assert f'value="{application.pk}" id="pick-{application.pk}" aria-label' in response.content.decode()
    assert "checked" in response.content.decode().split(f'id="pick-{application.pk}"')[1][:80]
    response = client.post("/reviews/batch-pass/", {"opinion": "同意。"})
    assert response.status_code == 400 and "请先勾选要通过的申报。" in page_text(response)
    _unchanged(application, events)


def test_batch_pass_is_for_units_only(client, world):
    application = advance_to(world, submit(world), StepKind.DEPARTMENT)
    client.force_login(world.department_reviewer)
    assert 'name="ids"' not in client.get("/reviews/").content.decode()
    response = client.post("/reviews/batch-pass/", {"ids": [application.pk], "opinion": "同意。"})
    assert response.status_code == 404
    api = client.post(
        "/api/v1/reviews/batch-pass",
        {"ids": [application.pk], "opinion": "同意。"},
        content_type="application/json",
    )
    assert api.status_code == 403 and api.json()["detail"] == "只有单位可以批量通过。"
