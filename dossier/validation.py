"""Checking one entry against its section's declaration (dossier/sections.py).

`clean_entry` turns raw input (a page's strings or an API's JSON values) into the stored `data`:
every declared key present, text trimmed, dates as ISO strings, numbers as numbers. It collects
every field's error and raises one ServiceError with all of them, so nothing is half-checked."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from stdnum import isbn, issn
from stdnum.exceptions import InvalidChecksum, ValidationError

from core.dates import date_label
from core.errors import FieldErrors

from .sections import Field, Section

MIN_YEAR = 1900
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")
TRUE_WORDS = {"true", "1", "yes", "on", "是", "y"}
FALSE_WORDS = {"false", "0", "no", "off", "否", "n"}


class Invalid(Exception):
    """One field's message."""


def today() -> dt.date:
    return timezone.localdate()


def _is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _as_text(value: object, f: Field) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise Invalid(f"{f.label}应为文本。")
    return str(value)


def _text(value: object, f: Field) -> str:
    text = CONTROL_CHARS.sub(" ", _as_text(value, f))
    if f.kind == "textarea":
        text = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        text = text.strip()
    else:
        text = " ".join(text.split())
    if f.max_length and len(text) > f.max_length:
        raise Invalid(f"{f.label}最多 {f.max_length} 个字，当前 {len(text)} 个字。")
    if f.check and text:
        text = CHECKS[f.check](text, f)
    return text


def _date(value: object, f: Field) -> str:
    if isinstance(value, dt.date):
        value = value.isoformat()
    match = DATE_RE.match(_as_text(value, f).strip())
    if not match:
        raise Invalid(f"{f.label}格式应为 YYYY-MM-DD，如 2019-07-01。")
    try:
        day = dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise Invalid(f"{f.label}不是有效的日期。") from None
    if day.year < MIN_YEAR:
        raise Invalid(f"{f.label}不能早于 {MIN_YEAR} 年。")
    if day > today():
        raise Invalid(f"{f.label}不能晚于今天。")
    return day.isoformat()


def _month(value: object, f: Field) -> str:
    text = _as_text(value, f).strip()
    match = MONTH_RE.match(text)
    if not match:
        raise Invalid(f"{f.label}格式应为 YYYY-MM，如 2019-07。")
    year, month = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        raise Invalid(f"{f.label}的月份应在 1 到 12 之间。")
    if year < MIN_YEAR:
        raise Invalid(f"{f.label}不能早于 {MIN_YEAR} 年。")
    now = today()
    if (year, month) > (now.year, now.month):
        raise Invalid(f"{f.label}不能晚于本月。")
    return f"{year:04d}-{month:02d}"


def _int(value: object, f: Field) -> int:
    if isinstance(value, bool):
        raise Invalid(f"{f.label}应为整数。")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,9}\s*", value):
        value = int(value)
    if not isinstance(value, int):
        raise Invalid(f"{f.label}应为整数。")
    low, high = f.min_value, f.max_value
    if (low is not None and value < low) or (high is not None and value > high):
        if low is not None and high is not None:
            raise Invalid(f"{f.label}应为 {low} 到 {high} 之间的整数。")
        raise Invalid(f"{f.label}不能小于 {low}。" if low is not None else f"{f.label}不能大于 {high}。")
    return value


def _year(value: object, f: Field) -> int:
    if isinstance(value, str) and not re.fullmatch(r"\s*\d{4}\s*", value):
        raise Invalid(f"{f.label}应为四位数字年份，如 {today().year - 1}。")
    year = _int(value, Field(f.key, f.label, "int"))
    low = f.min_value or MIN_YEAR
    if year < low:
        raise Invalid(f"{f.label}不能早于 {low} 年。")
    if year > today().year:
        raise Invalid(f"{f.label}不能晚于 {today().year} 年。")
    return year


