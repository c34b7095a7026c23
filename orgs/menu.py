"""Orgs' entries of the left menu (core.menu): the unit's 单位信息 and 专业技术人员, the city
bureau's 暂停推荐, and 网上申报时间 (served under units/ by workcal's view) for the committee
office and the support."""

from accounts.models import Role
from core.menu import entry, menu

menu.register(
    entry("单位信息", "units:info", "基本信息", 100, [Role.UNIT_ADMIN]),
    entry("专业技术人员", "units:staff", "专业技术人员管理", 400, [Role.UNIT_ADMIN]),
    entry("暂停推荐", "units:suspensions", "单位管理", 600, [Role.CITY_REVIEWER]),
    entry("网上申报时间", "units:window", "评委会", 610, [Role.COMMITTEE_OFFICE]),
    entry("网上申报时间", "units:window", "技术支持", 720, [Role.SUPPORT]),
)
