"""/api/v1/reviews/: the review queue, its 审核概况 and the 花名册 export (one application's 申报表,
审核 and 批量通过: reviews/act_api.py, mounted at the same prefix after it). Thin: the same
selectors and services as the pages; a ServiceError becomes {"detail", "errors"} with its status
(zhicheng/api.py). An application outside the caller's scope is 404 whatever the caller's role."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema

from accounts.auth import api_auth
from core.errors import Forbidden

from . import queue as review_queue
from . import selectors
from .export import export_response
from .permissions import can_review
from .summary import review_summary, status_rows

router = Router(tags=["申报审核"])

PAGE_SIZE = 20
PAGE_SIZE_MAX = 100


class QueueQuery(Schema):
    """The queue's filters, shared by reviews_queue and reviews_export (all optional text)."""

    tab: str = ""
    year: str = ""
    committee: str = ""
    series: str = ""
    level: str = ""
    status: str = ""
    unit: str = ""
    district: str = ""
    q: str = ""
    sort: str = ""


class Error(Schema):
    detail: str
    errors: dict[str, list[str]]


class Ref(Schema):
    id: int
    name: str


class CommitteeRef(Schema):
    """The committee, or for 考核认定 (no committee, decision 0007) id None and the name
    "考核认定（<the recognising office>）"."""

    id: int | None
    name: str


class StepBrief(Schema):
    id: int
    kind: str
    kind_label: str
    place: str
    state: str
    state_label: str


class QueueRow(Schema):
    id: int
    name: str
    id_number: str
    year: int
    unit: Ref
    district: str
    series: Ref
    title: Ref
    level: str
    level_label: str
    committee: CommitteeRef
    status: str
    status_label: str
    current_step: StepBrief | None
    submitted_at: datetime | None
    queue_time: datetime | None
    pending: bool


class StatusCount(Schema):
    status: str
    label: str
    count: int


class Counts(Schema):
    pending: int
    handled: int


class CommitteeCount(Schema):
    id: int | None
    name: str
    total: int
    counts: list[StatusCount]


class SummaryOut(Schema):
    year: int | None
    counted_at: datetime
    pending: int
    handled: int
    total: int
    statuses: list[StatusCount]
    committees: list[CommitteeCount]


class QueueOut(Schema):
    count: int
    page: int
    num_pages: int
    page_size: int
    counts: Counts
    results: list[QueueRow]


def reviewer(request: HttpRequest):
    allowed, reason = can_review(request.auth)
    if not allowed:
        raise Forbidden(reason)
    return request.auth


def _filters(**raw) -> review_queue.QueueFilters:
    return review_queue.queue_filters(**raw)


@router.get(
    "/",
    auth=api_auth,
    response={200: QueueOut, 400: Error, 403: Error},
    operation_id="reviews_queue",
    summary="审核列表：待审核（tab=pending）或已审核（tab=handled），可按年度、评委会、系列、层级、状态、单位、"
    "县区筛选，按姓名或身份证号搜索，排序，分页；身份证号已脱敏",
)
def queue(request: HttpRequest, params: Query[QueueQuery], page: str = "1", page_size: str = ""):
    actor = reviewer(request)
    filters = _filters(**params.dict())
    try:
        size = min(max(int(page_size), 1), PAGE_SIZE_MAX) if page_size else PAGE_SIZE
    except ValueError:
        size = PAGE_SIZE
    counts = review_queue.review_counts(actor=actor, filters=filters)
    current = review_queue.review_page(
        actor=actor, filters=filters, number=page, size=size, count=counts["selected"]
    )
    return {
        "count": current.paginator.count,
        "page": current.number,
        "num_pages": current.paginator.num_pages,
        "page_size": size,
        "counts": {
            "pending": counts[review_queue.TAB_PENDING],
            "handled": counts[review_queue.TAB_HANDLED],
        },
        "results": [selectors.queue_row(a, actor=actor) for a in current.object_list],
    }


@router.get(
    "/summary",
    auth=api_auth,
    response={200: SummaryOut, 400: Error, 403: Error},
    operation_id="reviews_summary",
    summary="审核概况：本机构范围内各状态的申报数（全部年度或一个年度），按评委会分列；每分钟统计一次",
)
def summary(request: HttpRequest, year: str = ""):
    actor = reviewer(request)
    filters = _filters(year=year)
    figures = review_summary(actor=actor, year=filters.year)
    return {
        **figures,
        "committees": [
            {
                "id": row["id"],
                "name": row["name"],
                "total": row["total"],
                "counts": status_rows(row["counts"]),
            }
            for row in figures["committees"]
        ],
    }


@router.get(
    "/export",
    auth=api_auth,
    response={200: None, 400: Error, 403: Error},
    operation_id="reviews_export",
    summary="导出花名册（.xlsx）：与审核列表相同的筛选条件，全部符合条件的申报",
)
def export(request: HttpRequest, params: Query[QueueQuery]):
    actor = reviewer(request)
    filters = _filters(**params.dict())
    return export_response(actor=actor, filters=filters)
