"""The reviewers' transitions of the one state machine (applications/state.py): 通过, 返回修改,
重置流程, 不通过 and batch 通过 (issue 4), each a guard and an effect that the core's `_transition`
runs under the row lock. The guard finds the step the reviewer acts at (`_acting`) and checks its
rules (4, 25 and 2 before a pass; 20 and 6 before a return; no unit 不通过 on a committee
application, decision 0008); the effect closes the step and names
the new current step in its `Outcome`, which the core (applications/machine.py) assigns with the
status. Rule 4's objection hold and the unit step's rules 2 and 25 are the guards the apps above
register (applications/hooks.py); a kind no committee decides is approved by its registered
`CommitteeFreeKind` (applications/kinds.py). Callers import these names from `applications.state`,
the machine's entry point."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts.models import Role, User
from core import rulebook
from core.errors import Conflict, FieldErrors, Forbidden, NotFound, ServiceError
from core.sources import cite, source

from . import hooks
from .kinds import committee_free_kind
from .machine import PASS, REJECT, RESET, RETURN, AlreadyDone, Outcome, _transition
from .models import (
    COMMITTEE_LESS_KINDS,
    Application,
    ApplicationStatus,
    ReturnRequest,
    ReviewEvent,
    ReviewStep,
    StepKind,
    StepState,
)
from .permissions import acting_step, can_act_on_step, step_filter_for
from .review_input import clean_deadline, clean_opinion, clean_return_items
from .selectors import return_close_warning, returns_remaining, returns_used

S = ApplicationStatus

STALE_MESSAGE = "该申报已被处理（当前环节已变化），本次操作未执行。请刷新页面查看最新状态。"
# Rule 20, once the person's chances of the year are used up: what one more return would do (the
# refusal and the review page say it).
NO_CHANCES_LEFT = f"再返回将导致其当年无法申报（{cite(20)}），只能选择通过或不通过。"


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
    errors = FieldErrors()
    text = clean_opinion(opinion, errors)
    errors.raise_if_any(errors.errors["opinion"][0] if errors else "")
    return text


def _chances_guard(application: Application, *, action_label: str) -> None:
    """Rule 20: returns and resets together, at most RETURNS_AND_RESETS_PER_YEAR per person per
    year. Counted under a lock on the applicant's user row, so two reviewers returning two
    applications of one person at once are serialised and the count never passes the limit."""
    User.objects.select_for_update().filter(pk=application.applicant_id).values_list("pk").first()
    limit = rulebook.RETURNS_AND_RESETS_PER_YEAR
    if returns_used(user=application.applicant, year=application.year) >= limit:
        raise NoChancesLeft(
            f"该申报人{application.year}年返回修改和重置流程的 {limit} 次机会已用完，不能再{action_label}："
            f"{NO_CHANCES_LEFT}"
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
        for hold_of in hooks.pass_hold:
            hold = hold_of(application_id=application.pk)  # rule 4: an unresolved objection
            if hold:
                raise ServiceError(hold, {"objection": [hold]})
        if step.kind == StepKind.UNIT:
            # Rules 2 and 25, an upheld objection, a suspended unit (recommend.selectors).
            for refusal_of in hooks.unit_pass_refusal:
                refusal = refusal_of(application=application)
                if refusal is not None:
                    raise ServiceError(refusal[0], {"unit_step": refusal[1]})
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
            if application.kind in COMMITTEE_LESS_KINDS:
                # 考核认定, 职称确认, 博士后认定: the recognising or confirming office's pass (or the
                # province's result recorded by the city bureau) adds the title to 现有职称情况
                # (rules 14, 17, 13).
                committee_free_kind(application.kind).approved(application=application, step=step, now=now)
            return Outcome(
                organisation=_organisation_of(step, actor), step=step, target=S.APPROVED, current_step=None
            )
        following.state = StepState.CURRENT
        following.reached_at = now
        following.save(update_fields=["state", "reached_at"])
        return Outcome(organisation=_organisation_of(step, actor), step=step, current_step=following)

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

        def record(event: ReviewEvent) -> None:
            ReturnRequest.objects.create(
                application=application, event=event, items=cleaned_items, deadline=deadline_value
            )

        return Outcome(
            organisation=_organisation_of(step, actor), step=step, after_event=record, current_step=None
        )

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
        # A returned application that is reset: its open return is closed by the reset.
        ReturnRequest.objects.filter(
            application=application, resolved_at__isnull=True, withdrawn_at__isnull=True
        ).update(resolved_at=now)
        return Outcome(organisation=_organisation_of(step, actor), step=step, current_step=None)

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


# Decision 0008: the seed gives the unit 通过 / 返回修改 / 重置流程 and says materials that do not meet
# the conditions are "退回并向申报人说明原因" (part 五 (三)); the unit of a committee application has
# no 不通过.
UNIT_REJECT_REFUSED = (
    "单位审核不设“不通过”：对不符合申报条件的材料，请选择“重置流程”退回申报人（需修改完善的选择“返回修改”），"
    f"并在审核意见中向申报人说明原因（{source(20).cite}）。"  # the same part of the seed as rule 20
)


def reject_refusal(
    *, application: Application, step: ReviewStep | None, returns_left: int | None = None
) -> str:
    """Why 不通过 may not be chosen at `step` ("" when it may). The unit step of an application to a
    committee has no 不通过 (decision 0008), except when the person's returns and resets of the year
    are used up (rule 20), where 不通过 is the only way left to hand back materials that do not meet
    the conditions. The employer's assessment of the kinds no committee decides (考核认定, 职称确认,
    博士后认定; decision 0007) keeps it: 考核不合格 is a result, not a correction. `returns_left`:
    the person's returns and resets left this year, when the caller has counted them already."""
    if step is None or step.kind != StepKind.UNIT or application.kind in COMMITTEE_LESS_KINDS:
        return ""
    if returns_left is None:
        returns_left = returns_remaining(user=application.applicant, year=application.year)
    if returns_left <= 0:
        return ""
    return UNIT_REJECT_REFUSED


def application_reject(
    *, application_id, actor, opinion, ip: str | None = None, expected_step_id=None
) -> Application:
    """不通过 (审核不通过): the materials do not meet the conditions; the application ends at this
    step, before any committee's decision. It ends only this application (decision 0008): rule 19
    does not bar the person from applying again that year to another committee of the same level —
    that is for a committee's 评审未通过 (`same_level.failed_at_evaluation`). Not at the unit step of
    a committee application (`reject_refusal`)."""
    opinion = _opinion_or_raise(opinion)
    now = timezone.now()
    scope = _scope_for(actor)
    acting: list[ReviewStep] = []

    def guard(application: Application) -> None:
        step = _acting(application, actor, expected_step_id)
        refusal = reject_refusal(application=application, step=step)
        if refusal:
            raise Forbidden(refusal, {"action": [refusal]})
        acting.append(step)

    def effect(application: Application) -> Outcome:
        step = acting[0]
        _close_step(step, StepState.REJECTED, now)
        return Outcome(organisation=_organisation_of(step, actor), step=step, current_step=None)

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
