"""The one notification adapter: a site message (站内消息) always, and an SMS through the
pluggable backend (messaging.sms.send_sms, purpose "notice") when `sms_text` is given and the
person has a phone number. Both are queued with core.tasks.enqueue, so they run after the
current transaction commits (a rolled-back change tells no one) and can go to a task queue."""

from __future__ import annotations

import logging

from core.tasks import enqueue

logger = logging.getLogger(__name__)

SMS_PURPOSE = "notice"


def notify(*, user, title: str, body: str, sms_text: str | None = None) -> None:
    """Tell `user`: site message always; SMS too when `sms_text` is given and they have a phone."""
    if user is None or not getattr(user, "pk", None):
        return
    enqueue("messaging.notify.deliver_site_message", user_id=user.pk, title=title, body=body)
    if sms_text and getattr(user, "phone", ""):
        enqueue("messaging.notify.deliver_sms", phone=user.phone, text=sms_text)


def deliver_site_message(*, user_id: int, title: str, body: str) -> bool:
    """Task: write the site message (an inactive or deleted user gets nothing)."""
    from accounts.models import User
    from core.errors import ServiceError

    from .services import BODY_MAX, TITLE_MAX, site_message_send

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    try:
        site_message_send(sender=None, recipient=user, title=title[:TITLE_MAX], body=body[:BODY_MAX])
    except ServiceError:
        logger.exception("站内消息未发送：%s", title)
        return False
    return True


def deliver_sms(*, phone: str, text: str) -> None:
    """Task: send the SMS (every backend records it in the outbox)."""
    from .sms import send_sms

    send_sms(phone=phone, text=text, purpose=SMS_PURPOSE)
