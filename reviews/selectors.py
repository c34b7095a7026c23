"""Reads for 申报审核: the jurisdiction (`review_scope`, the one place that decides what a reviewing
organisation may see), the queue with its filters, search, sorting and counts, one application for
the review page, and the rows of the 花名册.

Every list and every lookup starts from `review_scope(actor=...)`; an id outside it is "not found"
(404 on pages and API alike, issue 4 item 10)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet

from accounts.models import Role
from applications.models import (
    Application,
    ApplicationStatus,
    ReviewEvent,
    ReviewStep,
    StepKind,
    StepState,
)
from applications.permissions import step_belongs_to, step_filter_for
from catalog.models import Level, Series
from core.errors import FieldErrors, NotFound
from orgs.models import Committee, Organisation, OrgKind

NOT_FOUND = "未找到该申报。"

# ReviewEvent actions a reviewing organisation takes (submit and withdraw are not reviews).
REVIEW_ACTIONS = ("pass", "return", "reset", "reject")

TAB_PENDING = "pending"
TAB_HANDLED = "handled"
TABS = ((TAB_PENDING, "待审核"), (TAB_HANDLED, "已审核"))

SORTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "-submitted_at": ("提交时间（新→旧）", ("-submitted_at", "-id")),
    "submitted_at": ("提交时间（旧→新）", ("submitted_at", "id")),
    "name": ("姓名", ("applicant__name", "id")),
    "-name": ("姓名（倒序）", ("-applicant__name", "-id")),
    "committee": ("评委会", ("committee__name", "id")),
    "-committee": ("评委会（倒序）", ("-committee__name", "-id")),
}
DEFAULT_SORT = "-submitted_at"

ID_NUMBER_RE = re.compile(r"^\d{17}[\dXx]$")


# --- jurisdiction ---------------------------------------------------------------------------------


def _step_match(actor, prefix: str = "") -> Q | None:
    """The steps that are the actor's, the same rule `can_act_on_step` uses
    (applications.permissions.step_filter_for). None: the actor reviews nothing."""
    return step_filter_for(actor, prefix=prefix)


def _scope_step_match(actor) -> Q | None:
    """The steps whose reaching puts an application in a reviewer's scope. A city reviewer also
    records the provincial committee's result, but what it may see is what reached its own city
    step (a provincial step always comes after it)."""
    if getattr(actor, "role", "") == Role.CITY_REVIEWER:
        if not actor.organisation_id:
            return None
        return Q(kind=StepKind.CITY, organisation_id=actor.organisation_id)
    return _step_match(actor)


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
    match = _scope_step_match(actor)
    if match is None:
        return qs.none()
    if actor.role == Role.UNIT_ADMIN:
        return qs.filter(unit_id=actor.organisation_id, submitted_at__isnull=False)
    reached = ReviewStep.objects.filter(match).exclude(state=StepState.WAITING)
    return qs.filter(pk__in=reached.values("application_id"))


def _my_steps(actor):
    match = _step_match(actor)
    return None if match is None else ReviewStep.objects.filter(match)


def pending_q(actor) -> Q:
    """待审核: the application is in review and its current step is the actor's (and current).
    A join on the current step (no subquery), so counting it costs one join, not a scan."""
    match = _step_match(actor, "current_step__")
    if match is None:
        return Q(pk__in=[])
    return Q(status=ApplicationStatus.IN_REVIEW, current_step__state=StepState.CURRENT) & match


# A step the actor decided: passed, returned (返回修改, or 重置流程 at its step) or rejected.
DECIDED_STATES = (StepState.PASSED, StepState.RETURNED, StepState.REJECTED)


def handled_q(actor) -> Q:
    """已审核: the actor has decided one of the application's steps (every action of a reviewer
    closes its step: applications/state.py), and the application is not waiting for it again."""
    steps = _my_steps(actor)
    if steps is None:
        return Q(pk__in=[])
    decided = steps.filter(state__in=DECIDED_STATES).values("application_id")
    return Q(pk__in=decided) & ~pending_q(actor)


def tab_q(actor, tab: str) -> Q:
    return handled_q(actor) if tab == TAB_HANDLED else pending_q(actor)


# --- filters --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueFilters:
    """The queue's filters, search and sort, already checked (`queue_filters` builds it)."""

    tab: str = TAB_PENDING
    year: int | None = None
    committee: int | None = None
    series: int | None = None
    level: str = ""
    status: str = ""
    unit: str = ""  # a unit id, or part of its name
    district: int | None = None
    q: str = ""  # exact ID number, or part of the name
    sort: str = DEFAULT_SORT

    def as_query(self) -> dict[str, str]:
        """The filters as query-string values (for links that keep them)."""
        values = {
            "tab": self.tab,
            "year": self.year,
            "committee": self.committee,
            "series": self.series,
            "level": self.level,
            "status": self.status,
            "unit": self.unit,
            "district": self.district,
            "q": self.q,
            "sort": self.sort,
        }
        return {k: str(v) for k, v in values.items() if v not in (None, "")}


