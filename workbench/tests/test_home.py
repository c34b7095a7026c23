"""The 工作台 of each role: what it asks of the applicant, the pages it links, whose it is."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.services import applicant_set_unit
from tests import factories


def page_text(response) -> str:
    return response.content.decode()


@pytest.mark.django_db
def test_the_applicant_dashboard_asks_for_a_unit_until_one_is_chosen(client):
    user = factories.make_applicant()
    client.force_login(user)
    assert "您尚未选择工作单位" in page_text(client.get(reverse("workbench:home")))
    applicant_set_unit(user=user, unit_id=factories.make_unit(name="昆明市测试看板单位").pk)
    text = page_text(client.get(reverse("workbench:home")))
    assert "昆明市测试看板单位" in text and "您尚未选择工作单位" not in text


@pytest.mark.django_db
def test_the_unit_admin_and_support_dashboards_link_their_pages(client):
    admin = factories.make_unit_admin()
    client.force_login(admin)
    assert reverse("units:staff") in page_text(client.get(reverse("workbench:home")))
    client.force_login(factories.make_support())
    text = page_text(client.get(reverse("workbench:home")))
    assert reverse("accounts:support_accounts") in text
    assert "当前被锁定的账号" in text


@pytest.mark.django_db
def test_a_reviewer_dashboard_names_the_organisation(client):
    office = factories.make_office(name="测试县人力资源和社会保障局")
    reviewer = factories.make_user(role="district_reviewer", organisation=office)
    client.force_login(reviewer)
    assert "测试县人力资源和社会保障局" in page_text(client.get(reverse("workbench:home")))
