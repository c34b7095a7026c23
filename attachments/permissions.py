"""Who may see an attachment. Pages, API and admin all ask this function; a refusal is a 404
(the file's existence is not revealed)."""

from __future__ import annotations

from accounts.models import Role

from .hooks import reviewer_may_view
from .models import Attachment


def can_view_attachment(actor, attachment: Attachment) -> tuple[bool, str]:
    """The owner and technical support; and a reviewer when a submitted snapshot of an application
    in the reviewer's scope (reviews.selectors.review_scope) names the attachment (its id is in
    Application.snapshot["attachments"]): the reviewer sees exactly the files that were submitted,
    also after the applicant replaced them. reviews answers the reviewer's case through
    attachments.hooks.reviewer_may_view."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False, "请先登录。"
    if attachment.owner_id == actor.pk:
        return True, ""
    if actor.role == Role.SUPPORT:
        return True, ""
    if reviewer_may_view.any(actor=actor, attachment=attachment):
        return True, ""
    return False, "附件不存在。"


def can_manage_attachments(actor) -> tuple[bool, str]:
    """Only an applicant uploads, replaces and deletes (their own) attachments."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False, "请先登录。"
    if actor.role == Role.APPLICANT:
        return True, ""
    return False, "只有申报人可以管理附件。"
