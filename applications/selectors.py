"""Reads for applications."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from core.errors import NotFound, id_or_not_found

from .models import (
    EDITABLE_STATUSES,
    Application,
    ApplicationStatus,
    ReviewEvent,
    ReviewStep,
)

# While an application is in one of these states its attachments are frozen (附件管理 refuses
# changes); in a draft or after a return they may be added or replaced.
FROZEN_STATUSES = (ApplicationStatus.IN_REVIEW, ApplicationStatus.APPROVED)


def dossier_frozen(*, user) -> bool:
    return Application.objects.filter(applicant=user, status__in=FROZEN_STATUSES).exists()


def with_cover(qs: QuerySet[Application]) -> QuerySet[Application]:
    """The cover's related rows in one query; the (large) snapshot is left in the database."""
    return qs.defer("snapshot").select_related(
        "applicant",
        "unit",
        "unit__department",
        "unit__district",
        "series",
        "track",
        "title",
        "committee",
        "recognition__office",
        "confirmation__office",
        "postdoc__office",
        "current_step",
        "current_step__organisation",
        "current_step__committee",
    )


def application_current(*, user, year: int, kinds=None) -> Application | None:
    """The application the 职称申报 page shows for `year`: the one being edited (draft or returned)
    if any, else the latest of that year; `kinds` narrows it to those kinds."""
    qs = with_cover(Application.objects.filter(applicant=user, year=year))
    if kinds is not None:
        qs = qs.filter(kind__in=kinds)
    editable = qs.filter(status__in=EDITABLE_STATUSES).order_by("-created_at", "-id").first()
    return editable or qs.order_by("-created_at", "-id").first()


def application_get(*, user, application_id) -> Application:
    """One of the user's own applications; anyone else's (or an unknown id) is "not found"."""
    try:
        pk = int(application_id)
    except (TypeError, ValueError):
        raise NotFound("未找到该申报。") from None
    application = with_cover(Application.objects.filter(pk=pk, applicant=user)).first()
    if application is None:
        raise NotFound("未找到该申报。")
    return application


def steps_prefetch() -> Prefetch:
    return Prefetch(
        "steps",
        queryset=ReviewStep.objects.select_related("organisation", "committee").order_by("order", "id"),
    )


def events_prefetch() -> Prefetch:
    """The trail with what 申报记录 and 审核记录 show of each event (its return's checklist too)."""
    return Prefetch(
        "events",
        queryset=ReviewEvent.objects.select_related(
            "organisation", "actor", "step", "step__organisation", "step__committee", "return_request"
        ).order_by("created_at", "id"),
    )


def _open_returns_prefetch() -> Prefetch:
    """The return still to be answered (rule 5), as `application.open_returns` (0 or 1 rows)."""
    from .models import ReturnRequest

    return Prefetch(
        "return_requests",
        queryset=ReturnRequest.objects.filter(resolved_at__isnull=True, withdrawn_at__isnull=True)
        .select_related("event", "event__step", "event__step__organisation", "event__step__committee")
        .order_by("-id"),
        to_attr="open_returns",
    )


def application_history(*, user) -> QuerySet[Application]:
    """The user's applications, newest first, each with its route steps, every event and its open
    return (a fixed number of queries however many there are)."""
    return (
        with_cover(Application.objects.filter(applicant=user))
        .prefetch_related(steps_prefetch(), events_prefetch(), _open_returns_prefetch())
        .order_by("-year", "-created_at", "-id")
    )


def application_with_trail(*, user, application_id) -> Application:
    application = application_history(user=user).filter(pk=_pk(application_id)).first()
    if application is None:
        raise NotFound("未找到该申报。")
    return application


def _pk(value) -> int:
    return id_or_not_found(value, "未找到该申报。")


def returns_used(*, user, year: int) -> int:
    """Rule 20: returns and resets used by the person in that year (both count)."""
    from .eligibility.chances import returns_used_count

    return returns_used_count(user=user, year=year)


