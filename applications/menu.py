"""Applications' entries of the left menu (core.menu): the applicant's 职称申报 and 申报记录."""

from accounts.models import Role
from core.menu import entry, menu

menu.register(
    entry("职称申报", "applications:cover", "职称申报", 310, [Role.APPLICANT]),
    entry("申报记录", "applications:history", "职称申报", 320, [Role.APPLICANT]),
)
