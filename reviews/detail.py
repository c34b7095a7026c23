"""What the review page (申报表) and `reviews_get` show of one application in the actor's scope:
the submitted snapshot, the route with its states, every earlier opinion (审核记录), the unit's
基层意见 and 单位公示, the rule 20 chances and what the actor may do now. Reads only."""

from __future__ import annotations

from dataclasses import dataclass, field

from applications.models import COMMITTEE_LESS_KINDS, Application, ApplicationStatus, StepKind, event_stage
from applications.permissions import acting_step, can_act_on_step
from applications.review_input import return_section_label
from applications.selectors import open_return_request, return_close_warning, returns_remaining, route_steps
from applications.state import ACTION_LABELS, NO_CHANCES_LEFT, reject_refusal
from core import rulebook

from .forms import ACTIONS
from .snapshot import snapshot_view

# The actions each status allows (applications/state.py: PASS, RETURN, REJECT from 审核中; RESET
# also from 返回修改, by the step that returned it).
STATUS_ACTIONS = {
    ApplicationStatus.IN_REVIEW: ("pass", "return", "reset", "reject"),
    ApplicationStatus.RETURNED: ("reset",),
}
CHANCE_ACTIONS = ("return", "reset")


@dataclass
class ActionChoice:
    value: str
    label: str
    enabled: bool
    reason: str = ""
    # What the page asks before the action is sent (form[data-confirm]): 重置流程 and 不通过.
    confirm: str = ""


@dataclass
class ReviewDetail:
    application: Application
    snapshot: dict
    route: list
    events: list[dict]
    chances_total: int
    chances_left: int
    can_act: bool
    act_reason: str
    acting_step: object | None
    actions: list[ActionChoice] = field(default_factory=list)
    chances_note: str = ""
    late_note: str = ""
    open_return: dict | None = None
    unit_step: dict | None = None
    # Decision 0008: why 不通过 is not offered at this step (the unit of a committee application).
    reject_note: str = ""


def _events(application: Application) -> list[dict]:
    rows = []
    for event in application.events.all():
        request = getattr(event, "return_request", None) if event.action == "return" else None
        stage, place = event_stage(event)
        rows.append(
            {
                "event": event,
                "id": event.pk,
                "created_at": event.created_at,
                "action": event.action,
                "action_label": ACTION_LABELS.get(event.action, event.action),
                "organisation": str(event.organisation) if event.organisation_id else "",
                "step_kind": event.step.kind if event.step_id else "",
                "step_label": stage,
                "place": place,
                "actor": event.actor.name if event.actor_id else "",
                "from_status": event.from_status,
                "to_status": event.to_status,
                "opinion": event.opinion,
                "items": [
                    {
                        "section": item.get("section", ""),
                        "label": return_section_label(item.get("section", "")),
                        "comment": item.get("comment", ""),
                    }
                    for item in (request.items if request is not None else [])
                ],
                "deadline": request.deadline if request is not None else None,
            }
        )
    return rows


def _unit_step(application: Application, *, actor, can_act: bool, step) -> dict | None:
    """The 基层意见 and 单位公示 (recommend app): editable by the unit while at its step."""
    from recommend.permissions import assessment_only
    from recommend.selectors import publicity_for, recommendation_for, unit_step_problems

    if not any(s.kind == StepKind.UNIT for s in application.steps.all()):
        return None
    can_edit = bool(
        can_act
        and step is not None
        and step.kind == StepKind.UNIT
        and application.status == ApplicationStatus.IN_REVIEW
    )
    records = (recommendation_for(application=application), publicity_for(application=application))
    return {
        "recommendation": records[0],
        "publicity": records[1],
        "problems": unit_step_problems(application=application, records=records) if can_edit else [],
        "assessment_only": assessment_only(application),
        "can_edit": can_edit,
    }


def review_detail(*, actor, application: Application) -> ReviewDetail:
    """Everything the review page shows (the application comes from `review_get`, in scope)."""
    can_act, reason = can_act_on_step(actor, application)
    acting = acting_step(application)
    step = acting if can_act else None
    # Rule 20: returns and resets together, RETURNS_AND_RESETS_PER_YEAR per person per year; both
    # sides see what is left, and at 0 the reviewer may only pass or reject.
    total = rulebook.RETURNS_AND_RESETS_PER_YEAR
    left = returns_remaining(user=application.applicant, year=application.year)
    allowed = STATUS_ACTIONS.get(application.status, ())
    chances_note = ""
    if left <= 0:
        chances_note = (
            f"该申报人{application.year}年返回修改和重置流程的 {total} 次机会已用完：" + NO_CHANCES_LEFT
        )
    # Rule 4: an open objection holds the application; the state machine refuses the pass anyway.
    from publicity.selectors import objection_hold

    hold = objection_hold(application_id=application.pk) if "pass" in allowed else ""
    # Decision 0008: the unit of a committee application has 通过 / 返回修改 / 重置流程 only.
    # At the acting step whoever looks (the API lists the actions to a reviewer who cannot act too).
    reject_note = reject_refusal(application=application, step=acting, returns_left=left)
    confirms = {
        "reset": (
            "确定重置流程吗？申报将退回为草稿，申报人可修改封面后重新申报；"
            f"将占用申报人本年度 1 次返回修改/重置机会（剩余 {max(left, 0)} 次）。"
        ),
        "reject": "确定审核不通过吗？该申报将就此结束，不能撤回。",
    }
    assessed = application.kind in COMMITTEE_LESS_KINDS
    assessed_unit = assessed and step is not None and step.kind == StepKind.UNIT
    actions = []
    for value, label in ACTIONS:
        if value == "reject" and reject_note:
            continue
        if value == "reject" and assessed_unit:
            label = "不通过（考核不合格）"
        if value == "pass" and value in allowed and hold:
            actions.append(ActionChoice(value, label, False, hold))
        elif value not in allowed:
            actions.append(
                ActionChoice(
                    value,
                    label,
                    False,
                    f"该申报当前状态为“{application.get_status_display()}”，不能{label}。",
                )
            )
        elif value in CHANCE_ACTIONS and left <= 0:
            actions.append(ActionChoice(value, label, False, chances_note))
        else:
            actions.append(ActionChoice(value, label, True, confirm=confirms.get(value, "")))
    # Rule 6: a return close to the committee's window closing is warned about (and confirmed).
    late_note = ""
    if can_act and application.status == ApplicationStatus.IN_REVIEW:
        late_note = return_close_warning(application=application) or ""
    open_return = None
    if application.status == ApplicationStatus.RETURNED:
        request = open_return_request(application=application)
        if request is not None:
            open_return = {
                "deadline": request.deadline,
                "items": [
                    {
                        "section": i.get("section", ""),
                        "label": return_section_label(i.get("section", "")),
                        "comment": i.get("comment", ""),
                    }
                    for i in request.items or []
                ],
            }
    return ReviewDetail(
        application=application,
        snapshot=snapshot_view(application.snapshot, full_id_number=True),
        route=route_steps(application),
        events=_events(application),
        chances_total=total,
        chances_left=left,
        can_act=can_act,
        act_reason=reason,
        acting_step=step,
        actions=actions,
        chances_note=chances_note,
        late_note=late_note,
        open_return=open_return,
        unit_step=_unit_step(application, actor=actor, can_act=can_act, step=step),
        reject_note=reject_note,
    )
