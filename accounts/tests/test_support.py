"""The support page 账号解锁: search accounts, see lock state and recent attempts, unlock, reset."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import LoginAttempt, User
from accounts.services import auth_login
from core.errors import ServiceError
from core.models import AuditLog
from messaging.models import SmsOutbox
from tests import factories

from .helpers import WRONG_PASSWORD, page_text

URL = "/accounts/support/accounts/"


@pytest.mark.django_db
def test_only_support_may_open_it(client):
    assert reverse("accounts:support_accounts") == URL
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    for user in (
        factories.make_applicant(),
        factories.make_unit_admin(),
        factories.make_user(role="city_reviewer"),
    ):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert client.post(reverse("accounts:support_account_unlock", args=[user.pk])).status_code == 403
    client.force_login(factories.make_support())
    assert client.get(URL).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("by", ["id_number", "phone", "username", "name"])
def test_support_finds_an_account_and_sees_its_lock_and_attempts(client, by):
    user = factories.make_applicant(name="王测试")
    for _ in range(4):
        with pytest.raises(ServiceError):  # 401 three times, then 423
            auth_login(identifier=user.username, password=WRONG_PASSWORD, ip="192.0.2.44", channel="web")
    client.force_login(factories.make_support())
    query = {"id_number": user.id_number, "phone": user.phone, "username": user.username, "name": "王测"}[by]
    text = page_text(client.get(URL, {"q": query}))
    assert "王测试" in text
    assert "已锁定" in text
    assert "192.0.2.44" in text
    assert "密码错误，账号被锁定" in text
    assert "连续密码错误 <strong>4</strong> 次" in text
    assert reverse("accounts:support_account_unlock", args=[user.pk]) in text


@pytest.mark.django_db
def test_nothing_found_says_so(client):
    client.force_login(factories.make_support())
    assert "没有找到匹配“无此人”的账号。" in page_text(client.get(URL, {"q": "无此人"}))


@pytest.mark.django_db
def test_the_search_page_does_not_grow_queries_with_the_results(client):
    support = factories.make_support()
    users = [factories.make_applicant(name=f"赵测试{i}") for i in range(8)]
    for user in users:
        LoginAttempt.objects.create(user=user, identifier=user.username, result="wrong_password")
    client.force_login(support)
    client.get(URL, {"q": "赵测试0"})
    with CaptureQueriesContext(connection) as one:
        client.get(URL, {"q": "赵测试0"})
    with CaptureQueriesContext(connection) as many:
        client.get(URL, {"q": "赵测试"})
    assert len(many) == len(one)


@pytest.mark.django_db
def test_support_unlocks_from_the_page(client):
    user = factories.make_applicant()
    User.objects.filter(pk=user.pk).update(locked_at=timezone.now(), failed_login_count=4)
    support = factories.make_support()
    client.force_login(support)
    response = client.post(reverse("accounts:support_account_unlock", args=[user.pk]), {"q": user.phone})
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?q={user.phone}"
    user.refresh_from_db()
    assert not user.is_locked and user.failed_login_count == 0
    assert AuditLog.objects.filter(action="account_unlock", actor=support, target_id=str(user.pk)).exists()
    assert "已解锁账号" in page_text(client.get(response["Location"]))


@pytest.mark.django_db
def test_support_resets_a_password_by_sms_without_seeing_it(client, django_capture_on_commit_callbacks):
    user = factories.make_applicant()
    client.force_login(factories.make_support())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:support_account_reset_password", args=[user.pk]))
    user.refresh_from_db()
    assert user.must_change_password
    sms = SmsOutbox.objects.get(phone=user.phone, purpose="temp_password")
    temporary = sms.text.split("临时密码：")[1].split("，")[0]
    assert user.check_password(temporary)
    text = page_text(client.get(response["Location"]))
    assert "临时密码已通过短信发送至" in text
    assert temporary not in text


@pytest.mark.django_db
def test_the_actions_are_post_only(client):
    user = factories.make_applicant()
    client.force_login(factories.make_support())
    assert client.get(reverse("accounts:support_account_unlock", args=[user.pk])).status_code == 405
    assert client.post(reverse("accounts:support_account_unlock", args=[999999])).status_code == 404
