"""Reviews' entries of the left menu (core.menu): the review queue, 单位审核 for a unit and
申报审核 for the reviewers above it."""

from accounts.models import Role
from core.menu import entry, menu

REVIEWERS = [Role.DEPARTMENT_REVIEWER, Role.DISTRICT_REVIEWER, Role.CITY_REVIEWER, Role.COMMITTEE_OFFICE]

menu.register(
    entry("单位审核", "reviews:queue", "申报审核", 510, [Role.UNIT_ADMIN]),
    entry("申报审核", "reviews:queue", "审核", 510, REVIEWERS),
)
