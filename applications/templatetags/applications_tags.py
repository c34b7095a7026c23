"""Labels for the 申报记录 and the status indicator."""

from django import template

from ..models import event_stage, step_label, step_place
from ..state import ACTION_LABELS

register = template.Library()

STATUS_BADGES = {
    "draft": "badge",
    "in_review": "badge badge-amber",
    "returned": "badge badge-red",
    "approved": "badge badge-green",
    "rejected": "badge badge-red",
    "withdrawn": "badge badge-red",
    "passed": "badge badge-green",
    "failed": "badge badge-red",
    "revoked": "badge badge-red",
}
STEP_BADGES = {
    "waiting": "badge",
    "current": "badge badge-amber",
    "passed": "badge badge-green",
    "returned": "badge badge-red",
    "rejected": "badge badge-red",
}


@register.filter
def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


@register.filter
def event_stage_label(event) -> str:
    """环节 of a trail event (applications.models.event_stage)."""
    return event_stage(event)[0]


@register.filter
def event_place(event) -> str:
    """机构 of a trail event (applications.models.event_stage)."""
    return event_stage(event)[1] or "—"


@register.filter
def status_badge(status: str) -> str:
    return STATUS_BADGES.get(status, "badge")


@register.filter
def step_badge(state: str) -> str:
    return STEP_BADGES.get(state, "badge")


# Who reviews at a step: the organisation, or the committee (or the province); the step named
# with it in brackets (the one applications.models.step_label of messages and pages).
register.filter("step_place", step_place)
register.filter("step_label", step_label)
