"""The one state machine of an application (style.md convention 3).

`Application.status` and `Application.current_step` are assigned here and nowhere else (a test
reads the source tree to keep it that way). Every transition is a small guarded function that
calls `_transition`, which in ONE transaction locks the application row (select_for_update),
checks the expected status (a repeated click finds the status already moved and changes
nothing), runs the guard and the effect, saves, writes exactly one append-only ReviewEvent and
queues the side effects to run after commit.

Issue 3: submit (draft / returned → in review at the first step of the route).
Issue 4 adds pass / return / reset / reject as further functions over `_transition`."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from core.errors import Conflict, NotFound, ServiceError
from core.tasks import enqueue

from .models import Application, ApplicationStatus, ReviewEvent, ReviewStep, StepState

S = ApplicationStatus

# ReviewEvent.action values and their labels (申报记录 / 审核记录 show the labels).
ACTION_LABELS = {
    "submit": "提交",
    "pass": "通过",
    "return": "返回修改",
    "reset": "重置流程",
    "reject": "不通过",
    "withdraw": "视为放弃",
}


class AlreadyDone(Conflict):
    """The status has already moved (a repeated submit, a double click, a second reviewer):
    nothing was changed."""


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str


SUBMIT = Transition("submit", (S.DRAFT, S.RETURNED), S.IN_REVIEW)
# The transitions issue 4 implements (declared here so the table is in one place; tests use
# RETURN / RESET to build the returned state).
PASS = Transition("pass", (S.IN_REVIEW,), S.IN_REVIEW)
RETURN = Transition("return", (S.IN_REVIEW,), S.RETURNED)
RESET = Transition("reset", (S.IN_REVIEW, S.RETURNED), S.DRAFT)
REJECT = Transition("reject", (S.IN_REVIEW,), S.REJECTED)
TRANSITIONS = {t.action: t for t in (SUBMIT, PASS, RETURN, RESET, REJECT)}


@dataclass
class Outcome:
    """What an effect tells `_transition` to record (besides the status change)."""

    organisation: object | None = None
    step: ReviewStep | None = None
    on_commit: list[tuple[str, dict]] = field(default_factory=list)  # (task path, kwargs)


def _status_message(application: Application, transition: Transition) -> str:
    status = application.status
    if transition.action == "submit":
        if status in (S.IN_REVIEW, S.APPROVED):
            return "已提交：该申报已在审核中，请勿重复提交。可在“申报记录”中查看审核进度。"
        if status == S.REJECTED:
            return "该申报已被评定为不通过，不能再提交。"
        if status == S.WITHDRAWN:
            return "该申报已视为放弃，不能再提交。"
    return f"该申报当前状态为“{application.get_status_display()}”，已被处理，本次操作未执行。"


def _transition(
    *,
    application_id,
    actor,
    transition: Transition,
    ip: str | None = None,
    opinion: str = "",
    scope: Callable | None = None,
    guard: Callable[[Application], None] | None = None,
    effect: Callable[[Application], Outcome | None] | None = None,
) -> Application:
    """Lock, check the expected status, guard, apply, save, write one ReviewEvent, queue side
    effects on commit. `scope` narrows the lookup to what the actor may see (else 404)."""
    try:
        pk = int(application_id)
    except (TypeError, ValueError):
        raise NotFound("未找到该申报。") from None
    with transaction.atomic():
        qs = Application.objects.select_for_update().filter(pk=pk)
        if scope is not None:
            qs = scope(qs)
        application = qs.first()
        if application is None:
            raise NotFound("未找到该申报。")
        if application.status not in transition.sources:
            raise AlreadyDone(_status_message(application, transition))
        if guard is not None:
            guard(application)
        from_status = application.status
        outcome = (effect(application) if effect is not None else None) or Outcome()
        application.status = transition.target
        application.save()
        ReviewEvent.objects.create(
            application=application,
            actor=actor if getattr(actor, "pk", None) else None,
            organisation=outcome.organisation,
            step=outcome.step,
            action=transition.action,
            from_status=from_status,
            to_status=transition.target,
            opinion=opinion,
            ip=ip,
        )
        for func_path, kwargs in outcome.on_commit:
            enqueue(func_path, **kwargs)
    return application


# --- submit ---------------------------------------------------------------------------------------


def _jsonable(value):
    """Dates and decimals as text: the snapshot is plain JSON, whatever the sections hold."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def _replace_route(application: Application, specs) -> list[ReviewStep]:
    """Recompute the route: waiting steps no event points at are deleted; every step with history
    stays, and the new set is added after it (the trail is never rewritten)."""
    stale = ReviewStep.objects.filter(application=application, state=StepState.WAITING).exclude(
        Exists(ReviewEvent.objects.filter(step=OuterRef("pk")))
    )
    stale_ids = list(stale.values_list("pk", flat=True))
    if application.current_step_id in stale_ids:
        application.current_step = None
    if stale_ids:
        ReviewStep.objects.filter(pk__in=stale_ids).delete()
    last = (
        ReviewStep.objects.filter(application=application)
        .order_by("-order")
        .values_list("order", flat=True)
        .first()
    ) or 0
    steps = ReviewStep.objects.bulk_create(
        ReviewStep(
            application=application,
            order=last + index,
            kind=spec.kind,
            organisation=spec.organisation,
            committee=spec.committee,
            state=StepState.CURRENT if index == 1 else StepState.WAITING,
        )
        for index, spec in enumerate(specs, start=1)
    )
    if not all(step.pk for step in steps):  # pragma: no cover - only backends without RETURNING
        steps = list(ReviewStep.objects.filter(application=application, order__gt=last).order_by("order"))
    return steps


