"""Reads for 申报审核: the jurisdiction (`review_scope`, the one place that decides what a reviewing
organisation may see), one application for the review page, the choices of the queue's filters and
what one row of the queue shows (the queue itself: reviews/queue.py).

Every list and every lookup starts from `review_scope(actor=...)`; an id outside it is "not found"
(404 on pages and API alike, issue 4 item 10)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from accounts.models import Role
from applications.models import (
    COMMITTEE_LESS_KINDS,
    Application,
    ApplicationKind,
    ApplicationStatus,
    ReviewStep,
    StepKind,
    StepState,
    step_place,
)
from applications.permissions import step_belongs_to, step_filter_for
from applications.selectors import events_prefetch, steps_prefetch, with_cover
from catalog.models import Series
from core.errors import NotFound
from orgs.models import Committee, Organisation, OrgKind

NOT_FOUND = "未找到该申报。"

# ReviewEvent actions a reviewing organisation takes (submit and withdraw are not reviews).
REVIEW_ACTIONS = ("pass", "return", "reset", "reject")

# --- jurisdiction ---------------------------------------------------------------------------------


def own_step_match(actor) -> Q | None:
    """The actor's own steps: reaching one puts an application in its scope, deciding one puts it
    in its 已审核. A city reviewer also records the provincial committee's result (its steps for
    acting are `step_filter_for`), but what it may see is what reached its own city step (a
    provincial step always comes after it)."""
    if getattr(actor, "role", "") == Role.CITY_REVIEWER:
        if not actor.organisation_id:
            return None
        return Q(kind=StepKind.CITY, organisation_id=actor.organisation_id)
    return step_filter_for(actor)


def review_scope(*, actor) -> QuerySet[Application]:
    """The applications `actor` may see, the one place of jurisdiction:

    - unit admin: its own unit's applications (application.unit is the actor's unit) that have been
      submitted at least once (submitted_at is set by the first submission and kept: a draft after
      a reset stays visible, a draft never submitted does not exist for the unit);
    - department / district / city reviewer: applications with a step of the actor's organisation
      that has been reached (its state is not "waiting");
    - committee office: applications with a reached step of the actor's committee;
    - anyone else (applicants, support, inactive or anonymous users): none.

    Written as `id IN (steps of mine)` rather than a correlated EXISTS: PostgreSQL reads the
    actor's steps once (index on the organisation or committee) and hashes them."""
    qs = Application.objects.all()
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return qs.none()
    match = own_step_match(actor)
    if match is None:
        return qs.none()
    if actor.role == Role.UNIT_ADMIN:
        return qs.filter(unit_id=actor.organisation_id, submitted_at__isnull=False)
    reached = ReviewStep.objects.filter(match).exclude(state=StepState.WAITING)
    return qs.filter(pk__in=reached.values("application_id"))


@dataclass(frozen=True)
class FilterOptions:
    committees: list
    series: list
    districts: list
    show_unit_filters: bool


def filter_options(*, actor) -> FilterOptions:
    """The choices of the filter selects as (id, label) pairs (three small queries: committees,
    series, district offices). A unit sees only its own staff, so it gets no unit or district
    filter; a committee office's committee list is its own committee; a district reviewer's
    district list its own."""
    committees = Committee.objects.order_by("tier", "number", "id")
    if actor.role == Role.COMMITTEE_OFFICE:
        committees = committees.filter(pk=actor.committee_id)
    districts = Organisation.objects.filter(kind=OrgKind.DISTRICT_BUREAU).order_by("sort_order", "id")
    if actor.role == Role.DISTRICT_REVIEWER:
        districts = districts.filter(pk=actor.organisation_id)
    is_unit = actor.role == Role.UNIT_ADMIN
    committee_options = list(committees.values_list("id", "name"))
    if actor.role != Role.COMMITTEE_OFFICE:
        # The kinds no committee decides (decision 0007), chosen in the same select by their value.
        committee_options += [(kind, ApplicationKind(kind).label) for kind in COMMITTEE_LESS_KINDS]
    return FilterOptions(
        committees=committee_options,
        series=list(Series.objects.order_by("number").values_list("id", "name")),
        districts=[]
        if is_unit
        else [
            (pk, Organisation.label(name, branch))
            for pk, name, branch in districts.values_list("id", "name", "branch")
        ],
        show_unit_filters=not is_unit,
    )


# --- one application ------------------------------------------------------------------------------


def _pk(value) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        raise NotFound(NOT_FOUND) from None


def review_get(*, actor, application_id) -> Application:
    """One application in the actor's scope with its snapshot, route and events (else NotFound)."""
    application = (
        with_cover(review_scope(actor=actor).filter(pk=_pk(application_id)))
        .prefetch_related(steps_prefetch(), events_prefetch())
        .first()
    )
    if application is None:
        raise NotFound(NOT_FOUND)
    return application


def in_scope_ids(*, actor, ids) -> set[int]:
    """The ids among `ids` that are in the actor's scope (one query)."""
    numbers = set()
    for value in ids:
        try:
            numbers.add(int(str(value)))
        except (TypeError, ValueError):
            continue
    if not numbers:
        return set()
    return set(review_scope(actor=actor).filter(pk__in=numbers).values_list("pk", flat=True))


def scope_names_attachment(*, actor, attachment) -> bool:
    """Whether a submitted snapshot of an application in the actor's scope names the attachment
    (the reviewer may then open it; attachments.permissions asks this). Reads only the snapshot's
    attachment list of the owner's applications, never the whole snapshot."""
    rows = (
        review_scope(actor=actor)
        .filter(applicant_id=attachment.owner_id, snapshot__isnull=False)
        .values_list("snapshot__attachments", flat=True)
    )
    for listed in rows:
        if isinstance(listed, list) and any(
            isinstance(item, dict) and item.get("id") == attachment.pk for item in listed
        ):
            return True
    return False


# --- rows -----------------------------------------------------------------------------------------


def filter_years(now=None) -> list[int]:
    """申报年度 choices of the filter: next year back to five years ago."""
    from orgs.windows import current_year

    year = current_year(now)
    return list(range(year + 1, year - 6, -1))


def queue_row(application: Application, *, actor) -> dict:
    """One row of the queue (page and API): the ID number masked (lists never show it whole)."""
    from core.validators import mask_id_number

    step = application.current_step
    pending = (
        application.status == ApplicationStatus.IN_REVIEW
        and step is not None
        and step.state == StepState.CURRENT
        and step_belongs_to(actor, step)
    )
    return {
        "id": application.pk,
        "name": application.applicant.name,
        "id_number": mask_id_number(application.applicant.id_number or ""),
        "year": application.year,
        "unit": {"id": application.unit_id, "name": application.unit.name},
        "district": str(application.unit.district) if application.unit.district_id else "",
        "series": {"id": application.series_id, "name": application.series.name},
        "title": {"id": application.title_id, "name": application.title.name},
        "level": application.level,
        "level_label": application.get_level_display(),
        "committee": {"id": application.committee_id, "name": application.committee_label},
        "status": application.status,
        "status_label": application.get_status_display(),
        "current_step": (
            {
                "id": step.pk,
                "kind": step.kind,
                "kind_label": step.get_kind_display(),
                "place": step_place(step),
                "state": step.state,
                "state_label": step.get_state_display(),
            }
            if step is not None
            else None
        ),
        "submitted_at": application.submitted_at,
        # 送达时间 (待审核) or the last 办理时间 (已审核) of the actor's step; set by the queue.
        "queue_time": getattr(application, "queue_time", None),
        "pending": pending,
    }
