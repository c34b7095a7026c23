"""Account services: every change to an account goes through a function here.

Services take keyword-only typed arguments, validate, save in a transaction and return the
object; they never see the request (the caller passes `ip`)."""

from __future__ import annotations

import secrets
import string

from django.db import transaction

from core.audit import audit
from core.errors import Forbidden
from core.tasks import enqueue

from .models import User
from .permissions import can_manage_staff_account


def account_unlock(*, actor: User, user: User, ip: str | None = None) -> User:
    """Rule 21: the unit admin of the applicant's unit, or support, unlocks a locked account."""
    allowed, reason = can_manage_staff_account(actor, user)
    if not allowed:
        raise Forbidden(reason)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        was_locked = locked.locked_at is not None
        locked.locked_at = None
        locked.failed_login_count = 0
        locked.save(update_fields=["locked_at", "failed_login_count"])
        audit(actor=actor, action="account_unlock", target=locked, detail={"was_locked": was_locked}, ip=ip)
    return locked


def make_temporary_password() -> str:
    """12 characters with every character class, so it passes the password policy."""
    rng = secrets.SystemRandom()
    parts = [
        rng.choice(string.ascii_uppercase),
        rng.choice(string.ascii_lowercase),
        rng.choice(string.digits),
        rng.choice("@#%*+=?"),
    ]
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"
    parts += [rng.choice(alphabet) for _ in range(8)]
    rng.shuffle(parts)
    return "".join(parts)


def account_reset_password_by_admin(*, actor: User, user: User, ip: str | None = None) -> User:
    """A unit admin (or support) resets an applicant's password: a temporary password goes to the
    applicant's registered mobile by SMS, and the next login must change it. The temporary
    password is never shown to the admin."""
    allowed, reason = can_manage_staff_account(actor, user)
    if not allowed:
        raise Forbidden(reason)
    temporary = make_temporary_password()
    with transaction.atomic():
        target = User.objects.select_for_update().get(pk=user.pk)
        target.set_password(temporary)
        target.must_change_password = True
        target.locked_at = None
        target.failed_login_count = 0
        target.save(update_fields=["password", "must_change_password", "locked_at", "failed_login_count"])
        audit(actor=actor, action="account_reset_password", target=target, ip=ip)
        if target.phone:
            enqueue(
                "messaging.sms.send_sms",
                phone=target.phone,
                purpose="temp_password",
                text=f"您的职称申报系统账号密码已由单位重置，临时密码：{temporary}，登录后请立即修改。",
            )
    return target