def returns_remaining(*, user, year: int) -> int:
    from core import rulebook

    return max(0, rulebook.RETURNS_AND_RESETS_PER_YEAR - returns_used(user=user, year=year))


def route_steps(application: Application) -> list[ReviewStep]:
    """The steps of the application's latest route (after a return the earlier rows stay for the
    trail; a resubmission appends a new set). Uses prefetched steps when present."""
    steps = list(application.steps.all())
    if not steps:
        return []
    # A route starts at a unit step; the latest route is everything from the last unit step on.
    starts = [i for i, step in enumerate(steps) if step.kind == "unit"]
    return steps[starts[-1] :] if starts else steps


def cover_options(
    *,
    year: int | None,
    series_id,
    track_id,
    level: str | None,
    committee_id=None,
    committee_locked: bool = False,
    user=None,
    now=None,
) -> dict:
    """The choices of the cover form for the values chosen so far (系列 → 方向 → 层级/职称 →
    评委会), the title they give and, once a committee is chosen, rule 8's age and years of service
    at its month. The only track of the series, and the only committee open for the choice (unless
    the application's committee is locked, after a return), count as chosen (issue 11 item 21).
    A fixed number of queries."""
    from catalog.models import LEVEL_ORDER, Series, Title, Track
    from orgs.models import Committee

    from .eligibility.counting import committee_month_of, counted_at
    from .services import cover_committees

    def as_int(value):
        try:
            return int(value)
        except (TypeError, ValueError):
            return None

    series_list = list(Series.objects.order_by("number"))
    series = next((s for s in series_list if s.pk == as_int(series_id)), None)
    tracks = list(Track.objects.filter(series=series).order_by("order", "id")) if series else []
    track = next((t for t in tracks if t.pk == as_int(track_id)), None)
    if track is None and len(tracks) == 1:
        track = tracks[0]
    titles = {t.level: t for t in Title.objects.filter(track=track)} if track else {}
    levels = [lv for lv in LEVEL_ORDER if lv in titles] if track else list(LEVEL_ORDER)
    level = level if level in levels else None
    title = titles.get(level) if level else None
    committees = cover_committees(year=year, series_id=series.pk if series else None, level=level, now=now)
    committee = None
    if as_int(committee_id):
        committee = next((c for c in committees if c.pk == as_int(committee_id)), None)
        if committee is None:
            committee = Committee.objects.filter(pk=as_int(committee_id)).first()
    elif not committee_id and not committee_locked and len(committees) == 1:
        committee = committees[0]
    counted = None
    month = None
    if committee is not None and year:
        month = committee_month_of(committee=committee, year=year)
        if month is not None and user is not None:
            from dossier.selectors import dossier_get_or_create

            counted = counted_at(
                dossier=dossier_get_or_create(user=user), committee_month=month, level=level or None
            )
    return {
        "series": series_list,
        "tracks": tracks,
        "track": track,
        "levels": levels,
        "title": title,
        "committees": committees,
        "committee": committee,
        "month": month,
        "counted": counted,
    }


def application_status_context(*, user, year: int | None = None) -> dict:
    """What `applications/includes/status.html` needs (for the dashboard too): the current
    application of the year and the rule 20 chances."""
    from core import rulebook
    from orgs.windows import current_year

    year = year or current_year()
    application = application_current(user=user, year=year)
    return {
        "application": application,
        "chances_total": rulebook.RETURNS_AND_RESETS_PER_YEAR,
        "chances_left": returns_remaining(user=user, year=year),
    }


# --- returns (rules 5 and 6) ----------------------------------------------------------------------

# Rule 6: a reviewer who returns an application this close to the committee's window closing is
# warned (the applicant may not manage to resubmit before the close, and cannot after it).
RETURN_CLOSE_WARNING_DAYS = 2


def open_return_request(*, application):
    """The return the applicant still has to answer (rule 5): not resubmitted, not withdrawn."""
    from .models import ReturnRequest

    return (
        ReturnRequest.objects.filter(
            application=application, resolved_at__isnull=True, withdrawn_at__isnull=True
        )
        .select_related("event", "event__step", "event__step__organisation", "event__step__committee")
        .order_by("-id")
        .first()
    )


