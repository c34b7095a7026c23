"""The left menu as the apps declare it (their menu.py modules, core.menu): every role's entries
in the seed's order, links that resolve, the current page marked, the unread count."""

import pytest
from django.urls import reverse

from accounts.models import Role
from core.menu import menu, menu_for
from tests import factories


def test_every_role_has_a_menu_whose_links_resolve():
    assert menu.roles() == set(Role.values)
    for role in Role.values:
        items = menu.items_for(role)
        assert items
        for item in items:
            assert reverse(item.url_name, args=item.args).startswith("/")


@pytest.mark.django_db
def test_each_role_sees_the_entries_the_apps_declare_in_the_seed_order():
    from dossier.sections import SECTIONS

    def labels(role):
        return [
            (group["title"], item["label"])
            for group in menu_for(factories.make_user(role=role), "/")
            for item in group["items"]
        ]

    account = [("账号", "账号信息"), ("账号", "站内消息"), ("账号", "修改密码")]
    assert labels(Role.APPLICANT) == [
        ("基本信息", "基本信息"),
        *[("申报信息", section.label) for section in SECTIONS],
        ("职称申报", "我能申报什么"),
        ("职称申报", "职称申报"),
        ("职称申报", "申报记录"),
        ("职称申报", "附件管理"),
        *account,
    ]
    assert labels(Role.UNIT_ADMIN) == [
        ("基本信息", "单位信息"),
        ("专业技术人员管理", "专业技术人员"),
        ("申报审核", "单位审核"),
        ("申报审核", "单位公示"),
        ("申报审核", "导出文件"),
        *account,
    ]
    reviewing = [("审核", "工作台"), ("审核", "申报审核")]
    for role in (Role.DEPARTMENT_REVIEWER, Role.DISTRICT_REVIEWER):
        assert labels(role) == [*reviewing, ("审核", "导出文件"), *account]
    assert labels(Role.CITY_REVIEWER) == [
        *reviewing,
        ("审核", "公示管理"),
        ("审核", "导出文件"),
        ("单位管理", "暂停推荐"),
        ("评委会", "评审结果核准（备案）"),
        *account,
    ]
    assert labels(Role.COMMITTEE_OFFICE) == [
        *reviewing,
        ("审核", "公示管理"),
        ("审核", "导出文件"),
        ("评委会", "网上申报时间"),
        ("评委会", "评审专家库"),
        ("评委会", "评审批次"),
        ("评委会", "评审结果"),
        ("评委会", "复查申请"),
        *account,
    ]
    assert labels(Role.EXPERT) == [
        ("评审专家", "我的信息"),
        ("评审专家", "我的评审任务"),
        ("评审专家", "会议投票"),
        *account,
    ]
    assert labels(Role.SUPPORT) == [
        ("技术支持", "账号解锁"),
        ("技术支持", "短信发件箱"),
        ("技术支持", "网上申报时间"),
        *account,
    ]


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
