"""单位信息: the unit admin sees and edits the unit; rule 26 / FAQ 7: a renamed unit keeps its code."""

from __future__ import annotations

import pytest

from core.errors import Forbidden, ServiceError
from core.models import AuditLog
from orgs import services
from orgs.models import Organisation
from orgs.services import MSG_DEPARTMENT_NOT_ALLOWED, MSG_DEPARTMENT_REQUIRED
from tests import factories
from tests.factories import bearer

pytestmark = pytest.mark.django_db

INFO_URL = "/units/info/"
API_URL = "/api/v1/units/me"


def edit_data(unit: Organisation, **overrides) -> dict:
    data = {
        "name": unit.name,
        "phone": unit.phone,
        "head_name": unit.head_name,
        "head_phone": unit.head_phone,
        "district_id": str(unit.district_id),
        "department_id": str(unit.department_id or ""),
        "civil_servant_managed": unit.civil_servant_managed,
    }
    data.update(overrides)
    return data


def page_data(data: dict) -> dict:
    return {k: v for k, v in data.items() if v is not False}


@pytest.fixture
def admin():
    return factories.make_unit_admin()


def test_page_shows_everything(client, admin):
    client.force_login(admin)
    html = client.get(INFO_URL).content.decode()
    unit = admin.organisation
    for text in (
        unit.name,
        unit.credit_code,
        "非公有制经济组织",
        unit.head_name,
        unit.head_phone,
        admin.username,
    ):
        assert text in html
    assert "（不可修改）" in html
    assert 'name="credit_code"' not in html  # the code is not an input


def test_rename_keeps_the_code_and_writes_an_audit_row(client, admin):
    client.force_login(admin)
    unit = admin.organisation
    old_name, code = unit.name, unit.credit_code
    response = client.post(INFO_URL, page_data(edit_data(unit, name="昆明新名称科技有限公司")), follow=True)
    assert "单位信息已保存。" in response.content.decode()
    unit.refresh_from_db()
    assert unit.name == "昆明新名称科技有限公司" and unit.credit_code == code
    row = AuditLog.objects.get(action="unit_rename", target_id=str(unit.pk))
    assert row.actor == admin
    assert row.detail["old_name"] == old_name and row.detail["new_name"] == "昆明新名称科技有限公司"
    assert row.detail["credit_code"] == code


def test_credit_code_in_the_post_is_ignored(client, admin):
    client.force_login(admin)
    unit = admin.organisation
    code = unit.credit_code
    client.post(INFO_URL, {**page_data(edit_data(unit)), "credit_code": factories.credit_code(777)})
    unit.refresh_from_db()
    assert unit.credit_code == code


def test_other_fields_change_with_an_update_audit_row(admin):
    unit = admin.organisation
    office = factories.make_office()
    services.unit_update(
        actor=admin,
        unit=unit,
        **edit_data(unit, phone="0871-61111111", head_phone="13700001111", district_id=office.pk),
    )
    unit.refresh_from_db()
    assert unit.phone == "0871-61111111" and unit.head_phone == "13700001111" and unit.district == office
    row = AuditLog.objects.get(action="unit_update")
    assert set(row.detail["changes"]) == {"phone", "head_phone", "district"}


def test_a_unit_keeps_its_office_after_the_office_is_deactivated(admin):
    unit = admin.organisation
    Organisation.objects.filter(pk=unit.district_id).update(is_active=False)
    services.unit_update(actor=admin, unit=unit, **edit_data(unit, phone="0871-62222222"))
    unit.refresh_from_db()
    assert unit.phone == "0871-62222222"


def test_saving_without_changes_writes_nothing(admin):
    unit = admin.organisation
    services.unit_update(actor=admin, unit=unit, **edit_data(unit))
    assert not AuditLog.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "请填写单位名称。"),
        ({"name": "名" * 101}, "name", "单位名称最多 100 个字，当前 101 个字。"),
        ({"head_phone": "123"}, "head_phone", "单位负责人手机号码应为 11 位中国大陆手机号，以 1 开头。"),
        ({"phone": ""}, "phone", "请填写单位联系电话。"),
        ({"district_id": ""}, "district_id", "请选择属地县（市）区人社部门。"),
        ({"department_id": "DEPT"}, "department_id", MSG_DEPARTMENT_NOT_ALLOWED),
        (
            {"civil_servant_managed": True},
            "civil_servant_managed",
            "只有国有企事业单位才可能参照公务员法管理，请取消勾选。",
        ),
    ],
)
def test_bad_edits_are_refused_on_page_and_api(client, admin, overrides, field, message):
    unit = admin.organisation
    if overrides.get("department_id") == "DEPT":
        overrides = {**overrides, "department_id": str(factories.make_department().pk)}
    before = Organisation.objects.values().get(pk=unit.pk)
    client.force_login(admin)
    response = client.post(INFO_URL, page_data(edit_data(unit, **overrides)))
    assert response.status_code == 200
    assert message in response.content.decode()
    api = client.post(API_URL, overrides, content_type="application/json", **bearer(admin))
    assert api.status_code == 400
    assert message in api.json()["errors"][field]
    assert Organisation.objects.values().get(pk=unit.pk) == before
    assert not AuditLog.objects.exists()


def test_state_owned_unit_cannot_drop_its_department(admin):
    department = factories.make_department()
    unit = factories.make_unit(ownership="city_state", department=department)
    admin = factories.make_unit_admin(unit=unit)
    with pytest.raises(ServiceError) as caught:
        services.unit_update(actor=admin, unit=unit, **edit_data(unit, department_id=""))
    assert caught.value.errors["department_id"] == [MSG_DEPARTMENT_REQUIRED]


def test_name_of_another_unit_is_refused(admin):
    other = factories.make_unit()
    unit = admin.organisation
    with pytest.raises(ServiceError) as caught:
        services.unit_update(actor=admin, unit=unit, **edit_data(unit, name=other.name))
    assert caught.value.errors["name"] == ["该单位名称已被其他单位使用。"]


def test_admin_of_another_unit_cannot_edit(admin):
    other = factories.make_unit()
    with pytest.raises(Forbidden):
        services.unit_update(actor=admin, unit=other, **edit_data(other, name="改名"))


@pytest.mark.parametrize("maker", [factories.make_applicant, factories.make_support])
def test_page_is_for_unit_admins_only(client, maker):
    client.force_login(maker())
    assert client.get(INFO_URL).status_code == 404


def test_page_needs_login(client):
    response = client.get(INFO_URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_api_me_and_update(client, admin):
    headers = bearer(admin)
    body = client.get(API_URL, **headers).json()
    assert body["credit_code"] == admin.organisation.credit_code
    assert body["ownership_label"] == "非公有制经济组织"
    response = client.put(API_URL, {"name": "昆明改名有限公司"}, content_type="application/json", **headers)
    assert response.status_code == 200, response.content
    assert response.json()["name"] == "昆明改名有限公司"
    assert response.json()["credit_code"] == admin.organisation.credit_code
    assert AuditLog.objects.filter(action="unit_rename").count() == 1


def test_api_is_403_for_others_and_401_anonymous(client):
    response = client.get(API_URL, **bearer(factories.make_applicant()))
    assert response.status_code == 403
    assert response.json() == {"detail": "只有单位管理员可以访问单位信息。", "errors": {}}
    assert client.get(API_URL).status_code == 401


def test_api_session_post_needs_csrf(admin):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    response = client.post(API_URL, {"name": "改名"}, content_type="application/json")
    assert response.status_code in (401, 403)
    admin.organisation.refresh_from_db()
    assert admin.organisation.name != "改名"