def _window_close(application):
    from orgs.windows import window_for

    if application.committee_id is None:
        return None  # 考核认定: no committee window (rule 15 months, not rule 6)
    window = window_for(committee=application.committee, year=application.year)
    return window.closes_at if window is not None else None


def return_close_warning(*, application, now=None) -> str | None:
    """Rule 6: the warning a reviewer sees before returning `application` when the committee's
    window has closed or closes within RETURN_CLOSE_WARNING_DAYS days (None otherwise)."""
    from datetime import timedelta

    from django.utils import timezone

    from core.dates import deadline_label

    now = now or timezone.now()
    closes_at = _window_close(application)
    if closes_at is None:
        return None
    label = deadline_label(closes_at)
    if closes_at <= now:
        return (
            f"{application.committee.name}{application.year}年网上申报已于 {label} 截止，"
            "截止后无法重新开通：返回修改后申报人将无法重新提交，到期视为放弃（见职称申报必读（四））。确定要返回修改吗？"
        )
    if closes_at - now <= timedelta(days=RETURN_CLOSE_WARNING_DAYS):
        return (
            f"{application.committee.name}{application.year}年网上申报将于 {label} 截止"
            f"（不足 {RETURN_CLOSE_WARNING_DAYS} 天），截止后无法重新开通：申报人可能来不及在截止前"
            "修改并重新提交（见职称申报必读（四））。确定要返回修改吗？"
        )
    return None


def return_deadline_note(*, application, deadline) -> str | None:
    """Rule 6 told to the applicant: the window closes before the return's deadline, so the
    resubmission must come before the close (None when the deadline is inside the window)."""
    from datetime import timedelta

    from core.dates import deadline_label
    from workcal.services import day_start

    closes_at = _window_close(application)
    if closes_at is None or deadline is None:
        return None
    if closes_at < day_start(deadline) + timedelta(days=1):
        return (
            f"注意：{application.committee.name}网上申报将于 {deadline_label(closes_at)} 截止，"
            "截止后无法重新提交，请在截止前完成修改并提交。"
        )
    return None


def return_checklist(*, return_request) -> list[dict]:
    """The return's items for the applicant's pages: label, comment and the 去完善 link."""
    from .review_input import return_item_url, return_section_label

    return [
        {
            "section": item.get("section", ""),
            "label": return_section_label(item.get("section", "")),
            "comment": item.get("comment", ""),
            "url": return_item_url(item.get("section", "")),
        }
        for item in (return_request.items or [])
    ]


# --- review digest ---------------------------------------------------------------------------------


def pending_counts() -> dict:
    """How many applications wait at each reviewer's step now (status in review): two grouped
    queries. Keys: ("unit" | "department" | "district" | "city", organisation id) → count,
    ("committee", committee id) → count, and "provincial" → count (the city bureau records it)."""
    from django.db.models import Count

    from .models import StepKind

    waiting = Application.objects.filter(status=ApplicationStatus.IN_REVIEW, current_step__isnull=False)
    counts: dict = {}
    by_org = (
        waiting.filter(current_step__organisation__isnull=False)
        .exclude(current_step__kind=StepKind.PROVINCIAL)
        .order_by()
        .values("current_step__kind", "current_step__organisation")
        .annotate(n=Count("id"))
    )
    for row in by_org:
        counts[(row["current_step__kind"], row["current_step__organisation"])] = row["n"]
    # The provincial step: a provincial committee's, or a 高级 职称确认's without one (rule 17).
    by_committee = (
        waiting.filter(Q(current_step__committee__isnull=False) | Q(current_step__kind=StepKind.PROVINCIAL))
        .order_by()
        .values("current_step__kind", "current_step__committee")
        .annotate(n=Count("id"))
    )
    for row in by_committee:
        if row["current_step__kind"] == StepKind.PROVINCIAL:
            counts["provincial"] = counts.get("provincial", 0) + row["n"]
        else:
            counts[("committee", row["current_step__committee"])] = row["n"]
    return counts


