"""Template helpers so other apps' pages can show and upload attachments without knowing how:
`{% load attachment_tags %}{% kind_attachments_context kind as ctx %}` (used by
attachments/includes/kind_attachments.html on the dossier basic page)."""

from __future__ import annotations

from django import template

from attachments.models import AttachmentKind
from attachments.selectors import current_of_kind
from dossier.hooks import dossier_frozen

register = template.Library()


@register.simple_tag(takes_context=True)
def kind_attachments_context(context, kind: str) -> dict:
    """The current attachments of `kind` for the signed-in person, whether changes are allowed,
    the label, and (for the photo) the rule 23 verdict on the stored photo."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"items": [], "frozen": True, "editable": False, "label": "", "kind": kind}
    items = current_of_kind(user=user, kind=kind)
    frozen = dossier_frozen.any(user=user)
    data = {
        "kind": kind,
        "label": AttachmentKind(kind).label if kind in AttachmentKind.values else kind,
        "items": items,
        "frozen": frozen,
        "editable": not frozen,
        "is_photo": kind == AttachmentKind.PHOTO,
    }
    if kind == AttachmentKind.PHOTO and items:
        from attachments.rules import photo_problems

        data["photo_problems"] = photo_problems(attachment=items[-1])
    # What 基本信息 declares makes the upload required for the application being edited (the page's
    # view reads it once: dossier.hooks.editing_basic_kinds); the photo is never marked
    # here (it depends on the committee, provincial only).
    data["required"] = kind in context.get("required_uploads", ())
    return data


@register.simple_tag(takes_context=True)
def entry_upload_form(context, entry):
    """The upload form under one entry: the refused one when this entry's upload was refused
    (what was typed and chosen kept, the message next to its field), else a fresh one."""
    from attachments.forms import EntryAttachmentForm

    refused = context.get("entry_upload_form")
    if refused is not None and refused.entry.pk == entry.pk:
        return refused
    return EntryAttachmentForm(entry=entry)


@register.filter
def filesize(value) -> str:
    """1234567 → "1.2 MB"; 20480 → "20 KB"."""
    from attachments.checks import human_size

    try:
        return human_size(int(value))
    except (TypeError, ValueError):
        return ""
