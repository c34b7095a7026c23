"""Who may do what with applications, in one place (style.md convention 5).

- Applicants use the 职称申报 pages and API for their own applications only (anyone else's is
  "not found").
- Reviewers act on the step of the route that is theirs (`can_act_on_step`): a unit admin at the
  unit step of their unit, a department / district reviewer at their organisation's step (a district
  office also at the unit step of a freelancer who chose it as 户口所在地人社部门, seed question 5
  (1) d: applications.routing puts the office there), a city
  reviewer at the city bureau's step and at the provincial step (the city bureau records the
  province's result), a committee office at its committee's step. Support may look but never act.
- `step_filter_for(actor)` is the same rule as a query filter over ReviewStep: an application
  none of whose steps is the actor's does not exist for that actor (404, ids never leak)."""

from __future__ import annotations

from django.db.models import Q

from accounts.models import Role

from .models import Application, ApplicationStatus, ReviewStep, StepKind, StepState

# The steps a district office takes: its own, and the unit step of a freelancer who chose it.
DISTRICT_STEP_KINDS = (StepKind.DISTRICT, StepKind.UNIT)

REVIEWER_ROLES = (
    Role.UNIT_ADMIN,
    Role.DEPARTMENT_REVIEWER,
    Role.DISTRICT_REVIEWER,
    Role.CITY_REVIEWER,
    Role.COMMITTEE_OFFICE,
)


def can_apply(actor) -> tuple[bool, str]:
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False, "请先登录。"
    if actor.role == Role.APPLICANT:
        return True, ""
    return False, "职称申报只对申报人开放。"


def _active(actor) -> bool:
    return bool(getattr(actor, "is_authenticated", False) and getattr(actor, "is_active", False))


def step_filter_for(actor, *, prefix: str = "") -> Q | None:
    """The ReviewStep rows that belong to `actor` (None: no step ever does). `prefix` lets a caller
    filter another model through a relation, e.g. prefix="current_step__" on Application."""
    if not _active(actor):
        return None
    role = actor.role
    org_id = actor.organisation_id
    p = prefix

    def q(**kwargs) -> Q:
        return Q(**{f"{p}{key}": value for key, value in kwargs.items()})

    if role == Role.UNIT_ADMIN and org_id:
        return q(kind=StepKind.UNIT, organisation_id=org_id)
    if role == Role.DEPARTMENT_REVIEWER and org_id:
        return q(kind=StepKind.DEPARTMENT, organisation_id=org_id)
    if role == Role.DISTRICT_REVIEWER and org_id:
        return q(kind__in=DISTRICT_STEP_KINDS, organisation_id=org_id)
    if role == Role.CITY_REVIEWER and org_id:
        # The city bureau's own step, and the provincial step whose result it records.
        return q(kind=StepKind.CITY, organisation_id=org_id) | q(kind=StepKind.PROVINCIAL)
    if role == Role.COMMITTEE_OFFICE and actor.committee_id:
        return q(kind=StepKind.COMMITTEE, committee_id=actor.committee_id)
    return None


def step_belongs_to(actor, step: ReviewStep | None) -> bool:
    """Whether `step` is one the actor reviews (the same rule as `step_filter_for`)."""
    if step is None or not _active(actor):
        return False
    role = actor.role
    if role == Role.UNIT_ADMIN:
        return (
            step.kind == StepKind.UNIT
            and bool(actor.organisation_id)
            and (step.organisation_id == actor.organisation_id)
        )
    if role == Role.DEPARTMENT_REVIEWER:
        return (
            step.kind == StepKind.DEPARTMENT
            and bool(actor.organisation_id)
            and (step.organisation_id == actor.organisation_id)
        )
    if role == Role.DISTRICT_REVIEWER:
        return (
            step.kind in DISTRICT_STEP_KINDS
            and bool(actor.organisation_id)
            and (step.organisation_id == actor.organisation_id)
        )
    if role == Role.CITY_REVIEWER:
        if not actor.organisation_id:
            return False
        if step.kind == StepKind.CITY:
            return step.organisation_id == actor.organisation_id
        return step.kind == StepKind.PROVINCIAL
    if role == Role.COMMITTEE_OFFICE:
        return (
            step.kind == StepKind.COMMITTEE
            and bool(actor.committee_id)
            and (step.committee_id == actor.committee_id)
        )
    return False


def acting_step(application: Application) -> ReviewStep | None:
    """The step a reviewer acts at: the current step while in review; for a returned application
    the step that returned it (its reviewer may still reset the flow)."""
    if application.status == ApplicationStatus.IN_REVIEW:
        return application.current_step
    if application.status == ApplicationStatus.RETURNED:
        return (
            ReviewStep.objects.filter(application=application, state=StepState.RETURNED)
            .select_related("organisation", "committee")
            .order_by("-order")
            .first()
        )
    return None


def can_act_on_step(actor, application: Application) -> tuple[bool, str]:
    """Whether `actor` may pass / return / reset / reject `application` now, with the reason when
    not. Support never acts; a reviewer only at a step of their own organisation or committee."""
    if not _active(actor):
        return False, "请先登录。"
    if actor.role == Role.SUPPORT:
        return False, "技术支持不能办理审核。"
    if actor.role not in REVIEWER_ROLES:
        return False, "只有审核机构可以办理审核。"
    step = acting_step(application)
    if step is None:
        return False, f"该申报当前状态为“{application.get_status_display()}”，没有待审核的环节。"
    if not step_belongs_to(actor, step):
        return False, f"该申报当前在“{step.get_kind_display()}”环节，不由您审核。"
    return True, ""
