"""The left menu of the signed-in pages, per role, in the seed's order (part 五).

Later issues add the 13 申报信息 sections, 职称申报, 申报记录 and 附件管理 for applicants and
申报审核 for units; each entry names a URL that must exist (a test reverses every one)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from accounts.models import Role
from dossier.sections import SECTIONS


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    group: str = ""
    args: tuple = ()


COMMON = [
    MenuItem("站内消息", "messaging:inbox", "账号"),
    MenuItem("修改密码", "accounts:password_change", "账号"),
]
STAFF_COMMON = [MenuItem("账号信息", "accounts:profile", "账号"), *COMMON]

ROLE_MENUS: dict[str, list[MenuItem]] = {
    Role.APPLICANT: [
        MenuItem("基本信息", "dossier:basic", "基本信息"),
        *[MenuItem(section.label, "dossier:section", "申报信息", (section.key,)) for section in SECTIONS],
        MenuItem("我能申报什么", "paths:index", "职称申报"),
        MenuItem("职称申报", "applications:cover", "职称申报"),
        MenuItem("申报记录", "applications:history", "职称申报"),
        MenuItem("附件管理", "attachments:manage", "职称申报"),
        MenuItem("账号信息", "accounts:profile", "账号"),
        *COMMON,
    ],
    Role.UNIT_ADMIN: [
        MenuItem("单位信息", "units:info", "基本信息"),
        MenuItem("专业技术人员", "units:staff", "专业技术人员管理"),
        MenuItem("单位审核", "reviews:queue", "申报审核"),
        MenuItem("单位公示", "publicity:manage", "申报审核"),
        MenuItem("导出文件", "exports:list", "申报审核"),
        *STAFF_COMMON,
    ],
    Role.DEPARTMENT_REVIEWER: [
        MenuItem("工作台", "accounts:home", "审核"),
        MenuItem("申报审核", "reviews:queue", "审核"),
        MenuItem("导出文件", "exports:list", "审核"),
        *STAFF_COMMON,
    ],
    Role.DISTRICT_REVIEWER: [
        MenuItem("工作台", "accounts:home", "审核"),
        MenuItem("申报审核", "reviews:queue", "审核"),
        MenuItem("导出文件", "exports:list", "审核"),
        *STAFF_COMMON,
    ],
    Role.CITY_REVIEWER: [
        MenuItem("工作台", "accounts:home", "审核"),
        MenuItem("申报审核", "reviews:queue", "审核"),
        MenuItem("公示管理", "publicity:manage", "审核"),
        MenuItem("导出文件", "exports:list", "审核"),
        MenuItem("暂停推荐", "units:suspensions", "单位管理"),
        *STAFF_COMMON,
    ],
    Role.COMMITTEE_OFFICE: [
        MenuItem("工作台", "accounts:home", "审核"),
        MenuItem("申报审核", "reviews:queue", "审核"),
        MenuItem("公示管理", "publicity:manage", "审核"),
        MenuItem("导出文件", "exports:list", "审核"),
        MenuItem("网上申报时间", "units:window", "评委会"),
        *STAFF_COMMON,
    ],
    Role.SUPPORT: [
        MenuItem("账号解锁", "accounts:support_accounts", "技术支持"),
        MenuItem("短信发件箱", "messaging:sms_outbox", "技术支持"),
        MenuItem("网上申报时间", "units:window", "技术支持"),
        *STAFF_COMMON,
    ],
}


def menu_for(user, current_path: str) -> list[dict]:
    """Groups of links for the user's role, the current one marked; 站内消息 shows the unread count."""
    from messaging.selectors import site_message_unread_count

    groups: list[dict] = []
    for item in ROLE_MENUS.get(getattr(user, "role", ""), []):
        url = reverse(item.url_name, args=item.args)
        if not groups or groups[-1]["title"] != item.group:
            groups.append({"title": item.group, "items": []})
        badge = site_message_unread_count(user=user) if item.url_name == "messaging:inbox" else 0
        groups[-1]["items"].append(
            {"label": item.label, "url": url, "active": current_path == url, "badge": badge}
        )
    return groups
