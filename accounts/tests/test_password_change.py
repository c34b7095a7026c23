"""Password change (page and API), including the forced change after an admin reset."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from accounts.auth import token_issue
from accounts.models import ApiToken
from accounts.services import account_change_password, account_reset_password_by_admin
from core.errors import ServiceError
from messaging.models import SmsOutbox
from tests import factories

from .helpers import page_text

OLD = factories.DEMO_PASSWORD
NEW = "Dianchi#2027"


@pytest.mark.django_db
def test_the_service_changes_the_password_and_revokes_other_tokens():
    user = factories.make_applicant()
    token_issue(user=user)
    keep = ApiToken.objects.create(user=user, digest="k" * 64)
    account_change_password(user=user, old_password=OLD, new_password=NEW, keep_token_id=keep.pk)
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert list(ApiToken.objects.filter(user=user)) == [keep]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("old", "new", "confirm", "field", "message"),
    [
        ("", NEW, NEW, "old_password", "请填写原密码。"),
        ("Wrong@2026", NEW, NEW, "old_password", "原密码不正确。"),
        (OLD, "", "", "new_password", "请设置密码。"),
        (OLD, "Ab1@", "Ab1@", "new_password", "密码至少 8 位。"),
        (OLD, "Password1", "Password1", "new_password", "密码过于常见，容易被猜到，请换一个。"),
        (
            OLD,
            "kunmingcity",
            "kunmingcity",
            "new_password",
            "密码须包含大写字母、小写字母、数字、符号中的至少 3 种。",
        ),
        (OLD, NEW, "Other#2027", "new_password_confirm", "两次输入的新密码不一致。"),
        (OLD, OLD, OLD, "new_password", "新密码不能与原密码相同。"),
    ],
)
def test_bad_changes_are_refused_on_the_page(client, old, new, confirm, field, message):
    user = factories.make_applicant()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": old, "new_password": new, "new_password_confirm": confirm},
    )
    assert response.status_code == 200
    assert message in page_text(response)
    user.refresh_from_db()
    assert user.check_password(OLD)
    with pytest.raises(ServiceError) as caught:
        account_change_password(user=user, old_password=old, new_password=new, new_password_confirm=confirm)
    assert message in caught.value.errors[field]


@pytest.mark.django_db
def test_the_page_changes_the_password_and_keeps_the_session(client):
    user = factories.make_applicant()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": OLD, "new_password": NEW, "new_password_confirm": NEW},
    )
    assert response.status_code == 302
    assert client.get(reverse("workbench:home")).status_code == 200
    user.refresh_from_db()
    assert user.check_password(NEW)


@pytest.mark.django_db
def test_after_an_admin_reset_the_temporary_password_must_be_changed(
    client, django_capture_on_commit_callbacks
):
    unit = factories.make_unit()
    user = factories.make_applicant(organisation=unit)
    admin = factories.make_unit_admin(unit=unit)
    with django_capture_on_commit_callbacks(execute=True):
        account_reset_password_by_admin(actor=admin, user=user)
    sms = SmsOutbox.objects.get(phone=user.phone, purpose="temp_password")
    temporary = re.search(r"临时密码：(\S+?)，", sms.text).group(1)

    response = client.post(reverse("accounts:login"), {"username": user.phone, "password": temporary})
    assert response["Location"] == reverse("accounts:password_change")
    page = page_text(client.get(reverse("accounts:password_change")))
    assert "临时密码" in page
    assert client.get(reverse("workbench:home"))["Location"] == reverse("accounts:password_change")

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "Wrong@2026", "new_password": NEW, "new_password_confirm": NEW},
    )
    assert "临时密码不正确。" in page_text(response)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": temporary, "new_password": NEW, "new_password_confirm": NEW},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password
    assert client.get(reverse("workbench:home")).status_code == 200


@pytest.mark.django_db
def test_the_api_changes_the_password_and_keeps_the_calling_token(client):
    user = factories.make_applicant()
    other = token_issue(user=user)
    key = token_issue(user=user)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    response = client.post(
        "/api/v1/auth/change-password",
        {"old_password": "bad", "new_password": NEW},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 400
    assert response.json()["errors"]["old_password"] == ["原密码不正确。"]
    response = client.post(
        "/api/v1/auth/change-password",
        {"old_password": OLD, "new_password": NEW},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 200
    assert response.json() == {"detail": "密码已修改。"}
    assert client.get("/api/v1/me", **auth).status_code == 200
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {other}").status_code == 401


@pytest.mark.django_db
def test_the_change_page_needs_a_login(client):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
