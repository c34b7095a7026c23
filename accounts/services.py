"""Account services: every change to an account goes through a function here.

Services take keyword-only typed arguments, validate, save in a transaction and return the
object; they never see the request (the caller passes `ip`). Input mistakes are collected and
reported all at once (core.errors.FieldErrors)."""

from __future__ import annotations

import secrets
import string

from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from core import rulebook
from core.audit import audit
from core.errors import AccountLocked, AuthenticationFailed, FieldErrors, Forbidden, ServiceError
from core.http import valid_ip
from core.tasks import enqueue
from core.validators import clean_id_number, clean_mobile

from .models import ApiToken, LoginAttempt, LoginChannel, LoginResult, Role, SmsCode, SmsPurpose, User
from .permissions import can_choose_unit, can_manage_staff_account
from .policy import (
    GENERIC_LOGIN_FAILURE,
    clean_field,
    clean_person_name,
    duplicate_id_message,
    duplicate_phone_message,
    locked_message,
    password_problems,
    person_mismatch_message,
    support_phone,
    unit_mismatch_message,
)
from .selectors import id_number_taken, phone_owner, unit_get_choosable, user_resolve_login
from .sms_codes import sms_code_check, sms_code_consume, sms_code_send


def _check_code(*, phone: str | None, purpose: str, code: str, errors: FieldErrors) -> SmsCode | None:
    """The SMS code check runs in its own transaction, so a wrong try is counted even when the
    caller then fails; its message joins the other field errors."""
    if not (code or "").strip():
        errors.add("sms_code", "请填写短信验证码。")
        return None
    if phone is None:
        return None  # the phone's own error already tells the person what to fix
    try:
        return sms_code_check(phone=phone, purpose=purpose, code=code)
    except ServiceError as exc:
        for field, messages in (exc.errors or {"sms_code": [exc.detail]}).items():
            for message in messages:
                errors.add(field, message)
        return None


# --- SMS codes -------------------------------------------------------------------------------


def sms_code_request(*, phone: str, purpose: str) -> tuple[SmsCode, str]:
    """Send a verification code (the 获取验证码 button). A mobile number already registered by an
    applicant gets no registration code: the person is told at once (seed 五(四)3)."""
    if purpose == SmsPurpose.REGISTER:
        try:
            cleaned = clean_mobile(phone)
        except ValueError:
            cleaned = None
        if cleaned and phone_owner(phone=cleaned) is not None:
            message = duplicate_phone_message()
            raise ServiceError(message, {"phone": [message]})
    return sms_code_send(phone=phone, purpose=purpose)


# --- Registration ----------------------------------------------------------------------------


def person_register(
    *,
    name: str,
    id_number: str,
    phone: str,
    password: str,
    sms_code: str,
    unit_id: int | str | None = None,
    ip: str | None = None,
    password_confirm: str | None = None,
) -> User:
    """Issue 2 item 3: an applicant registers with 姓名, 身份证号, 手机号码, a password and the SMS
    code sent to that phone, optionally choosing a registered unit. The username is the ID number."""
    errors = FieldErrors()
    clean_name = clean_person_name(name, errors)
    clean_id = clean_field(clean_id_number, id_number, "id_number", errors)
    clean_phone = clean_field(clean_mobile, phone, "phone", errors)
    if clean_id and id_number_taken(id_number=clean_id):
        errors.add("id_number", duplicate_id_message())
    if clean_phone:
        owner = phone_owner(phone=clean_phone)
        if owner is not None and owner.id_number != clean_id:
            errors.add("phone", duplicate_phone_message())
    probe = User(username=clean_id or "", name=clean_name or "", phone=clean_phone or "")
    for message in password_problems(password, user=probe):
        errors.add("password", message)
    if password_confirm is not None and password and password_confirm != password:
        errors.add("password_confirm", "两次输入的密码不一致。")
    unit = None
    if unit_id not in (None, ""):
        unit = unit_get_choosable(unit_id=unit_id)
        if unit is None:
            errors.add("unit_id", "所选工作单位不存在或已停用，请重新选择。")
    code_row = _check_code(phone=clean_phone, purpose=SmsPurpose.REGISTER, code=sms_code, errors=errors)
    errors.raise_if_any()
    assert code_row is not None and clean_id and clean_phone and clean_name

    try:
        with transaction.atomic():
            sms_code_consume(code_row)
            user = User(
                username=clean_id,
                id_number=clean_id,
                name=clean_name,
                phone=clean_phone,
                role=Role.APPLICANT,
                organisation=unit,
            )
            user.set_password(password)
            user.save(force_insert=True)
            audit(
                actor=user,
                action="account_register",
                target=user,
                detail={"unit_id": unit.pk if unit else None},
                ip=valid_ip(ip),
            )
    except IntegrityError:
        # Someone registered the same ID number or phone a moment ago: same answer as the check
        # (the database is asked again, after the rollback).
        if User.objects.filter(Q(id_number=clean_id) | Q(username=clean_id)).exists():
            raise ServiceError.fields({"id_number": [duplicate_id_message()]}) from None
        raise ServiceError.fields({"phone": [duplicate_phone_message()]}) from None
    return user


