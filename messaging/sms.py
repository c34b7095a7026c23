"""Pluggable SMS backends. `send_sms` is the one entry point; SMS_BACKEND picks the class.

- OutboxBackend (default): writes the message to the outbox table (support reads it) and logs it.
- ConsoleBackend: logs only (and the outbox row, like every backend).
- HttpGatewayBackend: POSTs JSON {phone, text, purpose} to SMS_GATEWAY_URL with a bearer token.
Every backend records the message in SmsOutbox, so support can always see what was sent."""

from __future__ import annotations

import json
import logging
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string

from .models import SmsOutbox

logger = logging.getLogger("zhicheng.sms")


class BaseSmsBackend:
    def deliver(self, phone: str, text: str, purpose: str) -> None:
        raise NotImplementedError


class OutboxBackend(BaseSmsBackend):
    def deliver(self, phone: str, text: str, purpose: str) -> None:
        logger.info("短信 → %s [%s] %s", phone, purpose, text)


class ConsoleBackend(OutboxBackend):
    pass


class HttpGatewayBackend(BaseSmsBackend):
    timeout = 10

    def deliver(self, phone: str, text: str, purpose: str) -> None:
        if not settings.SMS_GATEWAY_URL:
            raise RuntimeError("未配置 SMS_GATEWAY_URL")
        body = json.dumps({"phone": phone, "text": text, "purpose": purpose}).encode()
        request = urllib.request.Request(  # noqa: S310 - the URL comes from the deployer's settings
            settings.SMS_GATEWAY_URL,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {settings.SMS_GATEWAY_TOKEN}",
            },
        )
        with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
            if response.status >= 300:
                raise RuntimeError(f"短信网关返回 {response.status}")


def get_backend() -> BaseSmsBackend:
    return import_string(settings.SMS_BACKEND)()


def send_sms(*, phone: str, text: str, purpose: str) -> SmsOutbox:
    backend = get_backend()
    full_text = f"{settings.SMS_SIGNATURE}{text}"
    row = SmsOutbox(phone=phone, purpose=purpose, text=full_text, backend=settings.SMS_BACKEND)
    try:
        backend.deliver(phone, full_text, purpose)
    except Exception as exc:  # the message is kept with its error, for support to follow up
        logger.exception("短信发送失败：%s", phone)
        row.status = "failed"
        row.error = str(exc)[:200]
    row.save()
    return row
