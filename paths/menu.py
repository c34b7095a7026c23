"""Paths' entry of the left menu (core.menu): the applicant's 我能申报什么."""

from accounts.models import Role
from core.menu import entry, menu

menu.register(entry("我能申报什么", "paths:index", "职称申报", 300, [Role.APPLICANT]))
