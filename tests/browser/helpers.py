"""Helpers the browser tests share (plain functions; the fixtures are in fixtures.py)."""

from __future__ import annotations

import re

from messaging.models import SmsOutbox


def settle(page) -> None:
    """Wait until htmx has answered the last request (dependent selects, searches)."""
    page.wait_for_function("() => !document.querySelector('.htmx-request')")


def latest_sms_code(phone: str) -> str:
    """The verification code of the latest SMS sent to `phone`, read from the outbox as from the
    phone in the hand."""
    text = SmsOutbox.objects.filter(phone=phone).latest("created_at").text
    return re.search(r"验证码：(\d{6})", text).group(1)
