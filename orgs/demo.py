"""The demo data set (`manage.py load_demo`) and its account list (`manage.py demo_accounts`).

Fixed data, no randomness: the same run gives the same rows. Idempotent: rows are matched by
username, credit code or name, and an existing row is never changed. Never in production."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from stdnum.cn import ric, uscc

from accounts.models import Role, User

from .models import Committee, CommitteeWindow, Organisation, OrgKind, Ownership

DEMO_PASSWORD = "Demo@2026"  # noqa: S105 - the published password of the demo accounts


class DemoRefused(Exception):
    """load_demo cannot run here (production settings, or the catalogue is not loaded)."""


def is_production() -> bool:
    module = getattr(settings, "SETTINGS_MODULE", "") or os.environ.get("DJANGO_SETTINGS_MODULE", "")
    return bool(getattr(settings, "IS_PRODUCTION", False)) or module.endswith(".production")


def credit_code(prefix: str, n: int) -> str:
    """A valid GB 32100 code: 8 digits (authority, type, region) + 9-character body + check."""
    body = f"{prefix}MA6K{n:05d}"
    return body + uscc.calc_check_digit(body)


def id_number(region: str, birth: str, order: int) -> str:
    body = f"{region}{birth}{order:03d}"
    return body + ric.calc_check_digit(body + "0")  # stdnum expects the number with a check slot


# --- the data ------------------------------------------------------------------------------------

CITY_BUREAU_REF = "city-bureau"
WUHUA_OFFICE = ("五华区人力资源和社会保障局", "")
DEPT_INDUSTRY = "昆明市工业和信息化局"
DEPT_HEALTH = "昆明市卫生健康委员会"
DEPT_EDUCATION = "昆明市教育体育局"
DEPT_GUANDU_EDUCATION = "官渡区教育体育局"
COMMITTEE_MECH = "昆明市机电工程中级职称评审委员会"
COMMITTEE_HEALTH = "昆明市卫生技术高级职称评审委员会"
WINDOW_COMMITTEES = (COMMITTEE_MECH, COMMITTEE_HEALTH)


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
        ("西山区人力资源和社会保障局", "区人才服务中心"),
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


def notices(year: int) -> list[tuple[str, str]]:
    return [
        (
            f"关于做好{year}年度昆明市职称申报评审工作的通知",
            f"{year}年度昆明市各系列职称评审工作现已启动。请申报人按各评委会申报通知要求，"
            "在网上申报时间内完成个人申报；单位应认真审核申报材料的真实性、完整性，"
            "并在推荐前进行不少于5个工作日的单位公示。\n（演示数据）",
        ),
        (
            "昆明市机电工程、卫生技术评委会网上申报通道已开通",
            "昆明市机电工程中级职称评审委员会、昆明市卫生技术高级职称评审委员会本年度网上申报通道已开通，"
            "请在截止时间前完成申报。每个评委会的申报通道关闭后不再开放。\n（演示数据）",
        ),
        (
            "申报系统使用提示",
            "密码连续输错超过3次账号将被锁定，请联系所在单位在“专业技术人员”中解锁；"
            "未选择单位的，请联系技术支持（电话：0871-63108336）。\n（演示数据）",
        ),
    ]


# --- loading -------------------------------------------------------------------------------------


@dataclass
class DemoResult:
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)


def _find_office(name: str, branch: str) -> Organisation | None:
    qs = Organisation.objects.filter(kind=OrgKind.DISTRICT_BUREAU, name=name)
    return qs.filter(branch=branch).first() or qs.order_by("sort_order", "id").first()


def _find_department(name: str) -> Organisation | None:
    found = Organisation.objects.filter(kind=OrgKind.DEPARTMENT, name=name).first()
    if found:
        return found
    for org in Organisation.objects.filter(kind=OrgKind.DEPARTMENT):
        if name in (org.aliases or []):
            return org
    return None


def _city_bureau() -> Organisation | None:
    return (
        Organisation.objects.filter(ref=CITY_BUREAU_REF).first()
        or Organisation.objects.filter(kind=OrgKind.CITY_BUREAU).order_by("id").first()
    )


def check_catalogue() -> list[str]:
    """What load_demo needs from `load_catalog`; returns the missing items (empty: all there)."""
    missing = []
    if _city_bureau() is None:
        missing.append("市人社局（city-bureau）")
    offices = {unit.office for unit in UNITS} | {WUHUA_OFFICE}
    for name, branch in sorted(offices):
        if _find_office(name, branch) is None:
            missing.append(name)
    for name in (DEPT_INDUSTRY, DEPT_HEALTH, DEPT_EDUCATION):
        if _find_department(name) is None:
            missing.append(name)
    for name in (*WINDOW_COMMITTEES,):
        if not Committee.objects.filter(name=name).exists():
            missing.append(name)
    return missing


def _get_or_create_user(result: DemoResult, username: str, label: str, **fields) -> User:
    user = User.objects.filter(username=username).first()
    if user is not None:
        result.existing.append(label)
        return user
    user = User(username=username, **fields)
    user.set_password(DEMO_PASSWORD)
    user.save()
    result.created.append(label)
    return user


def _staff_binding(staff: DemoStaff) -> dict:
    if staff.org_kind == "city_bureau":
        return {"organisation": _city_bureau()}
    if staff.org_kind == "department":
        return {"organisation": _find_department(staff.org_name)}
    if staff.org_kind == "district_bureau":
        return {"organisation": _find_office(*staff.org_name)}
    if staff.org_kind == "committee":
        return {"committee": Committee.objects.get(name=staff.org_name)}
    return {}


def _window_times(today) -> tuple[datetime, datetime]:
    """Opens at 00:00 yesterday, closes at 24:00 of the 30th day from today (local time)."""
    tz = timezone.get_current_timezone()
    opens = timezone.make_aware(datetime.combine(today - timedelta(days=1), time.min), tz)
    closes = timezone.make_aware(datetime.combine(today + timedelta(days=31), time.min), tz)
    return opens, closes


def demo_load() -> DemoResult:
    """Create the demo data set (see the module docstring). Raises DemoRefused when it cannot run."""
    if is_production():
        raise DemoRefused("当前为生产环境配置，禁止加载演示数据（演示账号的密码是公开的）。")
    missing = check_catalogue()
    if missing:
        raise DemoRefused(
            "基础数据尚未加载，缺少："
            + "、".join(missing)
            + "。请先运行 python manage.py load_catalog，再运行 load_demo。"
        )
    from public.models import Notice

    result = DemoResult()
    with transaction.atomic():
        for staff in STAFF:
            _get_or_create_user(
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
                or Organisation.objects.filter(
                    kind__in=[OrgKind.UNIT, OrgKind.AGENCY], name=spec.name
                ).first()
            )
            if unit is None:
                department = next(
                    (d for d in (_find_department(n) for n in spec.department) if d is not None), None
                )
                unit = Organisation.objects.create(
                    kind=OrgKind.AGENCY if spec.ownership == Ownership.AGENCY else OrgKind.UNIT,
                    name=spec.name,
                    credit_code=spec.credit_code,
                    ownership=spec.ownership,
                    district=_find_office(*spec.office),
                    department=department,
                    head_name=spec.head_name,
                    head_phone=spec.head_phone,
                    phone=spec.phone,
                )
                result.created.append(spec.name)
            else:
                result.existing.append(spec.name)
            units[spec.username] = unit
            _get_or_create_user(
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
            _get_or_create_user(
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

        support = User.objects.get(username="support")
        year = timezone.localdate().year
        for title, body in notices(year):
            if Notice.objects.filter(title=title).exists():
                result.existing.append(f"通知：{title}")
            else:
                Notice.objects.create(title=title, body=body, created_by=support)
                result.created.append(f"通知：{title}")

        opens_at, closes_at = _window_times(timezone.localdate())
        for name in WINDOW_COMMITTEES:
            committee = Committee.objects.get(name=name)
            if CommitteeWindow.objects.filter(committee=committee, year=year).exists():
                result.existing.append(f"{name} {year}年网上申报时间")
            else:
                CommitteeWindow.objects.create(
                    committee=committee, year=year, opens_at=opens_at, closes_at=closes_at
                )
                result.created.append(f"{name} {year}年网上申报时间")
    return result


# --- the account table ---------------------------------------------------------------------------


def demo_account_rows() -> list[tuple[str, str, str, str]]:
    """(角色, 用户名, 说明, 密码) for every demo account that exists in this database."""
    rows: list[tuple[str, str, str, str]] = []
    users = {
        u.username: u
        for u in User.objects.filter(username__in=_demo_usernames()).select_related(
            "organisation", "committee"
        )
    }
    for staff in STAFF:
        user = users.get(staff.username)
        if user:
            rows.append((user.get_role_display(), user.username, staff.what, DEMO_PASSWORD))
    for spec in UNITS:
        user = users.get(spec.username)
        if user:
            unit = user.organisation
            what = f"{unit.name}（{unit.get_ownership_display()}）" if unit else spec.name
            rows.append((user.get_role_display(), user.username, what, DEMO_PASSWORD))
    for person in APPLICANTS:
        user = users.get(person.id_number)
        if user:
            unit = user.organisation.name if user.organisation else "未选择单位"
            state = "，账号已锁定" if user.is_locked else ""
            what = f"{user.name}，手机 {user.phone}，{unit}{state}"
            rows.append((user.get_role_display(), user.username, what, DEMO_PASSWORD))
    return rows


def _demo_usernames() -> list[str]:
    return [s.username for s in STAFF] + [u.username for u in UNITS] + [a.id_number for a in APPLICANTS]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def format_table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> str:
    widths = [max(_width(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    out = [line, "| " + " | ".join(_pad(h, w) for h, w in zip(header, widths, strict=True)) + " |", line]
    for row in rows:
        out.append("| " + " | ".join(_pad(str(c), w) for c, w in zip(row, widths, strict=True)) + " |")
    out.append(line)
    return "\n".join(out)
