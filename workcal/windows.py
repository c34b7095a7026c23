"""Setting a committee's online application window (网上申报时间, rules 6 and 7) with the month
its committee meets (rule 8). It lives with the working-day calendar: a provincial committee's
window follows from its collection date by rule 7 (workcal.services.provincial_window). The reads
(which windows are open, the committee's month) are in orgs.windows.

A window is open while opens_at <= now < closes_at (the close instant is exclusive: a window that
closes "at 24:00 of 30 September" has closes_at = 1 October 00:00 Beijing time)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from accounts.models import Role
from core.audit import audit
from core.dates import CALENDAR_TZ, datetime_label, deadline_label
from core.errors import Conflict, FieldErrors, Forbidden, NotFound
from orgs.models import Committee, CommitteeWindow
from orgs.windows import MEETING_MONTH_LABEL, YEAR_MAX, YEAR_MIN, meeting_month_problem, window_for

from .services import CalendarUnknown, day_start, provincial_window


def _can_manage(actor, committee: Committee) -> bool:
    role = getattr(actor, "role", None)
    if role == Role.SUPPORT:
        return True
    return role == Role.COMMITTEE_OFFICE and actor.committee_id == committee.pk


def _aware(value: datetime) -> datetime:
    """A naive date-time is Beijing time (what the office typed)."""
    return value if timezone.is_aware(value) else value.replace(tzinfo=CALENDAR_TZ)


def _iso(value: datetime) -> str:
    return value.astimezone(CALENDAR_TZ).isoformat()


def _refuse_if_closed(
    *, committee: Committee, year: int, window: CommitteeWindow | None, now: datetime
) -> None:
    """Rule 6: a window whose close has passed is never changed or reopened (its meeting month
    neither: the applications counted to it are in)."""
    if window is not None and window.closes_at <= now:
        raise Conflict(
            f"{committee.name}{year}年的网上申报时间已于 {deadline_label(window.closes_at)} 关闭，"
            "不能重新开放或修改。"
        )


def _parse_year(value, errors: FieldErrors) -> int | None:
    try:
        year = int(str(value).strip()) if value not in (None, "") else None
    except ValueError:
        year = None
    if year is None or not YEAR_MIN <= year <= YEAR_MAX:
        errors.add("year", "请填写正确的申报年度（如 2026）。")
        return None
    return year


def _parse_datetime(value, field: str, label: str, errors: FieldErrors) -> datetime | None:
    """A datetime, or text "YYYY-MM-DD HH:MM[:SS]" (also with "T" or an offset; "24:00" is the
    next day's 00:00). Naive values are Beijing time. Empty → None."""
    if value is None or isinstance(value, datetime):
        return _aware(value) if value is not None else None
    text = str(value).strip()
    if not text:
        return None
    next_day = False
    for sep in (" ", "T"):
        if text.endswith(f"{sep}24:00") or text.endswith(f"{sep}24:00:00"):
            text, next_day = text.split(sep)[0] + f"{sep}00:00", True
    try:
        parsed = parse_datetime(text)
    except ValueError:
        parsed = None
    if parsed is None:
        errors.add(field, f"{label}格式应为 YYYY-MM-DD HH:MM，如 2026-09-01 08:00。")
        return None
    parsed = _aware(parsed)
    return parsed + timedelta(days=1) if next_day else parsed


def _parse_date(value, field: str, label: str, errors: FieldErrors) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        parsed = parse_date(text)
    except ValueError:
        parsed = None
    if parsed is None:
        errors.add(field, f"{label}格式应为 YYYY-MM-DD，如 2026-10-08。")
    return parsed


def _parse_month(value, errors: FieldErrors) -> date | None:
    """ "YYYY-MM" (what a month input sends), "YYYY-MM-DD" or "YYYY年M月", or a date: the month's
    first day. Empty → None."""
    if value is None:
        return None
    if isinstance(value, date):
        return date(value.year, value.month, 1)
    text = str(value).strip()
    if not text:
        return None
    match = re.fullmatch(r"(\d{4})\s*(?:-|年)\s*(\d{1,2})(?:\s*月|-\d{1,2})?", text)
    if match and 1 <= int(match.group(2)) <= 12:
        return date(int(match.group(1)), int(match.group(2)), 1)
    errors.add("meeting_month", f"{MEETING_MONTH_LABEL}格式应为 YYYY-MM（年-月），如 2026-11。")
    return None


def _check_meeting_month(meeting: date | None, closes_at: datetime | None, errors: FieldErrors) -> None:
    """Rule 8: the month ages and years count up to; required, and given with the window's close,
    within meeting_month_problem's bounds."""
    if meeting is None:
        if "meeting_month" not in errors.errors:
            errors.add(
                "meeting_month",
                f"请填写本年度{MEETING_MONTH_LABEL}（年月）：申报人的年龄、从事专业技术工作年限"
                "计算到评委会召开当月（见《职称知识25问》第8问）。",
            )
        return
    if closes_at is not None and (problem := meeting_month_problem(meeting, closes_at)):
        errors.add("meeting_month", problem)


def window_set(
    *,
    actor,
    committee: Committee,
    year: int | str,
    opens_at: datetime | str | None = None,
    closes_at: datetime | str | None = None,
    collection_date: date | str | None = None,
    meeting_month: date | str | None = None,
    ip: str | None = None,
    now: datetime | None = None,
) -> CommitteeWindow:
    """Set (create or change) the committee's window for `year`, with the month its committee
    meets (rule 8: required, "YYYY-MM", not before the window's closing month).

    A city committee's office gives opens_at and closes_at; a provincial committee's office gives
    only collection_date, and the window follows rule 7 (workcal.services.provincial_window).
    Rule 6: a window whose close has passed is never changed or reopened; a window cannot be set to
    close in the past. Both instants fall inside the application year. One audit row per change.
    `now` defaults to the current time (tests pass a fixed instant)."""
    role = getattr(actor, "role", None)
    if role not in (Role.COMMITTEE_OFFICE, Role.SUPPORT):
        raise Forbidden("只有评委会办事机构可以设置网上申报时间。")
    if not _can_manage(actor, committee):
        raise NotFound("未找到该评委会。")

    now = now or timezone.now()
    errors = FieldErrors()
    year = _parse_year(year, errors)
    opens_at = _parse_datetime(opens_at, "opens_at", "开放时间", errors)
    closes_at = _parse_datetime(closes_at, "closes_at", "关闭时间", errors)
    collection_date = _parse_date(collection_date, "collection_date", "开始收审材料日期", errors)
    meeting_month = _parse_month(meeting_month, errors)
    if year is not None:
        _refuse_if_closed(
            committee=committee, year=year, window=window_for(committee=committee, year=year), now=now
        )

    if committee.is_provincial:
        # Rule 7: only the collection date is entered; opens/closes are computed.
        if collection_date is None and "collection_date" not in errors.errors:
            errors.add("collection_date", "请填写省评委会开始收审材料的日期。")
        if opens_at is not None or closes_at is not None:
            errors.add(
                "collection_date",
                "省级评委会只填写开始收审材料日期，开放和关闭时间按收审材料日期自动计算。",
            )
        elif collection_date is not None:
            try:
                opens_at, closes_at = provincial_window(collection_date=collection_date)
            except CalendarUnknown as exc:
                errors.add("collection_date", exc.detail)
    else:
        if collection_date is not None:
            errors.add("collection_date", "市级评委会直接设置开放时间和关闭时间，不填写开始收审材料日期。")
        if opens_at is None and "opens_at" not in errors.errors:
            errors.add("opens_at", "请填写开放时间。")
        if closes_at is None and "closes_at" not in errors.errors:
            errors.add("closes_at", "请填写关闭时间。")
    # For a provincial committee the messages about the computed instants go to collection_date.
    opens_field = "collection_date" if committee.is_provincial else "opens_at"
    closes_field = "collection_date" if committee.is_provincial else "closes_at"

    if opens_at is not None and closes_at is not None:
        if closes_at <= opens_at:
            errors.add(closes_field, "关闭时间须晚于开放时间。")
        elif closes_at <= now:
            errors.add(
                closes_field,
                f"关闭时间 {deadline_label(closes_at)} 已过，不能设置已经结束的网上申报时间。",
            )
        if year is not None:
            if opens_at < day_start(date(year, 1, 1)):
                errors.add(opens_field, f"开放时间 {datetime_label(opens_at)} 不在{year}年内（申报年度）。")
            if closes_at > day_start(date(year + 1, 1, 1)):
                errors.add(closes_field, f"关闭时间须不晚于{year}年12月31日24:00（申报年度）。")
    # Compared with the closing month only once the close itself is right.
    _check_meeting_month(meeting_month, None if closes_field in errors.errors else closes_at, errors)
    errors.raise_if_any("网上申报时间未保存，请按提示修改。")

    with transaction.atomic():
        window = CommitteeWindow.objects.select_for_update().filter(committee=committee, year=year).first()
        _refuse_if_closed(committee=committee, year=year, window=window, now=now)
        before = None
        if window is None:
            window = CommitteeWindow(committee=committee, year=year)
        else:
            before = {
                "opens_at": _iso(window.opens_at),
                "closes_at": _iso(window.closes_at),
                "collection_date": window.collection_date.isoformat() if window.collection_date else None,
                "meeting_month": f"{window.meeting_month:%Y-%m}" if window.meeting_month else None,
            }
        after = {
            "opens_at": _iso(opens_at),
            "closes_at": _iso(closes_at),
            "collection_date": collection_date.isoformat() if collection_date else None,
            "meeting_month": f"{meeting_month:%Y-%m}",
        }
        if before is not None and (
            window.opens_at == opens_at
            and window.closes_at == closes_at
            and window.collection_date == collection_date
            and window.meeting_month == meeting_month
        ):
            return window  # nothing changed: no write, no audit row
        window.opens_at, window.closes_at, window.collection_date = opens_at, closes_at, collection_date
        window.meeting_month = meeting_month
        try:
            with transaction.atomic():
                window.save()
        except IntegrityError:
            # Two people created the same year's window at once; the other one won.
            raise Conflict("该年度的网上申报时间刚被他人设置，请刷新页面后核对。") from None
        audit(
            actor=actor,
            action="window_set",
            target=window,
            detail={"year": year, "before": before, "after": after},
            ip=ip,
        )
    return window
