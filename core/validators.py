"""Field checks shared by every service: one message per kind of mistake, in Chinese."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from django.utils import timezone
from stdnum import numdb
from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength, ValidationError

from core.dates import date_label

MOBILE_RE = re.compile(r"^1[3-9][0-9]{9}$")
ID_NUMBER_SHAPE = re.compile(r"[0-9]{17}[0-9X]")  # ASCII digits only (\d takes any script's)
ID_NUMBER_EARLIEST_YEAR = 1900
# Codes used in resident ID numbers that are not in python-stdnum's list of administrative divisions:
# 830000 (台湾地区) begins the numbers of the 台湾居民居住证 (港澳台居民居住证, 2018; 810000 and 820000,
# Hong Kong and Macao, are in the list).
EXTRA_AREA_CODES = frozenset({"830000"})


@lru_cache(maxsize=1024)
def id_area_code_exists(code: str) -> bool:
    """Whether a 6-digit area code has ever been in the national list of administrative
    divisions, abolished codes included (python-stdnum's cn/loc data, its years ignored: an ID
    number keeps the code of the place and time it was issued, which may be older or newer than
    the birth date)."""
    if code in EXTRA_AREA_CODES:
        return True
    if not re.fullmatch(r"[0-9]{6}", code):
        return False
    *_, (part, props) = numdb.get("cn/loc").info(code)
    return len(part) == 4 and bool(props.get("county"))


def typed_text(value: str | None) -> str:
    """A number as typed, normalised: full-width characters of a Chinese input method
    (“５３０１…”) made ordinary, spaces removed."""
    return "".join(unicodedata.normalize("NFKC", value or "").split())


def id_number_text(value: str | None) -> str:
    """An ID number as typed (“５３０１…ｘ”: typed_text), x upper-cased."""
    return typed_text(value).upper()


def search_text(q: str | None) -> str:
    """A search box's text: NUL characters dropped (PostgreSQL takes none in a query), spaces
    folded into one."""
    return " ".join((q or "").replace("\x00", "").split())


def search_query(q: str | None) -> tuple[str, str | None]:
    """A search box that takes a name or an ID number: its text (search_text), a whole ID number
    typed with a Chinese input method (“５３０１…Ｘ”) or with spaces made ordinary (id_number_text);
    and what is wrong with a whole ID number that cannot be one (id_search_problem), else None."""
    text = search_text(q)
    number = id_number_text(text)
    if ID_NUMBER_SHAPE.fullmatch(number):
        text = number
    return text, id_search_problem(text)


def id_search_problem(query: str | None) -> str | None:
    """A search box that takes a name or an ID number: when the query is a whole ID number
    (18 characters of digits and a final X, or more than 18 digits), what is wrong with it; a
    name or part of a number is not checked."""
    text = id_number_text(query)
    if ID_NUMBER_SHAPE.fullmatch(text) or re.fullmatch(r"[0-9]{19,}X?", text):
        return id_number_problem(text)
    return None


def id_number_problem(value: str) -> str | None:
    """The one message for what is wrong with a resident ID number, or None when it is valid."""
    try:
        clean_id_number(value)
    except ValueError as exc:
        return str(exc)
    return None


def clean_id_number(value: str, *, today: dt.date | None = None) -> str:
    """GB 11643 resident ID number, checked the way the numbers are issued:

    18 characters, the first 17 digits and the last a digit or X; an area code (digits 1–6) that
    exists in the national list at any time, abolished codes included (a number keeps the code of
    the place and time it was issued: 530102 五华区 from 1983 is on the cards of people born long
    before); a real calendar date (digits 7–14) from 1900 up to today; the check character.
    Returns the number upper-cased without spaces; raises ValueError with a Chinese message."""
    raw = id_number_text(value)
    if not raw:
        raise ValueError("请填写身份证号。")
    if len(raw) != 18:
        raise ValueError(f"身份证号应为 18 位，当前为 {len(raw)} 位。")
    if not ID_NUMBER_SHAPE.fullmatch(raw):
        raise ValueError("身份证号前 17 位应为数字，最后一位为数字或 X。")
    if not id_area_code_exists(raw[:6]):
        raise ValueError(f"身份证号前 6 位地区码 {raw[:6]} 不存在，请核对。")
    digits = raw[6:14]
    try:
        birth = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise ValueError(
            f"身份证号第 7–14 位出生日期 {int(digits[:4])}年{int(digits[4:6])}月{int(digits[6:])}日"
            " 不是有效日期，请核对。"
        ) from None
    if birth.year < ID_NUMBER_EARLIEST_YEAR:
        raise ValueError(f"身份证号中的出生日期 {date_label(birth)} 早于 1900 年，请核对。")
    if birth > (today or timezone.localdate()):
        raise ValueError(f"身份证号中的出生日期 {date_label(birth)} 晚于今天，请核对。")
    if raw[-1] != ric.calc_check_digit(raw):  # the digit computed from the first 17
        raise ValueError("身份证号校验位不正确，请核对最后一位。")
    return raw


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
    raw = typed_text(value).replace("-", "")
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
