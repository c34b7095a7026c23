"""The account API: operationIds, token login / logout / me, CSRF, SMS codes, error bodies."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.auth import token_issue
from accounts.models import ApiToken, SmsCode
from tests import factories

from .helpers import errors_of

PASSWORD = factories.DEMO_PASSWORD


def test_the_schema_names_every_operation(client):
    schema = client.get("/api/v1/openapi.json").json()
    operations = {
        op["operationId"]: (method, path)
        for path, item in schema["paths"].items()
        for method, op in item.items()
    }
    assert operations["auth_sms_code"] == ("post", "/api/v1/auth/sms-code")
    assert operations["auth_register_person"] == ("post", "/api/v1/auth/register")
    assert operations["auth_login"] == ("post", "/api/v1/auth/login")
    assert operations["auth_logout"] == ("post", "/api/v1/auth/logout")
    assert operations["auth_reset_password"] == ("post", "/api/v1/auth/reset-password")
    assert operations["auth_change_password"] == ("post", "/api/v1/auth/change-password")
    assert operations["me"] == ("get", "/api/v1/me")
    assert operations["me_update_unit"] == ("post", "/api/v1/me/unit")
    login = schema["paths"]["/api/v1/auth/login"]["post"]
    assert {"200", "401", "423"} <= set(login["responses"])
    reset_fields = schema["components"]["schemas"]["ResetPasswordIn"]["properties"]
    assert "统一社会信用代码" in reset_fields["username"]["description"]


@pytest.mark.django_db
def test_token_login_me_and_logout():
    client = Client(enforce_csrf_checks=True)  # anonymous endpoints need no CSRF token
    unit = factories.make_unit()
    user = factories.make_applicant(organisation=unit)
    response = client.post(
        "/api/v1/auth/login", {"username": user.phone, "password": PASSWORD}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    token = body["token"]
    assert body["user"]["username"] == user.username
    assert ApiToken.objects.filter(user=user).count() == 1
    assert token not in ApiToken.objects.get(user=user).digest  # only the digest is kept

    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    me = client.get("/api/v1/me", **auth).json()
    assert me == {
        "id": user.pk,
        "username": user.username,
        "name": user.name,
        "role": "applicant",
        "role_label": "申报人",
        "id_number": user.id_number[:6] + "********" + user.id_number[-4:],
        "phone": user.phone,
        "organisation": {"id": unit.pk, "name": unit.name},
        "committee": None,
        "must_change_password": False,
        "is_locked": False,
    }
    response = client.post("/api/v1/auth/logout", **auth)
    assert response.status_code == 200
    assert response.json() == {"detail": "已退出登录。"}
    assert not ApiToken.objects.filter(user=user).exists()
    response = client.get("/api/v1/me", **auth)
    assert response.status_code == 401
    assert response.json() == {"detail": "请先登录。", "errors": {}}


@pytest.mark.django_db
def test_a_token_of_a_deactivated_account_stops_working(client):
    user = factories.make_applicant()
    token = token_issue(user=user)
    user.is_active = False
    user.save()
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


@pytest.mark.django_db
def test_session_logout_through_the_api_needs_the_csrf_token():
    client = Client(enforce_csrf_checks=True)
    user = factories.make_applicant()
    client.force_login(user)
    assert client.get("/api/v1/me").json()["username"] == user.username
    response = client.post("/api/v1/auth/logout")
    assert response.status_code == 403
    assert "_auth_user_id" in client.session
    client.get("/accounts/")  # the page sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.post("/api/v1/auth/logout", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_sms_code_answers_with_a_demo_code_only_in_the_demo(client, settings):
    phone = factories.mobile()
    settings.SMS_SHOW_CODE_ON_PAGE = False
    response = client.post(
        "/api/v1/auth/sms-code", {"phone": phone, "purpose": "register"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json() == {"detail": "验证码已发送，10 分钟内有效。", "resend_after_seconds": 60}
    settings.SMS_SHOW_CODE_ON_PAGE = True
    other = factories.mobile()
    response = client.post(
        "/api/v1/auth/sms-code",
        {"phone": other, "purpose": "reset_password"},
        content_type="application/json",
    )
    code = response.json()["demo_code"]
    assert len(code) == 6 and code.isdigit()
    assert SmsCode.objects.filter(phone=other, purpose="reset_password").count() == 1


@pytest.mark.django_db
def test_sms_code_errors_are_chinese_4xx(client):
    response = client.post(
        "/api/v1/auth/sms-code", {"phone": "123", "purpose": "register"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert errors_of(response) == {"phone": ["手机号码应为 11 位中国大陆手机号，以 1 开头。"]}
    response = client.post(
        "/api/v1/auth/sms-code",
        {"phone": "13900000000", "purpose": "anything"},
        content_type="application/json",
    )
    assert errors_of(response) == {"purpose": ["验证码用途不正确。"]}
    phone = factories.mobile()
    body = {"phone": phone, "purpose": "register"}
    assert client.post("/api/v1/auth/sms-code", body, content_type="application/json").status_code == 200
    response = client.post("/api/v1/auth/sms-code", body, content_type="application/json")
    assert response.status_code == 429
    assert response.json()["detail"].startswith("验证码已发送，请在")
    assert 0 < int(response["Retry-After"]) <= 60  # issue 11 point 6: how long to wait
    assert errors_of(response)["sms_code"] == [response.json()["detail"]]
    taken = factories.make_applicant()
    response = client.post(
        "/api/v1/auth/sms-code",
        {"phone": taken.phone, "purpose": "register"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "该手机号码已被其他申报人注册" in errors_of(response)["phone"][0]


@pytest.mark.django_db
def test_login_input_mistakes_are_4xx_never_500(client):
    for body in ({}, {"username": "", "password": ""}, {"username": 1, "password": []}, "garbage"):
        response = client.post("/api/v1/auth/login", body, content_type="application/json")
        assert 400 <= response.status_code < 500, (body, response.status_code)
        assert "detail" in response.json()
    response = client.post("/api/v1/auth/login", {}, content_type="application/json")
    assert errors_of(response) == {
        "username": ["请填写账号（身份证号、手机号码或用户名）。"],
        "password": ["请填写密码。"],
    }