def _int(value, name: str, label: str, errors: FieldErrors) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        errors.add(name, f"{label}应为编号。")
        return None
    if number < 0:
        errors.add(name, f"{label}应为编号。")
        return None
    return number


def queue_filters(
    *,
    tab: str | None = "",
    year=None,
    committee=None,
    series=None,
    level: str | None = "",
    status: str | None = "",
    unit: str | int | None = "",
    district=None,
    q: str | None = "",
    sort: str | None = "",
) -> QueueFilters:
    """Check the raw filter values (query string or API) and collect every problem at once."""
    errors = FieldErrors()
    tab = (tab or "").strip() or TAB_PENDING
    if tab not in dict(TABS):
        errors.add("tab", "只能选择“待审核”或“已审核”。")
    year_value = _int(year, "year", "申报年度", errors)
    if year_value is not None and not 2000 <= year_value <= 2100:
        errors.add("year", "申报年度不正确。")
    level = (level or "").strip()
    if level and level not in Level.values:
        errors.add("level", "申报层级不正确。")
    status = (status or "").strip()
    if status and status not in ApplicationStatus.values:
        errors.add("status", "状态不正确。")
    sort = (sort or "").strip() or DEFAULT_SORT
    if sort not in SORTS:
        errors.add("sort", "排序方式不正确。")
    q = (q or "").strip()
    if len(q) > 40:
        errors.add("q", "搜索内容不能超过 40 个字。")
    unit_text = str(unit if unit is not None else "").strip()
    if len(unit_text) > 100:
        errors.add("unit", "工作单位不能超过 100 个字。")
    filters = QueueFilters(
        tab=tab,
        year=year_value,
        committee=_int(committee, "committee", "评委会", errors),
        series=_int(series, "series", "系列", errors),
        level=level,
        status=status,
        unit=unit_text,
        district=_int(district, "district", "县（市）区人社部门", errors),
        q=q,
        sort=sort,
    )
    errors.raise_if_any("筛选条件有误，请按提示修改。")
    return filters


def _filtered(qs: QuerySet[Application], filters: QueueFilters) -> QuerySet[Application]:
    if filters.year is not None:
        qs = qs.filter(year=filters.year)
    if filters.committee is not None:
        qs = qs.filter(committee_id=filters.committee)
    if filters.series is not None:
        qs = qs.filter(series_id=filters.series)
    if filters.level:
        qs = qs.filter(level=filters.level)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.unit:
        if filters.unit.isdigit():
            qs = qs.filter(unit_id=int(filters.unit))
        else:
            qs = qs.filter(unit__name__icontains=filters.unit)
    if filters.district is not None:
        qs = qs.filter(unit__district_id=filters.district)
    if filters.q:
        if ID_NUMBER_RE.match(filters.q):
            qs = qs.filter(applicant__id_number=filters.q.upper())
        else:
            qs = qs.filter(applicant__name__icontains=filters.q)
    return qs


def _list_related(qs: QuerySet[Application]) -> QuerySet[Application]:
    """What a row shows, in the same query; the (large) snapshot stays in the database."""
    return qs.defer("snapshot").select_related(
        "applicant",
        "unit",
        "unit__district",
        "series",
        "track",
        "title",
        "committee",
        "current_step",
        "current_step__organisation",
        "current_step__committee",
    )


def _tab_queryset(*, actor, filters: QueueFilters) -> QuerySet[Application]:
    return _filtered(review_scope(actor=actor), filters).filter(tab_q(actor, filters.tab))


def review_queue(*, actor, filters: QueueFilters) -> QuerySet[Application]:
    """The whole queue of one tab with the filters, search and sort applied, each row with what it
    shows (the 花名册 reads it in chunks; pages use `review_page`)."""
    qs = _tab_queryset(actor=actor, filters=filters)
    return _list_related(qs).order_by(*SORTS[filters.sort][1])


