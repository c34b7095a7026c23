"""Who may write the unit step's records (基层意见, 单位公示): the unit admin of the application's
own unit, and only while the application waits at its unit step; and which applications the unit
assesses instead (`assessment_only`: no records asked). Pages, API, selectors and services ask here."""

from __future__ import annotations

from accounts.models import Role
from applications.models import COMMITTEE_LESS_KINDS, ApplicationStatus, StepKind


def is_unit_admin_of(actor, application) -> bool:
    """The actor administers the application's unit (anyone else gets "not found"); for a
    freelancer who chose the 户口所在地人社部门 as the unit (seed question 5 (1) d), that office's
    reviewer is the one who signs and recommends."""
    return bool(
        getattr(actor, "is_authenticated", False)
        and actor.is_active
        and actor.role in (Role.UNIT_ADMIN, Role.DISTRICT_REVIEWER)
        and actor.organisation_id
        and actor.organisation_id == application.unit_id
    )


def at_unit_step(application) -> bool:
    """The application is in review and its current step is the unit's own (单位审核)."""
    step = application.current_step
    return (
        application.status == ApplicationStatus.IN_REVIEW and step is not None and step.kind == StepKind.UNIT
    )


def assessment_only(application) -> bool:
    """考核认定, 职称确认 and the other kinds no committee decides (decision 0007): the unit step is
    the employer's assessment (seed questions 16 and 18: 经用人单位考核合格), not a recommendation
    to a committee, so neither 基层意见 (rule 25) nor 单位公示 (rule 2) is asked for."""
    return application.kind in COMMITTEE_LESS_KINDS


def can_edit_unit_step(actor, application) -> tuple[bool, str]:
    if not is_unit_admin_of(actor, application):
        return False, "未找到该申报。"
    if not at_unit_step(application):
        return False, UNIT_STEP_PASSED
    if assessment_only(application):
        return False, ASSESSMENT_ONLY
    return True, ""


ASSESSMENT_ONLY = (
    "考核认定、职称确认等由用人单位考核后上报，无需填写基层意见和单位公示情况："
    "在申报表页面审核通过即表示经用人单位考核合格。"
)
UNIT_STEP_PASSED = (
    "该申报当前不在单位审核环节（单位审核已结束或申报已退回），基层意见和单位公示情况不能再修改。"
)
