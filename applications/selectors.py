"""Reads for applications."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from core.errors import NotFound

from .models import Application, ApplicationStatus, ReviewEvent, ReviewStep

# While an application is in one of these states its attachments are frozen (附件管理 refuses
# changes); in a draft or after a return they may be added or replaced.
FROZEN_STATUSES = (ApplicationStatus.IN_REVIEW, ApplicationStatus.APPROVED)
# The applicant may change the cover (保存封面) and submit in these states.
EDITABLE_STATUSES = (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)


def dossier_frozen(*, user) -> bool:
    return Application.objects.filter(applicant=user, status__in=FROZEN_STATUSES).exists()


def _with_cover(qs: QuerySet[Application]) -> QuerySet[Application]:
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
        "current_step",
        "current_step__organisation",
        "current_step__committee",
    )


def application_current(*, user, year: int) -> Application | None:
    """The application the 职称申报 page shows for `year`: the one being edited (draft or returned)
    if any, else the latest of that year."""
    qs = _with_cover(Application.objects.filter(applicant=user, year=year))
    editable = qs.filter(status__in=EDITABLE_STATUSES).order_by("-created_at", "-id").first()
    return editable or qs.order_by("-created_at", "-id").first()


def application_get(*, user, application_id) -> Application:
    """One of the user's own applications; anyone else's (or an unknown id) is "not found"."""
    try:
        pk = int(application_id)
    except (TypeError, ValueError):
        raise NotFound("未找到该申报。") from None
    application = _with_cover(Application.objects.filter(pk=pk, applicant=user)).first()
    if application is None:
        raise NotFound("未找到该申报。")
    return application


def _steps_prefetch() -> Prefetch:
    return Prefetch(
        "steps",
        queryset=ReviewStep.objects.select_related("organisation", "committee").order_by("order", "id"),
    )


def _events_prefetch() -> Prefetch:
    return Prefetch(
        "events",
        queryset=ReviewEvent.objects.select_related("organisation", "actor", "step").order_by(
            "created_at", "id"
        ),
    )


def application_history(*, user) -> QuerySet[Application]:
    """The user's applications, newest first, each with its route steps and every event (a fixed
    number of queries however many there are)."""
    return (
        _with_cover(Application.objects.filter(applicant=user))
        .prefetch_related(_steps_prefetch(), _events_prefetch())
        .order_by("-year", "-created_at", "-id")
    )


def application_with_trail(*, user, application_id) -> Application:
    application = application_history(user=user).filter(pk=_pk(application_id)).first()
    if application is None:
        raise NotFound("未找到该申报。")
    return application


def _pk(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise NotFound("未找到该申报。") from None


def returns_used(*, user, year: int) -> int:
    """Rule 20: returns and resets used by the person in that year (both count)."""
    from .eligibility import returns_used_count

    return returns_used_count(user=user, year=year)


def returns_remaining(*, user, year: int) -> int:
    from zhicheng import rules

    return max(0, rules.RETURNS_AND_RESETS_PER_YEAR - returns_used(user=user, year=year))


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
    user=None,
    now=None,
) -> dict:
    """The choices of the cover form for the values chosen so far (系列 → 方向 → 层级/职称 →
    评委会), the title they give and, once a committee is chosen, rule 8's age and years of service
    at its month. A fixed number of queries."""
    from catalog.models import LEVEL_ORDER, Series, Title, Track
    from orgs.models import Committee

    from .eligibility import committee_month_of, counted_at
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
    counted = None
    month = None
    if committee is not None and year:
        month = committee_month_of(committee=committee, year=year)
        if month is not None and user is not None:
            from dossier.selectors import dossier_get_or_create

            counted = counted_at(dossier=dossier_get_or_create(user=user), committee_month=month)
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
    from orgs.windows import current_year
    from zhicheng import rules

    year = year or current_year()
    application = application_current(user=user, year=year)
    return {
        "application": application,
        "chances_total": rules.RETURNS_AND_RESETS_PER_YEAR,
        "chances_left": returns_remaining(user=user, year=year),
    }
