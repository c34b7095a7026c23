"""The demo applicants' 申报信息: 基本信息, the sections' entries and the attachments, written through
the dossier and attachments services as the applicant would on the pages; and whether an applicant
already has anything (then load_demo leaves them alone)."""

from __future__ import annotations

from accounts.models import User
from applications.models import Application
from attachments.models import Attachment
from attachments.services import attachment_upload
from dossier.basic import BASIC_REQUIRED
from dossier.models import Dossier, DossierEntry
from dossier.services import dossier_basic_update, dossier_entry_create

from .files import DemoFile, demo_upload


def touched(user: User) -> bool:
    """Whether the applicant already has anything of the demo (then load_demo leaves it alone)."""
    if Application.objects.filter(applicant=user).exists():
        return True
    if Attachment.objects.filter(owner=user).exists():
        return True
    if DossierEntry.objects.filter(dossier__user=user).exists():
        return True
    dossier = Dossier.objects.filter(user=user).first()
    return dossier is not None and any(getattr(dossier, key) not in (None, "") for key in BASIC_REQUIRED)


def fill_dossier(
    user: User,
    *,
    basic: dict,
    entries: tuple[tuple[str, dict], ...],
    files: tuple[DemoFile, ...],
    stored: list[str],
) -> None:
    """基本信息, the sections' entries and the attachments, through the dossier and attachments
    services (raises their ServiceError); each stored file's name is added to `stored`."""
    dossier_basic_update(user=user, **basic)
    first_entry: dict[str, int] = {}
    for section, data in entries:
        entry = dossier_entry_create(user=user, section=section, data=data)
        first_entry.setdefault(section, entry.pk)
    for demo_file in files:
        attachment = attachment_upload(
            user=user,
            kind=demo_file.kind,
            title=demo_file.title,
            uploaded_file=demo_upload(demo_file, seed=user.username),
            entry_id=first_entry[demo_file.entry] if demo_file.entry else None,
        )
        stored.append(attachment.file.name)