def _decimal(value: object, f: Field) -> str:
    if isinstance(value, bool):
        raise Invalid(f"{f.label}应为数字，最多两位小数。")
    try:
        number = Decimal(str(value).strip()) if isinstance(value, str | int | float) else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or number.as_tuple().exponent < -2:
        raise Invalid(f"{f.label}应为数字，最多两位小数。")
    low, high = f.min_value, f.max_value
    if (low is not None and number < low) or (high is not None and number > high):
        raise Invalid(f"{f.label}应在 {low} 到 {high} 之间。")
    text = format(number.quantize(Decimal("0.01")).normalize(), "f")
    return "0" if text in ("-0", "0") else text


def _choice(value: object, f: Field) -> str:
    text = _as_text(value, f).strip() if not isinstance(value, bool) else ""
    for stored, label in f.choices:
        if text in (stored, label):
            return stored
    options = "、".join(label for _stored, label in f.choices)
    raise Invalid(f"{f.label}不是有效的选项，可选：{options}。")


def _bool(value: object, f: Field) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower() if isinstance(value, str | int) else ""
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise Invalid(f"{f.label}应选择“是”或“否”。")


PARSERS: dict[str, Callable[[object, Field], object]] = {
    "text": _text,
    "textarea": _text,
    "date": _date,
    "month": _month,
    "year": _year,
    "int": _int,
    "decimal": _decimal,
    "choice": _choice,
    "bool": _bool,
}


# --- Named format checks ---------------------------------------------------------------------


def check_isbn(text: str, f: Field) -> str:
    compact = isbn.compact(text) if text else ""
    if not re.fullmatch(r"\d{9}[\dX]|\d{13}", compact):
        raise Invalid(f"{f.label}应为 10 位或 13 位书号（10 位的最后一位可为 X），如 978-7-111-12345-6。")
    try:
        isbn.validate(compact)
    except InvalidChecksum:
        raise Invalid(f"{f.label}校验位不正确，请核对最后一位。") from None
    except ValidationError:
        raise Invalid(f"{f.label}不是有效的书号。") from None
    try:
        return isbn.format(compact)
    except ValidationError:  # a valid number outside the published ranges keeps its compact form
        return compact


CN_RE = re.compile(r"CN\s*(\d{2})\s*[-－—]\s*(\d{4})\s*[/／]\s*([A-Z]{1,2}\d{0,2})")
ISSN_RE = re.compile(r"(?<![\dX])(\d{4})\s*[-－]?\s*(\d{3}[\dX])(?![\dX])")


def check_journal_number(text: str, f: Field) -> str:
    """At least one of an ISSN (with a valid check digit) or a CN number (CN 11-2065/TP)."""
    upper = text.upper()
    cn_numbers = CN_RE.findall(upper)
    rest = CN_RE.sub(" ", upper)
    issns = ISSN_RE.findall(rest)
    for first, second in issns:
        try:
            issn.validate(first + second)
        except ValidationError:
            raise Invalid(f"ISSN {first}-{second} 校验位不正确，请核对。") from None
    if not cn_numbers and not issns:
        raise Invalid("请填写刊物的 ISSN 号（如 ISSN 1000-0135）或 CN 刊号（如 CN 11-2065/TP），至少其一。")
    return text


PATENT_RE = re.compile(r"(ZL)?\s*(\d{8}|\d{12})\s*[.．]\s*([\dX])")


def check_patent_number(text: str, f: Field) -> str:
    """Chinese patent numbers (ZL + 8 or 12 digits, a dot and a check character) are checked for
    their form; a number in another country's format is kept as written."""
    upper = text.upper().replace(" ", "")
    if upper.startswith("ZL") or upper[:1].isdigit():
        match = PATENT_RE.fullmatch(upper)
        if not match:
            raise Invalid(
                f"{f.label}格式不正确，应为 ZL 加 8 位或 12 位数字、小数点和校验位，如 ZL202010123456.7。"
            )
        return f"ZL{match.group(2)}.{match.group(3)}"
    return text


CHECKS: dict[str, Callable[[str, Field], str]] = {
    "isbn": check_isbn,
    "journal_number": check_journal_number,
    "patent_number": check_patent_number,
}


# --- Cross-field rules of a section ----------------------------------------------------------


