"""Decision 0008 on the pages and the API: the unit of an application to a committee has 通过 /
返回修改 / 重置流程 only (the page offers no 不通过, a posted one is refused next to 审核结果, the
batch only passes, the API answers 403 with the reason); a department's 不通过 is offered with a
confirmation and ends only that application, after which the applicant's 职称申报 page offers a new
cover."""

from __future__ import annotations

import pytest

from applications.models import ApplicationStatus, StepKind
from applications.state import UNIT_REJECT_REFUSED
from applications.tests.helpers import page_text
from tests.factories import bearer

from .factories import add_publicity, add_recommendation, advance_to, make_world, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return make_world("拒")


def _events(application) -> list[str]:
    return list(application.events.order_by("id").values_list("action", flat=True))


def test_the_unit_page_offers_no_reject_and_explains_what_to_do(client, world):
    application = submit(world)
    client.force_login(world.unit_admin)
    response = client.get(f"/reviews/{application.pk}/")
    html = response.content.decode()
    assert 'name="action" value="reject"' not in html
    for value in ("pass", "return", "reset"):
        assert f'name="action" value="{value}"' in html
    assert UNIT_REJECT_REFUSED in page_text(response)


def test_a_reject_posted_by_the_unit_is_refused_next_to_the_result(client, world):
    application = submit(world)
    client.force_login(world.unit_admin)
    response = client.post(
        f"/reviews/{application.pk}/act/",
        {"action": "reject", "opinion": "不符合申报条件。", "expected_step_id": application.current_step_id},
    )
    assert response.status_code == 400
    text = page_text(response)
    assert UNIT_REJECT_REFUSED in text and "不符合申报条件。" in text  # the opinion is kept
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW and _events(application) == ["submit"]


def test_the_batch_only_passes(client, world):
    application = submit(world)
    add_recommendation(application)
    add_publicity(application)
    client.force_login(world.unit_admin)
    queue = client.get("/reviews/").content.decode()
    assert "批量通过" in queue and "不通过" not in queue.split('id="batch-title"')[1]
    client.post("/reviews/batch-pass/", {"ids": [application.pk], "opinion": "同意。", "action": "reject"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW and _events(application) == ["submit", "pass"]


def test_the_api_refuses_a_units_reject_with_the_reason(client, world):
    application = submit(world)
    response = client.post(
        f"/api/v1/reviews/{application.pk}/act",
        {"action": "reject", "opinion": "不符合申报条件。"},
        content_type="application/json",
        **bearer(world.unit_admin),
    )
    assert response.status_code == 403
    assert response.json() == {"detail": UNIT_REJECT_REFUSED, "errors": {"action": [UNIT_REJECT_REFUSED]}}
    detail = client.get(f"/api/v1/reviews/{application.pk}", **bearer(world.unit_admin)).json()
    assert [a["value"] for a in detail["actions"]] == ["pass", "return", "reset"]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW


def test_a_department_rejects_with_a_confirmation_and_the_applicant_may_apply_again(client, world):
    application = advance_to(world, submit(world), StepKind.DEPARTMENT)
    client.force_login(world.department_reviewer)
    html = client.get(f"/reviews/{application.pk}/").content.decode()
    assert 'value="reject" id="action-reject" data-confirm-choice="确定审核不通过吗？' in html
    assert 'value="reset" id="action-reset" data-confirm-choice="确定重置流程吗？' in html
    response = client.post(
        f"/reviews/{application.pk}/act/",
        {
            "action": "reject",
            "opinion": "资历不符合申报条件。",
            "expected_step_id": application.current_step_id,
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    result = page_text(client.get(response["Location"]))
    assert "已审核不通过。" in result and "该申报已结束" in result and "审核不通过" in result

    client.force_login(application.applicant)
    page = client.get(f"/applications/?year={application.year}")
    text = page_text(page)
    assert "审核不通过" in text and "可重新保存封面，另行申报" in text
    assert "评审未通过" not in text and "不能再向其他评委会申报" not in text
    assert "封面不能修改" not in text and 'id="cover-form"' in page.content.decode()
