"""Dossier's entries of the left menu (core.menu): the applicant's 基本信息 and the 13 申报信息
sections, in SECTIONS' order."""

from accounts.models import Role
from core.menu import entry, menu

from .sections import SECTIONS

menu.register(
    entry("基本信息", "dossier:basic", "基本信息", 100, [Role.APPLICANT]),
    *[
        entry(
            section.label, "dossier:section", "申报信息", 200 + number, [Role.APPLICANT], args=(section.key,)
        )
        for number, section in enumerate(SECTIONS)
    ],
)
