"""Plain factory functions for tests: real rows in the real database, valid check digits."""

from __future__ import annotations

import itertools

from stdnum.cn import ric, uscc

from accounts.models import Role, User
from catalog.models import Level, Series
from orgs.models import (
    Committee,
    CommitteeCoverage,
    CommitteePlan,
    CommitteeTier,
    Organisation,
    OrgKind,
    Ownership,
)

_seq = itertools.count(1)
DEMO_PASSWORD = "Demo@2026"


def id_number(
    birth: str = "19850312", region: str = "530102", seq: int | None = None, female: bool = False
) -> str:
    """A valid GB 11643 number; `seq` picks the order code (odd: male, even: female)."""
    n = seq if seq is not None else next(_seq)
    order = (n * 2 + (0 if female else 1)) % 1000
    body = f"{region}{birth}{order:03d}"
    return body + ric.calc_check_digit(body + "0")  # expects the number with a check slot


def credit_code(seq: int | None = None) -> str:
    n = seq if seq is not None else next(_seq)
    body = f"91530100MA{n:07d}"[:17]
    return body + uscc.calc_check_digit(body)


def mobile(seq: int | None = None) -> str:
    n = seq if seq is not None else next(_seq)
    return f"139{n:08d}"


def make_office(**fields) -> Organisation:
    n = next(_seq)
    defaults = {
        "kind": OrgKind.DISTRICT_BUREAU,
        "name": f"测试区人力资源和社会保障局{n}",
        "phone": "0871-60000000",
    }
    return Organisation.objects.create(**{**defaults, **fields})


def make_department(**fields) -> Organisation:
    n = next(_seq)
    defaults = {"kind": OrgKind.DEPARTMENT, "name": f"昆明市测试局{n}", "phone": "0871-61000000"}
    return Organisation.objects.create(**{**defaults, **fields})


def make_city_bureau(**fields) -> Organisation:
    defaults = {"kind": OrgKind.CITY_BUREAU, "name": "昆明市人力资源和社会保障局", "phone": "12333"}
    return Organisation.objects.create(**{**defaults, **fields})


def make_unit(**fields) -> Organisation:
    n = next(_seq)
    district = fields.pop("district", None) or make_office()
    defaults = {
        "kind": OrgKind.UNIT,
        "name": f"昆明测试科技有限公司{n}",
        "credit_code": credit_code(n),
        "ownership": Ownership.NON_PUBLIC,
        "district": district,
        "head_name": "张主任",
        "head_phone": mobile(n + 5000),
        "phone": "0871-62000000",
    }
    return Organisation.objects.create(**{**defaults, **fields})


def make_committee(**fields) -> Committee:
    n = next(_seq)
    organiser = fields.pop("organiser", None) or make_department()
    defaults = {
        "tier": CommitteeTier.INTERMEDIATE,
        "number": n,
        "name": f"昆明市测试工程中级职称评审委员会{n}",
        "scope": "在本市所属企事业单位从事测试工程相关专业工作的在职专业技术人员",
        "organiser": organiser,
        "phone": "0871-63000000",
    }
    return Committee.objects.create(**{**defaults, **fields})


def make_user(*, role: str = Role.APPLICANT, password: str = DEMO_PASSWORD, **fields) -> User:
    n = next(_seq)
    if role == Role.APPLICANT:
        number = fields.pop("id_number", None) or id_number(seq=n)
        defaults = {"username": number, "id_number": number, "name": f"申报人{n}", "phone": mobile(n)}
    else:
        defaults = {"username": f"{role}{n}", "name": f"工作人员{n}", "phone": mobile(n)}
    return User.objects.create_user(password=password, role=role, **{**defaults, **fields})


def bearer(user: User) -> dict:
    """The header of an API client signed in as `user` (a fresh bearer token)."""
    from accounts.auth import token_issue

    return {"HTTP_AUTHORIZATION": f"Bearer {token_issue(user=user)}"}


def make_applicant(**fields) -> User:
    return make_user(role=Role.APPLICANT, **fields)


def make_unit_admin(unit: Organisation | None = None, **fields) -> User:
    unit = unit or make_unit()
    return make_user(
        role=Role.UNIT_ADMIN, organisation=unit, username=fields.pop("username", unit.credit_code), **fields
    )


def make_support(**fields) -> User:
    return make_user(role=Role.SUPPORT, is_staff=True, **fields)


def add_committees(count: int, *, organiser_ref: str = "dept:昆明市工业和信息化局") -> list[Committee]:
    """Many committees at once, for query-count tests (needs the loaded catalogue)."""
    organiser = Organisation.objects.get(ref=organiser_ref)
    series = Series.objects.get(name="工程技术")
    committees = Committee.objects.bulk_create(
        Committee(
            tier=CommitteeTier.INTERMEDIATE,
            number=100 + i,
            name=f"测试工程中级职称评审委员会{i}",
            scope="在本市所属企事业单位从事测试工程相关专业工作的在职专业技术人员",
            organiser=organiser,
            phone="0871-60000000",
        )
        for i in range(count)
    )
    CommitteeCoverage.objects.bulk_create(
        CommitteeCoverage(committee=c, series=series, level=Level.INTERMEDIATE) for c in committees
    )
    CommitteePlan.objects.bulk_create(CommitteePlan(committee=c, year=2021, month=9) for c in committees)
    return committees
