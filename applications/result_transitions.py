"""The committee's transitions of the one state machine (applications/state.py), issue 13: what
the evaluation app decides, recorded here under the application's row lock with one ReviewEvent
each (the append-only trail the applicant, the unit and the reviewers read).

- `application_evaluation_result`: the meeting's fixed result, 评审通过 / 评审未通过 (人社部令第40号,
  rules 29, 30), from 电子材料审核通过 (the state in which the application waited for the meeting).
- `application_confirm`: 核准/备案 of a 评审通过 after its result notice (rule 33).
- `application_appeal` and `application_appeal_decide`: 申请复查 and its 维持 / 重新评议 (rule 34);
  重新评议 sends the application back to 电子材料审核通过, to wait for the next meeting.
- `application_revoke`: 撤销职称 of a title obtained by fraud (rules 1, 35).

The evaluation app (a layer above) brings the checks and the records of its own: `guard` runs
under the lock before anything moves, `after_event` in the same transaction with the new event.
Callers import these names from `applications.state`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from .machine import (
    APPEAL,
    APPEAL_KEPT,
    CONFIRM,
    EVALUATION_FAIL,
    EVALUATION_PASS,
    RECONSIDER,
    REVOKE,
    Outcome,
    Transition,
    _transition,
)
from .models import Application, ReviewEvent

Guard = Callable[[Application], None] | None
AfterEvent = Callable[[ReviewEvent], None] | None


def _record(
    transition: Transition,
    *,
    application_id,
    actor,
    opinion: str,
    ip: str | None = None,
    guard: Guard = None,
    after_event: AfterEvent = None,
    notify: bool = True,
    at: datetime | None = None,
) -> Application:
    def effect(application: Application) -> Outcome:
        return Outcome(
            organisation=getattr(actor, "organisation", None),
            after_event=after_event,
            notify=notify,
            at=at,
        )

    return _transition(
        application_id=application_id,
        actor=actor,
        transition=transition,
        ip=ip,
        opinion=opinion,
        guard=guard,
        effect=effect,
    )


def application_evaluation_result(
    *, application_id, passed: bool, actor, opinion: str, at: datetime | None = None
) -> Application:
    """The meeting's fixed result. The meeting's close tells everyone once (no message per event)."""
    return _record(
        EVALUATION_PASS if passed else EVALUATION_FAIL,
        application_id=application_id,
        actor=actor,
        opinion=opinion,
        notify=False,
        at=at,
    )


# 核准/备案, 申请复查 and 撤销职称: `_record` with their transition (keyword arguments
# application_id, actor, opinion, and optionally ip, guard, after_event).
application_confirm = partial(_record, CONFIRM)
application_appeal = partial(_record, APPEAL)
application_revoke = partial(_record, REVOKE)


def application_appeal_decide(
    *,
    application_id,
    reconsider: bool,
    actor,
    opinion: str,
    ip: str | None = None,
    guard: Guard = None,
    after_event: AfterEvent = None,
) -> Application:
    return _record(
        RECONSIDER if reconsider else APPEAL_KEPT,
        application_id=application_id,
        actor=actor,
        opinion=opinion,
        ip=ip,
        guard=guard,
        after_event=after_event,
    )
