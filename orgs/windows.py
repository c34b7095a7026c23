"""Committee online application windows (网上申报时间): the reads the application cover and the
pages use (which committees are open now, the committee's month of rule 8: the meeting month the
office gives when it opens the window), whose windows an office manages, and the rule 8 bounds of
the meeting month. Setting a window (rules 6 and 7) needs the working-day calendar and lives in
workcal.windows.

A window is open while opens_at <= now < closes_at (the close instant is exclusive: a window that
closes "at 24:00 of 30 September" has closes_at = 1 October 00:00 Beijing time). The window of a
year is the one with CommitteeWindow.year == the Beijing-time year of `now`."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db.models import Exists, F, OuterRef, Subquery
from django.utils import timezone

from accounts.models import Role
from core.dates import CALENDAR_TZ, month_label
from core.errors import Forbidden, NotFound, ServiceError
from core.months import add_months

from .models import Committee, CommitteeCoverage, CommitteePlan, CommitteeWindow

STATE_UNSET, STATE_PENDING, STATE_OPEN, STATE_CLOSED = "unset", "pending", "open", "closed"
STATE_LABELS = {
    STATE_UNSET: "未设置",
    STATE_PENDING: "未开放",
    STATE_OPEN: "开放中",
    STATE_CLOSED: "已关闭",
}
YEAR_MIN, YEAR_MAX = 2000, 2100


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def current_year(now: datetime | None = None) -> int:
    """The application year (申报年度) of `now`: its year in Beijing time."""
    return _now(now).astimezone(CALENDAR_TZ).year


# --- reads ----------------------------------------------------------------------------------------


def window_for(*, committee: Committee, year: int) -> CommitteeWindow | None:
    return CommitteeWindow.objects.filter(committee=committee, year=year).first()


def window_state(*, window: CommitteeWindow | None, now: datetime | None = None) -> str:
    """One of STATE_UNSET / STATE_PENDING / STATE_OPEN / STATE_CLOSED (labels in STATE_LABELS)."""
    if window is None:
        return STATE_UNSET
    now = _now(now)
    if now < window.opens_at:
        return STATE_PENDING
    if now < window.closes_at:
        return STATE_OPEN
    return STATE_CLOSED


def window_is_open(*, committee: Committee, now: datetime | None = None) -> bool:
    """Rules 6 and 7: the committee is active and its window for the current year is open
    (opens_at <= now < closes_at)."""
    now = _now(now)
    if not committee.is_active:
        return False
    window = window_for(committee=committee, year=current_year(now))
    return window_state(window=window, now=now) == STATE_OPEN


def committees_open(
    *, now: datetime | None = None, series_id: int | None = None, level: str | None = None
) -> list[Committee]:
    """Active committees whose window for the current year is open now (rule 6), covering the
    series and the level when given, in the directory's order. One query; each committee carries
    `window_opens_at` and `window_closes_at`."""
    now = _now(now)
    qs = Committee.objects.filter(
        is_active=True,
        windows__year=current_year(now),
        windows__opens_at__lte=now,
        windows__closes_at__gt=now,
    )
    if series_id is not None or level:
        coverage = CommitteeCoverage.objects.filter(committee=OuterRef("pk"))
        if series_id is not None:
            coverage = coverage.filter(series_id=series_id)
        if level:
            coverage = coverage.filter(level=level)
        qs = qs.filter(Exists(coverage))
    # The window join is one row per committee (one window per committee and year).
    qs = qs.annotate(window_opens_at=F("windows__opens_at"), window_closes_at=F("windows__closes_at"))
    return list(qs.select_related("organiser").order_by("tier", "number", "pk"))


def committee_month(*, committee: Committee, year: int) -> tuple[int, int] | None:
    """Rule 8 (seed question 8): (year, month) in which the committee meets for `year`'s
    applications: the meeting month its office gave with the year's window; for a window set before
    that was asked, the month of the committee's plan for the year (None without either:
    applications.eligibility then counts to the window's closing month)."""
    windows = CommitteeWindow.objects.filter(committee=OuterRef("pk"), year=year)
    plans = CommitteePlan.objects.filter(committee=OuterRef("pk"), year=year)
    row = (
        Committee.objects.filter(pk=committee.pk)
        .annotate(
            meeting=Subquery(windows.values("meeting_month")[:1]),
            planned=Subquery(plans.values("month")[:1]),
        )
        .values_list("meeting", "planned")
        .first()
    )  # one query: eligibility asks it for every open committee
    meeting, month = row or (None, None)
    if meeting:
        return (meeting.year, meeting.month)
    return (year, month) if month else None


def committee_for_office(*, actor, committee_id: int | str | None = None) -> Committee:
    """The committee whose windows `actor` manages: a committee office's own committee; support
    names one with `committee_id` (400 without it). Another committee or an unknown id is 404;
    roles that never manage windows get 403."""
    role = getattr(actor, "role", None)
    if role == Role.COMMITTEE_OFFICE:
        if actor.committee_id is None:
            raise NotFound("您的账号尚未关联评委会，请联系技术支持。")
        if committee_id not in (None, "") and str(committee_id) != str(actor.committee_id):
            raise NotFound("未找到该评委会。")
        return Committee.objects.select_related("organiser").get(pk=actor.committee_id)
    if role == Role.SUPPORT:
        if committee_id in (None, ""):
            raise ServiceError("请指定评委会。", {"committee": ["请指定评委会（committee）。"]})
        try:
            pk = int(committee_id)
        except (TypeError, ValueError):
            raise NotFound("未找到该评委会。") from None
        committee = Committee.objects.select_related("organiser").filter(pk=pk).first()
        if committee is None:
            raise NotFound("未找到该评委会。")
        return committee
    raise Forbidden("只有评委会办事机构可以设置网上申报时间。")


# --- rule 8: the meeting month ------------------------------------------------------------------


MEETING_MONTH_LABEL = "评委会召开时间"
# Rule 8: the meeting month lies in the window's closing month or in the year after it.
MEETING_MONTHS_AFTER_CLOSE = 12


def closing_month(closes_at: datetime) -> date:
    """The month of a window's last open moment (the close instant itself is exclusive)."""
    last = (closes_at - timedelta(microseconds=1)).astimezone(CALENDAR_TZ)
    return date(last.year, last.month, 1)


def meeting_month_problem(meeting: date, closes_at: datetime) -> str | None:
    """Rule 8: the meeting month (a month's first day) is not before the month the window closes in
    (the applications must all be in by then) and at most MEETING_MONTHS_AFTER_CLOSE months after
    it; the message when it is not (window_set and the admin alike)."""
    first = closing_month(closes_at)
    if meeting < first:
        return (
            f"{MEETING_MONTH_LABEL}（{month_label(meeting)}）不能早于网上申报关闭的月份"
            f"（{month_label(first)}）。"
        )
    if meeting > (last := add_months(first, MEETING_MONTHS_AFTER_CLOSE)):
        return (
            f"{MEETING_MONTH_LABEL}须在网上申报关闭后{MEETING_MONTHS_AFTER_CLOSE}个月内"
            f"（不晚于{month_label(last)}），请核对。"
        )
    return None
