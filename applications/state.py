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

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from core.errors import Conflict, FieldErrors, Forbidden, NotFound, ServiceError
from core.tasks import enqueue

from .models import (
    Application,
    ApplicationKind,
    ApplicationStatus,
    ReturnRequest,
    ReviewEvent,
    ReviewStep,
    StepKind,
    StepState,
)

S = ApplicationStatus

# ReviewEvent.action values and their labels (申报记录 / 审核记录 show the labels).
ACTION_LABELS = {
    "submit": "提交",
    "pass": "通过",
    "return": "返回修改",
    "reset": "重置流程",
    "reject": "不通过",
    "withdraw": "视为放弃",
    "objection": "公示异议",
    "objection_handled": "异议办理",
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
    # The status to move to when it is not the transition's usual target (通过 at the last step
    # is the final electronic approval).
    target: str | None = None
    # Runs inside the transaction with the new event (a return records its ReturnRequest).
    after_event: Callable[[ReviewEvent], None] | None = None


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
        target = outcome.target or transition.target
        application.status = target
        application.save()
        event = ReviewEvent.objects.create(
            application=application,
            actor=actor if getattr(actor, "pk", None) else None,
            organisation=outcome.organisation,
            step=outcome.step,
            action=transition.action,
            from_status=from_status,
            to_status=target,
            opinion=opinion,
            ip=ip,
        )
        if outcome.after_event is not None:
            outcome.after_event(event)
        for func_path, kwargs in outcome.on_commit:
            enqueue(func_path, **kwargs)
        # Every transition tells the people concerned (applications/tasks.py), after commit.
        enqueue("applications.tasks.review_event_notify", event_id=event.pk)
    return application


# --- submit ---------------------------------------------------------------------------------------


_ENCODER = DjangoJSONEncoder()


def _jsonable(value):
    """Dates, times and decimals as text, tuples as lists: the snapshot is plain JSON, whatever the
    sections hold (what json.dumps with DjangoJSONEncoder would write, without the round trip)."""
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if value is None or isinstance(value, (str, int, float)):
        return value
    return _ENCODER.default(value)


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
    submitted now (_queue_columns)."""
    stale = ReviewStep.objects.filter(application=application, state=StepState.WAITING).exclude(
        Exists(ReviewEvent.objects.filter(step=OuterRef("pk")))
    )
    stale_ids = list(stale.values_list("pk", flat=True))
    if application.current_step_id in stale_ids:
        application.current_step = None
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
    from .confirmation import confirmation_submit_problems
    from .postdoc import postdoc_submit_problems
    from .recognition import recognition_submit_problems

    ask = {
        ApplicationKind.CONFIRMATION: confirmation_submit_problems,
        ApplicationKind.POSTDOC: postdoc_submit_problems,
    }.get(application.kind, recognition_submit_problems)
    return ask(application=application, now=now)


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
    from .routing import route_for, route_for_confirmation, route_for_recognition
    from .snapshot import application_snapshot

    now = now or timezone.now()
    route: list = []

    def guard(application: Application) -> None:
        if application.committee_id is None:
            # 考核认定, 职称确认 and 博士后认定 (decision 0007): no committee window (rule 6) and no
            # committee eligibility; rules 14 and 15, rule 17 or rule 13 on today, and rules 1 / 9 /
            # 19 / 20, instead.
            from .eligibility import Problem

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
            route.extend(route_for(unit=application.unit, committee=application.committee))

    def effect(application: Application) -> Outcome:
        if application.kind == ApplicationKind.CONFIRMATION:
            from .confirmation import confirmation_submitted

            confirmation_submitted(application=application, route=route, now=now)
        elif application.kind == ApplicationKind.POSTDOC:
            from .postdoc import postdoc_submitted

            postdoc_submitted(application=application, route=route, now=now)
        elif application.committee_id is None:
            from .recognition import recognition_submitted

            recognition_submitted(application=application, route=route, now=now)
        application.snapshot = _jsonable(application_snapshot(application=application, route=route, now=now))
        steps = _replace_route(application, route, now)
        application.current_step = steps[0]
        application.submitted_at = now
        # Rule 5: a resubmission resolves the open return (the withdraw command leaves it alone).
        ReturnRequest.objects.filter(
            application=application, resolved_at__isnull=True, withdrawn_at__isnull=True
        ).update(resolved_at=now)
        return Outcome(organisation=application.unit)

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


# --- review: pass / return / reset / reject (issue 4) ---------------------------------------------

WITHDRAW = Transition("withdraw", (S.RETURNED,), S.WITHDRAWN)
TRANSITIONS["withdraw"] = WITHDRAW

STALE_MESSAGE = "该申报已被处理（当前环节已变化），本次操作未执行。请刷新页面查看最新状态。"
WITHDRAW_OPINION = "逾期未修改并重新提交，视为放弃（规则 5）。"


class NoChancesLeft(Conflict):
    """Rule 20: the person's returns and resets of the year are used up."""


class LateReturn(Conflict):
    """Rule 6: the committee's window closes within RETURN_CLOSE_WARNING_DAYS days (or has closed);
    the reviewer must confirm (confirm_late=True) before returning."""


@dataclass(frozen=True)
class BatchResult:
    application_id: int | str
    ok: bool
    message: str


def _scope_for(actor) -> Callable:
    """Only applications with a step of the actor's exist for the actor (404 otherwise)."""
    from accounts.models import Role

    from .permissions import step_filter_for

    if getattr(actor, "role", None) == Role.SUPPORT:
        raise Forbidden("技术支持不能办理审核。")
    step_q = step_filter_for(actor)
    if step_q is None:
        raise NotFound("未找到该申报。")
    mine = ReviewStep.objects.filter(step_q, application=OuterRef("pk"))
    return lambda qs: qs.filter(Exists(mine))


def _acting(application: Application, actor, expected_step_id) -> ReviewStep:
    """The step the actor acts at, under the row lock: the expected one when the page named it,
    and the actor's own (else the application was already handled by someone)."""
    from .permissions import acting_step, can_act_on_step

    step = acting_step(application)
    if expected_step_id not in (None, "") and (step is None or str(step.pk) != str(expected_step_id).strip()):
        raise AlreadyDone(STALE_MESSAGE)
    allowed, reason = can_act_on_step(actor, application)
    if not allowed:
        raise AlreadyDone(f"该申报已被处理：{reason}本次操作未执行。")
    return step


def _organisation_of(step: ReviewStep, actor):
    """The organisation recorded on the event: the step's, else the actor's (committee offices
    and the provincial step have none of their own)."""
    return step.organisation or getattr(actor, "organisation", None)


def _opinion_or_raise(opinion) -> str:
    from .review_input import clean_opinion

    errors = FieldErrors()
    text = clean_opinion(opinion, errors)
    errors.raise_if_any(errors.errors["opinion"][0] if errors else "")
    return text


def _chances_guard(application: Application, *, action_label: str) -> None:
    """Rule 20: returns and resets together, at most RETURNS_AND_RESETS_PER_YEAR per person per
    year. Counted under a lock on the applicant's user row, so two reviewers returning two
    applications of one person at once are serialised and the count never passes the limit."""
    from accounts.models import User
    from zhicheng import rules

    from .selectors import returns_used

    User.objects.select_for_update().filter(pk=application.applicant_id).values_list("pk").first()
    limit = rules.RETURNS_AND_RESETS_PER_YEAR
    if returns_used(user=application.applicant, year=application.year) >= limit:
        raise NoChancesLeft(
            f"该申报人{application.year}年返回修改和重置流程的 {limit} 次机会已用完，不能再{action_label}："
            "再返回将导致其当年无法申报（规则 20），只能选择通过或不通过。"
        )


def _close_step(step: ReviewStep, state: str, now: datetime) -> None:
    step.state = state
    step.decided_at = step.handled_at = now
    step.save(update_fields=["state", "decided_at", "handled_at"])


def application_pass(
    *, application_id, actor, opinion, ip: str | None = None, expected_step_id=None
) -> Application:
    """通过: the current step is passed and the next step of the route becomes current; at the
    last step the application is approved (final electronic approval). At the unit step the
    基层意见 (rule 25) and the 单位公示 (rule 2) must be complete first."""
    opinion = _opinion_or_raise(opinion)
    now = timezone.now()
    scope = _scope_for(actor)
    acting: list[ReviewStep] = []

    def guard(application: Application) -> None:
        step = _acting(application, actor, expected_step_id)
        from publicity.selectors import objection_hold

        hold = objection_hold(application_id=application.pk)  # rule 4: an unresolved objection
        if hold:
            raise ServiceError(hold, {"objection": [hold]})
        if step.kind == StepKind.UNIT:
            from recommend.selectors import unit_step_problems

            problems = unit_step_problems(application=application)
            if problems:
                detail = (
                    "单位审核通过前须填写完整基层意见并完成单位公示：" + problems[0]
                    if len(problems) == 1
                    else f"单位审核通过前须填写完整基层意见并完成单位公示，尚有 {len(problems)} 项未完成。"
                )
                raise ServiceError(detail, {"unit_step": problems})
        acting.append(step)

    def effect(application: Application) -> Outcome:
        step = acting[0]
        _close_step(step, StepState.PASSED, now)
        following = (
            ReviewStep.objects.filter(application=application, order__gt=step.order, state=StepState.WAITING)
            .order_by("order")
            .first()
        )
        if following is None:
            application.current_step = None
            if application.kind == ApplicationKind.CONFIRMATION:
                # 职称确认: the confirming office's pass (or the province's result recorded by the
                # city bureau) adds the confirmed title to 现有职称情况 (rule 17).
                from .confirmation import confirmation_approved

                confirmation_approved(application=application, now=now)
            elif application.kind == ApplicationKind.POSTDOC:
                # 博士后认定: the recognising office's pass (or the province's result recorded by
                # the city bureau) adds 副高级 to 现有职称情况 (rule 13).
                from .postdoc import postdoc_approved

                postdoc_approved(application=application, now=now)
            elif application.committee_id is None:
                # 考核认定: the recognising office's pass adds the title to 现有职称情况 (rule 14).
                from .recognition import recognition_approved

                recognition_approved(application=application, office=step.organisation, now=now)
            return Outcome(organisation=_organisation_of(step, actor), step=step, target=S.APPROVED)
        following.state = StepState.CURRENT
        following.reached_at = now
        following.save(update_fields=["state", "reached_at"])
        application.current_step = following
        return Outcome(organisation=_organisation_of(step, actor), step=step)

    return _transition(
        application_id=application_id,
        actor=actor,
        transition=PASS,
        ip=ip,
        opinion=opinion,
        scope=scope,
        guard=guard,
        effect=effect,
    )


def application_return(
    *,
    application_id,
    actor,
    opinion,
    items: list[dict],
    deadline: date,
    ip: str | None = None,
    expected_step_id=None,
    confirm_late: bool = False,
) -> Application:
    """返回修改 (rule 5, 一次性告知): back to the applicant with everything to fix at once (items:
    [{"section", "comment"}]) and the deadline; a ReturnRequest records both. Rule 20 limits
    returns and resets; rule 6: within RETURN_CLOSE_WARNING_DAYS days of the window's close the
    reviewer must confirm (LateReturn, 409) and call again with confirm_late=True."""
    from .review_input import clean_deadline, clean_opinion, clean_return_items
    from .selectors import return_close_warning

    errors = FieldErrors()
    opinion = clean_opinion(opinion, errors)
    cleaned_items = clean_return_items(items, errors)
    deadline_value = clean_deadline(deadline, errors)
    errors.raise_if_any("未返回修改：请填写审核意见、需修改的全部内容和补正截止日期。")
    now = timezone.now()
    scope = _scope_for(actor)
    acting: list[ReviewStep] = []

    def guard(application: Application) -> None:
        acting.append(_acting(application, actor, expected_step_id))
        _chances_guard(application, action_label="返回修改")
        if not confirm_late:
            warning = return_close_warning(application=application, now=now)
            if warning:
                raise LateReturn(warning, {"confirm_late": [warning]})

    def effect(application: Application) -> Outcome:
        step = acting[0]
        _close_step(step, StepState.RETURNED, now)
        application.current_step = None

        def record(event: ReviewEvent) -> None:
            ReturnRequest.objects.create(
                application=application, event=event, items=cleaned_items, deadline=deadline_value
            )

        return Outcome(organisation=_organisation_of(step, actor), step=step, after_event=record)

    return _transition(
        application_id=application_id,
        actor=actor,
        transition=RETURN,
        ip=ip,
        opinion=opinion,
        scope=scope,
        guard=guard,
        effect=effect,
    )


def application_reset(
    *, application_id, actor, opinion, ip: str | None = None, expected_step_id=None
) -> Application:
    """重置流程: back to a draft whose cover can be changed (seed FAQ 5: a wrong unit or
    committee). The old route's steps keep their history; the next submission adds a new route.
    Counts as one of the year's rule 20 chances."""
    opinion = _opinion_or_raise(opinion)
    now = timezone.now()
    scope = _scope_for(actor)
    acting: list[ReviewStep] = []

    def guard(application: Application) -> None:
        acting.append(_acting(application, actor, expected_step_id))
        _chances_guard(application, action_label="重置流程")

    def effect(application: Application) -> Outcome:
        step = acting[0]
        if step.state == StepState.CURRENT:
            _close_step(step, StepState.RETURNED, now)
        application.current_step = None
        # A returned application that is reset: its open return is closed by the reset.
        ReturnRequest.objects.filter(
            application=application, resolved_at__isnull=True, withdrawn_at__isnull=True
        ).update(resolved_at=now)
        return Outcome(organisation=_organisation_of(step, actor), step=step)

    return _transition(
        application_id=application_id,
        actor=actor,
        transition=RESET,
        ip=ip,
        opinion=opinion,
        scope=scope,
        guard=guard,
        effect=effect,
    )


def application_reject(
    *, application_id, actor, opinion, ip: str | None = None, expected_step_id=None
) -> Application:
    """不通过: the application ends for this committee; rule 19 then keeps the person from sending
    the materials to another committee of the same level that year (eligibility.py)."""
    opinion = _opinion_or_raise(opinion)
    now = timezone.now()
    scope = _scope_for(actor)
    acting: list[ReviewStep] = []

    def guard(application: Application) -> None:
        acting.append(_acting(application, actor, expected_step_id))

    def effect(application: Application) -> Outcome:
        step = acting[0]
        _close_step(step, StepState.REJECTED, now)
        application.current_step = None
        return Outcome(organisation=_organisation_of(step, actor), step=step)

    return _transition(
        application_id=application_id,
        actor=actor,
        transition=REJECT,
        ip=ip,
        opinion=opinion,
        scope=scope,
        guard=guard,
        effect=effect,
    )


def application_batch_pass(
    *, application_ids: list[int], actor, opinion, ip: str | None = None
) -> list[BatchResult]:
    """通过 several applications at once (units do this): each its own transaction and event; one
    refusal does not stop the others. The results are in the order given (duplicates once)."""
    opinion = _opinion_or_raise(opinion)
    if not application_ids:
        raise ServiceError("请选择要通过的申报。", {"application_ids": ["请选择要通过的申报。"]})
    results: list[BatchResult] = []
    seen: set[str] = set()
    for application_id in application_ids:
        key = str(application_id).strip()
        if key in seen:
            continue
        seen.add(key)
        try:
            application = application_pass(application_id=application_id, actor=actor, opinion=opinion, ip=ip)
        except ServiceError as exc:
            results.append(BatchResult(application_id=application_id, ok=False, message=exc.detail))
        else:
            results.append(
                BatchResult(
                    application_id=application.pk,
                    ok=True,
                    message=(
                        "已通过，电子材料审核完成。"
                        if application.status == S.APPROVED
                        else "已通过，已转至下一审核环节。"
                    ),
                )
            )
    return results


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
