"""The demo's expert pools (issue 13): fifteen 评审专家 in the pool of 昆明市机电工程中级职称评审委员会
(the demo committee office's), enough for rule 27's intermediate minimum, so the office can build a
round and draw; and a second committee's pool (item 12): 昆明市机电工程高级工程师评审委员会, with its
own office account `committee_senior`, formed by specialty (按专业组建, rule 27: at least 11 experts,
fewer than the 25 by series) with expert16 … expert26. Added through evaluation.pool (formation,
expert_add) as the offices would; the demo then gives the accounts readable usernames and the demo
password, as for every demo account. expert1 and expert2 are the two the README names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from accounts.models import Role, User
from catalog.models import Level
from core.errors import ServiceError
from evaluation.models import Pool, PoolFormation
from evaluation.pool import expert_add, expert_find, pool_set_formation
from orgs.models import Committee

from .common import DEMO_PASSWORD, DemoRefused, DemoResult, get_or_create_user, service_error_text
from .people import COMMITTEE_MECH, COMMITTEE_MECH_SENIOR


@dataclass(frozen=True)
class DemoExpert:
    username: str
    name: str
    unit_name: str
    title: str
    specialties: str
    phone: str


_NAMES = [
    ("王建国", "昆明理工大学", "教授级高级工程师", "机械工程、机械设计制造"),
    ("李明华", "云南省机电设计研究院", "正高级工程师", "电气工程、自动化"),
    ("赵志强", "昆明机床股份有限公司", "高级工程师", "机械设计制造、数控技术"),
    ("陈立新", "云南电网有限责任公司昆明供电局", "高级工程师", "电气工程、电力系统"),
    ("刘海燕", "昆明理工大学", "教授级高级工程师", "自动化、控制工程"),
    ("杨光明", "云南建投安装股份有限公司", "高级工程师", "机电安装、暖通空调"),
    ("张丽萍", "昆明市特种设备安全检验研究院", "高级工程师", "特种设备、机械工程"),
    ("孙国庆", "云南昆船设计研究院有限公司", "正高级工程师", "机械工程、物流装备"),
    ("周文斌", "昆明学院", "高级工程师", "电气工程、电子信息"),
    ("吴永红", "云南省计量测试技术研究院", "高级工程师", "仪器仪表、自动化"),
    ("郑晓东", "昆明钢铁控股有限公司", "高级工程师", "机械工程、冶金机械"),
    ("黄春梅", "云南机电职业技术学院", "高级工程师", "机电一体化、数控技术"),
    ("冯德胜", "昆明中铁大型养路机械集团有限公司", "正高级工程师", "机械设计制造、铁道机械"),
    ("何俊峰", "云南电力技术有限责任公司", "高级工程师", "电气工程、电力系统"),
    ("曹雪松", "昆明冶金高等专科学校", "高级工程师", "机电一体化、电气工程"),
]

EXPERTS: list[DemoExpert] = [
    DemoExpert(f"expert{number}", name, unit, title, specialties, f"139000003{number:02d}")
    for number, (name, unit, title, specialties) in enumerate(_NAMES, start=1)
]

# The senior committee's pool: 正高级 and 高级 engineers (the applicants are to 高级工程师).
_SENIOR_NAMES = [
    ("马振华", "昆明理工大学", "教授级高级工程师", "机械工程、机械设计制造"),
    ("田永康", "云南省机电设计研究院", "正高级工程师", "电气工程、自动化"),
    ("罗德明", "云南建投安装股份有限公司", "正高级工程师", "机电安装、暖通空调"),
    ("段丽华", "云南电网有限责任公司", "正高级工程师", "电气工程、电力系统"),
    ("余志刚", "昆明船舶设备集团有限公司", "正高级工程师", "机械工程、物流装备"),
    ("尹红梅", "云南大学", "教授级高级工程师", "自动化、控制工程"),
    ("苏建平", "昆明钢铁控股有限公司", "正高级工程师", "机械工程、冶金机械"),
    ("沈卫东", "云南省特种设备安全检测研究院", "正高级工程师", "特种设备、机械工程"),
    ("邓文华", "昆明中铁大型养路机械集团有限公司", "正高级工程师", "机械设计制造、铁道机械"),
    ("许立平", "云南省计量测试技术研究院", "正高级工程师", "仪器仪表、自动化"),
    ("潘国栋", "云南机电职业技术学院", "教授级高级工程师", "机电一体化、数控技术"),
]
SENIOR_EXPERTS: list[DemoExpert] = [
    DemoExpert(f"expert{number}", name, unit, title, specialties, f"139000003{number:02d}")
    for number, (name, unit, title, specialties) in enumerate(_SENIOR_NAMES, start=len(_NAMES) + 1)
]
SENIOR_OFFICE = "committee_senior"
SENIOR_OFFICE_PHONE = "13900000007"
SENIOR_OFFICE_WHAT = f"{COMMITTEE_MECH_SENIOR}（评审专家库按专业组建）"


def load_experts(result: DemoResult, *, year: int) -> None:
    """The pools of the demo committee office's committee and of the senior committee, their
    experts serving from this year's January to the end of the year after next."""
    office = User.objects.filter(role=Role.COMMITTEE_OFFICE, committee__name=COMMITTEE_MECH).first()
    if office is None:
        raise DemoRefused(f"缺少{COMMITTEE_MECH}的办事机构账号，无法建立演示评审专家库。")
    _load_pool(result, office=office, experts=EXPERTS, year=year)
    senior = get_or_create_user(
        result,
        SENIOR_OFFICE,
        f"{SENIOR_OFFICE}（{Role.COMMITTEE_OFFICE.label}）",
        role=Role.COMMITTEE_OFFICE,
        name="高级评委会办事机构",
        phone=SENIOR_OFFICE_PHONE,
        committee=Committee.objects.get(name=COMMITTEE_MECH_SENIOR),
    )
    if not Pool.objects.filter(committee_id=senior.committee_id).exists():
        # Rule 27: by specialty a senior pool needs 11 experts (25 by series).
        pool_set_formation(actor=senior, formation=PoolFormation.SPECIALTY)
    _load_pool(result, office=senior, experts=SENIOR_EXPERTS, year=year)


