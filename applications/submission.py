"""The applicant's side of the one state machine (applications/state.py): 提交 (issue 3; draft /
returned → in review at the first step of the route), and 视为放弃 when a returned application
is not resubmitted by its return's deadline (rule 5; the daily command, no reviewer acts).

`application_submit` runs through the core's `_transition`: under the row lock it re-checks the
window, eligibility (for the kinds no committee decides, `committee_free_submit_problems`) and
completeness, freezes the snapshot, lays the route down as `ReviewStep` rows (`_replace_route`)
and names the first one in its `Outcome`; the core (applications/machine.py) assigns it with the
status and writes the ReviewEvent. What a kind no committee decides checks and computes is asked
of its registered `CommitteeFreeKind` (applications/kinds.py). Callers import these names from
`applications.state`, the machine's entry point."""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Exists, OuterRef
from django.utils import timezone

from core.errors import ServiceError
from dossier.selectors import dossier_get_or_create

from .completeness import application_missing
from .eligibility.checks import eligibility_issues
from .eligibility.problem import Problem
from .kinds import committee_free_kind
from .machine import SUBMIT, WITHDRAW, AlreadyDone, Outcome, _transition
from .models import (
    COMMITTEE_LESS_KINDS,
    Application,
    ApplicationKind,
    ApplicationStatus,
    ReturnRequest,
    ReviewEvent,
    ReviewStep,
    StepState,
)
from .routing import route_for, route_for_confirmation, route_for_recognition
from .snapshot import application_snapshot, jsonable

S = ApplicationStatus

WITHDRAW_OPINION = "逾期未修改并重新提交，视为放弃（见职称申报必读（二）2）。"


def _queue_columns(application: Application) -> dict:
    """The cover as the review queue filters it: ReviewStep's copy, the same on every step."""
    return {
        "year": application.year,
        "series_id": application.series_id,
        "level": application.level,
        "application_committee_id": application.committee_id,
        "unit_id": application.unit_id,
        "applicant_name": application.applicant.name,
    }


def _replace_route(application: Application, specs, now: datetime) -> list[ReviewStep]:
    """Recompute the route: waiting steps no event points at are deleted; every step with history
    stays, and the new set is added after it (the trail is never rewritten). The first new step
    is reached now; a new step of a place the old route had supersedes that place's old step
    (the review queue's 已审核 reads one row per place). Every step, old and new, gets the cover as
    submitted now (_queue_columns). Returns the new steps; the caller makes the first one current
    (through its Outcome: only the core assigns `current_step`)."""
    stale = ReviewStep.objects.filter(application=application, state=StepState.WAITING).exclude(
        Exists(ReviewEvent.objects.filter(step=OuterRef("pk")))
    )
    stale_ids = list(stale.values_list("pk", flat=True))
    if stale_ids:
        ReviewStep.objects.filter(pk__in=stale_ids).delete()
    columns = _queue_columns(application)
    kept = ReviewStep.objects.filter(application=application)
    last = kept.order_by("-order").values_list("order", flat=True).first() or 0
    if last:
        kept.update(**columns)

    # A place (kind, organisation, committee) that comes again supersedes its earlier step, and
    # the new step keeps when that place last decided the application.
    earlier = {
        (kind, organisation_id, committee_id): (pk, handled_at)
        for pk, kind, organisation_id, committee_id, handled_at in kept.filter(superseded=False).values_list(
            "pk", "kind", "organisation_id", "committee_id", "handled_at"
        )
    }
    places = [
        (spec.kind, getattr(spec.organisation, "pk", None), getattr(spec.committee, "pk", None))
        for spec in specs
    ]
    again = [earlier[key][0] for key in places if key in earlier]
    if again:
        ReviewStep.objects.filter(pk__in=again).update(superseded=True)
    steps = ReviewStep.objects.bulk_create(
        ReviewStep(
            application=application,
            order=last + index,
            kind=spec.kind,
            organisation=spec.organisation,
            committee=spec.committee,
            state=StepState.CURRENT if index == 1 else StepState.WAITING,
            reached_at=now if index == 1 else None,
            handled_at=earlier[key][1] if key in earlier else None,
            **columns,
        )
        for index, (spec, key) in enumerate(zip(specs, places, strict=True), start=1)
    )
    if not all(step.pk for step in steps):  # pragma: no cover - only backends without RETURNING
        steps = list(ReviewStep.objects.filter(application=application, order__gt=last).order_by("order"))
    return steps


