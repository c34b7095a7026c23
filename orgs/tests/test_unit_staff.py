"""专业技术人员管理 (seed 五(三)3): 发送信息, 重置密码, 移除, 解锁 — own staff only (404 otherwise)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from core.models import AuditLog
from messaging.models import SiteMessage, SmsOutbox
from tests import factories
from tests.factories import bearer

pytestmark = pytest.mark.django_db

STAFF_URL = "/units/staff/"


@pytest.fixture
def setup():
    unit = factories.make_unit()
    admin = factories.make_unit_admin(unit=unit)
    mine = factories.make_applicant(organisation=unit, name="李明")
    locked = factories.make_applicant(
        organisation=unit, name="王锁", locked_at=timezone.now(), failed_login_count=4
    )
    other_unit = factories.make_unit()
    theirs = factories.make_applicant(organisation=other_unit, name="外单位")
    loose = factories.make_applicant(name="无单位")
    return {
        "unit": unit,
        "admin": admin,
        "mine": mine,
        "locked": locked,
        "theirs": theirs,
        "loose": loose,
        "other_unit": other_unit,
    }


# --- the list --------------------------------------------------------------------------------------


def test_list_shows_own_staff_masked_with_state(client, setup):
    client.force_login(setup["admin"])
    html = client.get(STAFF_URL).content.decode()
    mine = setup["mine"]
    assert "李明" in html and "王锁" in html
    assert "外单位" not in html and "无单位" not in html
    assert mine.id_number[:6] + "********" + mine.id_number[-4:] in html
    assert mine.id_number not in html
    assert mine.phone[:3] + "****" + mine.phone[-4:] in html and mine.phone not in html
    assert "已锁定" in html and "连续密码错误 4 次" in html and "正常" in html
    for action in ("发送信息", "重置密码", "移除", "解锁"):
        assert action in html


def test_search_by_name_and_id_number(client, setup):
    client.force_login(setup["admin"])
    html = client.get(STAFF_URL, {"q": "李明"}).content.decode()
    assert "李明" in html and "王锁" not in html
    html = client.get(STAFF_URL, {"q": setup["locked"].id_number[-6:]}).content.decode()
    assert "王锁" in html and "李明" not in html
    html = client.get(STAFF_URL, {"q": "没有这个人"}).content.decode()
    assert "没有找到符合条件的专业技术人员。" in html


def test_list_is_paginated(client, setup):
    for _ in range(21):
        factories.make_applicant(organisation=setup["unit"])
    client.force_login(setup["admin"])
    html = client.get(STAFF_URL).content.decode()
    assert "共 23 人" in html and "第 1 / 2 页" in html
    assert "第 2 / 2 页" in client.get(STAFF_URL, {"page": 2}).content.decode()


def test_list_runs_a_fixed_number_of_queries(client, setup, django_assert_max_num_queries):
    for _ in range(15):
        factories.make_applicant(organisation=setup["unit"])
    client.force_login(setup["admin"])
    with django_assert_max_num_queries(12):
        client.get(STAFF_URL)


def test_support_sees_any_unit_via_the_unit_parameter(client, setup):
    client.force_login(factories.make_support())
    html = client.get(STAFF_URL, {"unit": setup["other_unit"].pk}).content.decode()
    assert "外单位" in html and "李明" not in html
    everyone = client.get(STAFF_URL).content.decode()
    assert "外单位" in everyone and "李明" in everyone and "未选择单位" in everyone
    assert client.get(STAFF_URL, {"unit": 999999}).status_code == 404
    assert client.get(STAFF_URL, {"unit": "x"}).status_code == 404


@pytest.mark.parametrize(
    "maker", [factories.make_applicant, lambda: factories.make_user(role="city_reviewer")]
)
def test_list_is_404_for_other_roles(client, maker):
    client.force_login(maker())
    assert client.get(STAFF_URL).status_code == 404


# --- the actions on the page ----------------------------------------------------------------------


def test_unlock(client, setup):
    client.force_login(setup["admin"])
    locked = setup["locked"]
    response = client.post(f"/units/staff/{locked.pk}/unlock/", follow=True)
    assert f"已解锁 {locked.name} 的账号" in response.content.decode()
    locked.refresh_from_db()
    assert locked.locked_at is None and locked.failed_login_count == 0
    assert AuditLog.objects.filter(
        action="account_unlock", target_id=str(locked.pk), actor=setup["admin"]
    ).exists()


def test_reset_password_sends_sms_and_forces_a_change(client, setup, django_capture_on_commit_callbacks):
    client.force_login(setup["admin"])
    mine = setup["mine"]
    old_hash = mine.password
    confirm = client.get(f"/units/staff/{mine.pk}/reset-password/")
    assert "确认重置密码" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/units/staff/{mine.pk}/reset-password/", follow=True)
    html = response.content.decode()
    assert "临时密码已通过短信发送至" in html
    mine.refresh_from_db()
    assert mine.must_change_password and mine.password != old_hash
    sms = SmsOutbox.objects.get(phone=mine.phone, purpose="temp_password")
    temporary = re.search(r"临时密码：(\S+?)，", sms.text).group(1)
    assert mine.check_password(temporary)
    assert temporary not in html  # the admin never sees it


def test_remove_asks_then_removes(client, setup):
    client.force_login(setup["admin"])
    mine = setup["mine"]
    confirm = client.get(f"/units/staff/{mine.pk}/remove/").content.decode()
    assert "确认移除" in confirm
    mine.refresh_from_db()
    assert mine.organisation == setup["unit"]  # the GET changed nothing
    response = client.post(f"/units/staff/{mine.pk}/remove/", follow=True)
    assert f"已将 {mine.name} 移出本单位。" in response.content.decode()
    mine.refresh_from_db()
    assert mine.organisation is None
    row = AuditLog.objects.get(action="unit_staff_remove", target_id=str(mine.pk))
    assert row.detail["unit_id"] == setup["unit"].pk
    # gone from the list, and now outside the admin's reach
    assert "李明" not in client.get(STAFF_URL).content.decode()
    assert client.post(f"/units/staff/{mine.pk}/remove/").status_code == 404


def test_send_message(client, setup):
    client.force_login(setup["admin"])
    mine = setup["mine"]
    response = client.post(
        f"/units/staff/{mine.pk}/message/",
        {"title": "材料补充", "body": "请补充学历证书扫描件。"},
        follow=True,
    )
    assert f"信息已发送给 {mine.name}。" in response.content.decode()
    message = SiteMessage.objects.get(recipient=mine)
    assert message.sender == setup["admin"] and message.sender_org == setup["unit"]
    assert message.title == "材料补充"


def test_send_message_needs_title_and_body(client, setup):
    client.force_login(setup["admin"])
    response = client.post(f"/units/staff/{setup['mine'].pk}/message/", {"title": "", "body": ""})
    html = response.content.decode()
    assert "请填写标题。" in html and "请填写信息内容。" in html
    assert not SiteMessage.objects.exists()


@pytest.mark.parametrize("who", ["theirs", "loose"])
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "unlock"),
        ("get", "reset-password"),
        ("post", "reset-password"),
        ("get", "remove"),
        ("post", "remove"),
        ("get", "message"),
        ("post", "message"),
    ],
)
def test_actions_on_someone_elses_staff_are_404(client, setup, who, method, path):
    client.force_login(setup["admin"])
    target = setup[who]
    before = User.objects.values().get(pk=target.pk)
    response = getattr(client, method)(f"/units/staff/{target.pk}/{path}/", {"title": "x", "body": "y"})
    assert response.status_code == 404
    assert User.objects.values().get(pk=target.pk) == before
    assert not SiteMessage.objects.exists() and not AuditLog.objects.exists()


def test_actions_on_a_unit_admin_are_404(client, setup):
    client.force_login(setup["admin"])
    colleague = factories.make_unit_admin(unit=setup["unit"], username="colleague")
    assert client.post(f"/units/staff/{colleague.pk}/remove/").status_code == 404


def test_unlock_is_post_only(client, setup):
    client.force_login(setup["admin"])
    assert client.get(f"/units/staff/{setup['locked'].pk}/unlock/").status_code == 405


def test_actions_need_the_csrf_token(setup):
    client = Client(enforce_csrf_checks=True)
    client.force_login(setup["admin"])
    assert client.post(f"/units/staff/{setup['locked'].pk}/unlock/").status_code == 403
    setup["locked"].refresh_from_db()
    assert setup["locked"].is_locked


def test_support_acts_on_any_applicant_and_returns_to_that_unit(client, setup):
    client.force_login(factories.make_support())
    theirs = setup["theirs"]
    response = client.post(f"/units/staff/{theirs.pk}/remove/")
    assert response["Location"] == f"{STAFF_URL}?unit={setup['other_unit'].pk}"
    theirs.refresh_from_db()
    assert theirs.organisation is None


# --- the API ---------------------------------------------------------------------------------------


def test_api_staff_list(client, setup):
    headers = bearer(setup["admin"])
    body = client.get("/api/v1/units/staff", **headers).json()
    assert body["count"] == 2 and body["page"] == 1 and body["pages"] == 1
    names = {item["name"] for item in body["items"]}
    assert names == {"李明", "王锁"}
    locked = next(item for item in body["items"] if item["name"] == "王锁")
    assert locked["locked"] and locked["failed_login_count"] == 4
    assert "********" in locked["id_number"] and "****" in locked["phone"]
    body = client.get("/api/v1/units/staff", {"q": "李明", "page": 5}, **headers).json()
    assert [item["name"] for item in body["items"]] == ["李明"] and body["page"] == 1


def test_api_staff_list_for_support_and_others(client, setup):
    support = bearer(factories.make_support())
    body = client.get("/api/v1/units/staff", {"unit": setup["other_unit"].pk}, **support).json()
    assert [item["name"] for item in body["items"]] == ["外单位"]
    assert client.get("/api/v1/units/staff", {"unit": 999999}, **support).status_code == 404
    response = client.get("/api/v1/units/staff", **bearer(factories.make_applicant()))
    assert response.status_code == 403
    assert response.json()["detail"] == "只有单位管理员可以管理专业技术人员。"


def test_api_actions_on_own_staff(client, setup, django_capture_on_commit_callbacks):
    headers = bearer(setup["admin"])
    locked, mine = setup["locked"], setup["mine"]
    assert client.post(f"/api/v1/units/staff/{locked.pk}/unlock", **headers).status_code == 200
    locked.refresh_from_db()
    assert not locked.is_locked
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/v1/units/staff/{mine.pk}/reset-password", **headers)
    assert response.status_code == 200
    assert SmsOutbox.objects.filter(phone=mine.phone, purpose="temp_password").count() == 1
    mine.refresh_from_db()
    assert mine.must_change_password
    response = client.post(
        f"/api/v1/units/staff/{mine.pk}/message",
        {"title": "通知", "body": "请尽快提交。"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201
    assert SiteMessage.objects.get(pk=response.json()["id"]).recipient == mine
    bad = client.post(
        f"/api/v1/units/staff/{mine.pk}/message", {"title": ""}, content_type="application/json", **headers
    )
    assert bad.status_code == 400
    assert bad.json()["errors"] == {"title": ["请填写标题。"], "body": ["请填写信息内容。"]}
    assert client.post(f"/api/v1/units/staff/{mine.pk}/remove", **headers).status_code == 200
    mine.refresh_from_db()
    assert mine.organisation is None


@pytest.mark.parametrize("action", ["unlock", "reset-password", "remove", "message"])
def test_api_actions_on_another_units_staff_are_404(client, setup, action):
    headers = bearer(setup["admin"])
    theirs = setup["theirs"]
    before = User.objects.values().get(pk=theirs.pk)
    response = client.post(
        f"/api/v1/units/staff/{theirs.pk}/{action}",
        {"title": "t", "body": "b"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到该专业技术人员。", "errors": {}}
    assert User.objects.values().get(pk=theirs.pk) == before
    assert not SiteMessage.objects.exists() and not AuditLog.objects.exists()


def test_api_operation_ids():
    from zhicheng.api import api

    schema = api.get_openapi_schema()
    ids = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {
        "units_register",
        "units_me",
        "units_update",
        "units_staff_list",
        "units_staff_unlock",
        "units_staff_reset_password",
        "units_staff_remove",
        "units_staff_message",
        "support_sms_outbox",
        "messages_list",
        "messages_read",
    } <= ids


def test_operation_ids_are_unique():
    from collections import Counter

    from zhicheng.api import api

    schema = api.get_openapi_schema()
    counts = Counter(op["operationId"] for path in schema["paths"].values() for op in path.values())
    assert [name for name, n in counts.items() if n > 1] == []
