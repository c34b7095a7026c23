"""The support API: what the 账号解锁 page does, through /api/v1/support/accounts."""

from __future__ import annotations

import pytest
from django.utils import timezone

from accounts.models import User
from messaging.models import SmsOutbox
from tests import factories
from tests.factories import bearer

BASE = "/api/v1/support/accounts"


@pytest.mark.django_db
def test_only_support_may_search_unlock_and_reset(client):
    target = factories.make_applicant()
    for user in (
        factories.make_applicant(),
        factories.make_unit_admin(),
        factories.make_user(role="city_reviewer"),
    ):
        headers = bearer(user)
        response = client.get(BASE, {"q": target.name}, **headers)
        assert response.status_code == 403
        assert response.json() == {"detail": "只有技术支持人员可以使用此页面。", "errors": {}}
        assert client.post(f"{BASE}/{target.pk}/unlock", **headers).status_code == 403
    assert client.get(BASE, {"q": target.name}).status_code == 401


@pytest.mark.django_db
def test_support_finds_an_account_by_id_number_and_sees_it_masked(client):
    target = factories.make_applicant(name="钱多多")
    response = client.get(BASE, {"q": target.id_number}, **bearer(factories.make_support()))
    assert response.status_code == 200
    [row] = response.json()
    assert row["name"] == "钱多多"
    assert row["id_number"] == target.id_number[:6] + "********" + target.id_number[-4:]
    assert row["phone"] == target.phone[:3] + "****" + target.phone[-4:]


@pytest.mark.django_db
def test_support_unlocks_an_applicant_without_a_unit(client):
    target = factories.make_applicant()
    User.objects.filter(pk=target.pk).update(locked_at=timezone.now(), failed_login_count=4)
    response = client.post(f"{BASE}/{target.pk}/unlock", **bearer(factories.make_support()))
    assert response.status_code == 200
    assert response.json()["is_locked"] is False
    target.refresh_from_db()
    assert target.locked_at is None and target.failed_login_count == 0


@pytest.mark.django_db
def test_support_resets_a_password_by_sms_and_forces_a_change(client, django_capture_on_commit_callbacks):
    target = factories.make_applicant()
    headers = bearer(factories.make_support())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{BASE}/{target.pk}/reset-password", **headers)
    assert response.status_code == 200
    target.refresh_from_db()
    assert target.must_change_password
    assert not target.check_password(factories.DEMO_PASSWORD)
    assert SmsOutbox.objects.filter(phone=target.phone, purpose="temp_password").count() == 1


@pytest.mark.django_db
def test_an_unknown_account_is_a_json_404(client):
    response = client.post(f"{BASE}/999999/unlock", **bearer(factories.make_support()))
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到该账号。", "errors": {}}
