"""The 审核 section of the review page (issue 11, point 22): the 返回修改 checklist lists the places
that apply to this application, folded (the others folded again inside it); after an action the
form is replaced by its result; 重置流程 and 不通过 — and the applicant's 提交 — ask for
confirmation (data-confirm)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from applications.models import ApplicationStatus, ReturnRequest, StepKind
from applications.tests.factories import READY_SECTIONS
from applications.tests.helpers import page_text
from dossier.sections import SECTIONS

from .factories import add_publicity, add_recommendation, advance_to, make_world, submit

pytestmark = pytest.mark.django_db

# make_ready_applicant fills READY_SECTIONS only (applications/tests/factories.py).
FILLED = [s.label for s in SECTIONS if s.key in READY_SECTIONS]
EMPTY = [s.label for s in SECTIONS if s.key not in READY_SECTIONS]


@pytest.fixture
def world(db):
    return make_world("页")


def _parts(html: str) -> tuple[str, str, str]:
    """(the main checklist's <details> tag, its rows before the nested list, the nested list)."""
    opening = re.search(r'<details class="return-items" id="return-items"[^>]*>', html).group(0)
    body = html.split(opening, 1)[1]
    main, others = body.split('<details class="other-places"', 1)
    return opening, main, others.split("</details>", 1)[0]


def _labels(fragment: str) -> list[str]:
    return re.findall(r'<label for="id_item_[^"]+">([^<]+)</label>', fragment)


def test_the_checklist_lists_the_places_of_this_application_folded(client, world):
    application = submit(world)
    client.force_login(world.unit_admin)
    html = client.get(f"/reviews/{application.pk}/").content.decode()
    opening, main, others = _parts(html)
    assert " open" not in opening  # folded until 返回修改 is chosen
    listed = _labels(main)
    assert listed[0] == "基本信息" and listed[-1] == "封面（申报年度、类别、系列、层级、评委会）"
    assert all(label in listed for label in FILLED)
    assert "附件：学历学位证书" in listed and "附件：承诺书" in listed and "附件：其他材料" in listed
    assert not any(label in listed for label in EMPTY)
    assert "附件：博士后出站证明" not in listed and "附件：延迟退休批准文件" not in listed
    folded = _labels(others)
    assert all(label in folded for label in EMPTY) and "附件：博士后出站证明" in folded
    assert not set(listed) & set(folded)


def test_a_refused_return_keeps_the_checklist_open_with_what_was_typed(client, world):
    application = submit(world)
    empty = next(s for s in SECTIONS if not s.required)
    client.force_login(world.unit_admin)
    response = client.post(
        f"/reviews/{application.pk}/act/",
        {
            "action": "return",
            "opinion": "请补充。",
            f"item_{empty.key}": "on",
            f"comment_{empty.key}": "请补充获奖证书。",
            "expected_step_id": application.current_step_id,
        },
    )
    assert response.status_code == 400 and "请填写补正截止日期" in page_text(response)
    opening, _main, _others = _parts(response.content.decode())
    assert " open" in opening
    html = response.content.decode()
    assert '<details class="other-places" open>' in html and 'value="请补充获奖证书。"' in html
    # With the deadline, a place outside the main list is accepted as well.
    deadline = (timezone.localdate() + timedelta(days=5)).isoformat()
    response = client.post(
        f"/reviews/{application.pk}/act/",
        {
            "action": "return",
            "opinion": "请补充。",
            f"item_{empty.key}": "on",
            f"comment_{empty.key}": "请补充获奖证书。",
            "deadline": deadline,
            "expected_step_id": application.current_step_id,
        },
    )
    assert response.status_code == 302
    assert ReturnRequest.objects.get(application=application).items == [
        {"section": empty.key, "comment": "请补充获奖证书。"}
    ]


def test_after_an_action_the_form_is_replaced_by_its_result(client, world):
    application = submit(world)
    add_recommendation(application)
    add_publicity(application)
    client.force_login(world.unit_admin)
    response = client.post(
        f"/reviews/{application.pk}/act/",
        {"action": "pass", "opinion": "同意推荐。", "expected_step_id": application.current_step_id},
    )
    page = client.get(response["Location"])
    html, text = page.content.decode(), page_text(page)
    assert 'id="act-form"' not in html and 'id="act-result"' in html
    assert "已审核通过。" in text and f"当前环节 主管部门审核（{world.department.name}）" in text
    assert "审核意见 同意推荐。" in text and "当前状态 审核中" in text
    assert 'href="/reviews/">返回待审核列表</a>' in html
    # Someone else's (or an unknown) event id shows the page as usual.
    other = client.get(f"/reviews/{application.pk}/?done=999999")
    assert 'id="act-result"' not in other.content.decode()


def test_after_a_return_the_result_names_the_deadline_and_the_reviewer_may_still_reset(client, world):
    application = submit(world)
    deadline = timezone.localdate() + timedelta(days=6)
    client.force_login(world.unit_admin)
    response = client.post(
        f"/reviews/{application.pk}/act/",
        {
            "action": "return",
            "opinion": "请修改。",
            "item_basic": "on",
            "comment_basic": "照片不清晰。",
            "deadline": deadline.isoformat(),
            "expected_step_id": application.current_step_id,
        },
    )
    text = page_text(client.get(response["Location"]))
    assert f"申报人须在 {deadline.year}年{deadline.month}月{deadline.day}日 24:00 前" in text
    assert "当前状态 返回修改" in text and "继续办理" in text


def test_reset_and_reject_ask_for_confirmation_pass_and_return_do_not(client, world):
    application = advance_to(world, submit(world), StepKind.DEPARTMENT)
    client.force_login(world.department_reviewer)
    html = client.get(f"/reviews/{application.pk}/").content.decode()
    radios = dict(
        re.findall(
            r'<input type="radio" name="action" value="(\w+)"[^>]*?(data-confirm-choice="[^"]*")?>', html
        )
    )
    assert radios["pass"] == "" and radios["return"] == ""
    assert "确定重置流程吗？" in radios["reset"] and "剩余 4 次" in radios["reset"]
    assert "确定审核不通过吗？" in radios["reject"]
    assert re.search(r'<form [^>]*id="act-form"[^>]*>', html).group(0).count("data-confirm") == 0
    assert "reviews/js/act.js" in html
    # Re-rendered with 不通过 chosen (here: no opinion), the form itself carries the question.
    response = client.post(
        f"/reviews/{application.pk}/act/",
        {"action": "reject", "opinion": "", "expected_step_id": application.current_step_id},
    )
    form_tag = re.search(r'<form [^>]*id="act-form"[^>]*>', response.content.decode()).group(0)
    assert 'data-confirm="确定审核不通过吗？' in form_tag
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW


def test_the_applicants_submit_asks_for_confirmation(client, world):
    from applications.services import application_save_cover
    from applications.tests.factories import cover_values, make_ready_applicant

    applicant = make_ready_applicant(unit=world.unit)
    draft = application_save_cover(user=applicant, **cover_values(world.committee, world.series))
    client.force_login(applicant)
    html = client.get(f"/applications/?year={draft.year}&kind={draft.kind}&check=1").content.decode()
    form_tag = re.search(r'<form method="post" action="/applications/submit/"[^>]*>', html).group(0)
    assert 'data-confirm="确定提交吗？' in form_tag
