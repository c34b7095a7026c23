"""转系列评审 (changing series, rule 18, seed question 17) through the ordinary committee cover: a
same-level review in the new series, allowed when the person holds that level in another series
(现有职称情况) and at least 6 months have passed since the post change (Application.
series_changed_on); and promotion in the new series only from the year after the change
(rules.series_change.promotion_allowed_after_change), asked of every promotion. Both are asked by
applications.eligibility.checks.eligibility_issues (saving the cover and, under the lock, submitting)."""

from __future__ import annotations

from datetime import date, datetime

from catalog.models import Level
from core.dates import date_label
from core.sources import cite
from rules.series_change import promotion_allowed_after_change, series_change_evaluate

from .models import Application, ApplicationKind, ApplicationStatus


def _current_titles(*, user) -> list[dict]:
    from dossier.selectors import held_titles

    titles = []
    for data in held_titles().filter(dossier__user=user).values_list("data", flat=True):
        try:
            obtained = date.fromisoformat(str(data.get("obtained_on") or ""))
        except ValueError:
            obtained = None
        titles.append(
            {"series": str(data.get("series") or ""), "level": data.get("level"), "obtained_on": obtained}
        )
    return titles


def series_change_problems(
    *, user, level: str, series, changed_on: date | None, today: date
) -> list[tuple[str, str]]:
    """Rule 18 for a 转系列评审 at `level` in `series`: (field, message) for the post change date
    missing, the half year's trial not over, or no title of `level` held in another series."""
    problems: list[tuple[str, str]] = []
    if changed_on is None:
        problems.append(("changed_on", "转系列评审请填写岗位变更日期（到新系列岗位的日期）。"))
    elif changed_on > today:
        problems.append(("changed_on", "岗位变更日期不能晚于今天。"))
    else:
        evaluation = series_change_evaluate(level=level, changed_on=changed_on, on=today)
        problems += [("changed_on", f"{message}（{cite(18)}）") for message in evaluation.problems]
    held_elsewhere = [
        t for t in _current_titles(user=user) if t["level"] == level and t["series"] != series.name
    ]
    if not held_elsewhere:
        problems.append(
            (
                "level",
                f"转系列评审按现有职称等级在新系列评审同等级职称：您的现有职称情况中没有其他系列的"
                f"{Level(level).label}职称（{cite(18)}）。",
            )
        )
    return problems


def change_approved_on(*, user, series) -> date | None:
    """The approval day of the person's latest approved 转系列评审 in `series` (None: none)."""
    from core.dates import CALENDAR_TZ

    application = (
        Application.objects.filter(
            applicant=user,
            series=series,
            kind=ApplicationKind.SERIES_CHANGE,
            status=ApplicationStatus.APPROVED,
        )
        .order_by("-year", "-id")
        .first()
    )
    if application is None:
        return None
    event = application.events.filter(to_status=ApplicationStatus.APPROVED).order_by("-created_at").first()
    when: datetime | None = event.created_at if event is not None else application.updated_at
    return when.astimezone(CALENDAR_TZ).date()


def promotion_after_change_problems(*, user, series, year: int) -> list[tuple[str, str]]:
    """Rule 18 (question 17 (3)) for a promotion in `series` in `year`: refused in the year the
    series change was approved (a 转系列评审 of that series), or in the year a 现有职称 of that
    series was obtained when a title of the same level in another series was held before it (the
    same reading as 我能申报什么)."""
    approved = change_approved_on(user=user, series=series)
    changed = []
    if approved is not None:
        changed.append(approved)
    titles = _current_titles(user=user)
    for held in titles:
        if held["series"] != series.name or held["obtained_on"] is None:
            continue
        if any(
            other["series"] != series.name
            and other["level"] == held["level"]
            and other["obtained_on"] is not None
            and other["obtained_on"] < held["obtained_on"]
            for other in titles
        ):
            changed.append(held["obtained_on"])
    blocking = [day for day in changed if not promotion_allowed_after_change(approved_on=day, year=year)]
    if not blocking:
        return []
    day = max(blocking)
    return [
        (
            "year",
            f"您于 {date_label(day)} 完成变更系列（{series.name}），须下一年度起（{day.year + 1}年）"
            f"方可在新系列申报晋升高一级职称（{cite(18)}）。",
        )
    ]