def pending_count_for(actor, counts: dict | None = None) -> int:
    """The number of applications waiting at `actor`'s steps (the same rule as
    permissions.step_belongs_to)."""
    from accounts.models import Role

    counts = pending_counts() if counts is None else counts
    role = getattr(actor, "role", None)
    org_id = getattr(actor, "organisation_id", None)
    if role == Role.UNIT_ADMIN:
        return counts.get(("unit", org_id), 0)
    if role == Role.DEPARTMENT_REVIEWER:
        return counts.get(("department", org_id), 0)
    if role == Role.DISTRICT_REVIEWER:
        # Its own step, and the unit step of the freelancers who chose it (question 5 (1) d).
        return counts.get(("district", org_id), 0) + counts.get(("unit", org_id), 0)
    if role == Role.CITY_REVIEWER:
        return counts.get(("city", org_id), 0) + (counts.get("provincial", 0) if org_id else 0)
    if role == Role.COMMITTEE_OFFICE:
        return counts.get(("committee", getattr(actor, "committee_id", None)), 0)
    return 0


# --- what the applicant sees after a return and after the final approval ---------------------------


def return_notice(*, application, return_request=None) -> dict | None:
    """For a returned application: the open return's checklist (each item with its 去完善 link),
    the deadline, the reviewer's step and opinion, and the rule 6 note when the committee's window
    closes before the deadline. None when nothing is open."""
    if application.status != ApplicationStatus.RETURNED:
        return None
    if return_request is None:
        prefetched = getattr(application, "open_returns", None)
        if prefetched is not None:
            return_request = prefetched[0] if prefetched else None
        else:
            return_request = open_return_request(application=application)
    if return_request is None:
        return None
    event = return_request.event
    return {
        "request": return_request,
        "items": return_checklist(return_request=return_request),
        "deadline": return_request.deadline,
        "opinion": event.opinion,
        "step": event.step,
        "returned_at": event.created_at,
        "note": return_deadline_note(application=application, deadline=return_request.deadline),
    }


# Rule 24 and seed 二 q23, q24: what to print after the final electronic approval.
PRINT_ITEMS = (
    "《专业技术职称申报评审表》：从系统导出后按正常大小100%打印（评委会要求填写的与省人社厅统一制定的"
    "不一致的，按照评委会要求填写“评审表”）。",
    "承诺书：申报人签名，单位经办人、单位法定代表人签字并加盖单位公章。",
    "申报材料复印件：按申报通知和评委会文件要求准备，保证与原件一致、真实有效；送审时同时提交原件以供核验。",
)
COPY_RULE = "每份推荐上报的复印件上，由审核单位签署审核人员姓名、审核意见及审核日期，并加盖审核单位公章。"


def paper_submission_steps(*, application, steps=None) -> list[dict]:
    """Rule 24: the order in which the paper materials are stamped, from the stored route (the
    latest one): every reviewing organisation checks and stamps in turn, and the materials go
    to the committee last (seed 五 (二) 3 (2): 逐级审核盖章交至所申报的评审委员会)."""
    from .models import StepKind

    route = route_steps(application) if steps is None else steps
    rows = []
    for step in route:
        if step.kind in (StepKind.COMMITTEE, StepKind.PROVINCIAL):
            name = step.committee.name if step.committee_id else application.committee_label
            rows.append({"label": step.get_kind_display(), "place": name, "stamp": False})
        else:
            place = str(step.organisation) if step.organisation_id else ""
            rows.append({"label": step.get_kind_display(), "place": place, "stamp": True})
    if application.committee_id is None:
        return rows  # 考核认定: the recognising office (the last step) is where the materials end
    if not rows or rows[-1]["stamp"]:
        rows.append({"label": "评审委员会", "place": application.committee.name, "stamp": False})
    return rows