# --- Login (rule 21) -------------------------------------------------------------------------


def _record_attempt(*, user: User | None, identifier: str, ip: str | None, result: str, channel: str) -> None:
    LoginAttempt.objects.create(
        user=user,
        identifier=identifier.replace("\x00", "")[:64],  # PostgreSQL stores no NUL character
        ip=valid_ip(ip),
        result=result,
        channel=channel,
    )


def auth_login(
    *, identifier: str, password: str, ip: str | None = None, channel: str = LoginChannel.WEB
) -> User:
    """Check a login by 身份证号, mobile number or username (rule 21).

    The failure counter lives in the user row and is changed under `select_for_update()`, so
    parallel wrong passwords are counted one after another: the (limit+1)-th consecutive wrong
    password locks the account and gets the locked answer; a locked account stays locked even
    with the right password (only the unit admin or support unlock it); a right password resets
    the counter. Every attempt is recorded, and the record commits before the error is raised."""
    ident = (identifier or "").strip()
    errors = FieldErrors()
    if not ident:
        errors.add("username", "请填写账号（身份证号、手机号码或用户名）。")
    if not password:
        errors.add("password", "请填写密码。")
    errors.raise_if_any("请填写账号和密码。")
    if channel not in LoginChannel.values:
        channel = LoginChannel.WEB

    user = user_resolve_login(identifier=ident)
    if user is None:
        make_password(password)  # as slow as a real check: the answer time says nothing
        _record_attempt(user=None, identifier=ident, ip=ip, result=LoginResult.UNKNOWN, channel=channel)
        raise AuthenticationFailed(GENERIC_LOGIN_FAILURE)

    limit = rulebook.login_max_failed_attempts()
    password_ok = False
    with transaction.atomic():
        row = User.objects.select_for_update().get(pk=user.pk)
        if not row.is_active:
            password_ok = row.check_password(password)
            result = LoginResult.INACTIVE
        elif row.locked_at is not None:
            result = LoginResult.LOCKED
        elif row.check_password(password):
            result = LoginResult.SUCCESS
            row.failed_login_count = 0
            row.last_login = timezone.now()
            row.save(update_fields=["failed_login_count", "last_login"])
        else:
            row.failed_login_count += 1
            if row.failed_login_count > limit:
                row.locked_at = timezone.now()
                result = LoginResult.LOCKED_NOW
            else:
                result = LoginResult.WRONG_PASSWORD
            row.save(update_fields=["failed_login_count", "locked_at"])
        _record_attempt(user=row, identifier=ident, ip=ip, result=result, channel=channel)

    if result == LoginResult.SUCCESS:
        return row
    if result == LoginResult.INACTIVE:
        if password_ok:
            raise AuthenticationFailed(f"该账号已停用，如有疑问请拨打系统技术支持电话{support_phone()}。")
        raise AuthenticationFailed(GENERIC_LOGIN_FAILURE)
    if result in (LoginResult.LOCKED, LoginResult.LOCKED_NOW):
        raise AccountLocked(locked_message(row))
    remaining = limit + 1 - row.failed_login_count
    message = f"密码错误，再输错 {remaining} 次账号将被锁定。"
    raise AuthenticationFailed(message, {"password": [message]})


# --- Password recovery (rule 22) and change --------------------------------------------------


