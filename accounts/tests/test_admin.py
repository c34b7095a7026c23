"""后台管理 for accounts: Chinese lists, read-only lock state, the 解锁 action, read-only records."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.auth import token_issue
from accounts.models import LoginAttempt, User
from accounts.sms_codes import sms_code_send
from tests import factories

from .helpers import page_text


@pytest.fixture
def admin_client(client):
    superuser = User.objects.create_superuser("root", "Root@2026x", name="管理员")
    client.force_login(superuser)
    client.superuser = superuser
    return client


@pytest.mark.django_db
def test_user_list_searches_and_filters(admin_client):
    user = factories.make_applicant(name="钱测试")
    User.objects.filter(pk=user.pk).update(locked_at=timezone.now())
    url = reverse("admin:accounts_user_changelist")
    assert "钱测试" in page_text(admin_client.get(url, {"q": user.phone}))
    assert "钱测试" in page_text(admin_client.get(url, {"q": user.id_number}))
    assert "钱测试" in page_text(admin_client.get(url, {"locked": "yes"}))
    assert "钱测试" not in page_text(admin_client.get(url, {"locked": "no"}))
    assert "钱测试" in page_text(admin_client.get(url, {"role__exact": "applicant", "is_active__exact": "1"}))


@pytest.mark.django_db
def test_the_change_form_shows_the_lock_state_read_only(admin_client):
    user = factories.make_applicant()
    response = admin_client.get(reverse("admin:accounts_user_change", args=[user.pk]))
    assert response.status_code == 200
    form = response.context["adminform"].form
    for name in ("failed_login_count", "locked_at", "must_change_password"):
        assert name not in form.fields
    assert "连续密码错误次数" in page_text(response)
    # the password only through Django's password form
    assert "../password/" in page_text(response)
    assert admin_client.get(reverse("admin:auth_user_password_change", args=[user.pk])).status_code == 200


@pytest.mark.django_db
def test_the_password_form_sets_an_argon2_hash(admin_client):
    user = factories.make_applicant()
    url = reverse("admin:auth_user_password_change", args=[user.pk])
    response = admin_client.post(url, {"password1": "Xishan#2028", "password2": "Xishan#2028"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Xishan#2028") and user.password.startswith("argon2")


@pytest.mark.django_db
def test_the_admin_form_checks_the_id_number_and_phone(admin_client):
    user = factories.make_applicant()
    url = reverse("admin:accounts_user_change", args=[user.pk])
    data = {
        "username": user.username,
        "name": user.name,
        "id_number": "530102198503120012",
        "phone": "123",
        "role": "applicant",
        "is_active": "on",
    }
    text = page_text(admin_client.post(url, data))
    assert "身份证号校验位不正确，请核对最后一位。" in text
    assert "手机号码应为 11 位中国大陆手机号，以 1 开头。" in text


@pytest.mark.django_db
def test_the_unlock_action_goes_through_the_service(admin_client):
    locked = factories.make_applicant()
    User.objects.filter(pk=locked.pk).update(locked_at=timezone.now(), failed_login_count=4)
    response = admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "unlock_accounts", "_selected_action": [locked.pk]},
        follow=True,
    )
    assert "已解锁 1 个账号。" in page_text(response)
    locked.refresh_from_db()
    assert not locked.is_locked and locked.failed_login_count == 0


@pytest.mark.django_db
def test_the_new_user_form_works(admin_client):
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "city01",
            "name": "市局审核员",
            "role": "city_reviewer",
            "phone": "13900009999",
            "usable_password": "true",
            "password1": "Xishan#2028",
            "password2": "Xishan#2028",
        },
    )
    assert response.status_code == 302, page_text(response)[:2000]
    user = User.objects.get(username="city01")
    assert user.role == "city_reviewer" and user.check_password("Xishan#2028")


@pytest.mark.django_db
def test_records_are_read_only_and_codes_are_hidden(admin_client):
    user = factories.make_applicant()
    attempt = LoginAttempt.objects.create(user=user, identifier=user.username, result="success")
    row, _code = sms_code_send(phone=user.phone, purpose="register")
    token_issue(user=user)
    assert admin_client.get(reverse("admin:accounts_loginattempt_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:accounts_loginattempt_add")).status_code == 403
    detail = admin_client.get(reverse("admin:accounts_loginattempt_change", args=[attempt.pk]))
    assert detail.status_code == 200 and 'name="_save"' not in page_text(detail)
    assert (
        admin_client.post(reverse("admin:accounts_loginattempt_delete", args=[attempt.pk])).status_code == 403
    )
    sms_page = page_text(admin_client.get(reverse("admin:accounts_smscode_change", args=[row.pk])))
    assert row.code_hash not in sms_page
    assert admin_client.get(reverse("admin:accounts_apitoken_add")).status_code == 403
    tokens = page_text(admin_client.get(reverse("admin:accounts_apitoken_changelist")))
    assert str(user) in tokens


@pytest.mark.django_db
def test_a_name_corrected_here_reaches_the_review_queue(admin_client):
    from applications.models import ReviewStep
    from reviews.tests.factories import make_world, submit

    world = make_world("改名")
    application = submit(world, name="王旧名")
    user = application.applicant
    url = reverse("admin:accounts_user_change", args=[user.pk])
    data = {
        "username": user.username,
        "name": "王新名",
        "id_number": user.id_number,
        "phone": user.phone,
        "role": "applicant",
        "organisation": user.organisation_id,
        "is_active": "on",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, page_text(response)[:2000]
    names = set(ReviewStep.objects.filter(application=application).values_list("applicant_name", flat=True))
    assert names == {"王新名"}
