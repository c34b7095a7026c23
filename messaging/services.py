"""Site messages (站内消息): every write goes through a function here."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.errors import FieldErrors, NotFound
from core.validators import clean_text
from orgs.models import Organisation

from .models import SiteMessage

TITLE_MAX = 100  # SiteMessage.title
BODY_MAX = 2000


def site_message_send(
    *,
    sender: User | None,
    recipient: User,
    title: str,
    body: str,
    sender_org: Organisation | None = None,
) -> SiteMessage:
    """Send a message to one person's inbox; title and body are both required."""
    errors = FieldErrors()
    try:
        title = clean_text(title, label="标题", max_length=TITLE_MAX)
    except ValueError as exc:
        errors.add("title", str(exc))
    body = (body or "").strip()
    if not body:
        errors.add("body", "请填写信息内容。")
    elif len(body) > BODY_MAX:
        errors.add("body", f"信息内容最多 {BODY_MAX} 个字，当前 {len(body)} 个字。")
    if recipient is None or not recipient.is_active:
        errors.add("recipient", "收件人不存在或已停用。")
    errors.raise_if_any()
    with transaction.atomic():
        return SiteMessage.objects.create(
            recipient=recipient,
            sender=sender if getattr(sender, "pk", None) else None,
            sender_org=sender_org,
            title=title,
            body=body,
        )


def site_message_mark_read(*, user: User, message_id: int | str) -> SiteMessage:
    """Mark one of the user's own messages read (once; the first read time is kept)."""
    try:
        pk = int(message_id)
    except (TypeError, ValueError):
        raise NotFound("未找到该消息。") from None
    with transaction.atomic():
        message = SiteMessage.objects.select_for_update().filter(pk=pk, recipient=user).first()
        if message is None:
            raise NotFound("未找到该消息。")
        if message.read_at is None:
            message.read_at = timezone.now()
            message.save(update_fields=["read_at"])
    return message


def site_message_mark_all_read(*, user: User) -> int:
    """Mark every unread message of the user read; returns how many were marked."""
    return SiteMessage.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
