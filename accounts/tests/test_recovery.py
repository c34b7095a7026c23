"""Rule 22: password recovery by 身份证号 + registered mobile + SMS code; unit accounts by their
registered mobile; the manual route when the phone is lost. Recovery never unlocks (rule 21)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import ApiToken, SmsCode, User
from accounts.policy import person_mismatch_message, unit_mismatch_message
from accounts.services import account_recover_password, auth_login
from catalog.models import Contact
from core.errors import AccountLocked, ServiceError
from tests import factories

from .helpers import GOOD_PASSWORD, errors_of, page_text, sms_code_for

RESET_API = "/api/v1/auth/reset-password"
NEW_PASSWORD = "Dianchi#2027"


def reset_data(user: User, **overrides) -> dict:
    data = {
        "id_number": user.id_number,
        "phone": user.phone,
        "sms_code": sms_code_for(user.phone, "reset_password"),
        "new_password": NEW_PASSWORD,
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_an_applicant_recovers_with_id_number_phone_and_code():
    user = factories.make_applicant(must_change_password=True)
    User.objects.filter(pk=user.pk).update(failed_login_count=2)
    factories_token = ApiToken.objects.create(user=user, digest="x" * 64)
    result = account_recover_password(**reset_data(user), ip="127.0.0.1")
    assert result.pk == user.pk
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not user.must_change_password
    assert user.failed_login_count == 0
    assert not ApiToken.objects.filter(pk=factories_token.pk).exists()
    assert SmsCode.objects.get(phone=user.phone).used_at is not None
    assert auth_login(identifier=user.username, password=NEW_PASSWORD, ip=None, channel="web") == user


@pytest.mark.django_db
@pytest.mark.parametrize("which", ["id_number", "phone"])
def test_an_id_number_and_phone_that_do_not_match_get_one_clear_message(which):
    user = factories.make_applicant()
    other = factories.make_applicant()
    data = reset_data(user)
    if which == "id_number":
        data["id_number"] = other.id_number
    else:
        data["phone"] = other.phone
        data["sms_code"] = sms_code_for(other.phone, "reset_password")
    with pytest.raises(ServiceError) as caught:
        account_recover_password(**data)
    assert caught.value.detail == person_mismatch_message()
    assert "不匹配" in caught.value.detail and "第 3 条" in caught.value.detail
    assert "0871-63108336" in caught.value.detail
    user.refresh_from_db()
    assert user.check_password(factories.DEMO_PASSWORD)
    assert not SmsCode.objects.filter(used_at__isnull=False).exists()


@pytest.mark.django_db
def test_bad_input_gets_every_message_at_once_and_changes_nothing():
    user = factories.make_applicant()
    with pytest.raises(ServiceError) as caught:
        account_recover_password(id_number="530102198503120012", phone="12", sms_code="", new_password="abc")
    errors = caught.value.errors
    assert errors["id_number"] == ["身份证号校验位不正确，请核对最后一位。"]
    assert errors["phone"] == ["手机号码应为 11 位中国大陆手机号，以 1 开头。"]
    assert errors["sms_code"] == ["请填写短信验证码。"]
    assert "密码至少 8 位。" in errors["new_password"]
    user.refresh_from_db()
    assert user.check_password(factories.DEMO_PASSWORD)


@pytest.mark.django_db
def test_a_wrong_code_is_refused():
    user = factories.make_applicant()
    data = reset_data(user)
    data["sms_code"] = f"{(int(data['sms_code']) + 1) % 1_000_000:06d}"
    with pytest.raises(ServiceError) as caught:
        account_recover_password(**data)
    assert caught.value.errors == {"sms_code": ["短信验证码不正确。"]}


@pytest.mark.django_db
def test_a_registration_code_does_not_recover_a_password():
    user = factories.make_applicant()
    data = reset_data(user, sms_code=sms_code_for(user.phone, "register"))
    SmsCode.objects.filter(purpose="reset_password").delete()
    with pytest.raises(ServiceError) as caught:
        account_recover_password(**data)
    assert caught.value.errors == {"sms_code": ["验证码已失效或未获取，请重新获取。"]}


@pytest.mark.django_db
def test_recovery_does_not_unlock_and_says_who_can():
    unit = factories.make_unit(name="昆明市测试找回单位", head_phone="13800001111")
    user = factories.make_applicant(organisation=unit)
    User.objects.filter(pk=user.pk).update(locked_at=timezone.now(), failed_login_count=4)
    result = account_recover_password(**reset_data(user))
    assert result.is_locked
    assert result.failed_login_count == 4
    with pytest.raises(AccountLocked):
        auth_login(identifier=user.username, password=NEW_PASSWORD, ip=None, channel="web")


@pytest.mark.django_db
def test_the_page_recovers_and_tells_a_locked_applicant_who_unlocks(client):
    unit = factories.make_unit(name="昆明市测试找回单位二", phone="0871-65002222", head_phone="13800002222")
    user = factories.make_applicant(organisation=unit)
    User.objects.filter(pk=user.pk).update(locked_at=timezone.now())
    data = reset_data(user)
    response = client.post(
        reverse("accounts:password_reset"), {**data, "new_password_confirm": NEW_PASSWORD, "action": "reset"}
    )
    assert response.status_code == 302
    text = page_text(client.get(response["Location"]))
    assert "密码已重置。您的账号目前处于锁定状态，找回密码不会解除锁定" in text
    assert "昆明市测试找回单位二" in text and "0871-65002222" in text


@pytest.mark.django_db
def test_the_page_shows_the_mismatch_and_keeps_the_input(client):
    user = factories.make_applicant()
    data = reset_data(user, id_number=factories.make_applicant().id_number)
    response = client.post(
        reverse("accounts:password_reset"), {**data, "new_password_confirm": NEW_PASSWORD, "action": "reset"}
    )
    text = page_text(response)
    assert person_mismatch_message() in text
    assert f'value="{data["id_number"]}"' in text
    assert NEW_PASSWORD not in text


@pytest.mark.django_db
def test_the_page_checks_the_confirmation(client):
    user = factories.make_applicant()
    response = client.post(
        reverse("accounts:password_reset"),
        {**reset_data(user), "new_password_confirm": "Other#2027", "action": "reset"},
    )
    assert "两次输入的新密码不一致。" in page_text(response)
    user.refresh_from_db()
    assert user.check_password(factories.DEMO_PASSWORD)


@pytest.mark.django_db
def test_the_api_recovers_a_personal_account(client):
    user = factories.make_applicant()
    response = client.post(RESET_API, reset_data(user), content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json() == {"detail": "密码已重置，请使用新密码登录。", "locked": False}
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_the_api_reports_a_mismatch_and_field_errors(client):
    user = factories.make_applicant()
    data = reset_data(user, phone=factories.mobile())
    data["sms_code"] = sms_code_for(data["phone"], "reset_password")
    response = client.post(RESET_API, data, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == person_mismatch_message()
    response = client.post(RESET_API, {}, content_type="application/json")
    assert response.status_code == 400
    assert set(errors_of(response)) == {"id_number", "phone", "sms_code", "new_password"}


# --- Unit accounts -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_unit_account_recovers_with_its_username_and_registered_mobile(client):
    admin = factories.make_unit_admin()
    data = {
        "username": admin.username.lower(),
        "phone": admin.phone,
        "sms_code": sms_code_for(admin.phone, "reset_password"),
        "new_password": NEW_PASSWORD,
    }
    response = client.post(RESET_API, data, content_type="application/json")
    assert response.status_code == 200, response.content
    admin.refresh_from_db()
    assert admin.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_a_unit_account_may_use_the_unit_heads_mobile():
    unit = factories.make_unit(head_phone="13700007777")
    admin = factories.make_unit_admin(unit=unit)
    account_recover_password(
        username=admin.username,
        phone="13700007777",
        sms_code=sms_code_for("13700007777", "reset_password"),
        new_password=NEW_PASSWORD,
    )
    admin.refresh_from_db()
    assert admin.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_a_unit_mismatch_names_the_manual_route(client):
    admin = factories.make_unit_admin()
    phone = factories.mobile()
    response = client.post(
        reverse("accounts:password_reset_unit"),
        {
            "username": admin.username,
            "phone": phone,
            "sms_code": sms_code_for(phone, "reset_password"),
            "new_password": NEW_PASSWORD,
            "new_password_confirm": NEW_PASSWORD,
            "action": "reset",
        },
    )
    text = page_text(response)
    assert unit_mismatch_message() in text
    assert "hrmosmo@163.com" in text
    admin.refresh_from_db()
    assert admin.check_password(factories.DEMO_PASSWORD)


@pytest.mark.django_db
def test_the_unit_form_asks_for_the_username():
    with pytest.raises(ServiceError) as caught:
        account_recover_password(username=" ", phone="13900000000", sms_code="1", new_password=NEW_PASSWORD)
    assert caught.value.errors["username"] == ["请填写用户名（统一社会信用代码）。"]


@pytest.mark.django_db
def test_an_applicant_cannot_use_the_unit_route():
    user = factories.make_applicant()
    with pytest.raises(ServiceError) as caught:
        account_recover_password(
            username=user.username,
            phone=user.phone,
            sms_code=sms_code_for(user.phone, "reset_password"),
            new_password=NEW_PASSWORD,
        )
    assert caught.value.detail == unit_mismatch_message()


# --- Pages -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_manual_route_page_reads_the_contacts(client):
    Contact.objects.create(
        key="unit_recovery_email",
        label="单位账号人工找回邮箱",
        value="hrmosmo@163.com",
        note="若单位账号密码和联系人电话同时丢失，需将单位名称+诉求+加盖单位公章的情况说明+单位社会信用代码证（或营业执照）发送至邮箱hrmosmo@163.com。",
    )
    Contact.objects.create(
        key="personal_recovery", label="个人密码人工找回", value="0871-63108336", note="测试用的个人说明。"
    )
    text = page_text(client.get(reverse("accounts:password_reset_manual")))
    assert "测试用的个人说明。" in text
    assert "单位名称+诉求+加盖单位公章的情况说明+单位社会信用代码证（或营业执照）" in text
    assert "hrmosmo@163.com" in text


@pytest.mark.django_db
def test_the_manual_route_page_has_a_fallback_without_contacts(client):
    text = page_text(client.get(reverse("accounts:password_reset_manual")))
    assert "若手机号码无法找回，可拨打系统技术支持电话0871-63108336" in text
    assert "hrmosmo@163.com" in text


@pytest.mark.django_db
def test_the_recovery_pages_link_each_other(client):
    text = page_text(client.get(reverse("accounts:password_reset")))
    assert reverse("accounts:password_reset_unit") in text
    assert reverse("accounts:password_reset_manual") in text
    assert "获取验证码" in text
    unit_text = page_text(client.get(reverse("accounts:password_reset_unit")))
    assert "用户名（统一社会信用代码）" in unit_text


@pytest.mark.django_db
def test_the_page_sends_a_recovery_code_without_javascript(client, settings):
    settings.SMS_SHOW_CODE_ON_PAGE = True
    user = factories.make_applicant()
    response = client.post(
        reverse("accounts:password_reset"),
        {"id_number": user.id_number, "phone": user.phone, "action": "send_code"},
    )
    text = page_text(response)
    code_row = SmsCode.objects.get(phone=user.phone, purpose="reset_password")
    assert "验证码已发送至" in text and "演示环境：验证码为 " in text
    assert code_row.used_at is None
    assert GOOD_PASSWORD not in text
