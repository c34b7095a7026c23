"""用工形式 against the chosen 工作单位 (seed question 5 (1) d and question 14): which combinations the
seed rules out, each with its Chinese reason and source. The route itself (who recommends) is
applications.routing; this is what 基本信息, 保存封面, 申报 and 提交 refuse.

- 派遣 (question 14 (1)): a dispatched person applies with the 派遣单位 as the unit, not the public
  institution worked at;
- 自由职业 (question 5 (1) d): a freelancer is recommended by a personnel agency or the district office
  of the household registration place (户口所在地人社部门), not by an employer;
- and only a freelancer chooses such a district office as the unit."""

from __future__ import annotations

from core.sources import question
from orgs.models import Organisation, OrgKind
from orgs.sectors import Sector, unit_sector

from .models import EmploymentForm

Q5 = question(5).cite
Q14 = question(14).cite


def dispatched_to_institution(unit: Organisation) -> str:
    return (
        f"您的用工形式为派遣，所选工作单位“{unit.name}”为机关事业单位。事业单位派遣制人员与派遣单位签订劳动合同，"
        f"应以派遣单位作为工作单位申报，并按非公有制经济组织人员的程序推荐（{Q14}）。"
        "请在基本信息中将工作单位改为派遣单位。"
    )


def freelancer_with_employer(unit: Organisation) -> str:
    return (
        f"您的用工形式为自由职业，所选工作单位“{unit.name}”是用人单位。自由职业者由人事代理机构或户口所在地"
        f"人社部门签署意见并推荐（{Q5}）：请在基本信息中选择人事代理机构或户口所在地县（市）区人社部门；"
        "与单位签订了劳动合同的，请将用工形式改为在编、编外聘用或派遣。"
    )


def office_without_freelance(unit: Organisation) -> str:
    return (
        f"户口所在地县（市）区人社部门只为自由职业者签署意见并推荐（{Q5}）：用工形式为自由职业的才能选择"
        f"“{unit.name}”作为工作单位；在单位工作的，请选择本人的工作单位。"
    )


def employment_unit_problems(*, unit: Organisation | None, employment_form: str) -> list[str]:
    """Why `employment_form` and `unit` do not go together (empty when they do, or while either is
    missing: that is asked for on its own)."""
    if unit is None:
        return []
    if unit.kind == OrgKind.DISTRICT_BUREAU:
        return [] if employment_form == EmploymentForm.FREELANCE else [office_without_freelance(unit)]
    if employment_form == EmploymentForm.FREELANCE and unit.kind == OrgKind.UNIT:
        return [freelancer_with_employer(unit)]
    if employment_form == EmploymentForm.DISPATCHED and unit_sector(unit) == Sector.INSTITUTION:
        return [dispatched_to_institution(unit)]
    return []
