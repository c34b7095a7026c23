"""Reads for attachments. "Current" means not archived: replacing or deleting a file archives its
row (rows never change), so what a submitted snapshot names stays readable."""

from __future__ import annotations

import os

from .models import Attachment, AttachmentKind

EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}


def _current():
    return Attachment.objects.filter(archived_at__isnull=True)


def current_attachments(*, user) -> list[Attachment]:
    return list(_current().filter(owner=user).order_by("kind", "created_at", "id"))


def entry_kinds(section_key: str | None) -> tuple[str, ...]:
    """The categories a scan under an entry of this section may have (dossier.sections), the
    first the default; 条目附件 alone for a section that names none."""
    from dossier.sections import SECTIONS_BY_KEY

    section = SECTIONS_BY_KEY.get(section_key or "")
    return (
        section.attachment_kinds
        if section is not None and section.attachment_kinds
        else (AttachmentKind.ENTRY,)
    )


def effective_kind(kind: str, section_key: str | None) -> str:
    """The category an attachment counts as. A scan stored as 条目附件 under an entry whose section
    names a category (uploaded before sections named them, or sent as "entry" through the API)
    counts as that section's default category: a diploma under 学历情况 is a 学历学位证书."""
    if kind == AttachmentKind.ENTRY and section_key:
        return entry_kinds(section_key)[0]
    return kind


def current_kinds(*, user) -> set[str]:
    """The categories the user's current attachments count as, free-standing or under an entry
    of 申报信息 (issue 11 item 4), in one query."""
    rows = (
        _current()
        .filter(owner=user)
        .order_by()  # the default ordering would make DISTINCT cover created_at and id too
        .values_list("kind", "entry__section")
        .distinct()
    )
    return {effective_kind(kind, section) for kind, section in rows}


def manage_list(*, user) -> tuple[Attachment | None, list[dict]]:
    """附件管理's photo and one list: every other current attachment, free-standing or under an
    entry, grouped by the category it counts as (in the categories' order); an entry's scan names
    its section and entry and links to it. One query (the entries come with the attachments)."""
    from django.urls import reverse

    from dossier.display import entry_summary
    from dossier.sections import SECTIONS_BY_KEY

    photo = None
    by_kind: dict[str, list[dict]] = {}
    for attachment in _current().filter(owner=user).select_related("entry").order_by("created_at", "id"):
        if attachment.kind == AttachmentKind.PHOTO:
            photo = attachment  # the latest
            continue
        entry = attachment.entry
        section = SECTIONS_BY_KEY.get(entry.section) if entry is not None else None
        place = None
        if section is not None:
            place = {
                "section": section.label,
                "summary": entry_summary(section, entry.data or {}),
                "url": reverse("dossier:section", args=[section.key]) + f"#entry-{entry.pk}",
            }
        kind = effective_kind(attachment.kind, entry.section if entry is not None else None)
        by_kind.setdefault(kind, []).append({"attachment": attachment, "entry": place})
    groups = [
        {"kind": kind.value, "label": kind.label, "items": by_kind[kind.value]}
        for kind in AttachmentKind
        if by_kind.get(kind.value)
    ]
    return photo, groups


def attachments_by_entry(*, entry_ids: list[int]) -> dict[int, list[Attachment]]:
    """One query for any number of entries; every id asked for is a key (maybe an empty list)."""
    result: dict[int, list[Attachment]] = {entry_id: [] for entry_id in entry_ids}
    if not entry_ids:
        return result
    for attachment in _current().filter(entry_id__in=entry_ids).order_by("created_at", "id"):
        result.setdefault(attachment.entry_id, []).append(attachment)
    return result


def current_of_kind(*, user, kind: str) -> list[Attachment]:
    return list(_current().filter(owner=user, kind=kind).order_by("created_at", "id"))


def current_photo(*, user) -> Attachment | None:
    return _current().filter(owner=user, kind=AttachmentKind.PHOTO).order_by("-created_at", "-id").first()


def attachment_extension(attachment: Attachment) -> str:
    return EXTENSIONS.get(attachment.content_type) or os.path.splitext(attachment.file.name)[1].lstrip(".")


def attachment_download_name(attachment: Attachment) -> str:
    """The file name a download gets: named by content ("学历证书-本科.jpg"); the photo is named
    身份证号+姓名 (rule 23)."""
    if attachment.kind == AttachmentKind.PHOTO:
        from .rules import photo_download_name

        return photo_download_name(user=attachment.owner)
    title = safe_file_stem(attachment.title) or attachment.get_kind_display()
    return f"{title}.{attachment_extension(attachment)}"


def safe_file_stem(text: str) -> str:
    """A title usable as a file name: no path separators, control characters or reserved marks."""
    cleaned = "".join("_" if (ch in '\\/:*?"<>|' or ord(ch) < 32 or ord(ch) == 127) else ch for ch in text)
    return cleaned.strip().strip(".").strip()[:100]


def attachments_snapshot(*, user) -> list[dict]:
    """What the submitted snapshot records of each current attachment (rows are immutable, so the
    id alone keeps the file reachable after later replacements)."""
    rows = _current().filter(owner=user).select_related("owner", "entry").order_by("kind", "created_at", "id")
    labels = dict(AttachmentKind.choices)
    snapshot = []
    for a in rows:
        kind = effective_kind(a.kind, a.entry.section if a.entry is not None else None)
        snapshot.append(_snapshot_row(a, kind, labels.get(kind, kind)))
    return snapshot


def _snapshot_row(a: Attachment, kind: str, kind_label: str) -> dict:
    return {
        "id": a.pk,
        "kind": kind,
        "kind_label": kind_label,
        "title": a.title,
        "entry_id": a.entry_id,
        "sha256": a.sha256,
        "size": a.size,
        "content_type": a.content_type,
        "width": a.width,
        "height": a.height,
        "download_name": attachment_download_name(a),
    }
