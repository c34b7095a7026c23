"""从事专业技术工作年限: the years of professional work counted up to a day (rule 8: the last day of
the committee's month), with the seed's rules on where they start and which months do not count.

- Seed question 10: for 工勤技能 or management staff of a public institution moved to a
  professional post, a 初级 application (员级, 助理级) counts from the post change fixed by the
  unit's document, 中级 and above from the appointment with its pay (rules.facts.service_start_for_level).
- Rule 11 (question 11): the months of 工作经历 entries that do not count (a secondment without
  duties in the own unit, or not on a professional post: dossier.rules.work_counts_for_service) are
  left out where they overlap the counted span.

`service_months` is the month arithmetic, a plain function; `service_count` reads a dossier."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from catalog.models import Level
from core.months import full_months_between
from rules.facts import JUNIOR_LEVELS, service_start_for_level

from .facts import moved_to_professional
from .rules import is_yes, work_counts_for_service

MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})")

# Where the counted years start (shown next to the years).
FROM_PROFESSIONAL_START = "从事专业技术工作时间"
FROM_POST_CHANGE = "单位行文确定的岗位变更时间"
FROM_APPOINTMENT = "取得职称资格受聘并享有相应职务工资时间"

Span = tuple[date, date | None]  # (first month, last month or None: still going), both included


def _index(day: date) -> int:
    return day.year * 12 + day.month - 1


def excluded_month_count(*, start: date, end: date, spans: Iterable[Span]) -> int:
    """How many calendar months of the counted span — the month of `start` to the month of `end`,
    both included — lie in at least one of `spans` (each from its first month to its last month,
    both included; an open span runs to `end`). Overlapping spans count a month once."""
    first, last = _index(start), _index(end)
    months: set[int] = set()
    for span_start, span_end in spans:
        low = max(first, _index(span_start))
        high = min(last, _index(span_end) if span_end is not None else last)
        months.update(range(low, high + 1))
    return len(months)


def service_months(*, start: date, end: date, excluded: Iterable[Span] = ()) -> int:
    """Whole months of professional work from `start` to `end` (core.months.full_months_between),
    less the months of the `excluded` spans that overlap the span (rule 11); never below 0."""
    counted = full_months_between(start=start, end=end)
    if counted == 0:
        return 0
    return max(0, counted - excluded_month_count(start=start, end=end, spans=excluded))


def _month(value: object) -> date | None:
    match = MONTH_RE.match(str(value or "").strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        return None
    return date(int(match.group(1)), int(match.group(2)), 1)


def _data(entry) -> Mapping:
    return entry if isinstance(entry, Mapping) else getattr(entry, "data", {}) or {}


def excluded_spans(entries: Iterable) -> list[Span]:
    """The spans of the 工作经历 entries that do not count for service (rule 11). An entry without a
    readable start month is skipped (the dossier's own check names it)."""
    spans = []
    for entry in entries:
        data = _data(entry)
        if work_counts_for_service(data):
            continue
        start = _month(data.get("start"))
        if start is None:
            continue
        end = _month(data.get("end")) if str(data.get("end") or "").strip() else None
        if end is not None and end < start:
            continue
        spans.append((start, end))
    return spans


def current_secondment(entries: Iterable) -> Mapping | None:
    """Rule 11 (question 11 (1)): the 工作经历 entry without an end (still going) that is a
    secondment without duties in the own unit, if any."""
    for entry in entries:
        data = _data(entry)
        if str(data.get("end") or "").strip():
            continue
        if is_yes(data.get("seconded")) and not is_yes(data.get("seconded_own_duties")):
            return data
    return None


def work_entries(*, dossier) -> list[dict]:
    """The data of the dossier's 工作经历 entries, in one query."""
    from .models import DossierEntry

    return [
        data or {}
        for data in DossierEntry.objects.filter(dossier=dossier, section="work")
        .order_by("position", "id")
        .values_list("data", flat=True)
    ]


@dataclass(frozen=True)
class ServiceCount:
    start: date | None  # the day the years count from (None: not known)
    start_label: str  # which date of 基本信息 it is
    months: int | None  # the counted months (None without a start)
    excluded_months: int = 0  # months left out by rule 11


def service_count(
    *, dossier, end: date, level: str | None = None, entries: Iterable | None = None
) -> ServiceCount:
    """从事专业技术工作年限 up to `end` for an application at `level` (None: not known, counted from
    从事专业技术工作时间). `entries` are the 工作经历 entries (read when not given)."""
    if moved_to_professional(dossier) and level in Level.values:
        start = service_start_for_level(
            level=level, post_changed_on=dossier.post_changed_on, appointed_on=dossier.appointed_with_pay_on
        )
        label = FROM_POST_CHANGE if level in JUNIOR_LEVELS else FROM_APPOINTMENT
    else:
        start, label = dossier.professional_start_date, FROM_PROFESSIONAL_START
    if start is None:
        return ServiceCount(start=None, start_label=label, months=None)
    spans = excluded_spans(entries if entries is not None else work_entries(dossier=dossier))
    counted = full_months_between(start=start, end=end)
    excluded = min(counted, excluded_month_count(start=start, end=end, spans=spans))
    return ServiceCount(start=start, start_label=label, months=counted - excluded, excluded_months=excluded)
