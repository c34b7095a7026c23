"""Field checks shared by every service: one message per kind of mistake, in Chinese."""

from __future__ import annotations

import re

from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength, ValidationError

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


def clean_id_number(value: str) -> str:
    """GB 11643 resident ID: 18 characters, valid birth date and region, valid check digit."""
    raw = (value or "").strip().upper().replace(" ", "")
    if not raw:
        raise ValueError("请填写身份证号。")
    if len(raw) != 18:
        raise ValueError(f"身份证号应为 18 位，当前为 {len(raw)} 位。")
    if not re.fullmatch(r"\d{17}[\dX]", raw):
        raise ValueError("身份证号前 17 位应为数字，最后一位为数字或 X。")
    try:
        return ric.validate(raw)
    except InvalidChecksum:
        raise ValueError("身份证号校验位不正确，请核对最后一位。") from None
    except InvalidComponent:
        raise ValueError("身份证号中的出生日期或地区码无效。") from None
    except (InvalidFormat, InvalidLength, ValidationError):
        raise ValueError("身份证号格式不正确。") from None


def clean_credit_code(value: str) -> str:
    """GB 32100 unified social credit code: 18 characters with a valid check character."""
    raw = (value or "").strip().upper().replace(" ", "")
    if not raw:
        raise ValueError("请填写统一社会信用代码。")
    if len(raw) != 18:
        raise ValueError(f"统一社会信用代码应为 18 位，当前为 {len(raw)} 位。")
    try:
        return uscc.validate(raw)
    except InvalidChecksum:
        raise ValueError("统一社会信用代码校验位不正确，请核对最后一位。") from None
    except (InvalidFormat, InvalidComponent, InvalidLength, ValidationError):
        raise ValueError("统一社会信用代码格式不正确（18 位数字或大写字母，不含 I、O、Z、S、V）。") from None


def clean_mobile(value: str) -> str:
    raw = (value or "").strip().replace(" ", "").replace("-", "")
    if raw.startswith("+86"):
        raw = raw[3:]
    if not raw:
        raise ValueError("请填写手机号码。")
    if not MOBILE_RE.fullmatch(raw):
        raise ValueError("手机号码应为 11 位中国大陆手机号，以 1 开头。")
    return raw


def clean_text(value: str | None, *, label: str, max_length: int, required: bool = True) -> str:
    text = " ".join((value or "").split())
    if required and not text:
        raise ValueError(f"请填写{label}。")
    if len(text) > max_length:
        raise ValueError(f"{label}最多 {max_length} 个字，当前 {len(text)} 个字。")
    return text


def mask_id_number(value: str) -> str:
    """530102********1234: shown wherever others see lists."""
    if len(value) != 18:
        return value
    return value[:6] + "*" * 8 + value[-4:]


def mask_mobile(value: str) -> str:
    if len(value) != 11:
        return value
    return value[:3] + "****" + value[-4:]