def review_page(*, actor, filters: QueueFilters, number, size: int, count: int | None = None) -> Page:
    """One page of the queue in two short queries whatever the size of the queue: the page's ids
    (sorted, only the joins the sort needs), then those rows with everything they show. `count`
    (from `review_counts`) saves the paginator its own COUNT."""
    ids = (
        _tab_queryset(actor=actor, filters=filters)
        .order_by(*SORTS[filters.sort][1])
        .values_list("pk", flat=True)
    )
    paginator = Paginator(ids, size)
    if count is not None:
        paginator.count = count  # cached_property: set, it is never counted again
    page = paginator.get_page(number)
    wanted = list(page.object_list)
    rows = {a.pk: a for a in _list_related(Application.objects.filter(pk__in=wanted))} if wanted else {}
    page.object_list = [rows[pk] for pk in wanted if pk in rows]
    return page


def review_counts(*, actor, filters: QueueFilters) -> dict[str, int]:
    """Counts for the top of the queue in ONE aggregate query: 待审核 and 已审核 with the filters
    (except the tab and status), each status across the actor's whole filtered scope, and
    "selected": the rows of the current tab with every filter (the page's paginator count)."""
    base = _filtered(review_scope(actor=actor), replace(filters, status=""))
    aggregates = {
        TAB_PENDING: Count("pk", filter=pending_q(actor)),
        TAB_HANDLED: Count("pk", filter=handled_q(actor)),
        "total": Count("pk"),
    }
    selected = tab_q(actor, filters.tab)
    if filters.status:
        selected &= Q(status=filters.status)
    aggregates["selected"] = Count("pk", filter=selected)
    for value in ApplicationStatus.values:
        aggregates[f"status_{value}"] = Count("pk", filter=Q(status=value))
    return base.aggregate(**aggregates)


def status_counts(counts: dict[str, int]) -> list[dict]:
    """The per-status counts as rows for a page or the API (statuses with none are left out,
    except 审核中)."""
    rows = []
    for value, label in ApplicationStatus.choices:
        number = counts.get(f"status_{value}", 0)
        if number or value == ApplicationStatus.IN_REVIEW:
            rows.append(
                {"status": value, "label": "已重置（草稿）" if value == "draft" else label, "count": number}
            )
    return rows


@dataclass(frozen=True)
class FilterOptions:
    committees: list
    series: list
    districts: list
    show_unit_filters: bool


def filter_options(*, actor) -> FilterOptions:
    """The choices of the filter selects (three small queries: committees, series, district
    offices). A unit sees only its own staff, so it gets no unit or district filter; a committee
    office's committee list is its own committee; a district reviewer's district list its own."""
    committees = Committee.objects.order_by("tier", "number", "id").only("id", "name", "tier", "number")
    if actor.role == Role.COMMITTEE_OFFICE:
        committees = committees.filter(pk=actor.committee_id)
    districts = Organisation.objects.filter(kind=OrgKind.DISTRICT_BUREAU).order_by("sort_order", "id")
    if actor.role == Role.DISTRICT_REVIEWER:
        districts = districts.filter(pk=actor.organisation_id)
    is_unit = actor.role == Role.UNIT_ADMIN
    return FilterOptions(
        committees=list(committees),
        series=list(Series.objects.order_by("number").only("id", "name", "number")),
        districts=[] if is_unit else list(districts.only("id", "name", "branch")),
        show_unit_filters=not is_unit,
    )


# --- one application ------------------------------------------------------------------------------


def _steps_prefetch() -> Prefetch:
    return Prefetch(
        "steps",
        queryset=ReviewStep.objects.select_related("organisation", "committee").order_by("order", "id"),
    )


def _events_prefetch() -> Prefetch:
    return Prefetch(
        "events",
        queryset=ReviewEvent.objects.select_related(
            "organisation", "actor", "step", "step__committee", "return_request"
        ).order_by("created_at", "id"),
    )


def _pk(value) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        raise NotFound(NOT_FOUND) from None


def review_get(*, actor, application_id) -> Application:
    """One application in the actor's scope with its snapshot, route and events (else NotFound)."""
    application = (
        review_scope(actor=actor)
        .filter(pk=_pk(application_id))
        .select_related(
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
        .prefetch_related(_steps_prefetch(), _events_prefetch())
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


def step_place(step) -> str:
    if step is None:
        return ""
    if step.organisation_id:
        return str(step.organisation)
    if step.committee_id:
        return step.committee.name
    return ""


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
        "committee": {"id": application.committee_id, "name": application.committee.name},
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
        "pending": pending,
    }
