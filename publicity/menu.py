"""Publicity's entries of the left menu (core.menu): 单位公示 for a unit, 公示管理 for the city
bureau and the committee office."""

from accounts.models import Role
from core.menu import entry, menu

menu.register(
    entry("单位公示", "publicity:manage", "申报审核", 520, [Role.UNIT_ADMIN]),
    entry("公示管理", "publicity:manage", "审核", 520, [Role.CITY_REVIEWER, Role.COMMITTEE_OFFICE]),
)
