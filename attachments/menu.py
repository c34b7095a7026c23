"""Attachments' entry of the left menu (core.menu): the applicant's 附件管理."""

from accounts.models import Role
from core.menu import entry, menu

menu.register(entry("附件管理", "attachments:manage", "职称申报", 330, [Role.APPLICANT]))
