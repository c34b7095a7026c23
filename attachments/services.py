"""Writes for attachments: upload, replace, delete (archive) and the photo (rule 23).

Rows never change after upload: a replacement is a new row and the old one is archived; a
deletion archives. So a row that a submitted application's snapshot names is never deleted and
its file stays in the storage. While an application is in review or approved the attachments are
frozen (issue 3 item 9)."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from core.audit import audit
from core.errors import Conflict, FieldErrors, Forbidden, NotFound
from core.validators import clean_text
from dossier.hooks import dossier_frozen

from .checks import CheckedFile, FileRefused, check_upload
from .models import Attachment, AttachmentKind
from .permissions import can_manage_attachments
from .rules import photo_problems_of, photo_warnings_of
from .selectors import entry_kinds

FROZEN_MESSAGE = "申报已提交审核，附件已冻结；被返回修改后方可补充或替换。"
TITLE_LABEL = "材料名称"
TITLE_MAX = 100
PHOTO_TITLE = "1寸电子照片"


def _ensure_may_change(user) -> None:
    allowed, reason = can_manage_attachments(user)
    if not allowed:
        raise Forbidden(reason)
    if dossier_frozen.any(user=user):
        raise Conflict(FROZEN_MESSAGE, {"file": [FROZEN_MESSAGE]})


def _own_current(*, user, attachment_id) -> Attachment:
    try:
        pk = int(attachment_id)
    except (TypeError, ValueError):
        pk = 0
    attachment = (
        Attachment.objects.select_for_update().filter(pk=pk, owner=user, archived_at__isnull=True).first()
    )
    if attachment is None:
        raise NotFound("附件不存在或已被替换、删除。")
    return attachment


def _checked_file(errors: FieldErrors, uploaded_file, *, photo: bool) -> CheckedFile | None:
    if uploaded_file is None:
        errors.add("file", "请选择要上传的照片。" if photo else "请选择要上传的文件。")
        return None
    try:
        checked = check_upload(uploaded_file, photo=photo)
    except FileRefused as exc:
        errors.add("file", str(exc))
        return None
    if photo:
        # Rule 23: checked on exactly the bytes that are stored.
        for problem in photo_problems_of(
            content_type=checked.content_type, size=checked.size, width=checked.width, height=checked.height
        ):
            errors.add("file", problem)
        if checked.content_type == "image/jpeg":
            checked.warnings = photo_warnings_of(checked.content)
    return checked


def _clean_title(errors: FieldErrors, title: str | None, *, default: str = "") -> str:
    try:
        return clean_text(title or default, label=TITLE_LABEL, max_length=TITLE_MAX)
    except ValueError as exc:
        errors.add("title", str(exc))
        return ""


def _store(*, user, kind: str, title: str, checked: CheckedFile, entry_id: int | None) -> Attachment:
    attachment = Attachment(
        owner=user,
        entry_id=entry_id,
        kind=kind,
        title=title,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        width=checked.width,
        height=checked.height,
    )
    # The storage name comes from attachments.models.attachment_path (generated, never the upload's).
    attachment.file.save(f"upload.{checked.extension}", ContentFile(checked.content), save=False)
    stored_name = attachment.file.name
    try:
        attachment.save()
    except Exception:
        attachment.file.storage.delete(stored_name)
        raise
    attachment.photo_warnings = checked.warnings
    return attachment


def _own_entry(errors: FieldErrors, *, user, entry_id) -> tuple[int, str] | None:
    """(id, section key) of the user's own entry, or None (an error when one was named)."""
    if entry_id in (None, ""):
        return None
    from dossier.models import DossierEntry

    try:
        pk = int(entry_id)
    except (TypeError, ValueError):
        pk = 0
    section = DossierEntry.objects.filter(pk=pk, dossier__user=user).values_list("section", flat=True).first()
    if section is None:
        errors.add("entry_id", "该申报信息条目不存在，请刷新页面后重试。")
        return None
    return pk, section


