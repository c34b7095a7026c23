"""Issue 2 item 4: login by 身份证号, mobile number or username; rule 21 lockout; the record of
every attempt; sessions (new id at login, 30-minute idle timeout)."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from accounts.models import LoginAttempt, LoginResult, Role, User
from accounts.services import account_unlock, auth_login
from core.errors import AccountLocked, AuthenticationFailed, Forbidden, ServiceError
from tests import factories

from .helpers import WRONG_PASSWORD, page_text

PASSWORD = factories.DEMO_PASSWORD
LOGIN_API = "/api/v1/auth/login"


def login_api(client, username: str, password: str):
    return client.post(
        LOGIN_API, {"username": username, "password": password}, content_type="application/json"
    )


def login_page(client, username: str, password: str, **extra):
    return client.post(reverse("accounts:login"), {"username": username, "password": password, **extra})


# --- Who an identifier names -------------------------------------------------------------------


@pytest.mark.django_db
def test_an_applicant_logs_in_by_id_number_with_either_case_of_x():
    number = next(n for n in (factories.id_number(seq=s) for s in range(900, 2000)) if n.endswith("X"))
    user = factories.make_applicant(id_number=number)
    assert auth_login(identifier=number.lower(), password=PASSWORD, ip="127.0.0.1", channel="web") == user
    assert auth_login(identifier=f"  {number} ", password=PASSWORD, ip=None, channel="api") == user


@pytest.mark.django_db
def test_an_applicant_logs_in_by_mobile_number():
    user = factories.make_applicant()
    assert auth_login(identifier=user.phone, password=PASSWORD, ip=None, channel="web") == user
    assert auth_login(identifier=f"+86 {user.phone}", password=PASSWORD, ip=None, channel="web") == user


@pytest.mark.django_db
def test_a_unit_admin_logs_in_by_username_or_a_phone_only_it_has():
    admin = factories.make_unit_admin()
    assert auth_login(identifier=admin.username.lower(), password=PASSWORD, ip=None, channel="web") == admin
    assert auth_login(identifier=admin.phone, password=PASSWORD, ip=None, channel="web") == admin


@pytest.mark.django_db
def test_a_mobile_number_prefers_the_applicant_and_never_guesses_between_two_others():
    applicant = factories.make_applicant()
    factories.make_unit_admin(phone=applicant.phone)
    assert auth_login(identifier=applicant.phone, password=PASSWORD, ip=None, channel="web") == applicant
    shared = factories.mobile()
    factories.make_unit_admin(phone=shared)
    factories.make_unit_admin(phone=shared)
    with pytest.raises(AuthenticationFailed) as caught:
        auth_login(identifier=shared, password=PASSWORD, ip=None, channel="web")
    assert caught.value.detail == "账号或密码错误。"


@pytest.mark.django_db
def test_empty_input_asks_for_both_fields_and_records_nothing():
    with pytest.raises(ServiceError) as caught:
        auth_login(identifier=" ", password="", ip=None, channel="web")
    assert caught.value.errors == {
        "username": ["请填写账号（身份证号、手机号码或用户名）。"],
        "password": ["请填写密码。"],
    }
    assert LoginAttempt.objects.count() == 0


# --- Rule 21 -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_three_wrong_passwords_warn_and_the_fourth_locks(settings):
    settings.LOGIN_MAX_FAILED_ATTEMPTS = 3
    user = factories.make_applicant()
    for remaining in (3, 2, 1):
        with pytest.raises(AuthenticationFailed) as caught:
            auth_login(identifier=user.username, password=WRONG_PASSWORD, ip="10.1.1.1", channel="web")
        assert caught.value.detail == f"密码错误，再输错 {remaining} 次账号将被锁定。"
        assert caught.value.status == 401
    user.refresh_from_db()
    assert user.failed_login_count == 3 and not user.is_locked
    with pytest.raises(AccountLocked) as caught:
        auth_login(identifier=user.username, password=WRONG_PASSWORD, ip="10.1.1.1", channel="web")
    assert caught.value.status == 423
    user.refresh_from_db()
    assert user.is_locked and user.failed_login_count == 4
    # the right password does not open a locked account
    with pytest.raises(AccountLocked):
        auth_login(identifier=user.username, password=PASSWORD, ip="10.1.1.1", channel="web")
    results = list(LoginAttempt.objects.filter(user=user).order_by("id").values_list("result", flat=True))
    assert results == ["wrong_password"] * 3 + ["locked_now", "locked"]


@pytest.mark.django_db
def test_a_right_password_resets_the_counter():
    user = factories.make_applicant()
    for _ in range(3):
        with pytest.raises(AuthenticationFailed):
            auth_login(identifier=user.username, password=WRONG_PASSWORD, ip=None, channel="web")
    assert auth_login(identifier=user.username, password=PASSWORD, ip=None, channel="web") == user
    user.refresh_from_db()
    assert user.failed_login_count == 0
    assert user.last_login is not None
    for _ in range(3):
        with pytest.raises(AuthenticationFailed):
            auth_login(identifier=user.username, password=WRONG_PASSWORD, ip=None, channel="web")
    user.refresh_from_db()
    assert not user.is_locked


@pytest.mark.django_db
def test_the_allowed_number_is_a_setting(settings):
    settings.LOGIN_MAX_FAILED_ATTEMPTS = 5
    user = factories.make_applicant()
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            auth_login(identifier=user.username, password=WRONG_PASSWORD, ip=None, channel="web")
    with pytest.raises(AccountLocked) as caught:
        auth_login(identifier=user.username, password=WRONG_PASSWORD, ip=None, channel="web")
    assert "超过 5 次" in caught.value.detail


@pytest.mark.django_db
def test_api_answers_401_three_times_then_423_even_with_the_right_password(client):
    user = factories.make_applicant()
    for remaining in (3, 2, 1):
        response = login_api(client, user.username, WRONG_PASSWORD)
        assert response.status_code == 401
        assert response.json()["detail"] == f"密码错误，再输错 {remaining} 次账号将被锁定。"
    response = login_api(client, user.username, WRONG_PASSWORD)
    assert response.status_code == 423
    assert response.json()["detail"].startswith("密码连续输错超过 3 次，账号已被锁定。")
    response = login_api(client, user.username, PASSWORD)
    assert response.status_code == 423
    assert set(LoginAttempt.objects.filter(user=user).values_list("channel", flat=True)) == {"api"}


@pytest.mark.django_db
def test_the_page_shows_the_same_messages_and_locks(client):
    user = factories.make_applicant()
    for remaining in (3, 2, 1):
        response = login_page(client, user.phone, WRONG_PASSWORD)
        assert response.status_code == 200
        assert f"密码错误，再输错 {remaining} 次账号将被锁定。" in page_text(response)
    response = login_page(client, user.phone, WRONG_PASSWORD)
    assert "账号已被锁定" in page_text(response)
    response = login_page(client, user.phone, PASSWORD)
    assert "账号已被锁定" in page_text(response)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_locked_message_names_the_unit_and_its_phone():
    unit = factories.make_unit(name="昆明市测试锁定单位", phone="0871-65123456", head_phone="13812345678")
    user = factories.make_applicant(organisation=unit)
    User.objects.filter(pk=user.pk).update(locked_at=timezone.now(), failed_login_count=4)
    with pytest.raises(AccountLocked) as caught:
        auth_login(identifier=user.username, password=PASSWORD, ip=None, channel="web")
    assert caught.value.detail == (
        "密码连续输错超过 3 次，账号已被锁定。"
        "请联系您所在单位“昆明市测试锁定单位”（电话：0871-65123456）登录单位账号解锁。"
    )


@pytest.mark.django_db
def test_the_locked_message_names_support_when_no_unit_is_chosen():
    user = factories.make_applicant()
    User.objects.filter(pk=user.pk).update(locked_at=timezone.now(), failed_login_count=4)
    with pytest.raises(AccountLocked) as caught:
        auth_login(identifier=user.username, password=PASSWORD, ip=None, channel="web")
    assert "您尚未选择工作单位，请联系系统技术支持（电话：0871-63108336）解锁。" in caught.value.detail


@pytest.mark.django_db
def test_a_locked_unit_admin_is_sent_to_support():
    admin = factories.make_unit_admin()
    User.objects.filter(pk=admin.pk).update(locked_at=timezone.now())
    with pytest.raises(AccountLocked) as caught:
        auth_login(identifier=admin.username, password=PASSWORD, ip=None, channel="web")
    assert caught.value.detail.endswith("请联系系统技术支持（电话：0871-63108336）解锁。")


@pytest.mark.django_db
def test_only_the_applicants_unit_admin_or_support_can_unlock():
    unit = factories.make_unit()
    user = factories.make_applicant(organisation=unit)
    User.objects.filter(pk=user.pk).update(locked_at=timezone.now(), failed_login_count=4)
    other_admin = factories.make_unit_admin()
    with pytest.raises(Forbidden) as caught:
        account_unlock(actor=other_admin, user=user)
    assert caught.value.detail == "该申报人不属于您的单位。"
    another_applicant = factories.make_applicant(organisation=unit)
    with pytest.raises(Forbidden):
        account_unlock(actor=another_applicant, user=user)
    user.refresh_from_db()
    assert user.is_locked

    own_admin = factories.make_unit_admin(unit=unit)
    account_unlock(actor=own_admin, user=user)
    user.refresh_from_db()
    assert not user.is_locked and user.failed_login_count == 0
    assert auth_login(identifier=user.username, password=PASSWORD, ip=None, channel="web") == user

    User.objects.filter(pk=user.pk).update(locked_at=timezone.now())
    account_unlock(actor=factories.make_support(), user=user)
    user.refresh_from_db()
    assert not user.is_locked


@pytest.mark.django_db
def test_every_attempt_is_recorded_with_time_account_ip_result_and_channel(client):
    active = factories.make_applicant()
    inactive = factories.make_applicant(is_active=False)
    login_page(client, active.username, PASSWORD)
    client.post(reverse("accounts:logout"))
    login_api(client, active.username, WRONG_PASSWORD)
    login_api(client, "530102199001011234", PASSWORD)
    login_api(client, inactive.username, PASSWORD)
    rows = list(LoginAttempt.objects.order_by("id"))
    assert [(r.result, r.channel) for r in rows] == [
        (LoginResult.SUCCESS, "web"),
        (LoginResult.WRONG_PASSWORD, "api"),
        (LoginResult.UNKNOWN, "api"),
        (LoginResult.INACTIVE, "api"),
    ]
    assert [r.user for r in rows] == [active, active, None, inactive]
    assert rows[2].identifier == "530102199001011234"
    assert all(r.ip == "127.0.0.1" for r in rows)
    assert all(timezone.now() - r.created_at < timedelta(minutes=1) for r in rows)


@pytest.mark.django_db
def test_unknown_and_inactive_accounts_get_a_401(client):
    response = login_api(client, "nobody", PASSWORD)
    assert response.status_code == 401
    assert response.json() == {"detail": "账号或密码错误。", "errors": {}}
    inactive = factories.make_applicant(is_active=False)
    response = login_api(client, inactive.username, PASSWORD)
    assert response.status_code == 401
    assert response.json()["detail"].startswith("该账号已停用")
    response = login_api(client, inactive.username, WRONG_PASSWORD)
    assert response.json()["detail"] == "账号或密码错误。"


@pytest.mark.django_db
def test_a_forwarded_ip_is_recorded_only_when_trusted_and_a_bad_one_is_dropped(client, settings):
    user = factories.make_applicant()
    settings.USE_X_FORWARDED_FOR = True
    login_api(client, user.username, PASSWORD)
    client.post(
        LOGIN_API,
        {"username": user.username, "password": PASSWORD},
        content_type="application/json",
        HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.1",
    )
    client.post(
        LOGIN_API,
        {"username": user.username, "password": PASSWORD},
        content_type="application/json",
        HTTP_X_FORWARDED_FOR="not-an-ip",
    )
    assert list(LoginAttempt.objects.order_by("id").values_list("ip", flat=True)) == [
        "127.0.0.1",
        "203.0.113.9",
        None,
    ]


# --- Sessions ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_login_gives_a_new_session_id(client):
    user = factories.make_applicant()
    session = client.session
    session["visited"] = True
    session.save()
    before = session.session_key
    client.cookies[settings.SESSION_COOKIE_NAME] = before
    response = login_page(client, user.username, PASSWORD)
    assert response.status_code == 302
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after and after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_idle_timeout_is_thirty_minutes_renewed_at_most_once_a_minute():
    assert settings.SESSION_IDLE_MINUTES == 30
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_RENEW_SECONDS == 60


@pytest.mark.django_db
def test_an_idle_session_ends_and_an_active_one_is_renewed(client):
    user = factories.make_applicant()
    login_page(client, user.username, PASSWORD)
    key = client.session.session_key
    # Activity within the renewal interval writes nothing; the next request after it renews.
    assert client.get(reverse("workbench:home")).status_code == 200
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + timedelta(minutes=5))
    assert client.get(reverse("workbench:home")).status_code == 200
    assert Session.objects.get(session_key=key).expire_date < timezone.now() + timedelta(minutes=6)
    session = client.session
    session["_renewed_at"] = int(time.time()) - 61
    session.save()
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + timedelta(minutes=5))
    assert client.get(reverse("workbench:home")).status_code == 200
    renewed = Session.objects.get(session_key=key).expire_date
    assert renewed > timezone.now() + timedelta(minutes=29)
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("workbench:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


# --- Pages -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_login_page_has_both_tabs_and_the_links(client):
    text = page_text(client.get(reverse("accounts:login")))
    for words in ("个人用户", "单位用户", "身份证号/手机号", "忘记密码", "个人注册", "单位注册"):
        assert words in text
    unit_text = page_text(client.get(reverse("accounts:login") + "?type=unit"))
    assert "用户名/手机号" in unit_text
    assert reverse("accounts:password_reset_unit") in unit_text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role",
    [Role.APPLICANT, Role.UNIT_ADMIN, Role.SUPPORT, Role.CITY_REVIEWER, Role.DISTRICT_REVIEWER],
)
def test_after_login_every_role_lands_on_its_home(client, role):
    user = factories.make_unit_admin() if role == Role.UNIT_ADMIN else factories.make_user(role=role)
    response = login_page(client, user.username, PASSWORD)
    assert response["Location"] == reverse("workbench:home")
    home = client.get(reverse("workbench:home"))
    assert home.status_code == 200
    assert user.get_role_display() in page_text(home)


@pytest.mark.django_db
def test_login_follows_a_safe_next_only(client):
    user = factories.make_applicant()
    response = login_page(client, user.username, PASSWORD, next=reverse("accounts:profile"))
    assert response["Location"] == reverse("accounts:profile")
    client.post(reverse("accounts:logout"))
    response = login_page(client, user.username, PASSWORD, next="https://evil.example/")
    assert response["Location"] == reverse("workbench:home")


@pytest.mark.django_db
def test_must_change_password_goes_to_the_change_page_first(client):
    user = factories.make_applicant(must_change_password=True)
    response = login_page(client, user.username, PASSWORD)
    assert response["Location"] == reverse("accounts:password_change")
    assert client.get(reverse("accounts:profile"))["Location"] == reverse("accounts:password_change")


@pytest.mark.django_db
def test_logout_is_post_only(client):
    user = factories.make_applicant()
    login_page(client, user.username, PASSWORD)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_signed_in_person_visiting_login_goes_home(client):
    user = factories.make_applicant()
    client.force_login(user)
    assert client.get(reverse("accounts:login"))["Location"] == reverse("workbench:home")


@pytest.mark.django_db
def test_an_expert_signs_in_on_the_staff_tab_by_username_or_mobile(client):
    """评审专家 (issue 13): the 管理部门用户 tab names them, and their account signs in there."""
    staff_tab = page_text(client.get(reverse("accounts:login") + "?type=staff"))
    assert "评审专家" in staff_tab
    expert = factories.make_user(role=Role.EXPERT)
    for identifier in (expert.username, expert.phone):
        response = client.post(
            reverse("accounts:login"), {"type": "staff", "username": identifier, "password": PASSWORD}
        )
        assert response.status_code == 302 and response["Location"] == reverse("workbench:home")
        home = client.get(reverse("workbench:home"))
        assert home.status_code == 200 and "评审专家" in page_text(home)
        client.logout()
