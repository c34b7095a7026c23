"""/api/v1/support/: the SMS outbox for technical support, and the signed-in person's inbox
(站内消息) under /messages/. Thin: the same selectors and services as the pages."""

from __future__ import annotations

import math
from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from accounts.auth import api_auth

from . import services
from .models import SiteMessage
from .selectors import (
    INBOX_PAGE_SIZE,
    OUTBOX_PAGE_LIMIT,
    site_message_unread_count,
    site_messages_for,
    sms_outbox_list,
    sms_purpose_label,
    sms_status_label,
)

router = Router(tags=["消息与技术支持"])


class Error(Schema):
    detail: str
    errors: dict[str, list[str]]


class SmsOut(Schema):
    id: int
    phone: str
    purpose: str
    purpose_label: str
    text: str
    created_at: datetime
    status: str
    status_label: str
    error: str


@router.get(
    "/sms-outbox",
    auth=api_auth,
    response={200: list[SmsOut], 400: Error, 403: Error},
    operation_id="support_sms_outbox",
    summary="短信发件箱（仅技术支持；phone 可按号码筛选，limit 最多 500）",
)
def sms_outbox(request: HttpRequest, phone: str = "", limit: int = OUTBOX_PAGE_LIMIT):
    rows = sms_outbox_list(actor=request.auth, phone=phone, limit=limit)
    return [
        {
            "id": row.pk,
            "phone": row.phone,
            "purpose": row.purpose,
            "purpose_label": sms_purpose_label(row.purpose),
            "text": row.text,
            "created_at": row.created_at,
            "status": row.status,
            "status_label": sms_status_label(row.status),
            "error": row.error,
        }
        for row in rows
    ]


class MessageOut(Schema):
    id: int
    title: str
    body: str
    sender: str
    created_at: datetime
    read_at: datetime | None
    is_read: bool


class MessagePage(Schema):
    count: int
    unread: int
    page: int
    pages: int
    page_size: int
    items: list[MessageOut]


def message_out(message: SiteMessage) -> dict:
    if message.sender_org:
        sender = message.sender_org.name
    elif message.sender:
        sender = message.sender.name or message.sender.username
    else:
        sender = "系统"
    return {
        "id": message.pk,
        "title": message.title,
        "body": message.body,
        "sender": sender,
        "created_at": message.created_at,
        "read_at": message.read_at,
        "is_read": message.read_at is not None,
    }


@router.get(
    "/messages",
    auth=api_auth,
    response={200: MessagePage},
    operation_id="messages_list",
    summary="站内消息列表（unread=true 只看未读）",
)
def messages_list(request: HttpRequest, page: int = 1, unread: bool = False):
    qs = site_messages_for(user=request.auth, unread_only=unread)
    count = qs.count()
    pages = max(1, math.ceil(count / INBOX_PAGE_SIZE))
    page = min(max(1, page), pages)
    start = (page - 1) * INBOX_PAGE_SIZE
    return {
        "count": count,
        "unread": site_message_unread_count(user=request.auth),
        "page": page,
        "pages": pages,
        "page_size": INBOX_PAGE_SIZE,
        "items": [message_out(m) for m in qs[start : start + INBOX_PAGE_SIZE]],
    }


@router.post(
    "/messages/{message_id}/read",
    auth=api_auth,
    response={200: MessageOut, 404: Error},
    operation_id="messages_read",
    summary="标记站内消息为已读",
)
def messages_read(request: HttpRequest, message_id: int):
    message = services.site_message_mark_read(user=request.auth, message_id=message_id)
    message = site_messages_for(user=request.auth).get(pk=message.pk)
    return message_out(message)
