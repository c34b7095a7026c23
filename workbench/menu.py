"""The 工作台's entry of the left menu (core.menu), for the reviewers (everyone reaches it by the
name at the top of the page)."""

from accounts.models import Role
from core.menu import entry, menu

REVIEWERS = [Role.DEPARTMENT_REVIEWER, Role.DISTRICT_REVIEWER, Role.CITY_REVIEWER, Role.COMMITTEE_OFFICE]

menu.register(entry("工作台", "workbench:home", "审核", 500, REVIEWERS))