def _current_titles(data: dict, errors: FieldErrors, failed: set[str]) -> None:
    if "appointed" in failed or "appointed_on" in failed:
        return
    if data.get("appointed") is True and not data.get("appointed_on"):
        errors.add("appointed_on", "已聘任的，请填写聘任时间。")
    if data.get("appointed") is False and data.get("appointed_on"):
        errors.add("appointed_on", "未聘任的，请不要填写聘任时间。")


def _education(data: dict, errors: FieldErrors, failed: set[str]) -> None:
    # Rule 10: a 技工院校 class stands in for the education level it counts as.
    if "education" in failed or "technical_class" in failed:
        return
    if not data.get("education") and data.get("technical_class") in (None, "", "无"):
        errors.add("education", "请选择学历；技工院校毕业的，请选择技工院校班次。")


def _work(data: dict, errors: FieldErrors, failed: set[str]) -> None:
    # Rule 11: secondment time without duties in the own unit does not count, so it is recorded.
    if "seconded" in failed or "seconded_own_duties" in failed:
        return
    if data.get("seconded") is True and data.get("seconded_own_duties") is None:
        errors.add("seconded_own_duties", "借调的，请选择借调期间是否承担本单位工作。")
    if data.get("seconded") is False and data.get("seconded_own_duties") is not None:
        data["seconded_own_duties"] = None  # only meaningful during a secondment


SECTION_RULES: dict[str, Callable[[dict, FieldErrors, set[str]], None]] = {
    "current_titles": _current_titles,
    "education": _education,
    "work": _work,
}


def _before_birth(value: object, f: Field, birth_date: dt.date) -> bool:
    if f.kind == "date":
        return str(value) < birth_date.isoformat()
    if f.kind == "month":
        return str(value) < birth_date.isoformat()[:7]
    if f.kind == "year":
        return int(value) < birth_date.year
    return False


def clean_entry(
    *, section: Section, data: object, birth_date: dt.date | None = None
) -> tuple[dict, FieldErrors]:
    """The stored form of `data` and every error found (empty when it is good)."""
    errors = FieldErrors()
    if not isinstance(data, Mapping):
        errors.add("data", "条目内容应为对象（字段名: 值）。")
        return {}, errors
    declared = section.field_map
    for key in data:
        if key not in declared:
            errors.add(str(key), f"“{section.label}”没有此项（{key}）。")
    cleaned: dict = {}
    failed: set[str] = set()
    for f in section.fields:
        raw = data.get(f.key)
        if _is_empty(raw) and f.default is not None:
            raw = f.default
        if _is_empty(raw):
            if f.required:
                verb = "选择" if f.kind in ("choice", "bool") else "填写"
                errors.add(f.key, f"请{verb}{f.label}。")
                failed.add(f.key)
            cleaned[f.key] = "" if f.kind in ("text", "textarea") else None
            continue
        try:
            value = PARSERS[f.kind](raw, f)
        except Invalid as exc:
            errors.add(f.key, str(exc))
            failed.add(f.key)
            cleaned[f.key] = None
            continue
        if f.kind in ("text", "textarea") and f.required and not value:
            errors.add(f.key, f"请填写{f.label}。")
            failed.add(f.key)
        if birth_date and f.kind in ("date", "month", "year") and _before_birth(value, f, birth_date):
            errors.add(f.key, f"{f.label}不能早于出生日期（{date_label(birth_date)}）。")
            failed.add(f.key)
        cleaned[f.key] = value
    for rng in section.ranges:
        start, end = cleaned.get(rng.start), cleaned.get(rng.end)
        if start and end and rng.start not in failed and rng.end not in failed and str(end) < str(start):
            errors.add(rng.end, rng.message)
            failed.add(rng.end)
    rule = SECTION_RULES.get(section.key)
    if rule is not None:
        rule(cleaned, errors, failed)
    return cleaned, errors


def entry_problems(*, section: Section, entry, birth_date: dt.date | None = None) -> dict[str, list[str]]:
    """What a stored entry lacks under the section's declaration now (it may have been saved under
    an older one), by field: clean_entry's errors on its fields still declared (the others are left
    aside). Empty when it fits."""
    declared = {key: value for key, value in entry.data.items() if key in section.field_map}
    _cleaned, errors = clean_entry(section=section, data=declared, birth_date=birth_date)
    return errors.errors
