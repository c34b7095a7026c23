"""The review route as data (domain.md "Review routing"; seed question 5 and part 五 (三)).

`route_for` turns the unit, the applicant's 用工形式 and the committee into an ordered list of
steps; the state machine stores them as ReviewStep rows at submission. No other module decides who
reviews next.

By the unit (`LOCAL_ROUTES`, question 5 (1) a–d):
- city-owned state unit:       单位 → 主管部门 → the city committee's office
- district/county state unit:  单位 → 主管部门 → 县区人社局 (the unit's district office) → city
- non-public / social:         单位 → 县区人社局 of its location → city
- personnel agency (自由职业):  the agency → city
- 户口所在地人社部门 (自由职业):  the district office the freelancer chose, at the unit step → city
By 用工形式 where it changes that (`EMPLOYMENT_ROUTES`, questions 14 and 5 (1) c):
- 派遣: the 派遣单位 → the district office of its location (the non-public procedure), whatever
  the 派遣单位's ownership;
- 在编 / 编外聘用 at a personnel agency: the agency → the district office of its location;
- 编外聘用 at an institution follows the institution's own route (question 14 (2)).
What does not go together at all (派遣 at a public institution, 自由职业 at an employer) is refused
by dossier.employment, named first among the route's problems.
A provincial committee replaces the city committee's office by the city bureau (ref "city-bureau")
and adds the provincial committee after it (question 5 (2)).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import ServiceError
from dossier.employment import employment_unit_problems
from dossier.models import EmploymentForm
from orgs.models import Committee, Organisation, OrgKind, Ownership

from .models import StepKind, step_kind_label

CITY_BUREAU_REF = "city-bureau"
# A freelancer's 户口所在地人社部门, chosen as the unit: it signs and recommends at the unit step.
HOUSEHOLD = "household"

# What each kind of unit passes through before the city (the last local step): by its ownership,
# a personnel agency, or a district office acting for a freelancer (question 5 (1) a–d).
LOCAL_ROUTES: dict[str, tuple[str, ...]] = {
    Ownership.CITY_STATE: (StepKind.UNIT, StepKind.DEPARTMENT),
    Ownership.DISTRICT_STATE: (StepKind.UNIT, StepKind.DEPARTMENT, StepKind.DISTRICT),
    Ownership.NON_PUBLIC: (StepKind.UNIT, StepKind.DISTRICT),
    Ownership.SOCIAL: (StepKind.UNIT, StepKind.DISTRICT),
    Ownership.AGENCY: (StepKind.UNIT,),
    HOUSEHOLD: (StepKind.UNIT,),
}
# The non-public procedure: the unit (or the agency), then the district office of its location.
NON_PUBLIC_ROUTE = LOCAL_ROUTES[Ownership.NON_PUBLIC]
# Where 用工形式 changes the unit's route: (用工形式, the unit's LOCAL_ROUTES key) → the local steps.
EMPLOYMENT_ROUTES: dict[tuple[str, str], tuple[str, ...]] = {
    # Question 14 (1): 以派遣单位作为其工作单位进行申报评审，并按照非公经济单位人员职称申报程序推荐评审.
    (EmploymentForm.DISPATCHED, Ownership.CITY_STATE): NON_PUBLIC_ROUTE,
    (EmploymentForm.DISPATCHED, Ownership.DISTRICT_STATE): NON_PUBLIC_ROUTE,
    (EmploymentForm.DISPATCHED, Ownership.AGENCY): NON_PUBLIC_ROUTE,
    # Question 5 (1) c: 非公有制经济组织和社会组织申报人员由单位（或人事代理机构）、属地县区人社部门推荐.
    (EmploymentForm.ON_STAFF, Ownership.AGENCY): NON_PUBLIC_ROUTE,
    (EmploymentForm.CONTRACT, Ownership.AGENCY): NON_PUBLIC_ROUTE,
}

UNIT_INFO_HINT = "请联系单位管理员在“单位信息”中补充完整后再提交。"


@dataclass(frozen=True)
class StepSpec:
    kind: str
    organisation: Organisation | None = None
    committee: Committee | None = None

    @property
    def label(self) -> str:
        return step_kind_label(self.kind, has_committee=self.committee is not None)


class RouteError(ServiceError):
    """The route cannot be computed (the unit's information is incomplete)."""


def _ownership(unit: Organisation) -> str:
    """The unit's key in LOCAL_ROUTES."""
    if unit.kind == OrgKind.AGENCY:
        return Ownership.AGENCY
    if unit.kind == OrgKind.DISTRICT_BUREAU:
        return HOUSEHOLD
    return unit.ownership


def local_kinds(*, unit: Organisation, employment_form: str | None = None) -> tuple[str, ...] | None:
    """The steps before the city for `unit`'s staff of this 用工形式 (None while the unit's ownership
    is unknown)."""
    place = _ownership(unit)
    return EMPLOYMENT_ROUTES.get((employment_form or "", place)) or LOCAL_ROUTES.get(place)


def route_problems(
    *, unit: Organisation | None, committee: Committee, employment_form: str | None = None
) -> list[str]:
    """Why no route can be computed (empty when it can): what the unit must fill in for the route
    of its staff of this 用工形式. Whether the 用工形式 goes with the unit at all (questions 5 and 14)
    is dossier.employment's employment_unit_problems: a caller that reports both names those first."""
    if unit is None:
        return ["请先在基本信息中选择工作单位。"]
    problems = []
    ownership = _ownership(unit)
    kinds = local_kinds(unit=unit, employment_form=employment_form)
    if kinds is None:
        return [f"工作单位“{unit.name}”未填写单位性质，无法确定审核流程。{UNIT_INFO_HINT}"]
    if StepKind.DEPARTMENT in kinds and unit.department_id is None:
        problems.append(
            f"工作单位“{unit.name}”为{Ownership(ownership).label}，审核流程须经主管部门，"
            f"但单位信息中未填写主管部门。{UNIT_INFO_HINT}"
        )
    if StepKind.DISTRICT in kinds and unit.district_id is None:
        problems.append(
            f"工作单位“{unit.name}”的审核流程须经属地县（市）区人社部门，"
            f"但单位信息中未填写属地县（市）区人社部门。{UNIT_INFO_HINT}"
        )
    if committee.is_provincial and _city_bureau() is None:
        problems.append("系统尚未配置市人社局，无法确定省级评委会的审核流程，请联系技术支持。")
    return problems


def _city_bureau() -> Organisation | None:
    return Organisation.objects.filter(ref=CITY_BUREAU_REF).first()


def route_for(
    *, unit: Organisation, committee: Committee, employment_form: str | None = None
) -> list[StepSpec]:
    """The ordered steps of an application of `unit`'s staff of this 用工形式 to `committee`
    (raises RouteError with a Chinese reason when they do not go together, or the unit lacks what
    its route needs). A district office chosen by a freelancer is the organisation of the unit step."""
    employment = (
        []
        if employment_form is None
        else employment_unit_problems(unit=unit, employment_form=employment_form)
    )
    problems = employment + route_problems(unit=unit, committee=committee, employment_form=employment_form)
    if problems:
        raise RouteError(problems[0], {"unit": problems})
    steps: list[StepSpec] = []
    for kind in local_kinds(unit=unit, employment_form=employment_form) or ():
        if kind == StepKind.UNIT:
            steps.append(StepSpec(StepKind.UNIT, organisation=unit))
        elif kind == StepKind.DEPARTMENT:
            steps.append(StepSpec(StepKind.DEPARTMENT, organisation=unit.department))
        elif kind == StepKind.DISTRICT:
            steps.append(StepSpec(StepKind.DISTRICT, organisation=unit.district))
    if committee.is_provincial:
        # Provincial committee: the city bureau reviews, then the provincial committee.
        steps.append(StepSpec(StepKind.CITY, organisation=_city_bureau()))
        steps.append(StepSpec(StepKind.PROVINCIAL, committee=committee))
    else:
        # A city committee's office does the city's electronic review (seed: 市人社局或所申报的
        # 市级评委会电子材料审核). The step names the committee only: its office is bound to the
        # committee, not to the organiser department (which reviews its own units' department step).
        steps.append(StepSpec(StepKind.COMMITTEE, committee=committee))
    return steps


# --- 考核认定 (rule 14, decision 0007) ---------------------------------------------------------------

JUNIOR_LEVELS = ("junior", "assistant")  # 初级: 员级 and 助理级


def _recognition_kinds(unit: Organisation, level: str) -> tuple[str, ...]:
    """初级: the local route, ending at the district bureau (an agency's too) or, for a city-owned
    state unit, at the competent department; 中级: the local route, then the city bureau."""
    ownership = _ownership(unit)
    local = LOCAL_ROUTES.get(ownership)
    if local is None:
        return ()
    if level in JUNIOR_LEVELS:
        return (*local, StepKind.DISTRICT) if ownership == Ownership.AGENCY else local
    return (*local, StepKind.CITY)


def recognition_route_problems(*, unit: Organisation | None, level: str) -> list[str]:
    """Why no recognition route can be computed (empty when it can)."""
    if unit is None:
        return ["请先在基本信息中选择工作单位。"]
    kinds = _recognition_kinds(unit, level)
    if not kinds:
        return [f"工作单位“{unit.name}”未填写单位性质，无法确定审核流程。{UNIT_INFO_HINT}"]
    problems = []
    if StepKind.DEPARTMENT in kinds and unit.department_id is None:
        problems.append(
            f"工作单位“{unit.name}”为{Ownership(_ownership(unit)).label}，考核认定须经主管部门，"
            f"但单位信息中未填写主管部门。{UNIT_INFO_HINT}"
        )
    if StepKind.DISTRICT in kinds and unit.district_id is None:
        problems.append(
            f"工作单位“{unit.name}”的考核认定须经属地县（市）区人社部门，"
            f"但单位信息中未填写属地县（市）区人社部门。{UNIT_INFO_HINT}"
        )
    if StepKind.CITY in kinds and _city_bureau() is None:
        problems.append("系统尚未配置市人社局，无法确定中级考核认定的审核流程，请联系技术支持。")
    return problems


def route_for_recognition(*, unit: Organisation, level: str) -> list[StepSpec]:
    """The ordered steps of a graduate's recognition (rule 14, seed question 18 (1)); the last
    step's organisation recognises the title (raises RouteError when the unit lacks what the
    route needs)."""
    problems = recognition_route_problems(unit=unit, level=level)
    if problems:
        raise RouteError(problems[0], {"unit": problems})
    places = {
        StepKind.UNIT: lambda: unit,
        StepKind.DEPARTMENT: lambda: unit.department,
        StepKind.DISTRICT: lambda: unit.district,
        StepKind.CITY: _city_bureau,
    }
    return [StepSpec(kind, organisation=places[kind]()) for kind in _recognition_kinds(unit, level)]


def recognising_office(*, unit: Organisation | None, level: str) -> Organisation | None:
    """The organisation that recognises the title (the recognition route's last step), or None
    while the route cannot be computed."""
    if unit is None or recognition_route_problems(unit=unit, level=level):
        return None
    return route_for_recognition(unit=unit, level=level)[-1].organisation


# --- 职称确认 (rule 17, decision 0007) -------------------------------------------------------------

SENIOR_LEVELS = ("senior_full", "senior_associate")


def senior_delegated(*, unit: Organisation | None, level: str, series=None) -> bool:
    """Seed question 16 (3): a 高级 title in `series` is confirmed by the unit itself when the
    province delegated the review of that series' senior titles to it (set by the city bureau)."""
    if unit is None or series is None or level not in SENIOR_LEVELS:
        return False
    return unit.senior_delegated_series.filter(pk=getattr(series, "pk", series)).exists()


def _confirmation_kinds(unit: Organisation, level: str, delegated: bool = False) -> tuple[str, ...]:
    """初级: as a recognition's 初级 (the district office or the city department confirms); 中级:
    through to the city bureau; 高级: through the city bureau, which sends it on to the province
    and records the province's result (a PROVINCIAL step without a committee) — or, at a unit with
    the province's delegated senior authority for the series, the unit alone."""
    if delegated:
        return (StepKind.UNIT,)
    kinds = _recognition_kinds(unit, level if level in JUNIOR_LEVELS else "intermediate")
    if not kinds or level in JUNIOR_LEVELS or level == "intermediate":
        return kinds
    return (*kinds, StepKind.PROVINCIAL)


def confirmation_route_problems(*, unit: Organisation | None, level: str, series=None) -> list[str]:
    """Why no confirmation route can be computed (empty when it can)."""
    if senior_delegated(unit=unit, level=level, series=series):
        return []
    problems = recognition_route_problems(
        unit=unit, level=level if level in JUNIOR_LEVELS else "intermediate"
    )
    return [message.replace("考核认定", "职称确认") for message in problems]


def route_for_confirmation(*, unit: Organisation, level: str, series=None) -> list[StepSpec]:
    """The ordered steps of a confirmation of a title from elsewhere (rule 17, seed question 16);
    the last step confirms it (raises RouteError when the unit lacks what the route needs)."""
    problems = confirmation_route_problems(unit=unit, level=level, series=series)
    if problems:
        raise RouteError(problems[0], {"unit": problems})
    places = {
        StepKind.UNIT: lambda: unit,
        StepKind.DEPARTMENT: lambda: unit.department,
        StepKind.DISTRICT: lambda: unit.district,
        StepKind.CITY: _city_bureau,
        StepKind.PROVINCIAL: lambda: None,
    }
    kinds = _confirmation_kinds(unit, level, senior_delegated(unit=unit, level=level, series=series))
    return [StepSpec(kind, organisation=places[kind]()) for kind in kinds]


def confirming_office(*, unit: Organisation | None, level: str, series=None) -> Organisation | None:
    """The organisation that confirms the title (None for the province, or while the route cannot
    be computed)."""
    if unit is None or confirmation_route_problems(unit=unit, level=level, series=series):
        return None
    return route_for_confirmation(unit=unit, level=level, series=series)[-1].organisation
