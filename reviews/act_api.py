"""/api/v1/reviews/ for one application: its 申报表 (reviews_get), 审核 (reviews_act: pass / return /
reset / reject) and 批量通过 (reviews_batch_pass). Mounted at the same prefix after reviews/api.py
(the queue), whose caller check and shared schemas it uses. Thin: the same selectors and services
as the pages; an application outside the caller's scope is 404 whatever the caller's role."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Router, Schema

from accounts.auth import api_auth
from core.errors import Forbidden
from core.http import client_ip

from . import selectors
from .api import CommitteeRef, Error, Ref, reviewer
from .detail import review_detail
from .permissions import can_batch_pass
from .services import review_act, review_batch_pass

router = Router(tags=["申报审核"])


class StepOut(Schema):
    id: int
    order: int
    kind: str
    kind_label: str
    place: str
    state: str
    state_label: str
    decided_at: datetime | None
    current: bool


class ReturnItemOut(Schema):
    section: str
    label: str
    comment: str


class EventOut(Schema):
    id: int
    created_at: datetime
    action: str
    action_label: str
    organisation: str
    step_kind: str
    step_label: str
    from_status: str
    to_status: str
    opinion: str
    items: list[ReturnItemOut]
    deadline: date | None


class ActionOut(Schema):
    value: str
    label: str
    enabled: bool
    reason: str


class Chances(Schema):
    total: int
    left: int


class RecommendationOut(Schema):
    evaluation: str
    method: str
    participants: str
    participant_count: int
    opinion: str
    formation: str
    updated_at: datetime


class PublicityOut(Schema):
    start_date: date
    end_date: date
    workdays: int
    place: str
    result: str
    result_label: str
    handling: str
    updated_at: datetime


class ReviewOut(Schema):
    id: int
    year: int
    status: str
    status_label: str
    applicant: Ref
    unit: Ref
    committee: CommitteeRef
    series: Ref
    title: Ref
    level: str
    level_label: str
    submitted_at: datetime | None
    current_step: StepOut | None
    snapshot: dict
    route: list[StepOut]
    events: list[EventOut]
    recommendation: RecommendationOut | None
    publicity: PublicityOut | None
    unit_step_problems: list[str]
    chances: Chances
    can_act: bool
    act_reason: str
    acting_step_id: int | None
    actions: list[ActionOut]
    late_warning: str


class ReturnItemIn(Schema):
    section: str = ""
    comment: str = ""


class ActIn(Schema):
    """action: pass (通过) / return (返回修改) / reset (重置流程) / reject (不通过: 审核不通过 ends this
    application only; the unit step of an application to a committee has no reject — 403 with the
    reason — unless the person's returns and resets of the year are used up); opinion is required.
    For return: items (every place to fix, each with a comment, all at once: 职称申报必读（二）2) and
    deadline (YYYY-MM-DD).
    expected_step_id: the step shown to the reviewer (a stale page is refused, nothing changes).
    confirm_late: true to confirm a return close to the window's close (the 409 warning: a closed
    window is not reopened, 职称申报必读（四）)."""

    action: str = ""
    opinion: str = ""
    items: list[ReturnItemIn] = []
    deadline: str = ""
    expected_step_id: int | str | None = None
    confirm_late: bool = False


class BatchIn(Schema):
    ids: list[int | str] = []
    opinion: str = ""


class BatchResultOut(Schema):
    application_id: int | str
    name: str
    ok: bool
    message: str


class BatchOut(Schema):
    passed: int
    failed: int
    results: list[BatchResultOut]


def _step(step, current_id) -> dict:
    return {
        "id": step.pk,
        "order": step.order,
        "kind": step.kind,
        "kind_label": step.get_kind_display(),
        "place": selectors.step_place(step),
        "state": step.state,
        "state_label": step.get_state_display(),
        "decided_at": step.decided_at,
        "current": step.pk == current_id,
    }


def review_out(*, actor, application) -> dict:
    detail = review_detail(actor=actor, application=application)
    unit_step = detail.unit_step or {}
    recommendation = unit_step.get("recommendation")
    publicity = unit_step.get("publicity")
    current = application.current_step
    return {
        "id": application.pk,
        "year": application.year,
        "status": application.status,
        "status_label": application.get_status_display(),
        "applicant": {"id": application.applicant_id, "name": application.applicant.name},
        "unit": {"id": application.unit_id, "name": application.unit.name},
        "committee": {"id": application.committee_id, "name": application.committee_label},
        "series": {"id": application.series_id, "name": application.series.name},
        "title": {"id": application.title_id, "name": application.title.name},
        "level": application.level,
        "level_label": application.get_level_display(),
        "submitted_at": application.submitted_at,
        "current_step": _step(current, application.current_step_id) if current is not None else None,
        "snapshot": detail.snapshot,
        "route": [_step(s, application.current_step_id) for s in detail.route],
        "events": [
            {
                "id": e["id"],
                "created_at": e["created_at"],
                "action": e["action"],
                "action_label": e["action_label"],
                "organisation": e["organisation"] or e["place"],
                "step_kind": e["step_kind"],
                "step_label": e["step_label"],
                "from_status": e["from_status"],
                "to_status": e["to_status"],
                "opinion": e["opinion"],
                "items": e["items"],
                "deadline": e["deadline"],
            }
            for e in detail.events
        ],
        "recommendation": (
            {
                "evaluation": recommendation.evaluation,
                "method": recommendation.method,
                "participants": recommendation.participants,
                "participant_count": recommendation.participant_count,
                "opinion": recommendation.opinion,
                "formation": recommendation.formation,
                "updated_at": recommendation.updated_at,
            }
            if recommendation is not None
            else None
        ),
        "publicity": (
            {
                "start_date": publicity.start_date,
                "end_date": publicity.end_date,
                "workdays": publicity.workdays,
                "place": publicity.place,
                "result": publicity.result,
                "result_label": publicity.get_result_display() if publicity.result else "",
                "handling": publicity.handling,
                "updated_at": publicity.updated_at,
            }
            if publicity is not None
            else None
        ),
        "unit_step_problems": unit_step.get("problems") or [],
        "chances": {"total": detail.chances_total, "left": detail.chances_left},
        "can_act": detail.can_act,
        "act_reason": detail.act_reason,
        "acting_step_id": detail.acting_step.pk if detail.acting_step is not None else None,
        "actions": [
            {"value": a.value, "label": a.label, "enabled": a.enabled, "reason": a.reason}
            for a in detail.actions
        ],
        "late_warning": detail.late_note,
    }


@router.post(
    "/batch-pass",
    auth=api_auth,
    response={200: BatchOut, 400: Error, 403: Error, 404: Error},
    operation_id="reviews_batch_pass",
    summary="批量通过（仅单位）：每份申报分别通过并各自记入审核记录，逐份返回结果",
)
def batch_pass(request: HttpRequest, payload: BatchIn):
    actor = reviewer(request)
    allowed, reason = can_batch_pass(actor)
    if not allowed:
        raise Forbidden(reason)
    results = review_batch_pass(actor=actor, ids=payload.ids, opinion=payload.opinion, ip=client_ip(request))
    return {
        "passed": sum(1 for r in results if r.ok),
        "failed": sum(1 for r in results if not r.ok),
        "results": [
            {"application_id": r.application_id, "name": r.name, "ok": r.ok, "message": r.message}
            for r in results
        ],
    }


@router.get(
    "/{application_id}",
    auth=api_auth,
    response={200: ReviewOut, 404: Error},
    operation_id="reviews_get",
    summary="申报表：提交时的申报信息、流程、审核记录、基层意见和单位公示、剩余返回修改/重置机会",
)
def get(request: HttpRequest, application_id: str):
    actor = request.auth
    application = selectors.review_get(actor=actor, application_id=application_id)
    return review_out(actor=actor, application=application)


@router.post(
    "/{application_id}/act",
    auth=api_auth,
    response={200: ReviewOut, 400: Error, 403: Error, 404: Error, 409: Error},
    operation_id="reviews_act",
    summary="审核：通过 / 返回修改（一次性告知需修改的全部内容和补正截止日期）/ 重置流程 / 不通过"
    "（单位审核不设不通过）",
)
def act(request: HttpRequest, application_id: str, payload: ActIn):
    actor = request.auth
    review_act(
        actor=actor,
        application_id=application_id,
        action=payload.action,
        opinion=payload.opinion,
        items=[item.model_dump() for item in payload.items],
        deadline=payload.deadline,
        expected_step_id=payload.expected_step_id,
        confirm_late=payload.confirm_late,
        ip=client_ip(request),
    )
    application = selectors.review_get(actor=actor, application_id=application_id)
    return review_out(actor=actor, application=application)
