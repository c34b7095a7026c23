"""The SMS outbox: technical support only (page 404 / API 403 for everyone else)."""

from __future__ import annotations

import pytest

from messaging.models import SmsOutbox
from messaging.sms import send_sms
from tests import factories
from tests.factories import bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def outbox():
    send_sms(phone="13900000001", text="验证码：123456", purpose="register")
    send_sms(phone="13900000002", text="临时密码：Abc@12345678", purpose="temp_password")
    send_sms(phone="13900000002", text="验证码：654321", purpose="unit_register")


def test_support_sees_the_outbox_page(client, outbox):
    client.force_login(factories.make_support())
    html = client.get("/messages/sms-outbox/").content.decode()
    assert "13900000001" in html and "13900000002" in html
    assert "【职称申报】验证码：123456" in html
    assert "临时密码" in html and "单位注册" in html and "已发送" in html


def test_outbox_page_filters_by_phone(client, outbox):
    client.force_login(factories.make_support())
    html = client.get("/messages/sms-outbox/", {"phone": "13900000002"}).content.decode()
    assert "13900000001" not in html and "654321" in html
    html = client.get("/messages/sms-outbox/", {"phone": "abc"}).content.decode()
    assert "手机号码只能包含数字，最多 11 位。" in html


def test_outbox_page_shows_the_latest_200(client):
    SmsOutbox.objects.bulk_create(
        SmsOutbox(phone=f"139{n:08d}", purpose="register", text=f"第{n}条", backend="x") for n in range(205)
    )
    client.force_login(factories.make_support())
    html = client.get("/messages/sms-outbox/").content.decode()
    assert html.count("<tr>") == 201  # header + 200 rows


@pytest.mark.parametrize(
    "maker",
    [factories.make_applicant, factories.make_unit_admin, lambda: factories.make_user(role="city_reviewer")],
)
def test_outbox_page_is_404_for_everyone_else(client, outbox, maker):
    client.force_login(maker())
    assert client.get("/messages/sms-outbox/").status_code == 404


def test_api_outbox_for_support(client, outbox):
    headers = bearer(factories.make_support())
    rows = client.get("/api/v1/support/sms-outbox", **headers).json()
    assert len(rows) == 3
    assert set(rows[0]) >= {"phone", "purpose", "text", "created_at", "status"}
    assert rows[0]["phone"] == "13900000002" and rows[0]["purpose"] == "unit_register"  # newest first
    rows = client.get("/api/v1/support/sms-outbox", {"phone": "13900000001"}, **headers).json()
    assert [r["text"] for r in rows] == ["【职称申报】验证码：123456"]
    assert len(client.get("/api/v1/support/sms-outbox", {"limit": 1}, **headers).json()) == 1


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"limit": 501}, "limit", "条数应在 1 到 500 之间。"),
        ({"limit": 0}, "limit", "条数应在 1 到 500 之间。"),
        ({"limit": "many"}, "limit", "应为整数。"),
        ({"phone": "13x"}, "phone", "手机号码只能包含数字，最多 11 位。"),
    ],
)
def test_api_outbox_bad_params(client, outbox, params, field, message):
    response = client.get("/api/v1/support/sms-outbox", params, **bearer(factories.make_support()))
    assert response.status_code in (400, 422)
    assert response.json()["errors"][field] == [message]


@pytest.mark.parametrize("maker", [factories.make_applicant, factories.make_unit_admin])
def test_api_outbox_is_403_for_non_support(client, outbox, maker):
    response = client.get("/api/v1/support/sms-outbox", **bearer(maker()))
    assert response.status_code == 403
    assert response.json() == {"detail": "只有技术支持可以查看短信发件箱。", "errors": {}}


def test_api_outbox_needs_login(client):
    response = client.get("/api/v1/support/sms-outbox")
    assert response.status_code == 401
    assert response.json() == {"detail": "请先登录。", "errors": {}}
