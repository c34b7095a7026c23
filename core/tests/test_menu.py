import pytest
from django.urls import reverse

from accounts.models import Role
from core.menu import ROLE_MENUS, menu_for
from tests import factories


def test_every_role_has_a_menu_whose_links_resolve():
    assert set(ROLE_MENUS) == set(Role.values)
    for items in ROLE_MENUS.values():
        for item in items:
            assert reverse(item.url_name, args=item.args).startswith("/")


@pytest.mark.django_db
def test_unit_admin_menu_follows_the_seed_order_and_marks_the_current_page():
    admin = factories.make_unit_admin()
    groups = menu_for(admin, reverse("units:staff"))
    labels = [item["label"] for group in groups for item in group["items"]]
    assert labels[:2] == ["单位信息", "专业技术人员"]
    active = [item["label"] for group in groups for item in group["items"] if item["active"]]
    assert active == ["专业技术人员"]


@pytest.mark.django_db
def test_inbox_entry_shows_the_unread_count(client):
    from messaging.services import site_message_send

    applicant = factories.make_applicant()
    admin = factories.make_unit_admin()
    site_message_send(sender=admin, recipient=applicant, title="通知", body="请尽快完善申报信息。")
    site_message_send(sender=admin, recipient=applicant, title="通知二", body="请核对手机号码。")
    groups = menu_for(applicant, "/")
    inbox = next(item for group in groups for item in group["items"] if item["label"] == "站内消息")
    assert inbox["badge"] == 2


@pytest.mark.django_db
def test_missing_pages_and_expired_forms_answer_in_chinese(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
    strict = type(client)(enforce_csrf_checks=True)
    response = strict.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()
