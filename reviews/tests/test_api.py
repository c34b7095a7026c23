"""/api/v1/reviews/: reviews_queue, reviews_get, reviews_act, reviews_batch_pass, reviews_export —
the same selectors and state machine as the pages, Chinese messages, never a 500."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from applications.models import ApplicationStatus, ReturnRequest, StepKind
from orgs.models import CommitteeWindow
from tests.factories import bearer

from .factories import add_publicity, add_recommendation, advance_to, make_world, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return make_world("接")


def post(client, url, body, user):
    return client.post(url, body, content_type="application/json", **bearer(user))


def test_operation_ids_are_published(client):
    spec = client.get("/api/v1/openapi.json").json()
    ids = {op["operationId"] for path in spec["paths"].values() for op in path.values()}
    assert {
        "reviews_queue",
        "reviews_get",
        "reviews_act",
        "reviews_batch_pass",
        "reviews_export",
        "reviews_summary",
    } <= ids


def test_queue_and_get(client, world):
    application = submit(world, name="王芳")
    response = client.get("/api/v1/reviews/", **bearer(world.unit_admin))
    body = response.json()
    assert response.status_code == 200 and body["count"] == 1 and body["page"] == 1
    row = body["results"][0]
    assert row["name"] == "王芳" and row["pending"] is True and "*" in row["id_number"]
    assert row["current_step"]["kind_label"] == "单位审核"
    assert body["counts"] == {"pending": 1, "handled": 0}
    assert row["queue_time"] is not None  # 送达时间: when it reached the unit

    summary = client.get("/api/v1/reviews/summary", **bearer(world.unit_admin)).json()
    assert summary["pending"] == 1 and summary["total"] == 1
    assert summary["statuses"][0] == {"status": "in_review", "label": "审核中", "count": 1}
    assert summary["committees"][0]["name"] == world.committee.name
    assert summary["committees"][0]["counts"][0]["count"] == 1
    assert client.get("/api/v1/reviews/summary?year=abc", **bearer(world.unit_admin)).status_code == 400
    assert client.get("/api/v1/reviews/summary", **bearer(application.applicant)).status_code == 403

    detail = client.get(f"/api/v1/reviews/{application.pk}", **bearer(world.unit_admin)).json()
    assert detail["applicant"]["name"] == "王芳"
    assert detail["snapshot"]["cover"]["committee"]["name"] == world.committee.name
    assert len(detail["snapshot"]["sections"]) == 13
    assert [s["kind"] for s in detail["route"]] == ["unit", "department", "district", "committee"]
    assert detail["events"][0]["action_label"] == "提交"
    assert detail["chances"] == {"total": 4, "left": 4}
    assert detail["can_act"] is True and detail["acting_step_id"] == application.current_step_id
    # The unit step of a committee application: 通过 / 返回修改 / 重置流程 only (decision 0008).
    assert [a["value"] for a in detail["actions"] if a["enabled"]] == ["pass", "return", "reset"]
    assert detail["recommendation"] is None and detail["unit_step_problems"]


def test_act_pass_return_reset_reject(client, world):
    first = submit(world)
    add_recommendation(first)
    add_publicity(first)
    body = post(
        client,
        f"/api/v1/reviews/{first.pk}/act",
        {"action": "pass", "opinion": "同意推荐。", "expected_step_id": first.current_step_id},
        world.unit_admin,
    ).json()
    assert body["current_step"]["kind"] == "department" and body["can_act"] is False
    assert body["recommendation"]["method"] == "单位职称推荐工作领导小组评议推荐"

    second = advance_to(world, submit(world), StepKind.DEPARTMENT)
    deadline = (timezone.localdate() + timedelta(days=6)).isoformat()
    response = post(
        client,
        f"/api/v1/reviews/{second.pk}/act",
        {
            "action": "return",
            "opinion": "请补充。",
            "items": [
                {"section": "work", "comment": "补充工作经历。"},
                {"section": "cover", "comment": "层级选错。"},
            ],
            "deadline": deadline,
        },
        world.department_reviewer,
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == ApplicationStatus.RETURNED and body["chances"]["left"] == 3
    assert body["events"][-1]["items"][1] == {
        "section": "cover",
        "label": body["events"][-1]["items"][1]["label"],
        "comment": "层级选错。",
    }
    assert body["events"][-1]["deadline"] == deadline
    # The department that returned it may still reset it (reset only).
    assert [a["value"] for a in body["actions"] if a["enabled"]] == ["reset"]
    body = post(
        client,
        f"/api/v1/reviews/{second.pk}/act",
        {"action": "reset", "opinion": "重置。"},
        world.department_reviewer,
    ).json()
    assert body["status"] == ApplicationStatus.DRAFT and body["chances"]["left"] == 2

    third = advance_to(world, submit(world), StepKind.DISTRICT)
    body = post(
        client,
        f"/api/v1/reviews/{third.pk}/act",
        {"action": "reject", "opinion": "不符合。"},
        world.district_reviewer,
    ).json()
    assert body["status"] == ApplicationStatus.REJECTED


def test_act_errors_in_chinese(client, world):
    application = submit(world)
    url = f"/api/v1/reviews/{application.pk}/act"
    response = post(client, url, {"action": "approve", "opinion": ""}, world.unit_admin)
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "action": ["请选择审核结果：通过、返回修改、重置流程或不通过。"],
        "opinion": ["请填写审核意见。"],
    }
    response = post(
        client, url, {"action": "return", "opinion": "改", "items": [], "deadline": ""}, world.unit_admin
    )
    errors = response.json()["errors"]
    assert response.status_code == 400 and set(errors) == {"items", "deadline"}
    response = post(client, url, {"action": "pass", "opinion": "同意。"}, world.unit_admin)
    assert response.status_code == 400 and "基层意见" in response.json()["detail"]
    response = post(client, url, {"action": "pass", "opinion": 5}, world.unit_admin)
    assert response.status_code == 422 and response.json()["errors"] == {"opinion": ["应为文本。"]}
    response = post(
        client, url, {"action": "pass", "opinion": "同意。", "expected_step_id": "abc"}, world.unit_admin
    )
    assert response.status_code == 409 and "已被处理" in response.json()["detail"]
    assert not ReturnRequest.objects.exists()
    assert application.events.count() == 1


def test_a_late_return_needs_confirm_late(client, world):
    application = submit(world)
    CommitteeWindow.objects.filter(committee=world.committee).update(
        closes_at=timezone.now() + timedelta(days=1)
    )
    body = {
        "action": "return",
        "opinion": "请补充。",
        "items": [{"section": "basic", "comment": "照片不清晰。"}],
        "deadline": (timezone.localdate() + timedelta(days=1)).isoformat(),
    }
    url = f"/api/v1/reviews/{application.pk}/act"
    response = post(client, url, body, world.unit_admin)
    assert response.status_code == 409 and "confirm_late" in response.json()["errors"]
    assert post(client, url, {**body, "confirm_late": True}, world.unit_admin).json()["status"] == "returned"


def test_batch_pass(client, world):
    ready = submit(world, name="一")
    add_recommendation(ready)
    add_publicity(ready)
    other = submit(world, name="二")
    response = post(
        client,
        "/api/v1/reviews/batch-pass",
        {"ids": [ready.pk, other.pk, "x"], "opinion": "同意。"},
        world.unit_admin,
    )
    body = response.json()
    assert response.status_code == 200 and (body["passed"], body["failed"]) == (1, 2)
    assert [(r["name"], r["ok"]) for r in body["results"]] == [("一", True), ("二", False), ("", False)]
    assert body["results"][2]["message"] == "未找到该申报。"
    response = post(client, "/api/v1/reviews/batch-pass", {"ids": [], "opinion": ""}, world.unit_admin)
    assert response.status_code == 400
    assert response.json()["errors"] == {"ids": ["请先勾选要通过的申报。"], "opinion": ["请填写审核意见。"]}


def test_unknown_ids_are_404(client, world):
    for value in ("999999", "abc"):
        response = client.get(f"/api/v1/reviews/{value}", **bearer(world.unit_admin))
        assert response.status_code == 404 and response.json()["detail"] == "未找到该申报。"