def _entry_kind(errors: FieldErrors, *, kind: str, section_key: str) -> str:
    """The category of a scan under an entry: one its section names (the first when none is
    chosen), or 条目附件; anything else is refused naming what the section takes."""
    from dossier.sections import SECTIONS_BY_KEY

    allowed = entry_kinds(section_key)
    if kind in ("", None):
        return allowed[0]
    if kind in allowed or kind == AttachmentKind.ENTRY:
        return kind
    section = SECTIONS_BY_KEY.get(section_key)
    labels = "、".join(AttachmentKind(value).label for value in allowed)
    name = f"“{section.label}”" if section is not None else "该栏目"
    errors.add("kind", f"{name}条目下的附件类别只能是{labels}。")
    return kind


@transaction.atomic
def attachment_upload(
    *, user, kind: str, title: str, uploaded_file, entry_id: int | None = None
) -> Attachment:
    """One new attachment. `kind` photo goes through the rule 23 checks (see photo_upload)."""
    if kind == AttachmentKind.PHOTO:
        return photo_upload(user=user, uploaded_file=uploaded_file)
    _ensure_may_change(user)
    errors = FieldErrors()
    entry = _own_entry(errors, user=user, entry_id=entry_id)
    if entry is not None:
        # Issue 11 item 4: a scan under an entry has its section's category, so it counts.
        kind = _entry_kind(errors, kind=kind, section_key=entry[1])
    elif kind not in AttachmentKind.values:
        errors.add("kind", "请选择材料类别。")
    elif kind == AttachmentKind.ENTRY and "entry_id" not in errors.errors:
        errors.add("entry_id", "条目附件须指明所属的申报信息条目。")
    clean_title = _clean_title(errors, title)
    checked = _checked_file(errors, uploaded_file, photo=False)
    errors.raise_if_any("附件未上传，请按提示修改。")
    own_entry = entry[0] if entry is not None else None
    attachment = _store(user=user, kind=kind, title=clean_title, checked=checked, entry_id=own_entry)
    audit(
        actor=user,
        action="attachment_upload",
        target=attachment,
        detail={"kind": kind, "sha256": checked.sha256},
    )
    return attachment


@transaction.atomic
def photo_upload(*, user, uploaded_file) -> Attachment:
    """The 1-inch photo (rule 23); a new photo archives the previous one."""
    _ensure_may_change(user)
    errors = FieldErrors()
    checked = _checked_file(errors, uploaded_file, photo=True)
    errors.raise_if_any("照片不符合要求，请按提示修改后重新上传。")
    previous = list(
        Attachment.objects.select_for_update().filter(
            owner=user, kind=AttachmentKind.PHOTO, archived_at__isnull=True
        )
    )
    attachment = _store(
        user=user, kind=AttachmentKind.PHOTO, title=PHOTO_TITLE, checked=checked, entry_id=None
    )
    now = timezone.now()
    for old in previous:
        Attachment.objects.filter(pk=old.pk).update(archived_at=now)
    audit(
        actor=user,
        action="photo_upload",
        target=attachment,
        detail={"sha256": checked.sha256, "replaces": [old.pk for old in previous]},
    )
    return attachment


@transaction.atomic
def attachment_replace(*, user, attachment_id: int, title: str, uploaded_file) -> Attachment:
    """A new row with the new file (same kind and entry); the old row is archived, never changed
    otherwise. An empty title keeps the old one."""
    _ensure_may_change(user)
    old = _own_current(user=user, attachment_id=attachment_id)
    photo = old.kind == AttachmentKind.PHOTO
    errors = FieldErrors()
    clean_title = PHOTO_TITLE if photo else _clean_title(errors, title, default=old.title)
    checked = _checked_file(errors, uploaded_file, photo=photo)
    errors.raise_if_any("附件未替换，请按提示修改。")
    attachment = _store(user=user, kind=old.kind, title=clean_title, checked=checked, entry_id=old.entry_id)
    Attachment.objects.filter(pk=old.pk).update(archived_at=timezone.now())
    audit(
        actor=user,
        action="attachment_replace",
        target=attachment,
        detail={"replaces": old.pk, "sha256": checked.sha256},
    )
    return attachment


@transaction.atomic
def attachment_delete(*, user, attachment_id: int) -> None:
    """Archives the row: the file stays, so a submitted snapshot naming it still shows it."""
    _ensure_may_change(user)
    attachment = _own_current(user=user, attachment_id=attachment_id)
    Attachment.objects.filter(pk=attachment.pk).update(archived_at=timezone.now())
    audit(actor=user, action="attachment_delete", target=attachment, detail={"kind": attachment.kind})
