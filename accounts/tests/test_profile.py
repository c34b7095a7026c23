"""The 基本信息 page and choosing the work unit (page and API)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.auth import token_issue
from accounts.services import applicant_set_unit
from core.errors import Forbidden, ServiceError
from core.models import AuditLog
from orgs.models import OrgKind
from tests import factories

from .helpers import page_text


@pytest.mark.django_db
def test_the_applicant_sees_the_full_own_id_number_and_the_unit_note(client):
    user = factories.make_applicant()
    client.force_login(user)
    text = page_text(client.get(reverse("accounts:profile")))
    for value in (user.name, user.id_number, user.phone, "工作单位", "未选择"):
        assert value in text
    assert "如果检索不到工作单位，请联系单位负责人注册单位账号。" in text


@pytest.mark.django_db
def test_the_applicant_chooses_and_changes_the_unit_on_the_page(client):
    first = factories.make_unit(name="昆明市第一测试单位")
    second = factories.make_unit(name="昆明市第二测试单位")
    user = factories.make_applicant()
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {"unit_id": str(first.pk), "action": "save"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.organisation == first
    response = client.post(reverse("accounts:profile"), {"unit_id": str(second.pk), "action": "save"})
    user.refresh_from_db()
    assert user.organisation == second
    assert "昆明市第二测试单位" in page_text(client.get(reverse("accounts:profile")))
    log = AuditLog.objects.filter(action="applicant_set_unit").order_by("-id").first()
    assert log.detail == {"from": first.pk, "to": second.pk}


@pytest.mark.django_db
def test_the_unit_search_filters_the_choices_without_javascript(client):
    factories.make_unit(name="昆明市滇池测试研究院")
    factories.make_unit(name="昆明市翠湖测试设计院")
    client.force_login(factories.make_applicant())
    response = client.post(reverse("accounts:profile"), {"unit_q": "滇池", "action": "search_unit"})
    text = page_text(response)
    assert "昆明市滇池测试研究院" in text
    assert "昆明市翠湖测试设计院" not in text


@pytest.mark.django_db
def test_the_unit_options_endpoint_answers_htmx(client):
    unit = factories.make_unit(name="昆明市滇池测试研究所")
    factories.make_unit(name="昆明市翠湖测试研究所")
    response = client.get(reverse("accounts:unit_options"), {"unit_q": "滇池", "unit_id": str(unit.pk)})
    text = page_text(response)
    assert f'<option value="{unit.pk}" selected>昆明市滇池测试研究所</option>' in text
    assert "翠湖" not in text


@pytest.mark.django_db
def test_only_active_units_and_agencies_can_be_chosen():
    user = factories.make_applicant()
    closed = factories.make_unit(is_active=False)
    office = factories.make_office()
    agency = factories.make_unit(kind=OrgKind.AGENCY, name="昆明市测试人才服务中心")
    for bad in (closed.pk, office.pk, "abc", 999999):
        with pytest.raises(ServiceError) as caught:
            applicant_set_unit(user=user, unit_id=bad)
        assert caught.value.errors == {"unit_id": ["所选工作单位不存在或已停用，请重新选择。"]}
    with pytest.raises(ServiceError) as caught:
        applicant_set_unit(user=user, unit_id="")
    assert caught.value.errors == {"unit_id": ["请选择工作单位。"]}
    user.refresh_from_db()
    assert user.organisation is None
    applicant_set_unit(user=user, unit_id=agency.pk)
    user.refresh_from_db()
    assert user.organisation == agency


@pytest.mark.django_db
def test_only_an_applicant_chooses_a_unit(client):
    admin = factories.make_unit_admin()
    with pytest.raises(Forbidden):
        applicant_set_unit(user=admin, unit_id=factories.make_unit().pk)
    client.force_login(admin)
    text = page_text(client.get(reverse("accounts:profile")))
    assert admin.username in text and "单位管理员" in text
    assert client.post(reverse("accounts:profile"), {"unit_id": "1"}).status_code == 403


@pytest.mark.django_db
def test_the_api_sets_the_unit(client):
    unit = factories.make_unit()
    user = factories.make_applicant()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_issue(user=user)}"}
    response = client.post("/api/v1/me/unit", {"unit_id": unit.pk}, content_type="application/json", **auth)
    assert response.status_code == 200, response.content
    assert response.json()["organisation"] == {"id": unit.pk, "name": unit.name}
    response = client.post("/api/v1/me/unit", {"unit_id": None}, content_type="application/json", **auth)
    assert response.status_code == 400
    assert response.json()["errors"] == {"unit_id": ["请选择工作单位。"]}
    admin = factories.make_unit_admin()
    admin_auth = {"HTTP_AUTHORIZATION": f"Bearer {token_issue(user=admin)}"}
    response = client.post(
        "/api/v1/me/unit", {"unit_id": unit.pk}, content_type="application/json", **admin_auth
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "只有申报人可以选择工作单位。"


@pytest.mark.django_db
def test_the_registration_unit_list_is_public_and_searchable(client):
    factories.make_unit(name="昆明市测试公开单位")
    factories.make_unit(name="昆明市另一家公司", is_active=False)
    response = client.get("/api/v1/auth/unit-choices", {"q": "昆明市"})
    assert response.status_code == 200
    assert [row["name"] for row in response.json()] == ["昆明市测试公开单位"]


@pytest.mark.django_db
def test_a_search_that_finds_one_unit_comes_back_with_it_chosen(client):
    """Found by the new-applicant walk: typing in 检索工作单位 narrowed the list to one unit, which
    the person still had to choose (without JavaScript 检索 chose it already)."""
    unit = factories.make_unit(name="昆明滇池电力设备有限公司")
    factories.make_unit(name="昆明翠湖测试研究所")
    url = reverse("accounts:unit_options")
    text = page_text(client.get(url, {"unit_q": "滇池电力", "unit_id": "", "household": "1"}))
    assert f'<option value="{unit.pk}" selected>昆明滇池电力设备有限公司</option>' in text
    # Several found, or a unit chosen already: nothing is chosen for the person.
    text = page_text(client.get(url, {"unit_q": "昆明", "unit_id": ""}))
    assert " selected>" not in text.replace('value="" selected>', "")
    other = factories.make_unit(name="昆明滇池水务测试公司")
    text = page_text(client.get(url, {"unit_q": "滇池电力", "unit_id": str(other.pk)}))
    assert f'<option value="{other.pk}" selected>' in text
    assert f'<option value="{unit.pk}" selected>' not in text
