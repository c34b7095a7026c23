"""Reads for the dossier. `dossier_get_or_create` also creates the row on first use and keeps the
values derived from the ID number (性别, 出生日期) in step with it."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from stdnum.cn import ric
from stdnum.exceptions import ValidationError

from .display import REVOKED_KEY
from .models import Dossier, DossierEntry, Sex
from .sections import SECTIONS, Section


def derived_from_id_number(id_number: str | None) -> tuple[str, dt.date | None]:
    """性别 and 出生日期 from a GB 11643 number: the birth date is digits 7–14 (python-stdnum), the
    sex the 17th digit (odd: male, even: female). Nothing for a missing or malformed number."""
    number = (id_number or "").strip().upper()
    if len(number) != 18 or not number[:17].isdigit():
        return "", None
    try:
        birth_date = ric.get_birth_date(number)
    except ValidationError:
        birth_date = None
    sex = Sex.MALE if int(number[16]) % 2 else Sex.FEMALE
    return sex, birth_date


def held_titles() -> QuerySet[DossierEntry]:
    """The 现有职称情况 entries of titles a person holds: every one but a title revoked for fraud
    (rules 1, 35; dossier.display.REVOKED_KEY). Narrow it to a person with .filter()."""
    return DossierEntry.objects.filter(section="current_titles").exclude(data__has_key=REVOKED_KEY)


def dossier_get_or_create(*, user) -> Dossier:
    """The applicant's dossier (one query when it exists and is in step with the ID number)."""
    sex, birth_date = derived_from_id_number(user.id_number)
    dossier, created = Dossier.objects.get_or_create(
        user=user, defaults={"sex": sex, "birth_date": birth_date}
    )
    if not created and (dossier.sex, dossier.birth_date) != (sex, birth_date):
        # The ID number was corrected by support: the derived values follow it.
        Dossier.objects.filter(pk=dossier.pk).update(sex=sex, birth_date=birth_date)
        dossier.sex, dossier.birth_date = sex, birth_date
    dossier.user = user
    return dossier


def dossier_sections(*, dossier: Dossier) -> list[tuple[Section, list[DossierEntry]]]:
    """Every section in the seed's order with its entries, in one query."""
    by_section: dict[str, list[DossierEntry]] = {section.key: [] for section in SECTIONS}
    for entry in DossierEntry.objects.filter(dossier=dossier).order_by("section", "position", "id"):
        if entry.section in by_section:
            entry.dossier = dossier
            by_section[entry.section].append(entry)
    return [(section, by_section[section.key]) for section in SECTIONS]


def section_entries(*, dossier: Dossier, section: Section) -> list[DossierEntry]:
    entries = list(
        DossierEntry.objects.filter(dossier=dossier, section=section.key).order_by("position", "id")
    )
    for entry in entries:
        entry.dossier = dossier
    return entries


def entry_get_own(*, user, entry_id: object) -> DossierEntry | None:
    """The entry if it belongs to this person's dossier (None for anyone else's or a bad id)."""
    try:
        pk = int(str(entry_id))
    except (TypeError, ValueError):
        return None
    return DossierEntry.objects.select_related("dossier").filter(pk=pk, dossier__user=user).first()