def committee_free_submit_problems(*, application: Application, now: datetime) -> list[tuple[str, str]]:
    """The checks of a kind no committee decides, on `now` (submission and the 申报 page): (field,
    message)."""
    return committee_free_kind(application.kind).submit_problems(application=application, now=now)


def application_submit(
    *, application_id, actor, ip: str | None = None, now: datetime | None = None
) -> Application:
    """Submit the applicant's own application (draft or returned → in review at the first step).

    Under the row lock: the window must be open (rules 6/7), eligibility and completeness are run
    again, the route is computed from the unit and the committee, and a snapshot of the dossier,
    the attachments and the cover is frozen (a resubmission after a return takes a new one). A
    second submit of the same application changes nothing and says 已提交 (AlreadyDone, 409)."""
    now = now or timezone.now()
    route: list = []

    def guard(application: Application) -> None:
        if application.committee_id is None:
            # 考核认定, 职称确认 and 博士后认定 (decision 0007): no committee window (rule 6) and no
            # committee eligibility; rules 14 and 15, rule 17 or rule 13 on today, and rules 1 / 9 /
            # 19 / 20, instead.
            eligibility = [
                Problem(field, message)
                for field, message in committee_free_submit_problems(application=application, now=now)
            ]
        else:
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
        if application.kind in (ApplicationKind.CONFIRMATION, ApplicationKind.POSTDOC):
            # 博士后认定 (副高级) goes as a 高级 职称确认 (seed question 16 (3)).
            route.extend(
                route_for_confirmation(
                    unit=application.unit, level=application.level, series=application.series
                )
            )
        elif application.committee_id is None:
            route.extend(route_for_recognition(unit=application.unit, level=application.level))
        else:
            employment_form = dossier_get_or_create(user=application.applicant).employment_form
            route.extend(
                route_for(
                    unit=application.unit, committee=application.committee, employment_form=employment_form
                )
            )

    def effect(application: Application) -> Outcome:
        if application.kind in COMMITTEE_LESS_KINDS:
            # 考核认定, 职称确认, 博士后认定: the level, the office and the dates on the facts row.
            committee_free_kind(application.kind).submitted(application=application, route=route, now=now)
        application.snapshot = jsonable(application_snapshot(application=application, route=route, now=now))
        steps = _replace_route(application, route, now)
        application.submitted_at = now
        # Rule 5: a resubmission resolves the open return (the withdraw command leaves it alone).
        ReturnRequest.objects.filter(
            application=application, resolved_at__isnull=True, withdrawn_at__isnull=True
        ).update(resolved_at=now)
        return Outcome(organisation=application.unit, current_step=steps[0], at=now)

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


def application_withdraw_overdue(*, today: date | None = None) -> int:
    """Rule 5: a returned application whose open return's deadline has passed (the deadline day
    itself still counts) is withdrawn (视为放弃): one event each (actor None, action "withdraw"),
    the ReturnRequest's withdrawn_at set. Each in its own transaction; returns how many."""
    today = today or timezone.localdate()
    candidates = list(
        ReturnRequest.objects.filter(
            application__status=S.RETURNED,
            resolved_at__isnull=True,
            withdrawn_at__isnull=True,
            deadline__lt=today,
        )
        .order_by("application_id")
        .values_list("application_id", flat=True)
        .distinct()
    )
    withdrawn = 0
    for application_id in candidates:
        now = timezone.now()
        holder: list[ReturnRequest] = []

        def guard(application: Application, holder=holder) -> None:
            request = (
                ReturnRequest.objects.select_for_update()
                .filter(application=application, resolved_at__isnull=True, withdrawn_at__isnull=True)
                .order_by("-id")
                .first()
            )
            if request is None or request.deadline >= today:
                raise AlreadyDone("该申报已重新提交或未到补正截止日期。")
            holder.append(request)

        def effect(application: Application, holder=holder, now=now) -> Outcome:
            request = holder[0]
            request.withdrawn_at = now
            request.save(update_fields=["withdrawn_at"])
            step = request.event.step
            return Outcome(organisation=None, step=step)

        try:
            _transition(
                application_id=application_id,
                actor=None,
                transition=WITHDRAW,
                opinion=WITHDRAW_OPINION,
                guard=guard,
                effect=effect,
            )
        except AlreadyDone:
            continue
        withdrawn += 1
    return withdrawn
