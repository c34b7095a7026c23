"""Issue 11's additions to the demo (`load_demo`, called from demo.season; same rules: fixed data,
idempotent, written through the real services):

- a 初级 (助理级、员级) committee, as seed part 四 gives the district offices 中小学教师初级职称评审:
  五华区中小学教师初级职称评审委员会, organised by 五华区人力资源和社会保障局, with this year's window
  open (and its meeting month) and an office account;
- a freelancer (用工形式 自由职业) who chose 五华区人力资源和社会保障局 as the 户口所在地人社部门
  (seed question 5 (1) d): the office reviews her application at the unit step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from accounts.models import Role, User
from catalog.models import Level, Series
from core.errors import ServiceError
from dossier.services import dossier_basic_update
from orgs.models import Committee, CommitteeCoverage, CommitteeTier, CommitteeWindow, Organisation, OrgKind
from orgs.windows import closing_month
from workcal.windows import window_set

from .common import DEMO_PASSWORD, DemoRefused, DemoResult, get_or_create_user, id_number, service_error_text

JUNIOR_COMMITTEE = "五华区中小学教师初级职称评审委员会"
JUNIOR_OFFICE = "五华区人力资源和社会保障局"
JUNIOR_SERIES = "中小学教师"
JUNIOR_LEVELS = (Level.ASSISTANT, Level.JUNIOR)
# Part 四 row 1: 中小学教师初级、中级职称评审 — the 初级 review's scope, in the words of part 三's
# district committees.
JUNIOR_SCOPE = (
    "在本区各普通中小学、职业中学、幼儿园、特殊教育学校、工读学校和各级教学科研机构、电化教育机构、"
    "青少年宫等校外教育机构中从事教育教学工作的在职专任教师与教研人员（初级职称评审）"
)


@dataclass(frozen=True)
class RoutesAccount:
    username: str
    role: str
    name: str
    phone: str
    what: str


JUNIOR_OFFICE_ACCOUNT = RoutesAccount(
    "committee_junior", Role.COMMITTEE_OFFICE, "初级评委会办事机构", "13900000006", JUNIOR_COMMITTEE
)
FREELANCER_NAME = "郑晓云"
FREELANCER_PHONE = "13900000117"


def freelancer_id() -> str:
    return id_number("530102", "19890623", 172)


def routes_usernames() -> list[str]:
    return [JUNIOR_OFFICE_ACCOUNT.username, freelancer_id()]


def account_rows(users: dict) -> list[tuple[str, str, str, str]]:
    """The rows of demo_accounts for the accounts made here (those that exist)."""
    rows = []
    office = users.get(JUNIOR_OFFICE_ACCOUNT.username)
    if office:
        rows.append((office.get_role_display(), office.username, JUNIOR_OFFICE_ACCOUNT.what, DEMO_PASSWORD))
    person = users.get(freelancer_id())
    if person:
        where = person.organisation.name if person.organisation else "未选择单位"
        what = f"{person.name}，手机 {person.phone}，自由职业，户口所在地人社部门：{where}"
        rows.append((person.get_role_display(), person.username, what, DEMO_PASSWORD))
    return rows


def _junior_committee(result: DemoResult) -> Committee:
    committee = Committee.objects.filter(name=JUNIOR_COMMITTEE).first()
    if committee is not None:
        result.existing.append(JUNIOR_COMMITTEE)
        return committee
    office = Organisation.objects.get(kind=OrgKind.DISTRICT_BUREAU, name=JUNIOR_OFFICE)
    numbers = Committee.objects.filter(tier=CommitteeTier.JUNIOR).values_list("number", flat=True)
    number = 1 + max(numbers, default=0)
    committee = Committee.objects.create(
        tier=CommitteeTier.JUNIOR,
        number=number,
        name=JUNIOR_COMMITTEE,
        scope=JUNIOR_SCOPE,
        organiser=office,
        phone=office.phone.split("、")[0],
    )
    series = Series.objects.get(name=JUNIOR_SERIES)
    CommitteeCoverage.objects.bulk_create(
        CommitteeCoverage(committee=committee, series=series, level=level) for level in JUNIOR_LEVELS
    )
    result.created.append(JUNIOR_COMMITTEE)
    return committee


def load_routes(
    result: DemoResult, *, year: int, support: User, opens_at: datetime, closes_at: datetime
) -> None:
    """The 初级 committee with its open window and office, and the freelancer (see the module)."""
    committee = _junior_committee(result)
    label = f"{JUNIOR_COMMITTEE} {year}年网上申报时间"
    if CommitteeWindow.objects.filter(committee=committee, year=year).exists():
        result.existing.append(label)
    else:
        try:
            window_set(
                actor=support,
                committee=committee,
                year=year,
                opens_at=opens_at,
                closes_at=closes_at,
                meeting_month=closing_month(closes_at),
            )
        except ServiceError as exc:
            raise DemoRefused(f"{label}未能设置：{service_error_text(exc)}") from exc
        result.created.append(label)
    account = JUNIOR_OFFICE_ACCOUNT
    get_or_create_user(
        result,
        account.username,
        f"{account.username}（{Role(account.role).label}）",
        role=account.role,
        name=account.name,
        phone=account.phone,
        committee=committee,
    )

    created_before = len(result.created)
    person = get_or_create_user(
        result,
        freelancer_id(),
        f"申报人 {FREELANCER_NAME}（自由职业）",
        role=Role.APPLICANT,
        name=FREELANCER_NAME,
        id_number=freelancer_id(),
        phone=FREELANCER_PHONE,
    )
    if len(result.created) > created_before:  # a new account: 基本信息 through the real service
        office = Organisation.objects.get(kind=OrgKind.DISTRICT_BUREAU, name=JUNIOR_OFFICE)
        dossier_basic_update(user=person, employment_form="freelance", unit_id=str(office.pk))