def account_recover_password(
    *,
    phone: str,
    sms_code: str,
    new_password: str,
    id_number: str | None = None,
    username: str | None = None,
    new_password_confirm: str | None = None,
    ip: str | None = None,
) -> User:
    """Rule 22: an applicant sets a new password with 身份证号 + the registered mobile + the SMS
    code sent to it; a unit account (pass `username` instead of `id_number`) with its username
    (统一社会信用代码) + the registered mobile of the unit admin. It does not unlock a locked
    account (rule 21: only the unit admin or support unlock)."""
    by_unit = username is not None and id_number is None
    errors = FieldErrors()
    clean_id = None
    clean_username = ""
    if by_unit:
        clean_username = (username or "").replace("\x00", "").strip().upper()
        if not clean_username:
            errors.add("username", "请填写用户名（统一社会信用代码）。")
    else:
        clean_id = clean_field(clean_id_number, id_number or "", "id_number", errors)
    clean_phone = clean_field(clean_mobile, phone, "phone", errors)
    for message in password_problems(new_password):
        errors.add("new_password", message)
    if new_password_confirm is not None and new_password and new_password_confirm != new_password:
        errors.add("new_password_confirm", "两次输入的新密码不一致。")
    code_row = _check_code(phone=clean_phone, purpose=SmsPurpose.RESET_PASSWORD, code=sms_code, errors=errors)
    errors.raise_if_any()
    assert code_row is not None

    if by_unit:
        account = (
            User.objects.filter(role=Role.UNIT_ADMIN, username=clean_username)
            .filter(Q(phone=clean_phone) | Q(organisation__head_phone=clean_phone))
            .first()
        )
        if account is None:
            raise ServiceError(unit_mismatch_message())
    else:
        account = User.objects.filter(role=Role.APPLICANT, id_number=clean_id, phone=clean_phone).first()
        if account is None:
            raise ServiceError(person_mismatch_message())

    with transaction.atomic():
        sms_code_consume(code_row)
        row = User.objects.select_for_update().get(pk=account.pk)
        row.set_password(new_password)
        row.must_change_password = False
        if row.locked_at is None:
            row.failed_login_count = 0  # a fresh password starts a fresh count; a lock stays (rule 21)
        row.save(update_fields=["password", "must_change_password", "failed_login_count"])
        ApiToken.objects.filter(user=row).delete()
        audit(actor=row, action="account_recover_password", target=row, ip=valid_ip(ip))
    return row


def account_change_password(
    *,
    user: User,
    old_password: str,
    new_password: str,
    new_password_confirm: str | None = None,
    keep_token_id: int | None = None,
    ip: str | None = None,
) -> User:
    """A signed-in person changes the password (after an admin reset, the old one is the
    temporary password from the SMS). Other API tokens are revoked; other sessions end because
    the session hash changes."""
    errors = FieldErrors()
    old_label = "临时密码" if user.must_change_password else "原密码"
    old_ok = False
    if not old_password:
        errors.add("old_password", f"请填写{old_label}。")
    elif not user.check_password(old_password):
        errors.add("old_password", f"{old_label}不正确。")
    else:
        old_ok = True
    for message in password_problems(new_password, user=user):
        errors.add("new_password", message)
    if new_password_confirm is not None and new_password and new_password_confirm != new_password:
        errors.add("new_password_confirm", "两次输入的新密码不一致。")
    if old_ok and new_password and new_password == old_password:
        errors.add("new_password", f"新密码不能与{old_label}相同。")
    errors.raise_if_any()

    with transaction.atomic():
        row = User.objects.select_for_update().get(pk=user.pk)
        row.set_password(new_password)
        row.must_change_password = False
        row.save(update_fields=["password", "must_change_password"])
        ApiToken.objects.filter(user=row).exclude(pk=keep_token_id).delete()
        audit(actor=row, action="account_change_password", target=row, ip=valid_ip(ip))
    user.password = row.password
    user.must_change_password = False
    return row


# --- Profile ---------------------------------------------------------------------------------


def applicant_set_unit(
    *, user: User, unit_id: int | str | None, ip: str | None = None, household: bool = False
) -> User:
    """The applicant chooses (or changes) the work unit on the 基本信息 page. The unit must be a
    registered, active unit or personnel agency; with `household` (基本信息, which checks the
    用工形式 first) also an active district office, a freelancer's 户口所在地人社部门."""
    allowed, reason = can_choose_unit(user)
    if not allowed:
        raise Forbidden(reason)
    if unit_id in (None, ""):
        raise ServiceError.fields({"unit_id": ["请选择工作单位。"]})
    unit = unit_get_choosable(unit_id=unit_id, household=household)
    if unit is None:
        raise ServiceError.fields({"unit_id": ["所选工作单位不存在或已停用，请重新选择。"]})
    with transaction.atomic():
        row = User.objects.select_for_update().get(pk=user.pk)
        previous = row.organisation_id
        row.organisation = unit
        row.save(update_fields=["organisation"])
        audit(
            actor=row,
            action="applicant_set_unit",
            target=row,
            detail={"from": previous, "to": unit.pk},
            ip=valid_ip(ip),
        )
    user.organisation = unit
    return row


# --- Unit admin and support actions ----------------------------------------------------------


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
