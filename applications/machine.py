"""The core of the one state machine of an application (style.md convention 3).

`Application.status` and `Application.current_step` are assigned here and nowhere else (a test
reads the source tree to keep it that way): in `_transition`, from the `Outcome` an effect
returns. Every transition is a small guarded function that calls `_transition`, which in ONE
transaction locks the application row (select_for_update), checks the expected status (a repeated
click finds the status already moved and changes nothing), runs the guard and the effect, moves
the status and the current step, saves, writes exactly one append-only ReviewEvent and queues the
side effects (the notifications among them) to run after commit.

One machine, four modules, each read in one sitting:
- `machine.py` (this one): the transition table, ACTION_LABELS, AlreadyDone, Outcome and the
  runner `_transition`.
- `submission.py`: the applicant's side, 提交 and the rule 5 视为放弃.
- `review_transitions.py`: the reviewers' 通过 / 返回修改 / 重置流程 / 不通过 and batch 通过.
- `result_transitions.py`: the committee's side (issue 13): the meeting's 评审通过 / 评审未通过,
  核准/备案, 申请复查 and its 维持 / 重新评议, 撤销职称. The evaluation app decides; these record.
- `state.py`: the entry point; every public name of the machine is importable from there, and
  callers do so.
`submission.py`, `review_transitions.py` and `result_transitions.py` import this core; it imports
none of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from core.errors import Conflict, NotFound
from core.tasks import enqueue

from .models import Application, ApplicationStatus, ReviewEvent, ReviewStep

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
    "evaluation_pass": "评审通过",
    "evaluation_fail": "评审未通过",
    "confirm": "核准/备案",
    "appeal": "申请复查",
    "appeal_kept": "复查：维持原评审结果",
    "reconsider": "复查：重新评议",
    "revoke": "撤销职称",
}


class AlreadyDone(Conflict):
    """The status has already moved (a repeated submit, a double click, a second reviewer):
    nothing was changed."""


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    # None: the status stays as it is (a step of the trail that moves nothing: 核准/备案, 申请复查).
    target: str | None


# The transition table, in one place: SUBMIT and WITHDRAW run in submission.py, the others in
# review_transitions.py (tests use RETURN / PASS to build a state directly).
SUBMIT = Transition("submit", (S.DRAFT, S.RETURNED), S.IN_REVIEW)
PASS = Transition("pass", (S.IN_REVIEW,), S.IN_REVIEW)
RETURN = Transition("return", (S.IN_REVIEW,), S.RETURNED)
RESET = Transition("reset", (S.IN_REVIEW, S.RETURNED), S.DRAFT)
# 审核不通过 ends the application before any committee's decision; not at the unit step of a
# committee application (review_transitions.reject_refusal, decision 0008).
REJECT = Transition("reject", (S.IN_REVIEW,), S.REJECTED)
WITHDRAW = Transition("withdraw", (S.RETURNED,), S.WITHDRAWN)
# The committee's side (result_transitions.py): the meeting fixes 评审通过 / 评审未通过 (rules 29,
# 30); the result is confirmed (核准/备案, rule 33) or appealed (复查, rule 34: 维持 keeps it, 重新评议
# sends the application back to wait for the next meeting); a confirmed title obtained by fraud is
# revoked (rules 1, 35).
EVALUATION_PASS = Transition("evaluation_pass", (S.APPROVED,), S.PASSED)
EVALUATION_FAIL = Transition("evaluation_fail", (S.APPROVED,), S.FAILED)
CONFIRM = Transition("confirm", (S.PASSED,), None)
APPEAL = Transition("appeal", (S.PASSED, S.FAILED), None)
APPEAL_KEPT = Transition("appeal_kept", (S.PASSED, S.FAILED), None)
RECONSIDER = Transition("reconsider", (S.PASSED, S.FAILED), S.APPROVED)
REVOKE = Transition("revoke", (S.PASSED,), S.REVOKED)
TRANSITIONS = {
    t.action: t
    for t in (
        SUBMIT,
        PASS,
        RETURN,
        RESET,
        REJECT,
        WITHDRAW,
        EVALUATION_PASS,
        EVALUATION_FAIL,
        CONFIRM,
        APPEAL,
        APPEAL_KEPT,
        RECONSIDER,
        REVOKE,
    )
}


class _Unchanged:
    def __repr__(self) -> str:
        return "UNCHANGED"


# Outcome.current_step's default: the effect leaves the current step as it is.
UNCHANGED = _Unchanged()


@dataclass
class Outcome:
    """What an effect tells `_transition` to record: where the application goes (its current step,
    a target other than the transition's) and what the event carries."""

    organisation: object | None = None
    step: ReviewStep | None = None
    on_commit: list[tuple[str, dict]] = field(default_factory=list)  # (task path, kwargs)
    # The status to move to when it is not the transition's usual target (通过 at the last step
    # is the final electronic approval).
    target: str | None = None
    # Runs inside the transaction with the new event (a return records its ReturnRequest).
    after_event: Callable[[ReviewEvent], None] | None = None
    # The step that is current afterwards (None: no step is), assigned by `_transition` with the
    # status; UNCHANGED leaves it as it is.
    current_step: ReviewStep | _Unchanged | None = UNCHANGED
    # When it happened, if the effect worked on a given moment (a submission's `now`, the same
    # moment as its submitted_at and its steps' 送达时间); None: the clock when the event is written.
    at: datetime | None = None
    # False when the caller tells the people concerned itself, once for many transitions (a
    # meeting's close fixes hundreds of results and sends one batch of messages).
    notify: bool = True


def _status_message(application: Application, transition: Transition) -> str:
    status = application.status
    if transition.action == "submit":
        if status in (S.IN_REVIEW, S.APPROVED):
            return "已提交：该申报已在审核中，请勿重复提交。可在“申报记录”中查看审核进度。"
        if status in (S.REJECTED, S.WITHDRAWN):
            # Decision 0008: ended before any committee's decision; a new application may follow.
            ended = "已审核不通过" if status == S.REJECTED else "已视为放弃"
            return f"该申报{ended}，已结束，不能再提交；如仍符合申报条件，可在“职称申报”中重新保存封面申报。"
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
    """Lock, check the expected status, guard, apply (the effect's changes, then the Outcome's
    current step and the status), save, write one ReviewEvent, queue side effects on commit.
    `scope` narrows the lookup to what the actor may see (else 404)."""
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
        if not isinstance(outcome.current_step, _Unchanged):
            application.current_step = outcome.current_step
        target = outcome.target or transition.target or from_status
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
            created_at=outcome.at or timezone.now(),
        )
        if outcome.after_event is not None:
            outcome.after_event(event)
        for func_path, kwargs in outcome.on_commit:
            enqueue(func_path, **kwargs)
        # Every transition tells the people concerned (applications/tasks.py), after commit.
        if outcome.notify:
            enqueue("applications.tasks.review_event_notify", event_id=event.pk)
    return application
