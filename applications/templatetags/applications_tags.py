"""Labels for the 申报记录 and the status indicator."""

from django import template

from ..models import PROVINCE_NAME, StepKind
from ..state import ACTION_LABELS

register = template.Library()

STATUS_BADGES = {
    "draft": "badge",
    "in_review": "badge badge-amber",
    "returned": "badge badge-red",
    "approved": "badge badge-green",
    "rejected": "badge badge-red",
    "withdrawn": "badge badge-red",
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
def status_badge(status: str) -> str:
    return STATUS_BADGES.get(status, "badge")


@register.filter
def step_badge(state: str) -> str:
    return STEP_BADGES.get(state, "badge")


@register.filter
def step_place(step) -> str:
    """Who reviews at a step: the organisation, or the committee."""
    if step is None:
        return ""
    if step.organisation_id:
        return str(step.organisation)
    if step.committee_id:
        return step.committee.name
    if step.kind == StepKind.PROVINCIAL:
        return PROVINCE_NAME  # a 高级 职称确认 sent on to the province (rule 17)
    return ""
