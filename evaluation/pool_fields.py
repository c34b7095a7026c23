"""One expert's fields as the 新增专家 form, the API and each row of the Excel import give them:
checked in one place, every problem on its field, in Chinese."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from catalog.models import Level, Series
from core.errors import FieldErrors
from core.fields import line_field
from core.validators import clean_mobile

NAME_MAX = 50
UNIT_MAX = 200
TITLE_MAX = 60
SPECIALTIES_MAX = 200

LEVEL_BY_LABEL = {label: value for value, label in Level.choices}
SPLIT_RE = re.compile(r"[、,，;；\s]+")


def parse_date(value: Any) -> date | None:
    """A date from a date input (YYYY-MM-DD), a spreadsheet cell, or 2026年1月1日 / 2026/1/1 /
    2026.1.1; None when it is not a real date."""
    if isinstance(value, date):
        return value.date() if hasattr(value, "date") and callable(value.date) else value
    text = str(value or "").strip()
    match = re.fullmatch(
        r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+00:00(?::00)?)?", text
    )
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _series_rows(values: Any) -> tuple[list[Series], list[str]]:
    """Series from ids or names (a list, or one text with 、 between names); the unknown ones."""
    if values is None:
        items: list[Any] = []
    elif isinstance(values, str):
        items = [part for part in SPLIT_RE.split(values) if part]
    else:
        items = [v for v in values if str(v).strip()]
    ids = [int(v) for v in items if str(v).strip().isdigit()]
    names = [str(v).strip() for v in items if not str(v).strip().isdigit()]
    found = list(Series.objects.filter(pk__in=ids)) + list(Series.objects.filter(name__in=names))
    known_ids = {s.pk for s in found}
    known_names = {s.name for s in found}
    unknown = [str(i) for i in ids if i not in known_ids] + [n for n in names if n not in known_names]
    unique = {s.pk: s for s in found}
    return list(unique.values()), unknown


def clean_expert_fields(
    errors: FieldErrors,
    *,
    name: Any,
    unit_name: Any,
    title: Any,
    level: Any,
    series: Any,
    specialties: Any,
    phone: Any,
    term_start: Any,
    term_end: Any,
) -> dict[str, Any]:
    """Check one expert's input; each problem goes to its field, in Chinese. Also used row by row
    by the Excel import (evaluation/pool_import.py)."""
    cleaned: dict[str, Any] = {}
    for field, value, label, limit in (
        ("name", name, "姓名", NAME_MAX),
        ("unit_name", unit_name, "工作单位", UNIT_MAX),
        ("title", title, "职称", TITLE_MAX),
    ):
        cleaned[field] = line_field(errors, field, value, label=label, max_length=limit)
    level_text = str(level or "").strip()
    if level_text in Level.values:
        cleaned["level"] = level_text
    elif level_text in LEVEL_BY_LABEL:
        cleaned["level"] = LEVEL_BY_LABEL[level_text]
    elif not level_text:
        errors.add("level", "请选择职称层级。")
    else:
        errors.add("level", f"职称层级“{level_text}”不正确，应为正高级、副高级、中级、助理级或员级。")
    rows, unknown = _series_rows(series)
    if unknown:
        errors.add("series", f"评审系列“{'、'.join(unknown)}”不在系统的职称系列目录中。")
    elif not rows:
        errors.add("series", "请选择至少一个评审系列。")
    cleaned["series"] = rows
    parts = [part for part in SPLIT_RE.split(str(specialties or "").strip()) if part]
    text = "、".join(dict.fromkeys(parts))
    if not text:
        errors.add("specialties", "请填写评审专业，多个专业以顿号（、）分隔。")
    elif len(text) > SPECIALTIES_MAX:
        errors.add("specialties", f"评审专业最多 {SPECIALTIES_MAX} 个字，当前 {len(text)} 个字。")
    cleaned["specialties"] = text
    try:
        cleaned["phone"] = clean_mobile(str(phone or ""))
    except ValueError as exc:
        errors.add("phone", str(exc))
    start = parse_date(term_start)
    end = parse_date(term_end)
    if start is None:
        errors.add(
            "term_start",
            "请填写聘期开始日期（如 2026年1月1日）。" if not term_start else "聘期开始不是有效的日期。",
        )
    if end is None:
        errors.add(
            "term_end",
            "请填写聘期结束日期（如 2028年12月31日）。" if not term_end else "聘期结束不是有效的日期。",
        )
    if start and end and end <= start:
        errors.add("term_end", "聘期结束应晚于聘期开始。")
    cleaned["term_start"], cleaned["term_end"] = start, end
    return cleaned
