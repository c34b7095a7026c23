"""What the reviewers' 通过 asks the apps above applications (core.hooks): each guard is registered
in its app's AppConfig.ready() and asked under the application's row lock
(review_transitions.application_pass)."""

from __future__ import annotations

from collections.abc import Callable

from core.hooks import Hook

# Rule 4: why the application cannot be passed now at any step (an unresolved objection;
# publicity.selectors.objection_hold): the message, "" or None when it is free.
pass_hold: Hook[Callable[..., str | None]] = Hook(
    "applications.pass_hold", "(*, application_id) -> why 通过 is held at every step, or ''/None"
)

# Rules 2 and 25, an upheld objection, a suspended unit (recommend.selectors.unit_pass_refusal):
# why the unit may not pass, as (message, every problem), or None.
unit_pass_refusal: Hook[Callable[..., tuple[str, list[str]] | None]] = Hook(
    "applications.unit_pass_refusal", "(*, application) -> (message, problems) at the unit step, or None"
)
