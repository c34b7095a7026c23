"""The review queue (申报审核 / 单位审核): its filters, the two tabs, sorting, counts, one page and
the 花名册's rows (the per-status summary of the 工作台, 审核概况: reviews/summary.py).

The queue is read from the reviewer's side: the organisation's (or committee's) own review steps —
待审核 the step of it that is current, 已审核 the steps it decided — joined to their applications
only for the filters and the rows. A page is an index range over the steps (ReviewStep's indexes
step_org_queue / step_cmte_queue / step_kind_queue: organisation or committee, kind, state, time),
so the first page and the counts do not grow with the history (bench/review_queue.py measures it).
A step of the actor's has been reached, so the queue never shows more than
`selectors.review_scope`; the review page and every action check that scope again."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet

from accounts.models import Role
from applications.models import (
    COMMITTEE_LESS_KINDS,
    Application,
    ApplicationStatus,
    ReviewStep,
    StepKind,
    StepState,
)
from applications.permissions import step_filter_for
from catalog.models import Level
from core.errors import FieldErrors
from core.validators import ID_NUMBER_SHAPE, search_query
from orgs.models import Organisation

from .selectors import own_step_match

TAB_PENDING = "pending"
TAB_HANDLED = "handled"
TABS = ((TAB_PENDING, "待审核"), (TAB_HANDLED, "已审核"))

# Sort keys; "time" is when the application reached the actor (待审核) or when the actor last
# decided it (已审核), the order a reviewer works in.
SORT_LABELS: dict[str, str | tuple[str, str]] = {
    "-time": ("送达时间（新→旧）", "办理时间（新→旧）"),
    "time": ("送达时间（旧→新）", "办理时间（旧→新）"),
    "-submitted_at": "提交时间（新→旧）",
    "submitted_at": "提交时间（旧→新）",
    "name": "姓名",
    "-name": "姓名（倒序）",
    "committee": "评委会",
    "-committee": "评委会（倒序）",
}
DEFAULT_SORT = "-time"
_STEP_SORTS = {
    "submitted_at": "application__submitted_at",
    "name": "applicant_name",
    "committee": "application_committee__name",
}


def sort_choices(tab: str) -> list[tuple[str, str]]:
    """The sort options as the tab names them (送达时间 while waiting, 办理时间 once handled)."""
    index = 1 if tab == TAB_HANDLED else 0
    return [(key, label if isinstance(label, str) else label[index]) for key, label in SORT_LABELS.items()]


# --- filters --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueFilters:
    """The queue's filters, search and sort, already checked (`queue_filters` builds it)."""

    tab: str = TAB_PENDING
    year: int | None = None
    committee: int | None = None
    kind: str = ""  # a kind no committee decides (考核认定, 职称确认), chosen in the 评委会 select
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
            "committee": self.kind or self.committee,
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
        number = -1
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
    if sort not in SORT_LABELS:
        errors.add("sort", "排序方式不正确。")
    # A whole ID number typed with a Chinese input method ("５３０１…Ｘ") is made ordinary, and one
    # that cannot exist is said so.
    q, problem = search_query(q)
    if len(q) > 40:
        errors.add("q", "搜索内容不能超过 40 个字。")
    elif problem:
        errors.add("q", problem)
    unit_text = str(unit if unit is not None else "").replace("\x00", "").strip()
    if len(unit_text) > 100:
        errors.add("unit", "工作单位不能超过 100 个字。")
    # The 评委会 select also offers the kinds no committee decides (decision 0007) by their value.
    committee_text = str(committee if committee is not None else "").strip()
    kind = committee_text if committee_text in COMMITTEE_LESS_KINDS else ""
    filters = QueueFilters(
        tab=tab,
        year=year_value,
        committee=None if kind else _int(committee_text, "committee", "评委会", errors),
        kind=kind,
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


def _filtered(steps: QuerySet[ReviewStep], filters: QueueFilters) -> QuerySet[ReviewStep]:
    """The filters on review steps: the cover's fields and the name from the step's own copy (in
    the queue indexes: no application row is read), status and ID number through the application,
    unit name and district through the (small) organisation table."""
    conditions = {}
    if filters.year is not None:
        conditions["year"] = filters.year
    if filters.committee is not None:
        conditions["application_committee_id"] = filters.committee
    if filters.kind:
        conditions["application_committee_id__isnull"] = True
        conditions["application__kind"] = filters.kind
    if filters.series is not None:
        conditions["series_id"] = filters.series
    if filters.level:
        conditions["level"] = filters.level
    if filters.status:
        conditions["application__status"] = filters.status
    units = Organisation.objects.all()
    if filters.unit:
        if filters.unit.isdigit():
            conditions["unit_id"] = int(filters.unit)
        else:
            units = units.filter(name__icontains=filters.unit)
    if filters.district is not None:
        units = units.filter(district_id=filters.district)
    if units.query.where:
        conditions["unit_id__in"] = units.values("pk")
    if filters.q:
        if ID_NUMBER_SHAPE.fullmatch(filters.q):
            conditions["application__applicant__id_number"] = filters.q
        else:
            conditions["applicant_name__icontains"] = filters.q
    steps = steps.filter(**conditions)
    if filters.unit and not filters.unit.isdigit() and filters.district is not None:
        steps = steps.filter(
            unit_id__in=Organisation.objects.filter(name__icontains=filters.unit).values("pk")
        )
    return steps


# --- the two tabs, from the actor's steps ---------------------------------------------------------


def _my_steps(actor) -> QuerySet[ReviewStep]:
    match = step_filter_for(actor)
    return ReviewStep.objects.none() if match is None else ReviewStep.objects.filter(match)


def _pending_steps(actor, filters: QueueFilters) -> QuerySet[ReviewStep]:
    """待审核: the actor's steps that are current (a current step's application is in review:
    applications/state.py closes the step whenever the application leaves its review)."""
    return _filtered(_my_steps(actor).filter(state=StepState.CURRENT), filters)


def _handled_steps(actor, filters: QueueFilters) -> QuerySet[ReviewStep]:
    """已审核: the actor's own steps of applications it has decided (on this step or on an earlier
    route's, which this one superseded) and that are not waiting for it now: one row per
    application (applications/submission.py `_replace_route`). The city bureau's own step is its city
    step; an application it passed that waits at the provincial step for the result to be recorded
    is in its 待审核, not here."""
    match = own_step_match(actor)
    if match is None:
        return ReviewStep.objects.none()
    mine = ReviewStep.objects.filter(match, superseded=False, handled_at__isnull=False)
    mine = mine.exclude(state=StepState.CURRENT)
    if actor.role == Role.CITY_REVIEWER:
        waiting = _my_steps(actor).filter(state=StepState.CURRENT, kind=StepKind.PROVINCIAL)
        mine = mine.exclude(application_id__in=waiting.values("application_id"))
    return _filtered(mine, filters)


def _ordering(filters: QueueFilters, time_field: str) -> tuple[str, str]:
    descending = filters.sort.startswith("-")
    key = filters.sort.lstrip("-")
    field = time_field if key == "time" else _STEP_SORTS[key]
    sign = "-" if descending else ""
    return f"{sign}{field}", f"{sign}application_id"


def queue_ids(*, actor, filters: QueueFilters) -> QuerySet:
    """The application ids of one tab with the filters, in the chosen order: values rows with
    "application_id" and "time" (送达时间 while waiting, the last 办理时间 once handled); slicing
    it reads only that slice."""
    if filters.tab == TAB_HANDLED:
        rows = _handled_steps(actor, filters).values("application_id", time=F("handled_at"))
        return rows.order_by(*_ordering(filters, "handled_at"))
    rows = _pending_steps(actor, filters).values("application_id", time=F("reached_at"))
    return rows.order_by(*_ordering(filters, "reached_at"))


def tab_count(actor, filters: QueueFilters, tab: str) -> int:
    """The steps of one tab (TAB_PENDING or TAB_HANDLED) with the filters."""
    steps = _handled_steps(actor, filters) if tab == TAB_HANDLED else _pending_steps(actor, filters)
    return steps.count()


def review_counts(*, actor, filters: QueueFilters) -> dict[str, int]:
    """待审核 and 已审核 with the filters (but not the status: the tabs count every status), and
    "selected": the current tab with the status too (the page's count). Two or three counts, each
    an index range over the actor's steps."""
    unfiltered_status = replace(filters, status="")
    counts = {tab: tab_count(actor, unfiltered_status, tab) for tab, _label in TABS}
    counts["selected"] = tab_count(actor, filters, filters.tab) if filters.status else counts[filters.tab]
    return counts


# What a row of the queue and of the 花名册 shows (selectors.queue_row, export.py), and no more:
# a page builds some 200 model instances, each field of them costs.
ROW_FIELDS = (
    "id",
    "year",
    "level",
    "status",
    "submitted_at",
    "applicant__name",
    "applicant__id_number",
    "unit__name",
    "unit__district__name",
    "unit__district__branch",
    "series__name",
    "title__name",
    "committee__name",
    "kind",
    "recognition__office__name",
    "confirmation__confirmer",
    "confirmation__office__name",
    "postdoc__office__name",
    "current_step__kind",
    "current_step__state",
    "current_step__organisation__name",
    "current_step__organisation__branch",
    "current_step__committee__name",
)


def _rows_in_order(found: list[dict]) -> list[Application]:
    """The applications of `found` (queue_ids rows) in that order, each with its `queue_time`."""
    ids = [row["application_id"] for row in found]
    qs = Application.objects.filter(pk__in=ids).select_related(
        "applicant",
        "unit__district",
        "series",
        "title",
        "committee",
        "recognition__office",
        "confirmation__office",
        "postdoc__office",
        "current_step__organisation",
        "current_step__committee",
    )
    rows = {a.pk: a for a in qs.only(*ROW_FIELDS)} if ids else {}
    ordered = []
    for row in found:
        application = rows.get(row["application_id"])
        if application is not None:
            application.queue_time = row["time"]
            ordered.append(application)
    return ordered


def review_page(*, actor, filters: QueueFilters, number, size: int, count: int | None = None) -> Page:
    """One page of the queue in two short queries whatever the size of the queue: the page's ids,
    then those applications with everything a row shows. `count` (from `review_counts`) saves the
    paginator its own COUNT."""
    paginator = Paginator(queue_ids(actor=actor, filters=filters), size)
    if count is not None:
        paginator.count = count  # cached_property: set, it is never counted again
    page = paginator.get_page(number)
    page.object_list = _rows_in_order(list(page.object_list))
    return page


def review_queue_batches(*, actor, filters: QueueFilters, chunk: int = 2000) -> Iterator[list[Application]]:
    """Every application of the filtered tab, in order, as lists of up to `chunk` read together
    (the 花名册 reads each list's further columns in one more query)."""
    found: list[dict] = []
    for row in queue_ids(actor=actor, filters=filters).iterator(chunk_size=chunk):
        found.append(row)
        if len(found) == chunk:
            yield _rows_in_order(found)
            found = []
    if found:
        yield _rows_in_order(found)


def review_queue_rows(*, actor, filters: QueueFilters, chunk: int = 2000) -> Iterator[Application]:
    """Every application of the filtered tab, in order, read `chunk` at a time."""
    for batch in review_queue_batches(actor=actor, filters=filters, chunk=chunk):
        yield from batch
