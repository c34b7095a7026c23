"""Reading the data files and checking their values; every problem is collected so that one run
reports them all (CatalogDataError)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from django.db import models

from core.errors import ServiceError

from ..models import Level
from .sync import Table

CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
CJK_SPACE_RE = re.compile(f"[{CJK}] +[{CJK}]")
LEVEL_CODES = {level.value for level in Level}


class CatalogDataError(ServiceError):
    """The data files are missing, malformed or inconsistent; `errors` maps file name → problems."""


class Problems:
    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, where: str, message: str) -> None:
        self.errors.setdefault(where, []).append(message)

    def raise_if_any(self) -> None:
        if self.errors:
            count = sum(len(v) for v in self.errors.values())
            raise CatalogDataError(f"数据文件有 {count} 处问题，未写入数据库。", self.errors)


def read_file(path: Path, problems: Problems, expect: type) -> Any:
    if not path.exists():
        problems.add(path.name, f"找不到数据文件 {path}。")
        return expect()
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except yaml.YAMLError as exc:
        problems.add(path.name, f"不是有效的 YAML：{exc}")
        return expect()
    if not isinstance(data, expect):
        problems.add(path.name, "顶层结构应为列表。" if expect is list else "顶层结构应为映射。")
        return expect()
    return data


def records(data: list, where: str, problems: Problems) -> Iterable[tuple[int, dict]]:
    for i, item in enumerate(data, start=1):
        if isinstance(item, dict):
            yield i, item
        else:
            problems.add(where, f"第 {i} 条不是映射。")


def one_line(record: dict, name: str, where: str, problems: Problems, *, required: bool = True) -> str:
    """A one-line text: no line breaks, no outer spaces, no ASCII space between CJK characters."""
    value = record.get(name)
    if value is None or value == "":
        if required:
            problems.add(where, f"缺少 {name}。")
        return ""
    if not isinstance(value, str | int) or isinstance(value, bool):
        problems.add(where, f"{name} 应为文本：{value!r}")
        return ""
    value = str(value)
    if "\n" in value or "\r" in value or "\t" in value:
        problems.add(where, f"{name} 含换行或制表符：{value!r}")
    if value != value.strip():
        problems.add(where, f"{name} 首尾有空格：{value!r}")
    if CJK_SPACE_RE.search(value):
        problems.add(where, f"{name} 的汉字之间有空格：{value!r}")
    return value


def one_line_list(record: dict, name: str, where: str, problems: Problems) -> list[str]:
    values = record.get(name) or []
    if not isinstance(values, list):
        problems.add(where, f"{record.get('name') or record.get('number')} 的 {name} 应为列表。")
        return []
    return [one_line({name: v}, name, where, problems) for v in values]


def paragraphs(record: dict, name: str, where: str, problems: Problems) -> str:
    """Multi-paragraph text: paragraphs separated by exactly one blank line."""
    value = record.get(name)
    if not isinstance(value, str) or not value.strip():
        problems.add(where, f"缺少 {name}。")
        return ""
    if "\r" in value or "\n\n\n" in value or re.search(r"(?<!\n)\n(?!\n)", value):
        problems.add(where, f"{name} 的段落之间应恰好空一行。")
    if any(p != p.strip() or not p for p in value.split("\n\n")):
        problems.add(where, f"{name} 有首尾带空格的段落或空段落。")
    return value


def integer(record: dict, name: str, where: str, problems: Problems) -> int:
    value = record.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        problems.add(where, f"{name} 应为非负整数：{value!r}")
        return 0
    return value


def unique(items: Iterable, what: str, where: str, problems: Problems) -> None:
    seen: set = set()
    for item in items:
        if item in seen:
            problems.add(where, f"{what}重复：{item}")
        seen.add(item)


def check_lengths(table: Table, problems: Problems) -> None:
    """CharField lengths (PostgreSQL enforces them; SQLite does not)."""
    limits = {
        f.name: f.max_length
        for f in table.model._meta.get_fields()
        if isinstance(f, models.CharField) and f.max_length
    }
    for row in table.rows:
        for name, value in row.values.items():
            if isinstance(value, str) and name in limits and len(value) > limits[name]:
                problems.add(
                    table.label, f"{row.label}：{table.field_label(name)} 超过 {limits[name]} 个字符。"
                )
