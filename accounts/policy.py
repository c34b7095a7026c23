"""The account rules as text and checks: the name and password policy, and the messages that
tell a person what to do next (how to recover an account, who unlocks it). Pure functions, no
writes; services.py uses them, and pages and tests can quote the same text."""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from core import rulebook
from core.errors import FieldErrors
from core.validators import clean_text

from .models import User
from .permissions import unlock_contact
from .selectors import contact_note

NAME_MAX_LENGTH = 40
PASSWORD_MAX_LENGTH = 128
# Han characters (with the extensions), Latin letters, spaces and the middle dot of minority and
# foreign names (维吾尔族 买买提·艾力). Look-alike dots are turned into “·” first.
NAME_RE = re.compile(
    r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134fA-Za-z·]+( [A-Za-z·]+)*$"
)
NAME_DOTS = str.maketrans({"•": "·", "・": "·", "･": "·", "‧": "·", "∙": "·", "．": "·"})

PASSWORD_MESSAGES = {
    "password_too_short": "密码至少 {min_length} 位。",
    "password_too_common": "密码过于常见，容易被猜到，请换一个。",
    "password_entirely_numeric": "密码不能全为数字。",
}


def support_phone() -> str:
    return settings.SUPPORT_PHONE


def duplicate_id_message() -> str:
    return (
        "该身份证号已注册，不能重复注册。如忘记密码，请在登录页点击“忘记密码”，"
        "通过身份证号和注册时填写的手机号码找回；若注册时的手机号码已无法使用，"
        f"请拨打系统技术支持电话{support_phone()}。"
    )


def duplicate_phone_message() -> str:
    return (
        "该手机号码已被其他申报人注册，请填写本人常用的其他手机号码。"
        "如该号码确属本人，您可能已注册过账号，请通过“忘记密码”找回；"
        f"如有疑问请拨打系统技术支持电话{support_phone()}。"
    )


def clean_field(cleaner, value: str, field: str, errors: FieldErrors) -> str | None:
    try:
        return cleaner(value)
    except ValueError as exc:
        errors.add(field, str(exc))
        return None


def clean_person_name(value: str, errors: FieldErrors) -> str | None:
    try:
        name = clean_text((value or "").translate(NAME_DOTS), label="姓名", max_length=NAME_MAX_LENGTH)
    except ValueError as exc:
        errors.add("name", str(exc))
        return None
    if not NAME_RE.fullmatch(name) or name.startswith("·") or name.endswith("·") or "··" in name:
        errors.add("name", "姓名只能包含汉字、字母和间隔号“·”，请按身份证上的姓名填写。")
        return None
    return name


def password_problems(password: str, *, user: User | None = None) -> list[str]:
    """The password policy (at least 8 characters, 3 of 4 character classes, not common, not
    only digits), in Chinese; an empty list when the password is acceptable."""
    if not password:
        return ["请设置密码。"]
    if len(password) > PASSWORD_MAX_LENGTH:
        return [f"密码最多 {PASSWORD_MAX_LENGTH} 位。"]
    try:
        validate_password(password, user)
    except ValidationError as exc:
        messages = []
        for error in exc.error_list:
            template = PASSWORD_MESSAGES.get(error.code or "")
            messages.append(template.format(**(error.params or {})) if template else " ".join(error.messages))
        return messages
    return []


# --- Rule 21 ---------------------------------------------------------------------------------

GENERIC_LOGIN_FAILURE = "账号或密码错误。"


def locked_message(user: User) -> str:
    limit = rulebook.login_max_failed_attempts()
    return f"密码连续输错超过 {limit} 次，账号已被锁定。{unlock_contact(user)}"


# --- Rule 22 ---------------------------------------------------------------------------------


def person_mismatch_message() -> str:
    return (
        "身份证号与注册时填写的手机号码不匹配，无法找回密码。请核对后重试；"
        "如注册时姓名或手机号码填写有误，请参阅“申报网站常见问题”第 3 条，"
        f"拨打系统技术支持电话{support_phone()}进行信息修改。"
    )


def unit_mismatch_message() -> str:
    manual = contact_note(
        "unit_recovery_email",
        "若单位账号密码和联系人电话同时丢失，需将单位名称+诉求+加盖单位公章的情况说明+"
        "单位社会信用代码证（或营业执照）发送至邮箱hrmosmo@163.com。",
    )
    return f"用户名（统一社会信用代码）与单位注册时填写的手机号码不匹配，无法找回密码。{manual}"


def recovery_done_message(user: User) -> str:
    """What the person reads after recovering: still locked means the unlock is still needed."""
    if user.is_locked:
        return f"密码已重置。您的账号目前处于锁定状态，找回密码不会解除锁定：{unlock_contact(user)}"
    return "密码已重置，请使用新密码登录。"
