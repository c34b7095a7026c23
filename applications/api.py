"""/api/v1/applications/: 保存封面, 申报 (what is missing), 提交, one application, 申报记录.
Thin: each endpoint calls the same service as the page; a ServiceError becomes
{"detail", "errors"} with its status (zhicheng/api.py)."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status

from accounts.auth import api_auth
from core.errors import Forbidden
from core.http import client_ip

from . import selectors
from .completeness import application_missing
from .models import Application, ReviewEvent, ReviewStep
from .permissions import can_apply
from .services import application_save_cover
from .state import ACTION_LABELS, application_submit

router = Router(tags=["职称申报"])


class Error(Schema):
    detail: str
    errors: dict[str, list[str]]


class Ref(Schema):
    id: int
    name: str


class StepOut(Schema):
    id: int
    order: int
    kind: str
    kind_label: str
    organisation: Ref | None
    committee: Ref | None
    state: str
    state_label: str
    decided_at: datetime | None
    current: bool


class EventOut(Schema):
    id: int
    created_at: datetime
    action: str
    action_label: str
    organisation: Ref | None
    step_kind: str
    step_kind_label: str
    from_status: str
    to_status: str
    opinion: str


class ApplicationOut(Schema):
    id: int
    year: int
    kind: str
    kind_label: str
    status: str
    status_label: str
    unit: Ref
    series: Ref
    track: Ref
    specialty: str
    level: str
    level_label: str
    title: Ref
    # None for 考核认定, 职称确认 and 博士后认定 (decision 0007); committee_label then names the office.
    committee: Ref | None
    committee_label: str
    current_step: StepOut | None
    submitted_at: datetime | None
    created_at: datetime
    updated_at: datetime
    returns_remaining: int


class ReturnItemOut(Schema):
    section: str
    label: str
    comment: str
    url: str


class OpenReturnOut(Schema):
    """What the reviewer asked to fix (all at once, 职称申报必读（二）2) and by when; `note` warns
    when the committee's window closes before the deadline (a closed window is not reopened,
    职称申报必读（四）)."""

    deadline: date
    opinion: str
    items: list[ReturnItemOut]
    note: str = ""


class ApplicationTrailOut(ApplicationOut):
    steps: list[StepOut]
    events: list[EventOut]
    open_return: OpenReturnOut | None = None


class MissingOut(Schema):
    section: str
    message: str
    url: str


class CheckOut(Schema):
    complete: bool
    missing: list[MissingOut]


def applicant_of(request: HttpRequest):
    """The signed-in applicant of an API call (403 with the reason for anyone else)."""
    allowed, reason = can_apply(request.auth)
    if not allowed:
        raise Forbidden(reason)
    return request.auth


def _ref(obj) -> dict | None:
    if obj is None:
        return None
    return {"id": obj.pk, "name": getattr(obj, "name", str(obj))}


def step_out(step: ReviewStep, current_id: int | None) -> dict:
    return {
        "id": step.pk,
        "order": step.order,
        "kind": step.kind,
        "kind_label": step.get_kind_display(),
        "organisation": {"id": step.organisation.pk, "name": str(step.organisation)}
        if step.organisation
        else None,
        "committee": _ref(step.committee),
        "state": step.state,
        "state_label": step.get_state_display(),
        "decided_at": step.decided_at,
        "current": step.pk == current_id,
    }


def event_out(event: ReviewEvent) -> dict:
    return {
        "id": event.pk,
        "created_at": event.created_at,
        "action": event.action,
        "action_label": ACTION_LABELS.get(event.action, event.action),
        "organisation": _ref(event.organisation),
        "step_kind": event.step.kind if event.step else "",
        "step_kind_label": event.step.get_kind_display() if event.step else "个人申报",
        "from_status": event.from_status,
        "to_status": event.to_status,
        "opinion": event.opinion,
    }


def application_out(application: Application, *, remaining: int | None = None) -> dict:
    if remaining is None:
        remaining = selectors.returns_remaining(user=application.applicant, year=application.year)
    step = application.current_step
    return {
        "id": application.pk,
        "year": application.year,
        "kind": application.kind,
        "kind_label": application.get_kind_display(),
        "status": application.status,
        "status_label": application.get_status_display(),
        "unit": _ref(application.unit),
        "series": _ref(application.series),
        "track": _ref(application.track),
        "specialty": application.specialty,
        "level": application.level,
        "level_label": application.get_level_display(),
        "title": _ref(application.title),
        "committee": _ref(application.committee),
        "committee_label": application.committee_label,
        "current_step": step_out(step, step.pk) if step else None,
        "submitted_at": application.submitted_at,
        "created_at": application.created_at,
        "updated_at": application.updated_at,
        "returns_remaining": remaining,
    }


def trail_out(application: Application) -> dict:
    return {
        **application_out(application),
        "steps": [step_out(s, application.current_step_id) for s in application.steps.all()],
        "events": [event_out(e) for e in application.events.all()],
        "open_return": _open_return_out(application),
    }


def _open_return_out(application: Application) -> dict | None:
    info = selectors.return_notice(application=application)
    if info is None:
        return None
    return {
        "deadline": info["deadline"],
        "opinion": info["opinion"],
        "items": [
            {"section": i["section"], "label": i["label"], "comment": i["comment"], "url": i["url"]}
            for i in info["items"]
        ],
        "note": info["note"] or "",
    }


class CoverIn(Schema):
    """保存封面. Without application_id a new draft is created; with it the draft (or the returned
    application) is changed. title_id may be left out: the catalogue gives it from track and level."""

    application_id: int | str | None = None
    year: int | str | None = None
    kind: str = ""
    series_id: int | str | None = None
    track_id: int | str | None = None
    specialty: str = ""
    level: str = ""
    title_id: int | str | None = None
    committee_id: int | str | None = None
    # 转系列评审 (rule 18) only: the day of the move to the new series' post, YYYY-MM-DD.
    changed_on: str = ""


@router.post(
    "/",
    auth=api_auth,
    response={200: ApplicationOut, 201: ApplicationOut, 400: Error, 403: Error, 404: Error, 409: Error},
    operation_id="applications_create",
    summary="保存封面（新建或修改草稿；返回修改期间不能更换评委会）",
)
def create(request: HttpRequest, payload: CoverIn):
    user = applicant_of(request)
    values = payload.model_dump()
    application = application_save_cover(user=user, **values)
    application = selectors.application_get(user=user, application_id=application.pk)
    return Status(200 if payload.application_id not in (None, "") else 201, application_out(application))


@router.get(
    "/history",
    auth=api_auth,
    response={200: list[ApplicationTrailOut], 403: Error},
    operation_id="applications_history",
    summary="申报记录：每个申报的流程环节和全部审核记录",
)
def history(request: HttpRequest):
    user = applicant_of(request)
    return [trail_out(a) for a in selectors.application_history(user=user)]


@router.get(
    "/{application_id}",
    auth=api_auth,
    response={200: ApplicationTrailOut, 403: Error, 404: Error},
    operation_id="applications_get",
    summary="一个申报（封面、状态、当前环节、流程和审核记录）",
)
def get(request: HttpRequest, application_id: str):
    user = applicant_of(request)
    return trail_out(selectors.application_with_trail(user=user, application_id=application_id))


@router.get(
    "/{application_id}/check",
    auth=api_auth,
    response={200: CheckOut, 403: Error, 404: Error},
    operation_id="applications_check",
    summary="申报：列出全部未完成填写材料项，每项附“去完善”的地址",
)
def check(request: HttpRequest, application_id: str):
    user = applicant_of(request)
    application = selectors.application_get(user=user, application_id=application_id)
    missing = application_missing(application=application)
    return {
        "complete": not missing,
        "missing": [{"section": m.section, "message": m.message, "url": m.url} for m in missing],
    }


@router.post(
    "/{application_id}/submit",
    auth=api_auth,
    response={200: ApplicationOut, 400: Error, 403: Error, 404: Error, 409: Error},
    operation_id="applications_submit",
    summary="提交（重复提交不做任何改变，返回 409“已提交”）",
)
def submit(request: HttpRequest, application_id: str):
    user = applicant_of(request)
    application = application_submit(application_id=application_id, actor=user, ip=client_ip(request))
    return application_out(selectors.application_get(user=user, application_id=application.pk))
