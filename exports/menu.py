"""Exports' entries of the left menu (core.menu): 导出文件 for a unit and every reviewer."""

from accounts.models import Role
from core.menu import entry, menu

REVIEWERS = [Role.DEPARTMENT_REVIEWER, Role.DISTRICT_REVIEWER, Role.CITY_REVIEWER, Role.COMMITTEE_OFFICE]

menu.register(
    entry("导出文件", "exports:list", "申报审核", 530, [Role.UNIT_ADMIN]),
    entry("导出文件", "exports:list", "审核", 530, REVIEWERS),
)
