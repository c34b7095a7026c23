"""What kind of employer a unit is — a public institution (机关、事业单位), an enterprise or a social
organisation — where the seed's answers differ by it (question 14: a dispatched person applies
through the 派遣单位, not the institution; question 20: the hiring record an institution or an
enterprise issues).

Ownership alone cannot tell: 市属 / 县区国有企事业单位 hold state enterprises and public
institutions alike. The unified social credit code can (GB 32100: its first character is the
registering authority — 1 机构编制 (机关、事业单位), 5 民政 (social organisations), 9 市场监管
(enterprises)), and every registered unit has one (rule 26). A unit without a code is judged by its
ownership where that is enough."""

from __future__ import annotations

from django.db import models

from .models import Organisation, OrgKind, Ownership


class Sector(models.TextChoices):
    INSTITUTION = "institution", "机关事业单位"
    ENTERPRISE = "enterprise", "企业"
    SOCIAL = "social", "社会组织"
    UNKNOWN = "", "未知"


# GB 32100 registering authority (the code's first character) → sector.
CODE_SECTORS = {"1": Sector.INSTITUTION, "5": Sector.SOCIAL, "9": Sector.ENTERPRISE}
OWNERSHIP_SECTORS = {Ownership.NON_PUBLIC: Sector.ENTERPRISE, Ownership.SOCIAL: Sector.SOCIAL}


def unit_sector(unit: Organisation | None) -> str:
    """The unit's sector (Sector.UNKNOWN for an agency, a district office, no unit, or a state unit
    without a credit code)."""
    if unit is None or unit.kind != OrgKind.UNIT:
        return Sector.UNKNOWN
    code = (unit.credit_code or "").strip().upper()
    if code:
        return CODE_SECTORS.get(code[0], Sector.UNKNOWN)
    return OWNERSHIP_SECTORS.get(unit.ownership, Sector.UNKNOWN)


# Seed question 20 (3): 企业需提供“云南省招工录用登记表”，事业单位需提供“云南省事业单位聘用人员审批表”。
HIRING_RECORDS = {
    Sector.INSTITUTION: "云南省事业单位聘用人员审批表",
    Sector.ENTERPRISE: "云南省招工录用登记表",
}
HIRING_RECORD_EITHER = "云南省招工录用登记表（企业）或云南省事业单位聘用人员审批表（事业单位）"


def hiring_record_name(unit: Organisation | None) -> str:
    """The hiring record the applicant's unit issues (question 20); both names when it cannot be
    told."""
    return HIRING_RECORDS.get(unit_sector(unit), HIRING_RECORD_EITHER)
