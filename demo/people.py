"""The demo's reference people and units: the staff accounts of the reviewing organisations, six
units of every ownership with their admins, and the twelve applicants of issue 3 (one locked, one
without a unit); the names of the offices, departments and committees the catalogue must hold.
`load_people` writes them (called first by demo.season)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from accounts.models import Role, User
from orgs.models import Committee, Organisation, OrgKind, Ownership

from .common import DemoResult, credit_code, get_or_create_user, id_number

CITY_BUREAU_REF = "city-bureau"
WUHUA_OFFICE = ("五华区人力资源和社会保障局", "")
DEPT_INDUSTRY = "昆明市工业和信息化局"
DEPT_HEALTH = "昆明市卫生健康委员会"
DEPT_EDUCATION = "昆明市教育体育局"
DEPT_GUANDU_EDUCATION = "官渡区教育体育局"
COMMITTEE_MECH = "昆明市机电工程中级职称评审委员会"
COMMITTEE_HEALTH = "昆明市卫生技术高级职称评审委员会"
COMMITTEE_MECH_SENIOR = "昆明市机电工程高级工程师评审委员会"
COMMITTEE_BUILDING = "昆明市建筑工程中级职称评审委员会"
COMMITTEE_GUANDU_TEACHERS = "官渡区中小学教师中级职称评审委员会"


@dataclass(frozen=True)
class DemoUnit:
    username: str
    name: str
    credit_code: str
    ownership: str
    office: tuple[str, str]  # (name, branch) of the district office
    department: tuple[str, ...] = ()  # first existing name wins
    head_name: str = ""
    head_phone: str = ""
    phone: str = ""


UNITS: list[DemoUnit] = [
    DemoUnit(
        "unit1",
        "昆明市春城人民医院",
        credit_code("12530100", 1),
        Ownership.CITY_STATE,
        ("五华区人力资源和社会保障局", ""),
        (DEPT_HEALTH,),
        "赵建华",
        "13900000201",
        "0871-65100001",
    ),
    DemoUnit(
        "unit2",
        "官渡区金马中学",
        credit_code("12530111", 2),
        Ownership.DISTRICT_STATE,
        ("官渡区人力资源和社会保障局", ""),
        (DEPT_GUANDU_EDUCATION, DEPT_EDUCATION),
        "钱文清",
        "13900000202",
        "0871-67100002",
    ),
    DemoUnit(
        "unit3",
        "昆明滇云机电科技有限公司",
        credit_code("91530102", 3),
        Ownership.NON_PUBLIC,
        ("五华区人力资源和社会保障局", ""),
        (),
        "孙立新",
        "13900000203",
        "0871-65100003",
    ),
    DemoUnit(
        "unit4",
        "昆明西山智造工程有限公司",
        credit_code("91530112", 4),
        Ownership.NON_PUBLIC,
        ("西山区人力资源和社会保障局", ""),
        (),
        "李卫东",
        "13900000204",
        "0871-68100004",
    ),
    DemoUnit(
        "unit5",
        "昆明市春城机电工程学会",
        credit_code("51530103", 5),
        Ownership.SOCIAL,
        ("盘龙区人力资源和社会保障局", ""),
        (),
        "周明远",
        "13900000205",
        "0871-65600005",
    ),
    DemoUnit(
        "unit6",
        "昆明春城人力资源服务有限公司",
        credit_code("91530114", 6),
        Ownership.AGENCY,
        ("呈贡区人力资源和社会保障局", ""),
        (),
        "吴静",
        "13900000206",
        "0871-67400006",
    ),
]


@dataclass(frozen=True)
class DemoStaff:
    username: str
    role: str
    name: str
    phone: str
    what: str
    org_kind: str = ""  # city_bureau / department / district_bureau / committee
    org_name: tuple[str, str] | str = ""
    superuser: bool = False


STAFF: list[DemoStaff] = [
    DemoStaff(
        "support",
        Role.SUPPORT,
        "技术支持",
        "13900000001",
        "技术支持/系统管理员（可进入后台）",
        superuser=True,
    ),
    DemoStaff(
        "city",
        Role.CITY_REVIEWER,
        "市人社局审核员",
        "13900000002",
        "昆明市人力资源和社会保障局",
        "city_bureau",
    ),
    DemoStaff(
        "dept",
        Role.DEPARTMENT_REVIEWER,
        "主管部门审核员",
        "13900000003",
        DEPT_INDUSTRY,
        "department",
        DEPT_INDUSTRY,
    ),
    DemoStaff(
        "district",
        Role.DISTRICT_REVIEWER,
        "五华区人社局审核员",
        "13900000004",
        "五华区人力资源和社会保障局",
        "district_bureau",
        WUHUA_OFFICE,
    ),
    DemoStaff(
        "committee",
        Role.COMMITTEE_OFFICE,
        "评委会办事机构",
        "13900000005",
        COMMITTEE_MECH,
        "committee",
        COMMITTEE_MECH,
    ),
]


@dataclass(frozen=True)
class DemoApplicant:
    name: str
    id_number: str
    phone: str
    unit: str  # the unit's demo username ("" = no unit)
    locked: bool = False


APPLICANTS: list[DemoApplicant] = [
    DemoApplicant("张伟", id_number("530102", "19850312", 11), "13900000101", "unit1"),
    DemoApplicant("王芳", id_number("530102", "19880716", 22), "13900000102", "unit1"),
    DemoApplicant("李娜", id_number("530111", "19900105", 32), "13900000103", "unit2"),
    DemoApplicant("刘洋", id_number("530111", "19861120", 41), "13900000104", "unit2"),
    DemoApplicant("陈静", id_number("530102", "19870428", 52), "13900000105", "unit3"),
    DemoApplicant("杨磊", id_number("530102", "19830909", 61), "13900000106", "unit3", locked=True),
    DemoApplicant("黄敏", id_number("530112", "19910214", 72), "13900000107", "unit4"),
    DemoApplicant("赵强", id_number("530112", "19870618", 81), "13900000108", "unit4"),
    DemoApplicant("周丽", id_number("530103", "19890330", 92), "13900000109", "unit5"),
    DemoApplicant("吴军", id_number("530121", "19860811", 101), "13900000110", "unit6"),
    DemoApplicant("徐婷", id_number("530121", "19921202", 112), "13900000111", "unit6"),
    DemoApplicant("孙浩", id_number("530103", "19950506", 121), "13900000112", ""),
]


def find_office(name: str, branch: str) -> Organisation | None:
    qs = Organisation.objects.filter(kind=OrgKind.DISTRICT_BUREAU, name=name)
    return qs.filter(branch=branch).first() or qs.order_by("sort_order", "id").first()


def find_department(name: str) -> Organisation | None:
    found = Organisation.objects.filter(kind=OrgKind.DEPARTMENT, name=name).first()
    if found:
        return found
    for org in Organisation.objects.filter(kind=OrgKind.DEPARTMENT):
        if name in (org.aliases or []):
            return org
    return None


def city_bureau() -> Organisation | None:
    return (
        Organisation.objects.filter(ref=CITY_BUREAU_REF).first()
        or Organisation.objects.filter(kind=OrgKind.CITY_BUREAU).order_by("id").first()
    )


def _staff_binding(staff: DemoStaff) -> dict:
    if staff.org_kind == "city_bureau":
        return {"organisation": city_bureau()}
    if staff.org_kind == "department":
        return {"organisation": find_department(staff.org_name)}
    if staff.org_kind == "district_bureau":
        return {"organisation": find_office(*staff.org_name)}
    if staff.org_kind == "committee":
        return {"committee": Committee.objects.get(name=staff.org_name)}
    return {}


def load_people(result: DemoResult) -> dict[str, Organisation]:
    """The staff accounts, the units with their admins and the applicants; returns the units by
    their demo username."""
    for staff in STAFF:
        get_or_create_user(
            result,
            staff.username,
            f"{staff.username}（{Role(staff.role).label}）",
            role=staff.role,
            name=staff.name,
            phone=staff.phone,
            is_staff=staff.superuser,
            is_superuser=staff.superuser,
            **_staff_binding(staff),
        )

    units: dict[str, Organisation] = {}
    for spec in UNITS:
        unit = (
            Organisation.objects.filter(credit_code=spec.credit_code).first()
            or Organisation.objects.filter(kind__in=[OrgKind.UNIT, OrgKind.AGENCY], name=spec.name).first()
        )
        if unit is None:
            department = next(
                (d for d in (find_department(n) for n in spec.department) if d is not None), None
            )
            unit = Organisation.objects.create(
                kind=OrgKind.AGENCY if spec.ownership == Ownership.AGENCY else OrgKind.UNIT,
                name=spec.name,
                credit_code=spec.credit_code,
                ownership=spec.ownership,
                district=find_office(*spec.office),
                department=department,
                head_name=spec.head_name,
                head_phone=spec.head_phone,
                phone=spec.phone,
            )
            result.created.append(spec.name)
        else:
            result.existing.append(spec.name)
        units[spec.username] = unit
        get_or_create_user(
            result,
            spec.username,
            f"{spec.username}（{spec.name}单位管理员）",
            role=Role.UNIT_ADMIN,
            name=spec.head_name,
            phone=spec.head_phone,
            organisation=unit,
        )

    for person in APPLICANTS:
        locked = {"locked_at": timezone.now(), "failed_login_count": 4} if person.locked else {}
        get_or_create_user(
            result,
            person.id_number,
            f"申报人 {person.name}",
            role=Role.APPLICANT,
            name=person.name,
            id_number=person.id_number,
            phone=person.phone,
            organisation=units.get(person.unit),
            **locked,
        )
    return units


def demo_user(person: DemoApplicant) -> User:
    """A demo applicant's account (it exists once load_people has run)."""
    return User.objects.select_related("organisation").get(username=person.id_number)