def _load_pool(result: DemoResult, *, office: User, experts: list[DemoExpert], year: int) -> None:
    series = office.committee.coverages.values_list("series_id", flat=True).first()
    for spec in experts:
        label = f"评审专家 {spec.name}"
        if expert_find(phone=spec.phone) is not None:
            result.existing.append(label)
            continue
        try:
            membership = expert_add(
                actor=office,
                name=spec.name,
                unit_name=spec.unit_name,
                title=spec.title,
                level=Level.SENIOR_ASSOCIATE if spec.title == "高级工程师" else Level.SENIOR_FULL,
                series=[series],
                specialties=spec.specialties,
                phone=spec.phone,
                term_start=date(year, 1, 1),
                term_end=date(year + 2, 12, 31),
            )
        except ServiceError as exc:
            raise DemoRefused(f"演示评审专家{spec.name}未能加入专家库：{service_error_text(exc)}") from exc
        user = membership.expert.user
        user.username = spec.username
        user.set_password(DEMO_PASSWORD)
        user.must_change_password = False
        user.save(update_fields=["username", "password", "must_change_password"])
        result.created.append(label)


def expert_rows(users: dict, tasks: dict[str, str] | None = None) -> list[tuple[str, str, str, str]]:
    """The rows of demo_accounts for expert1 and expert2 (the others exist to fill the pools), each
    with what it can do in the demo round (`tasks` by username, demo.evaluation_round), and for the
    senior committee's office."""
    rows = []
    for spec in EXPERTS[:2]:
        user = users.get(spec.username)
        if user:
            what = f"{spec.name}，{spec.unit_name}，{COMMITTEE_MECH}评审专家库"
            task = (tasks or {}).get(spec.username)
            rows.append(
                (user.get_role_display(), user.username, f"{what}；{task}" if task else what, DEMO_PASSWORD)
            )
    office = users.get(SENIOR_OFFICE)
    if office:
        rows.append((office.get_role_display(), office.username, SENIOR_OFFICE_WHAT, DEMO_PASSWORD))
    return rows


def experts_usernames() -> list[str]:
    return [spec.username for spec in (*EXPERTS, *SENIOR_EXPERTS)] + [SENIOR_OFFICE]
