"""Rule 26: unit registration with the credit code and the unit head's phone (page, API, service)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Role, SmsCode, User
from core.errors import ServiceError
from core.models import AuditLog
from orgs import services
from orgs.models import Organisation, OrgKind
from orgs.services import (
    MSG_CIVIL_SERVANT_NOT_ALLOWED,
    MSG_DEPARTMENT_NOT_ALLOWED,
    MSG_DEPARTMENT_REQUIRED,
    MSG_USERNAME,
    MSG_USERNAME_TAKEN,
)
from tests import factories

from .helpers import FAQ4_ANSWER, make_faq4, register_data, unit_code

pytestmark = pytest.mark.django_db

REGISTER_URL = "/units/register/"
API_URL = "/api/v1/units/register"


def snapshot() -> tuple[int, int, int, int]:
    """Units, users, used codes, audit rows: a refused registration changes none of them."""
    return (
        Organisation.objects.filter(kind__in=[OrgKind.UNIT, OrgKind.AGENCY]).count(),
        User.objects.count(),
        SmsCode.objects.filter(used_at__isnull=False).count(),
        AuditLog.objects.count(),
    )


def page_post(client: Client, data: dict, **extra):
    form = {k: v for k, v in data.items() if v is not False}
    return client.post(REGISTER_URL, form, **extra)


# --- the bad inputs: (setup, overrides, field, message) -------------------------------------------


def _existing_name(data):
    factories.make_unit(name=data["name"])


def _existing_code(data):
    factories.make_unit(name="另一家公司", credit_code=data["credit_code"])


def _taken_username(data):
    factories.make_support(username="kmunit01")


def _state_owned(data):
    data["ownership"] = "city_state"


def _department(data):
    data["department_id"] = str(factories.make_department().pk)


def _inactive_office(data):
    Organisation.objects.filter(pk=data["district_id"]).update(is_active=False)


def _bad_check_digit(data):
    code = data["credit_code"]
    data["credit_code"] = code[:-1] + ("1" if code[-1] != "1" else "2")


CASES = [
    # id, setup, overrides, field, message
    (
        "bad-check-digit",
        _bad_check_digit,
        {},
        "credit_code",
        "统一社会信用代码校验位不正确，请核对最后一位。",
    ),
    (
        "wrong-length",
        None,
        {"credit_code": "91530100MA0000001"},
        "credit_code",
        "统一社会信用代码应为 18 位，当前为 17 位。",
    ),
    ("missing-code", None, {"credit_code": ""}, "credit_code", "请填写统一社会信用代码。"),
    ("state-without-department", _state_owned, {}, "department_id", MSG_DEPARTMENT_REQUIRED),
    ("non-public-with-department", _department, {}, "department_id", MSG_DEPARTMENT_NOT_ALLOWED),
    (
        "civil-servant-non-public",
        None,
        {"civil_servant_managed": True},
        "civil_servant_managed",
        MSG_CIVIL_SERVANT_NOT_ALLOWED,
    ),
    ("duplicate-name", _existing_name, {}, "__all__", FAQ4_ANSWER),
    ("duplicate-code", _existing_code, {}, "__all__", FAQ4_ANSWER),
    (
        "bad-head-phone",
        None,
        {"head_phone": "1391234567"},
        "head_phone",
        "单位负责人手机号码应为 11 位中国大陆手机号，以 1 开头。",
    ),
    ("missing-head-phone", None, {"head_phone": ""}, "head_phone", "请填写单位负责人手机。"),
    (
        "weak-password",
        None,
        {"password": "abc12345", "password_confirm": "abc12345"},
        "password",
        "密码须包含大写字母、小写字母、数字、符号中的至少 3 种。",
    ),
    ("short-password", None, {"password": "Ab1@", "password_confirm": "Ab1@"}, "password", "密码至少 8 位。"),
    (
        "password-mismatch",
        None,
        {"password_confirm": "Other@2026b"},
        "password_confirm",
        "两次输入的密码不一致。",
    ),
    ("bad-sms-code", None, {"sms_code": "000000x"}, "sms_code", "短信验证码不正确。"),
    ("missing-sms-code", None, {"sms_code": " "}, "sms_code", "请填写短信验证码。"),
    ("missing-name", None, {"name": ""}, "name", "请填写单位名称。"),
    ("long-name", None, {"name": "昆" * 101}, "name", "单位名称最多 100 个字，当前 101 个字。"),
    (
        "long-head-name",
        None,
        {"head_name": "张" * 41},
        "head_name",
        "单位负责人姓名最多 40 个字，当前 41 个字。",
    ),
    ("missing-ownership", None, {"ownership": ""}, "ownership", "请选择单位性质。"),
    ("bad-ownership", None, {"ownership": "private"}, "ownership", "单位性质不正确，请从列表中选择。"),
    ("missing-district", None, {"district_id": ""}, "district_id", "请选择属地县（市）区人社部门。"),
    (
        "unknown-district",
        None,
        {"district_id": "999999"},
        "district_id",
        "所选属地县（市）区人社部门不存在，请从列表中选择。",
    ),
    (
        "inactive-district",
        _inactive_office,
        {},
        "district_id",
        "所选属地县（市）区人社部门不存在，请从列表中选择。",
    ),
    (
        "bad-phone",
        None,
        {"phone": "电话"},
        "phone",
        "单位联系电话格式不正确，应为固定电话（如 0871-63108336）或手机号码。",
    ),
    ("long-phone", None, {"phone": "0" * 21}, "phone", "单位联系电话最多 20 位，当前 21 位。"),
    ("bad-username", None, {"username": "单位"}, "username", MSG_USERNAME),
    ("taken-username", _taken_username, {"username": "kmunit01"}, "username", MSG_USERNAME_TAKEN),
]


def prepared(case) -> tuple[dict, str, str]:
    _id, setup, overrides, field, message = case
    make_faq4()
    data = register_data()
    data["sms_code"] = unit_code(data["head_phone"])
    if setup:
        setup(data)
    data.update(overrides)
    return data, field, message


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_service_refuses_bad_input_and_saves_nothing(case):
    data, field, message = prepared(case)
    before = snapshot()
    with pytest.raises(ServiceError) as caught:
        services.unit_register(**data)
    assert any(message in m for m in caught.value.errors[field]), caught.value.errors
    assert snapshot() == before


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_page_shows_the_message_and_keeps_input(client, case):
    data, _field, message = prepared(case)
    before = snapshot()
    response = page_post(client, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    if data["name"]:
        assert data["name"][:20] in html  # the input is kept
    assert snapshot() == before


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_api_returns_the_message_and_saves_nothing(client, case):
    data, field, message = prepared(case)
    before = snapshot()
    response = client.post(API_URL, data, content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert any(message in m for m in body["errors"][field]), body
    assert snapshot() == before


def test_duplicate_is_explained_with_faq4_in_the_detail(client):
    data, _f, _m = prepared(CASES[6])
    body = client.post(API_URL, data, content_type="application/json").json()
    assert FAQ4_ANSWER in body["detail"]
    assert body["errors"]["name"] == ["该单位名称已注册。"]


def test_duplicate_without_faq_row_gives_a_short_message():
    data = register_data()
    data["sms_code"] = unit_code(data["head_phone"])
    factories.make_unit(credit_code=data["credit_code"])
    with pytest.raises(ServiceError) as caught:
        services.unit_register(**data)
    assert "该单位已注册" in caught.value.errors["__all__"][0]
    assert "技术支持电话" in caught.value.errors["__all__"][0]


def test_every_mistake_is_reported_at_once():
    data = register_data(credit_code="123", head_phone="12", password="x", name="", ownership="")
    with pytest.raises(ServiceError) as caught:
        services.unit_register(**data)
    assert {"credit_code", "head_phone", "password", "name", "ownership"} <= set(caught.value.errors)


def test_register_creates_unit_and_admin_and_consumes_the_code(client):
    data = register_data()
    data["sms_code"] = unit_code(data["head_phone"])
    response = page_post(client, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    unit = Organisation.objects.get(credit_code=data["credit_code"])
    assert unit.kind == OrgKind.UNIT and unit.ownership == "non_public"
    assert unit.head_phone == "13912345678" and unit.department is None
    admin = User.objects.get(organisation=unit)
    assert admin.role == Role.UNIT_ADMIN
    assert admin.username == data["credit_code"]  # default: the credit code
    assert admin.phone == "13912345678" and admin.name == "张主任"
    assert admin.check_password("Unit@2026a")
    assert SmsCode.objects.get(phone="13912345678").used_at is not None
    assert AuditLog.objects.filter(action="unit_register", target_id=str(unit.pk)).exists()
    # the code is good for one registration only
    again = register_data(name="第二家公司", seq=9002)
    again["sms_code"] = data["sms_code"]
    with pytest.raises(ServiceError) as caught:
        services.unit_register(**again)
    assert "sms_code" in caught.value.errors


def test_state_owned_unit_with_department_and_civil_servant_flag():
    department = factories.make_department()
    data = register_data(ownership="district_state", department_id=department.pk, civil_servant_managed=True)
    data["sms_code"] = unit_code(data["head_phone"])
    unit, admin = services.unit_register(**{**data, "username": "jinma_school"})
    assert unit.department == department and unit.civil_servant_managed
    assert admin.username == "jinma_school"


def test_agency_registers_as_agency_kind():
    data = register_data(ownership="agency")
    data["sms_code"] = unit_code(data["head_phone"])
    unit, _admin = services.unit_register(**data)
    assert unit.kind == OrgKind.AGENCY


def test_api_register_is_anonymous_and_csrf_exempt():
    client = Client(enforce_csrf_checks=True)
    data = register_data()
    data["sms_code"] = unit_code(data["head_phone"])
    response = client.post(API_URL, data, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["username"] == data["credit_code"]
    assert body["unit"]["credit_code"] == data["credit_code"]
    assert body["unit"]["district"]["id"] == int(data["district_id"])


def test_api_register_with_wrong_types_gives_chinese_messages(client):
    response = client.post(API_URL, {"civil_servant_managed": "maybe"}, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"]["civil_servant_managed"] == ["应为 true 或 false。"]


def test_race_on_the_same_code_gives_the_faq4_message(monkeypatch):
    """Two registrations at once: the pre-check passes for both; the constraint refuses one."""
    make_faq4()
    data = register_data()
    data["sms_code"] = unit_code(data["head_phone"])
    factories.make_unit(name=data["name"], credit_code=data["credit_code"])
    real = services._name_taken
    calls = {"n": 0}

    def first_call_misses(name, **kwargs):
        calls["n"] += 1
        return False if calls["n"] == 1 else real(name, **kwargs)

    monkeypatch.setattr(services, "_name_taken", first_call_misses)
    monkeypatch.setattr(
        services.Organisation.objects,
        "filter",
        _filter_missing_code_once(services.Organisation.objects.filter),
    )
    before = snapshot()
    with pytest.raises(ServiceError) as caught:
        services.unit_register(**data)
    assert FAQ4_ANSWER in caught.value.detail
    assert snapshot() == before


def _filter_missing_code_once(real_filter):
    state = {"done": False}

    def fake(*args, **kwargs):
        if "credit_code" in kwargs and not state["done"]:
            state["done"] = True
            return real_filter(pk=-1)
        return real_filter(*args, **kwargs)

    return fake


# --- 获取验证码 -------------------------------------------------------------------------------------


def test_page_send_code_button_sends_an_sms_and_keeps_the_input(client, django_capture_on_commit_callbacks):
    from messaging.models import SmsOutbox

    data = register_data()
    with django_capture_on_commit_callbacks(execute=True):
        response = page_post(client, {**data, "send_code": "1"}, follow=True)
    html = response.content.decode()
    assert "验证码已发送至 139****5678" in html
    assert data["name"] in html
    row = SmsOutbox.objects.get(phone="13912345678")
    assert row.purpose == "unit_register"
    assert Organisation.objects.filter(kind=OrgKind.UNIT).count() == 0


def test_page_send_code_with_htmx_returns_the_status_line(client):
    response = page_post(client, {**register_data(), "send_code": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "验证码已发送至 139****5678" in response.content.decode()
    assert "<form" not in response.content.decode()


def test_page_send_code_with_htmx_refusals_name_the_field_and_the_wait(client):
    """Issue 11 point 6: a refusal is the JSON error body naming the form's field (site.js shows it
    next to 单位负责人手机); the resend wait comes with Retry-After for the countdown."""
    bad = page_post(client, {**register_data(head_phone="123"), "send_code": "1"}, HTTP_HX_REQUEST="true")
    assert bad.status_code == 400
    assert bad.json()["errors"] == {"head_phone": ["单位负责人手机号码应为 11 位中国大陆手机号，以 1 开头。"]}
    empty = page_post(client, {**register_data(head_phone=""), "send_code": "1"}, HTTP_HX_REQUEST="true")
    assert empty.json()["errors"] == {"head_phone": ["请先填写单位负责人手机，再获取验证码。"]}
    assert page_post(client, {**register_data(), "send_code": "1"}, HTTP_HX_REQUEST="true").status_code == 200
    again = page_post(client, {**register_data(), "send_code": "1"}, HTTP_HX_REQUEST="true")
    assert again.status_code == 429 and 55 <= int(again["Retry-After"]) <= 60
    assert again.json()["errors"]["sms_code"][0].startswith("验证码已发送，请在")
    html = client.get(REGISTER_URL).content.decode()
    assert 'data-countdown="60"' in html


def test_page_send_code_needs_a_phone(client):
    response = page_post(client, {**register_data(head_phone=""), "send_code": "1"})
    assert "请先填写单位负责人手机，再获取验证码。" in response.content.decode()


def test_page_send_code_twice_is_throttled(client):
    page_post(client, {**register_data(), "send_code": "1"})
    response = page_post(client, {**register_data(), "send_code": "1"})
    assert "验证码已发送，请在" in response.content.decode()


def test_api_sms_code(client):
    response = client.post(
        "/api/v1/units/register/sms-code", {"phone": "13912345678"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["code"] is None  # never shown unless the demo setting is on
    bad = client.post("/api/v1/units/register/sms-code", {"phone": "123"}, content_type="application/json")
    assert bad.status_code == 400
    assert bad.json()["errors"]["phone"] == ["手机号码应为 11 位中国大陆手机号，以 1 开头。"]


def test_register_page_lists_offices_with_branch(client):
    factories.make_office(name="西山区人力资源和社会保障局", branch="区人才服务中心")
    factories.make_department(name="昆明市卫生健康委员会")
    html = client.get(REGISTER_URL).content.decode()
    assert "西山区人力资源和社会保障局（区人才服务中心）" in html
    assert "昆明市卫生健康委员会" in html
    for label in (
        "单位名称",
        "统一社会信用代码",
        "单位性质",
        "主管部门",
        "单位负责人手机",
        "获取验证码",
        "立即注册",
    ):
        assert label in html


def test_signed_in_user_is_sent_home(client):
    client.force_login(factories.make_applicant())
    response = client.get(REGISTER_URL)
    assert response.status_code == 302
