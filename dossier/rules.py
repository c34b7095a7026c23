"""Dossier rules that other apps ask about an entry (the eligibility checks of applications/),
and the dossier's own limits. Plain functions over an entry's `data`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

# Each section holds at most this many entries (a bound on page size and on a submitted snapshot).
MAX_ENTRIES_PER_SECTION = 50

# Rule 10: 技工院校 中级工班 / 高级工班 / 预备技师（技师）班 count as 中专 / 大专 / 本科.
TECHNICAL_CLASS_EQUIVALENT = {
    "中级工班": "中专",
    "高级工班": "大专",
    "预备技师（技师）班": "本科",
}
# The education levels from low to high (the choices of the 学历 field).
EDUCATION_ORDER = ("中专", "大专", "本科", "硕士研究生", "博士研究生")


def _data(entry) -> Mapping:
    return entry if isinstance(entry, Mapping) else getattr(entry, "data", {}) or {}


def equivalent_education(entry) -> str:
    """The education level an entry of 学历情况 counts as (rule 10): its 学历, or the level its
    技工院校班次 counts as, whichever is higher; "" when neither is given. Full-time and part-time
    study count alike (rule 10), so 学习形式 does not change the answer."""
    data = _data(entry)
    candidates = [
        data.get("education") or "",
        TECHNICAL_CLASS_EQUIVALENT.get(data.get("technical_class") or "", ""),
    ]
    ranked = [c for c in candidates if c in EDUCATION_ORDER]
    if not ranked:
        return ""
    return max(ranked, key=EDUCATION_ORDER.index)


Entry = TypeVar("Entry")


def highest_education_entry(
    entries: Iterable[Entry], values: Callable[[Entry], Mapping] = _data
) -> tuple[Entry | None, str]:
    """Of 学历情况's entries, the one that counts highest (equivalent_education, rule 10), the latest
    to end of those that count equally high, with the level it counts as: (entry, "本科"); the
    entry with "" when none counts as a level; (None, "") without entries. `values` reads an
    entry's field values."""
    best, best_key, best_level = None, None, ""
    for entry in entries:
        data = values(entry)
        level = equivalent_education(data)
        key = (EDUCATION_ORDER.index(level) if level else -1, str(data.get("end") or ""))
        if best_key is None or key > best_key:
            best, best_key, best_level = entry, key, level
    return best, best_level


def counted_as_label(technical_class: object, level: str) -> str:
    """A 技工院校 class with the level it counts as (rule 10): "高级工班（视同大专）"."""
    return f"{technical_class}（视同{level}）"


def is_yes(value: object) -> bool:
    """A 是/否 value of an entry: True, or a word meaning yes ("true", "是") when stored as text."""
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.strip().lower() in {"true", "1", "yes", "on", "是", "y"}


def work_counts_for_service(entry) -> bool:
    """Whether a 工作经历 entry counts towards years of professional service (rule 11): only time
    on a professional post, and a secondment only when the person kept duties in the own unit."""
    data = _data(entry)
    if not is_yes(data.get("professional")):
        return False
    if is_yes(data.get("seconded")):
        return is_yes(data.get("seconded_own_duties"))
    return True
