"""Reads for the inbox and the SMS outbox, each scoped to the viewer."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import User
from core.errors import Forbidden, NotFound, ServiceError

from .models import SiteMessage, SmsOutbox
from .permissions import can_view_sms_outbox

OUTBOX_PAGE_LIMIT = 200  # the outbox page shows the latest 200 messages
OUTBOX_API_MAX = 500
INBOX_PAGE_SIZE = 20


def site_messages_for(*, user: User, unread_only: bool = False) -> QuerySet[SiteMessage]:
    qs = SiteMessage.objects.filter(recipient=user).select_related("sender", "sender_org")
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-id")


def site_message_unread_count(*, user: User) -> int:
    if not user.is_authenticated:
        return 0
    return SiteMessage.objects.filter(recipient=user, read_at__isnull=True).count()


def site_message_get(*, user: User, message_id: int | str) -> SiteMessage:
    try:
        pk = int(message_id)
    except (TypeError, ValueError):
        raise NotFound("未找到该消息。") from None
    message = site_messages_for(user=user).filter(pk=pk).first()
    if message is None:
        raise NotFound("未找到该消息。")
    return message


def sms_outbox_list(*, actor: User, phone: str = "", limit: int = OUTBOX_PAGE_LIMIT) -> QuerySet[SmsOutbox]:
    """The latest SMS messages for technical support, newest first, optionally for one phone
    (any part of the number)."""
    allowed, reason = can_view_sms_outbox(actor)
    if not allowed:
        raise Forbidden(reason)
    if not 1 <= limit <= OUTBOX_API_MAX:
        message = f"条数应在 1 到 {OUTBOX_API_MAX} 之间。"
        raise ServiceError(message, {"limit": [message]})
    phone = "".join((phone or "").split())
    qs = SmsOutbox.objects.all()
    if phone:
        if not phone.isdigit() or len(phone) > 11:
            message = "手机号码只能包含数字，最多 11 位。"
            raise ServiceError(message, {"phone": [message]})
        qs = qs.filter(phone__contains=phone)
    return qs.order_by("-created_at", "-id")[:limit]


def sms_purpose_label(purpose: str) -> str:
    """用途 in Chinese: the verification-code purposes, plus the temporary password of a reset."""
    from accounts.models import SmsPurpose

    labels = {**dict(SmsPurpose.choices), "temp_password": "临时密码", "notice": "审核通知"}
    return labels.get(purpose, purpose)


def sms_status_label(status: str) -> str:
    return {"sent": "已发送", "failed": "发送失败"}.get(status, status)
