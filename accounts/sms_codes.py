"""SMS verification codes (registration, password recovery, unit registration).

A code is 6 digits, valid SMS_CODE_TTL_MINUTES, at most SMS_CODE_MAX_TRIES wrong tries; a phone
gets one code per purpose every SMS_CODE_RESEND_SECONDS and at most SMS_CODES_PER_PHONE_PER_DAY.
Only a keyed hash of the code is stored.

Use: `sms_code_check(...)` OUTSIDE your transaction (its failed-try counter must be committed even
when the caller then fails), then `sms_code_consume(row)` INSIDE your transaction."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core import rulebook
from core.errors import Conflict, ServiceError, TooManyRequests
from core.tasks import enqueue
from core.validators import clean_mobile, mask_mobile

from .models import SmsCode, SmsPurpose


def _digest(phone: str, purpose: str, code: str) -> str:
    message = f"{phone}:{purpose}:{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def sms_code_send(*, phone: str, purpose: str) -> tuple[SmsCode, str]:
    """Create and send a code. Returns the row and the code (the code is shown on the page only
    when SMS_SHOW_CODE_ON_PAGE is on, for the demo)."""
    try:
        phone = clean_mobile(phone)
    except ValueError as exc:
        raise ServiceError(str(exc), {"phone": [str(exc)]}) from None
    if purpose not in SmsPurpose.values:
        raise ServiceError("验证码用途不正确。", {"purpose": ["验证码用途不正确。"]})
    now = timezone.now()
    wait = _resend_wait(phone=phone, purpose=purpose, now=now)
    if wait:
        message = f"验证码已发送，请在 {wait} 秒后再获取。"
        raise TooManyRequests(message, {"sms_code": [message]}, retry_after=wait)
    today = SmsCode.objects.filter(phone=phone, created_at__gte=now - timedelta(days=1)).count()
    if today >= rulebook.SMS_CODES_PER_PHONE_PER_DAY:
        message = "该手机号码今日获取验证码次数过多，请明天再试或联系技术支持。"
        raise TooManyRequests(message, {"sms_code": [message]})
    code = f"{secrets.randbelow(1_000_000):06d}"
    with transaction.atomic():
        row = SmsCode.objects.create(
            phone=phone,
            purpose=purpose,
            code_hash=_digest(phone, purpose, code),
            created_at=now,
            expires_at=now + timedelta(minutes=rulebook.SMS_CODE_TTL_MINUTES),
        )
        label = SmsPurpose(purpose).label
        enqueue(
            "messaging.sms.send_sms",
            phone=phone,
            purpose=purpose,
            text=f"您正在进行{label}，验证码：{code}，{rulebook.SMS_CODE_TTL_MINUTES}分钟内有效，请勿告诉他人。",
        )
    return row, code


def sms_sent_message(phone: str) -> str:
    """What the page says once a code is sent."""
    return f"验证码已发送至 {mask_mobile(phone)}，{rulebook.SMS_CODE_TTL_MINUTES} 分钟内有效。"


def sms_resend_wait(*, phone: str, purpose: str) -> int:
    """Seconds before this phone may get another code for this purpose (0: now). A page rendered
    again after a code was sent keeps its 获取验证码 countdown."""
    try:
        phone = clean_mobile(phone)
    except ValueError:
        return 0
    return _resend_wait(phone=phone, purpose=purpose, now=timezone.now())


def _resend_wait(*, phone: str, purpose: str, now: datetime) -> int:
    """Seconds left of the resend interval of the latest code for this (clean) phone and purpose."""
    recent = (
        SmsCode.objects.filter(phone=phone, purpose=purpose)
        .order_by("-created_at")
        .only("created_at")
        .first()
    )
    if recent is None:
        return 0
    elapsed = (now - recent.created_at).total_seconds()
    return max(0, rulebook.SMS_CODE_RESEND_SECONDS - int(elapsed))


def sms_code_check(*, phone: str, purpose: str, code: str, field: str = "sms_code") -> SmsCode:
    """Check the latest unused code for this phone and purpose; raise with a message under `field`."""
    code = (code or "").strip()
    if not code:
        raise ServiceError("请填写短信验证码。", {field: ["请填写短信验证码。"]})
    with transaction.atomic():
        row = (
            SmsCode.objects.select_for_update()
            .filter(phone=phone, purpose=purpose, used_at__isnull=True)
            .order_by("-created_at")
            .first()
        )
        if row is None or row.expires_at <= timezone.now():
            message = "验证码已失效或未获取，请重新获取。"
            ok = False
        elif row.tries >= rulebook.SMS_CODE_MAX_TRIES:
            message = "验证码错误次数过多，请重新获取。"
            ok = False
        elif not hmac.compare_digest(row.code_hash, _digest(phone, purpose, code)):
            row.tries += 1
            row.save(update_fields=["tries"])
            message = "短信验证码不正确。"
            ok = False
        else:
            ok = True
    if not ok:
        raise ServiceError(message, {field: [message]})
    return row


def sms_code_consume(row: SmsCode) -> None:
    """Mark the code used, inside the caller's transaction; a code is good for one use only."""
    used = SmsCode.objects.filter(pk=row.pk, used_at__isnull=True).update(used_at=timezone.now())
    if not used:
        raise Conflict("该验证码已被使用，请重新获取。", {"sms_code": ["该验证码已被使用，请重新获取。"]})
