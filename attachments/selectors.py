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
    rows = _current().filter(owner=user).select_related("owner").order_by("kind", "created_at", "id")
    return [
        {
            "id": a.pk,
            "kind": a.kind,
            "kind_label": a.get_kind_display(),
            "title": a.title,
            "entry_id": a.entry_id,
            "sha256": a.sha256,
            "size": a.size,
            "content_type": a.content_type,
            "width": a.width,
            "height": a.height,
            "download_name": attachment_download_name(a),
        }
        for a in rows
    ]
