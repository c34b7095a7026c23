"""Field checks that collect their Chinese messages into a FieldErrors (services call them for every
field, then raise once, so the person learns every mistake at once)."""

from __future__ import annotations

import re
from datetime import date

from .errors import FieldErrors

DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def text_field(
    errors: FieldErrors, field: str, value, *, label: str, max_length: int, required: bool = True
) -> str:
    """Trimmed text with its line breaks kept; one message for a missing or too long value."""
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if required and not text:
        errors.add(field, f"请填写{label}。")
    elif len(text) > max_length:
        errors.add(field, f"{label}最多 {max_length} 个字，当前 {len(text)} 个字。")
    return text


def line_field(
    errors: FieldErrors, field: str, value, *, label: str, max_length: int, required: bool = True
) -> str:
    """One line of text: every run of spaces and line breaks made one space; one message for a
    missing or too long value (the messages of `text_field`)."""
    text = " ".join(str(value or "").split())
    if required and not text:
        errors.add(field, f"请填写{label}。")
    elif len(text) > max_length:
        errors.add(field, f"{label}最多 {max_length} 个字，当前 {len(text)} 个字。")
    return text


def date_field(errors: FieldErrors, field: str, value, *, label: str) -> date | None:
    """A required date given as a date or as YYYY-MM-DD text."""
    if isinstance(value, date):
        return value
    text = "" if value is None else str(value).strip()
    if not text:
        errors.add(field, f"请填写{label}。")
        return None
    match = DATE_RE.match(text)
    if not match:
        errors.add(field, f"{label}格式应为 YYYY-MM-DD，如 2026-03-02。")
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        errors.add(field, f"{label}不是有效的日期。")
        return None
