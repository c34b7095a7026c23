"""Issue 11 point 20: the login page has a tab for bureau, department and committee staff as well
as 个人用户 and 单位用户. The tab only words the account field; every role signs in from any tab."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Role
from tests import factories

from .helpers import WRONG_PASSWORD, page_text

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
TABS = ["person", "unit", "staff"]


def make(role: str):
    if role == Role.UNIT_ADMIN:
        return factories.make_unit_admin()
    if role == Role.DEPARTMENT_REVIEWER:
        return factories.make_user(role=role, organisation=factories.make_department())
    if role == Role.DISTRICT_REVIEWER:
        return factories.make_user(role=role, organisation=factories.make_office())
    if role == Role.CITY_REVIEWER:
        return factories.make_user(role=role, organisation=factories.make_city_bureau())
    if role == Role.COMMITTEE_OFFICE:
        return factories.make_user(role=role, committee=factories.make_committee())
    return factories.make_user(role=role)


def test_the_page_has_three_tabs_each_linking_the_others(client):
    html = page_text(client.get(LOGIN))
    assert "个人用户" in html and "单位用户" in html and "管理部门用户" in html
    assert f'href="{LOGIN}?type=staff"' in html and f'href="{LOGIN}?type=unit"' in html


def test_the_staff_tab_names_who_it_is_for_and_whom_to_call(client):
    html = page_text(client.get(LOGIN, {"type": "staff"}))
    assert "管理部门用户登录" in html
    assert "主管部门、县（市）区人社部门、市人社局、评委会办公室、评审专家及系统技术支持人员" in html
    assert 'aria-current="page">管理部门用户</a>' in html
    assert "用户名/手机号" in html and "填写系统分配给您的用户名" in html
    assert "请联系系统技术支持（电话：0871-63108336）重置密码或解锁" in html
    # no self-service recovery or registration on this tab: staff accounts are opened by support
    card = html[html.index("管理部门用户登录") : html.index("管理部门用户的账号由系统技术支持开设")]
    assert "忘记密码" not in card and "个人注册" not in card and "单位注册" not in card
    assert 'name="type" value="staff"' in html


def test_an_unknown_tab_is_the_personal_one(client):
    html = page_text(client.get(LOGIN, {"type": "<script>"}))
    assert "个人用户登录" in html and "<script>" not in html


def test_the_tabs_keep_where_the_person_was_going(client):
    html = page_text(client.get(LOGIN, {"next": "/reviews/?tab=todo"}))
    assert f'href="{LOGIN}?type=staff&amp;next=/reviews/%3Ftab%3Dtodo"' in html


@pytest.mark.parametrize("tab", TABS)
@pytest.mark.parametrize(
    "role",
    [
        Role.APPLICANT,
        Role.UNIT_ADMIN,
        Role.DEPARTMENT_REVIEWER,
        Role.DISTRICT_REVIEWER,
        Role.CITY_REVIEWER,
        Role.COMMITTEE_OFFICE,
        Role.SUPPORT,
    ],
)
def test_every_role_signs_in_from_every_tab(client, role, tab):
    user = make(role)
    response = client.post(
        LOGIN, {"username": user.username, "password": factories.DEMO_PASSWORD, "type": tab}
    )
    assert response.status_code == 302 and response["Location"] == reverse("workbench:home")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_wrong_password_stays_on_the_staff_tab(client):
    user = make(Role.CITY_REVIEWER)
    response = client.post(LOGIN, {"username": user.username, "password": WRONG_PASSWORD, "type": "staff"})
    html = page_text(response)
    assert response.status_code == 200
    assert "管理部门用户登录" in html and "再输错" in html
