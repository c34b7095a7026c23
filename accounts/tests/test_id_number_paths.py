"""Issue 11 point 1 through every HTTP path that reads an ID number: registration (page and API),
password recovery (page and API), login, the unit's staff search and support's account search
(page and API), the admin's user and 诚信档案 forms. Numbers whose area code is newer or older
than the birth date are accepted; each bad number gets its message next to its field, never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import User
from applications.models import IntegrityRecord
from core.tests.test_id_number import make_number
from tests import factories
from tests.factories import bearer

from .helpers import GOOD_PASSWORD, errors_of, page_text, person_data, sms_code_for, with_code

pytestmark = pytest.mark.django_db

OLDER_THAN_THEIR_CODE = [
    ("530102", "19500615"),  # 五华区 since 1983
    ("530113", "19700101"),  # 东川区 since 1998
    ("530181", "19680520"),  # 安宁市 since 1995
    ("530114", "19901231"),  # 呈贡区 since 2011
    ("530121", "20050228"),  # 呈贡县, abolished 2011
    ("530123", "19900101"),  # 安宁县, abolished 1995
]
GOOD = make_number("530102", "19680520")
BAD_NUMBERS = [
    (GOOD[:-1] + ("0" if GOOD[-1] != "0" else "1"), "身份证号校验位不正确，请核对最后一位。"),
    (make_number("530102", "19680230"), "身份证号第 7–14 位出生日期 1968年2月30日 不是有效日期，请核对。"),
    (make_number("530102", "20990101"), "身份证号中的出生日期 2099年1月1日 晚于今天，请核对。"),
    (make_number("530102", "18990101"), "身份证号中的出生日期 1899年1月1日 早于 1900 年，请核对。"),
    (GOOD[:17], "身份证号应为 18 位，当前为 17 位。"),
    (GOOD + "1", "身份证号应为 18 位，当前为 19 位。"),
    ("53010219680520A01X", "身份证号前 17 位应为数字，最后一位为数字或 X。"),
    (make_number("539999", "19680520"), "身份证号前 6 位地区码 539999 不存在，请核对。"),
]
BAD_IDS = ["check", "feb30", "future", "1899", "17", "19", "letter", "539999"]


@pytest.mark.parametrize(("region", "birth"), OLDER_THAN_THEIR_CODE)
def test_registration_page_accepts_a_code_newer_or_older_than_the_birth(client, region, birth):
    number = make_number(region, birth)
    data = with_code(person_data(id_number=number))
    form = {**data, "password_confirm": data["password"], "action": "register"}
    response = client.post(reverse("accounts:register"), form)
    assert response.status_code == 302, page_text(response)
    assert User.objects.filter(username=number, id_number=number).exists()


@pytest.mark.parametrize(("region", "birth"), OLDER_THAN_THEIR_CODE[:3])
def test_registration_api_accepts_them_and_login_finds_them(client, region, birth):
    number = make_number(region, birth, order="457")
    data = with_code(person_data(id_number=number))
    response = client.post("/api/v1/auth/register", data, content_type="application/json")
    assert response.status_code == 201, response.content
    wide = "".join(chr(ord(c) + 0xFEE0) for c in number)  # typed with a Chinese input method
    login = client.post(
        "/api/v1/auth/login", {"username": wide, "password": GOOD_PASSWORD}, content_type="application/json"
    )
    assert login.status_code == 200, login.content


@pytest.mark.parametrize(("number", "message"), BAD_NUMBERS, ids=BAD_IDS)
def test_registration_refuses_a_bad_number_next_to_its_field(client, number, message):
    data = with_code(person_data(id_number=number))
    form = {**data, "password_confirm": data["password"], "action": "register"}
    response = client.post(reverse("accounts:register"), form)
    assert response.status_code == 200
    html = page_text(response)
    assert message in html and f'value="{data["phone"]}"' in html and 'value="张三"' in html
    api = client.post("/api/v1/auth/register", data, content_type="application/json")
    assert api.status_code == 400 and errors_of(api)["id_number"] == [message]
    assert not User.objects.filter(phone=data["phone"]).exists()


@pytest.mark.parametrize(("number", "message"), BAD_NUMBERS, ids=BAD_IDS)
def test_recovery_refuses_a_bad_number_next_to_its_field(client, number, message):
    phone = factories.mobile()
    form = {
        "id_number": number,
        "phone": phone,
        "sms_code": sms_code_for(phone, "reset_password"),
        "new_password": GOOD_PASSWORD,
        "new_password_confirm": GOOD_PASSWORD,
        "action": "reset",
    }
    response = client.post(reverse("accounts:password_reset"), form)
    assert response.status_code == 200 and message in page_text(response)
    api = client.post(
        "/api/v1/auth/reset-password",
        {k: v for k, v in form.items() if k not in ("action", "new_password_confirm")},
        content_type="application/json",
    )
    assert api.status_code == 400 and errors_of(api)["id_number"] == [message]


def test_recovery_works_for_a_number_older_than_its_code(client):
    user = factories.make_applicant(id_number=make_number("530113", "19560303"))
    form = {
        "id_number": user.id_number,
        "phone": user.phone,
        "sms_code": sms_code_for(user.phone, "reset_password"),
        "new_password": GOOD_PASSWORD,
        "new_password_confirm": GOOD_PASSWORD,
        "action": "reset",
    }
    response = client.post(reverse("accounts:password_reset"), form)
    assert response.status_code == 302, page_text(response)
    user.refresh_from_db()
    assert user.check_password(GOOD_PASSWORD)


# --- searches ------------------------------------------------------------------------------------


@pytest.fixture
def staff():
    unit = factories.make_unit()
    admin = factories.make_unit_admin(unit=unit)
    old = factories.make_applicant(
        organisation=unit, name="老专家", id_number=make_number("530181", "19520101")
    )
    return admin, old


def test_the_unit_finds_its_staff_by_a_number_older_than_its_code(client, staff):
    admin, old = staff
    client.force_login(admin)
    html = page_text(client.get("/units/staff/", {"q": old.id_number.lower()}))
    assert "老专家" in html
    body = client.get("/api/v1/units/staff", {"q": old.id_number}, **bearer(admin)).json()
    assert [item["name"] for item in body["items"]] == ["老专家"]


@pytest.mark.parametrize(("number", "message"), [BAD_NUMBERS[0], BAD_NUMBERS[-1]], ids=["check", "539999"])
def test_the_staff_search_says_what_is_wrong_with_a_whole_number(client, staff, number, message):
    admin, _old = staff
    client.force_login(admin)
    response = client.get("/units/staff/", {"q": number})
    assert response.status_code == 200
    html = page_text(response)
    assert message in html and "老专家" not in html
    api = client.get("/api/v1/units/staff", {"q": number}, **bearer(admin))
    assert api.status_code == 400 and errors_of(api)["q"] == [message]
    # part of a number and names still search as before
    assert "老专家" in page_text(client.get("/units/staff/", {"q": "老专"}))
    assert "老专家" in page_text(client.get("/units/staff/", {"q": "53018119"}))


@pytest.mark.parametrize(("number", "message"), [BAD_NUMBERS[0], BAD_NUMBERS[-1]], ids=["check", "539999"])
def test_the_support_search_says_what_is_wrong_with_a_whole_number(client, staff, number, message):
    _admin, old = staff
    support = factories.make_support()
    client.force_login(support)
    response = client.get(reverse("accounts:support_accounts"), {"q": number})
    assert response.status_code == 200
    html = page_text(response)
    assert message in html and "没有找到匹配" not in html
    api = client.get("/api/v1/support/accounts", {"q": number}, **bearer(support))
    assert api.status_code == 400 and errors_of(api)["q"] == [message]
    found = client.get(reverse("accounts:support_accounts"), {"q": old.id_number})
    assert "老专家" in page_text(found)


def test_a_nul_character_is_never_a_server_error(client, staff):
    admin, _old = staff
    login = client.post(
        "/api/v1/auth/login", {"username": "5301\x0002", "password": "x"}, content_type="application/json"
    )
    assert login.status_code == 401
    reset = client.post(
        "/api/v1/auth/reset-password",
        {"username": "91\x00", "phone": factories.mobile(), "sms_code": "1", "new_password": GOOD_PASSWORD},
        content_type="application/json",
    )
    assert reset.status_code == 400
    api = client.get("/api/v1/units/staff", {"q": "老\x00"}, **bearer(admin))
    assert api.status_code == 200
    support = factories.make_support()
    assert client.get("/api/v1/support/accounts", {"q": "\x00"}, **bearer(support)).status_code == 200
    assert client.get("/api/v1/auth/unit-choices", {"q": "\x00"}).status_code == 200
    assert client.get(reverse("accounts:unit_options"), {"unit_q": "a\x00"}).status_code == 200
    for field in ("name", "id_number", "phone", "password", "sms_code"):
        data = {**person_data(), "sms_code": "123456"}
        data[field] += "\x00"
        response = client.post("/api/v1/auth/register", data, content_type="application/json")
        assert response.status_code == 400, (field, response.content)
    reset = client.post(
        "/api/v1/auth/reset-password",
        {"id_number": GOOD + "\x00", "phone": "13900000000", "sms_code": "1", "new_password": GOOD_PASSWORD},
        content_type="application/json",
    )
    assert reset.status_code == 400


# --- admin -----------------------------------------------------------------------------------------


def test_the_admin_user_form_checks_numbers_by_the_same_rule(admin_client):
    user = factories.make_applicant()
    url = reverse("admin:accounts_user_change", args=[user.pk])
    data = {"username": user.username, "name": user.name, "phone": user.phone, "role": "applicant"}
    data["is_active"] = "on"
    for number, message in (BAD_NUMBERS[-1], BAD_NUMBERS[2]):
        response = admin_client.post(url, {**data, "id_number": number})
        assert response.status_code == 200 and message in page_text(response)
    older = make_number("530102", "19500615")
    response = admin_client.post(url, {**data, "id_number": older})
    assert response.status_code == 302, page_text(response)
    user.refresh_from_db()
    assert user.id_number == older


def test_the_integrity_record_form_checks_the_number(admin_client):
    url = reverse("admin:applications_integrityrecord_add")
    record = {"name": "王某", "reason": "伪造论文", "recorded_on": "2026-01-05", "expires_on": ""}
    response = admin_client.post(url, {**record, "id_number": make_number("539999", "19680520")})
    assert response.status_code == 200
    assert "身份证号前 6 位地区码 539999 不存在，请核对。" in page_text(response)
    older = make_number("530181", "19600101")
    response = admin_client.post(url, {**record, "id_number": older})
    assert response.status_code == 302
    assert IntegrityRecord.objects.get().id_number == older
