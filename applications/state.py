"""The one state machine of an application (style.md convention 3): its entry point.

Callers import every public name of the machine from here: the transition table, ACTION_LABELS,
AlreadyDone and Outcome of its core (`machine.py`, where `_transition` alone assigns
`Application.status` and `current_step`), the applicant's 提交 and 视为放弃 (`submission.py`) and
the reviewers' 通过 / 返回修改 / 重置流程 / 不通过 and batch 通过 (`review_transitions.py`). The two
sides import the core, never each other nor this module, so there is no import cycle."""

from __future__ import annotations

from .machine import (
    ACTION_LABELS,
    PASS,
    REJECT,
    RESET,
    RETURN,
    SUBMIT,
    TRANSITIONS,
    UNCHANGED,
    WITHDRAW,
    AlreadyDone,
    Outcome,
    Transition,
)
from .review_transitions import (
    NO_CHANCES_LEFT,
    STALE_MESSAGE,
    UNIT_REJECT_REFUSED,
    BatchResult,
    LateReturn,
    NoChancesLeft,
    application_batch_pass,
    application_pass,
    application_reject,
    application_reset,
    application_return,
    reject_refusal,
)
from .submission import (
    WITHDRAW_OPINION,
    application_submit,
    application_withdraw_overdue,
    committee_free_submit_problems,
)

__all__ = [
    "ACTION_LABELS",
    "NO_CHANCES_LEFT",
    "PASS",
    "REJECT",
    "RESET",
    "RETURN",
    "STALE_MESSAGE",
    "SUBMIT",
    "TRANSITIONS",
    "UNCHANGED",
    "UNIT_REJECT_REFUSED",
    "WITHDRAW",
    "WITHDRAW_OPINION",
    "AlreadyDone",
    "BatchResult",
    "LateReturn",
    "NoChancesLeft",
    "Outcome",
    "Transition",
    "application_batch_pass",
    "application_pass",
    "application_reject",
    "application_reset",
    "application_return",
    "application_submit",
    "application_withdraw_overdue",
    "committee_free_submit_problems",
    "reject_refusal",
]
