"""Issue 2 item 3: individual registration, through the service, the page and the API.

Every bad input is refused with its exact Chinese message, and nothing is saved."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from stdnum.cn import ric

from accounts.models import Role, SmsCode, User
from accounts.policy import duplicate_id_message, duplicate_phone_message
from accounts.services import person_register
from core.errors import ServiceError
from tests import factories

from .helpers import GOOD_PASSWORD, errors_of, page_text, person_data, sms_code_for, with_code

REGISTER_API = "/api/v1/auth/register"


def _wrong_check_digit() -> str:
    number = factories.id_number()
    return number[:-1] + ("1" if number[-1] != "1" else "2")


def _bad_birth_date() -> str:
    body = "53010219850230001"  # 30 February
    return body + ric.calc_check_digit(body + "0")


def _existing_id(data: dict) -> dict:
    other = factories.make_applicant()
    return {**data, "id_number": other.id_number}


def _existing_phone(data: dict) -> dict:
    other = factories.make_applicant()
    return {**data, "phone": other.phone}


def _wrong_code(data: dict) -> dict:
    code = sms_code_for(data["phone"])
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    return {**data, "sms_code": wrong}


def _expired_code(data: dict) -> dict:
    data = with_code(data)
    SmsCode.objects.filter(phone=data["phone"]).update(expires_at=timezone.now() - timedelta(seconds=1))
    return data


def _reused_code(data: dict) -> dict:
    data = with_code(data)
    first = {**data, "id_number": factories.id_number(), "name": "李四"}
    person_register(**first)  # the code is used by this registration
    User.objects.filter(id_number=first["id_number"]).update(phone="")  # free the phone again
    return data


def _code_never_sent(data: dict) -> dict:
    return {**data, "sms_code": "123456"}


# (case id, how to spoil a valid registration, field, exact message)
BAD_INPUTS = [
    ("name-missing", lambda d: with_code({**d, "name": ""}), "name", "请填写姓名。"),
    (
        "name-too-long",
        lambda d: with_code({**d, "name": "张" * 41}),
        "name",
        "姓名最多 40 个字，当前 41 个字。",
    ),
    (
        "name-digits",
        lambda d: with_code({**d, "name": "张三3"}),
        "name",
        "姓名只能包含汉字、字母和间隔号“·”，请按身份证上的姓名填写。",
    ),
    ("id-missing", lambda d: with_code({**d, "id_number": ""}), "id_number", "请填写身份证号。"),
    (
        "id-check-digit",
        lambda d: with_code({**d, "id_number": _wrong_check_digit()}),
        "id_number",
        "身份证号校验位不正确，请核对最后一位。",
    ),
    (
        "id-length",
        lambda d: with_code({**d, "id_number": "53010219850312001"}),
        "id_number",
        "身份证号应为 18 位，当前为 17 位。",
    ),
    (
        "id-letters",
        lambda d: with_code({**d, "id_number": "53010219850312A011"}),
        "id_number",
        "身份证号前 17 位应为数字，最后一位为数字或 X。",
    ),
    (
        "id-birth-date",
        lambda d: with_code({**d, "id_number": _bad_birth_date()}),
        "id_number",
        "身份证号第 7–14 位出生日期 1985年2月30日 不是有效日期，请核对。",
    ),
    ("id-duplicate", lambda d: with_code(_existing_id(d)), "id_number", duplicate_id_message()),
    ("phone-missing", lambda d: {**d, "phone": "", "sms_code": "123456"}, "phone", "请填写手机号码。"),
    (
        "phone-malformed",
        lambda d: {**d, "phone": "2390000111", "sms_code": "123456"},
        "phone",
        "手机号码应为 11 位中国大陆手机号，以 1 开头。",
    ),
    ("phone-duplicate", lambda d: with_code(_existing_phone(d)), "phone", duplicate_phone_message()),
    ("password-missing", lambda d: with_code({**d, "password": ""}), "password", "请设置密码。"),
    ("password-short", lambda d: with_code({**d, "password": "Ab1@xyz"}), "password", "密码至少 8 位。"),
    (
        "password-two-classes",
        lambda d: with_code({**d, "password": "kunmingcity2026"}),
        "password",
        "密码须包含大写字母、小写字母、数字、符号中的至少 3 种。",
    ),
    (
        "password-common",
        lambda d: with_code({**d, "password": "Password1"}),
        "password",
        "密码过于常见，容易被猜到，请换一个。",
    ),
    (
        "password-numeric",
        lambda d: with_code({**d, "password": "5301029876543"}),
        "password",
        "密码不能全为数字。",
    ),
    ("code-missing", lambda d: {**d, "sms_code": ""}, "sms_code", "请填写短信验证码。"),
    ("code-wrong", _wrong_code, "sms_code", "短信验证码不正确。"),
    ("code-expired", _expired_code, "sms_code", "验证码已失效或未获取，请重新获取。"),
    ("code-reused", _reused_code, "sms_code", "验证码已失效或未获取，请重新获取。"),
    ("code-never-sent", _code_never_sent, "sms_code", "验证码已失效或未获取，请重新获取。"),
    (
        "unit-unknown",
        lambda d: with_code({**d, "unit_id": 987654}),
        "unit_id",
        "所选工作单位不存在或已停用，请重新选择。",
    ),
]


def _attempt(channel: str, client, data: dict) -> dict[str, list[str]] | str:
    """Submit through one channel; return the field errors (service, API) or the page HTML."""
    if channel == "service":
        with pytest.raises(ServiceError) as caught:
            person_register(**data)
        assert caught.value.status == 400
        return caught.value.errors
    if channel == "api":
        body = {k: v for k, v in data.items() if k != "password_confirm"}
        response = client.post(REGISTER_API, body, content_type="application/json")
        assert response.status_code == 400, response.content
        return errors_of(response)
    form = {"password_confirm": data.get("password", ""), **data, "action": "register"}
    response = client.post(reverse("accounts:register"), form)
    assert response.status_code == 200
    return page_text(response)


@pytest.mark.django_db
@pytest.mark.parametrize("channel", ["service", "page", "api"])
@pytest.mark.parametrize(
    ("spoil", "field", "message"), [c[1:] for c in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS]
)
def test_bad_registration_is_refused_with_its_message_and_saves_nothing(
    client, channel, spoil, field, message
):
    data = spoil(person_data())
    users_before = User.objects.count()
    result = _attempt(channel, client, data)
    if isinstance(result, dict):
        assert message in result.get(field, []), result
    else:
        assert message in result
    assert User.objects.count() == users_before


@pytest.mark.django_db
def test_all_field_errors_come_at_once():
    with pytest.raises(ServiceError) as caught:
        person_register(name="", id_number="123", phone="abc", password="short", sms_code="")
    errors = caught.value.errors
    assert set(errors) == {"name", "id_number", "phone", "password", "sms_code"}
    assert "密码至少 8 位。" in errors["password"]
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_a_good_registration_creates_an_applicant_with_an_argon2_password():
    unit = factories.make_unit()
    number = next(n for n in (factories.id_number(seq=s) for s in range(900, 2000)) if n.endswith("X"))
    data = with_code(person_data(name="买买提•艾力", id_number=number.lower()))  # a lower-case x is accepted
    user = person_register(**data, unit_id=unit.pk, ip="10.0.0.8")
    assert user.username == number and user.id_number == number
    assert user.name == "买买提·艾力"  # the look-alike dot becomes the middle dot
    assert user.role == Role.APPLICANT
    assert user.organisation == unit
    assert user.password.startswith("argon2")
    assert user.check_password(GOOD_PASSWORD)
    assert SmsCode.objects.get(phone=data["phone"]).used_at is not None


@pytest.mark.django_db
def test_password_confirmation_must_match_on_the_page(client):
    data = with_code(person_data())
    response = client.post(
        reverse("accounts:register"), {**data, "password_confirm": "Other@2026", "action": "register"}
    )
    assert "两次输入的密码不一致。" in page_text(response)
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_registration_page_creates_the_account_and_sends_to_login(client):
    unit = factories.make_unit(name="昆明市测试注册单位")
    data = with_code(person_data())
    response = client.post(
        reverse("accounts:register"),
        {**data, "password_confirm": data["password"], "unit_id": str(unit.pk), "action": "register"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    user = User.objects.get(id_number=data["id_number"])
    assert user.organisation == unit
    follow = client.get(response["Location"])
    assert "注册成功" in page_text(follow)


@pytest.mark.django_db
def test_registration_api_returns_201_and_the_account(client):
    data = with_code(person_data())
    response = client.post(REGISTER_API, data, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["role"] == "applicant"
    assert body["id_number"] == data["id_number"][:6] + "********" + data["id_number"][-4:]
    assert User.objects.filter(id_number=data["id_number"]).exists()


@pytest.mark.django_db
def test_registration_api_rejects_wrong_types_with_422_in_chinese(client):
    response = client.post(REGISTER_API, {"name": 5, "unit_id": "abc"}, content_type="application/json")
    assert response.status_code == 422
    errors = errors_of(response)
    assert errors["name"] == ["应为文本。"]
    assert errors["unit_id"] == ["应为整数。"]
    broken = client.post(REGISTER_API, "{not json", content_type="application/json")
    assert 400 <= broken.status_code < 500


@pytest.mark.django_db
@pytest.mark.parametrize("twin_of", ["id_number", "phone"])
def test_a_race_gets_the_same_friendly_message_and_saves_nothing(monkeypatch, twin_of):
    """Two registrations pass the checks together; the database's unique constraint refuses the
    second one. The race is staged by letting the second pre-check see nothing."""
    import accounts.services as services

    data = with_code(person_data())
    person_register(**data)
    twin = person_data(name="李四")
    twin[twin_of] = data[twin_of]
    twin = with_code(twin) if twin_of == "id_number" else {**twin, "sms_code": sms_code_for(twin["phone"])}
    monkeypatch.setattr(services, "id_number_taken", lambda **kwargs: False)
    monkeypatch.setattr(services, "phone_owner", lambda **kwargs: None)
    with pytest.raises(ServiceError) as caught:
        person_register(**twin)
    expected = duplicate_id_message() if twin_of == "id_number" else duplicate_phone_message()
    assert caught.value.errors == {twin_of: [expected]}
    assert User.objects.count() == 1
    # the twin's code is still unused: the whole registration was rolled back
    assert SmsCode.objects.filter(phone=twin["phone"], used_at__isnull=True).exists()


@pytest.mark.django_db
def test_the_duplicate_id_message_says_how_to_recover():
    message = duplicate_id_message()
    assert "忘记密码" in message
    assert "身份证号和注册时填写的手机号码" in message
    assert "0871-63108336" in message