def application_submit(
    *, application_id, actor, ip: str | None = None, now: datetime | None = None
) -> Application:
    """Submit the applicant's own application (draft or returned → in review at the first step).

    Under the row lock: the window must be open (rules 6/7), eligibility and completeness are run
    again, the route is computed from the unit and the committee, and a snapshot of the dossier,
    the attachments and the cover is frozen (a resubmission after a return takes a new one). A
    second submit of the same application changes nothing and says 已提交 (AlreadyDone, 409)."""
    from .completeness import application_missing
    from .eligibility import eligibility_issues
    from .routing import route_for
    from .snapshot import application_snapshot

    now = now or timezone.now()
    route: list = []

    def guard(application: Application) -> None:
        eligibility = eligibility_issues(
            user=application.applicant,
            committee=application.committee,
            level=application.level,
            year=application.year,
            series=application.series,
            application=application,
            now=now,
        )
        if eligibility:
            errors: dict[str, list[str]] = {}
            for problem in eligibility:
                errors.setdefault(problem.field, []).append(problem.message)
            detail = (
                eligibility[0].message
                if len(eligibility) == 1
                else (f"申报未提交：有 {len(eligibility)} 项不符合申报条件，请按提示处理。")
            )
            raise ServiceError(detail, errors)
        missing = application_missing(application=application)
        if missing:
            detail = (
                f"申报未提交：{missing[0].message}"
                if len(missing) == 1
                else (
                    f"申报材料尚有 {len(missing)} 项未完成，"
                    "请点击“申报”查看未完成项，并点击“去完善”补充后再提交。"
                )
            )
            raise ServiceError(detail, {"missing": [item.message for item in missing]})
        route.extend(route_for(unit=application.unit, committee=application.committee))

    def effect(application: Application) -> Outcome:
        application.snapshot = _jsonable(application_snapshot(application=application, route=route, now=now))
        steps = _replace_route(application, route)
        application.current_step = steps[0]
        application.submitted_at = now
        return Outcome(
            organisation=application.unit,
            on_commit=[
                ("applications.tasks.application_submitted_notify", {"application_id": application.pk})
            ],
        )

    application = _transition(
        application_id=application_id,
        actor=actor,
        transition=SUBMIT,
        ip=ip,
        scope=lambda qs: qs.filter(applicant=actor),
        guard=guard,
        effect=effect,
    )
    return application
