"""What is still missing in a dossier, each with a link to the exact form where it is fixed (去完善):
the 基本信息 input (focused), the 新增 form of a required section, the 编辑 form of an entry with
its problem shown next to the field.

The dossier's part only: 基本信息 and the 13 sections (which ones are required: requirements.py).
Attachments and the cover are checked by the applications app, which adds its own Missing rows.
Constant queries: the entries are read in one query, the user and the unit come with the dossier
when the caller selected them."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from .basic import BASIC_REQUIRED, required_message
from .requirements import required_sections
from .sections import SECTIONS


@dataclass(frozen=True)
class Missing:
    section: str  # a section key, "basic", "attachments" or "cover"
    message: str  # Chinese, says exactly what to do
    url: str  # the page (and anchor) where it is fixed


# No #fragment on these links: a page opened at a fragment's target ignores `autofocus` (HTML
# standard), and the focused input is scrolled into view anyway.


def basic_anchor(field: str) -> str:
    """The 基本信息 page with the input focused (and so scrolled to)."""
    return f"{reverse('dossier:basic')}?focus={field}"


def entry_create_url(section_key: str) -> str:
    """The 新增 form of a section (its first input focused)."""
    return reverse("dossier:entry_create", args=[section_key])


def entry_check_url(entry_id: int) -> str:
    """The 编辑 form of an entry with what is wrong shown next to its fields, the first focused."""
    return reverse("dossier:entry_edit", args=[entry_id]) + "?check=1"


def dossier_missing(
    *, dossier, entries_by_section: dict | None = None, required: dict[str, str] | None = None
) -> list[Missing]:
    """Every unfinished item of the dossier in page order. `entries_by_section` (section key →
    entries) may be passed by a caller that already read them (dossier.selectors.dossier_sections).
    `required`: section key → the message naming the rule that requires it, for the application
    at hand (requirements.required_sections); by default the sections every review requires."""
    if required is None:
        required = required_sections()
    from .validation import entry_problems

    missing: list[Missing] = []
    user = dossier.user
    if not user.organisation_id:
        missing.append(
            Missing(
                "basic",
                "请选择工作单位（如果检索不到工作单位，请联系单位负责人注册单位账号）。",
                basic_anchor("unit_id"),
            )
        )
    for field in BASIC_REQUIRED:  # in the page's order; the anchor is the input's id
        if getattr(dossier, field) in (None, ""):
            missing.append(Missing("basic", required_message(field), basic_anchor(field)))

    if entries_by_section is None:
        from .selectors import dossier_sections

        entries_by_section = {section.key: entries for section, entries in dossier_sections(dossier=dossier)}
    for section in SECTIONS:
        entries = entries_by_section.get(section.key, [])
        if section.key in required and not entries:
            missing.append(Missing(section.key, required[section.key], entry_create_url(section.key)))
        # An entry saved under an older declaration may lack what is asked now: name it.
        for number, entry in enumerate(entries, start=1):
            problems = entry_problems(section=section, entry=entry, birth_date=dossier.birth_date)
            if problems:
                first = next(iter(problems.values()))[0]
                missing.append(
                    Missing(
                        section.key, f"“{section.label}”第 {number} 条：{first}", entry_check_url(entry.pk)
                    )
                )
    return missing
