"""Benchmark data for bench/review_queue.py: review queues over many applications.

`prepare()` loads the catalogue (22 district offices, the departments, the city bureau, 58 city
committees), adds two provincial committees, about 300 units spread over the offices (one busy
office carries a fifth of them) and one reviewing account per reviewing organisation. `grow(to=N)`
then adds applications until there are N, so one database is measured at 10,000 and again at
100,000 without loading the first ones twice.

Applications are bulk-inserted in batches of 5,000 (no per-row services: a million service calls
would only measure the set-up), with everything a queue reads filled in consistently:
- the applicant: a User (role applicant, valid ID number, unusable password, the unit);
- the cover: series / track / title / level / committee taken from the committees' coverage;
- status: mostly 审核中, with 电子材料审核通过, 返回修改, 不通过 and a few drafts;
- the route as applications.routing builds it (单位 → 县区人社局 → 评委会 for non-public and social
  units; 单位 → 主管部门 → 县区人社局 → 评委会 for district state units; a provincial committee
  adds 市人社局 → 省评委会), steps before the current one passed, `current_step` set while in
  review (None once approved, returned or rejected, as the state machine leaves it);
- the trail: one 提交 event each, one 通过 event per step passed, the 返回修改 / 不通过 event;
- the snapshot: None for a third, a small dict for the rest (a list page must not load it).

Status and current_step are written here directly (bench/ is outside the state-machine guard of
applications/tests/test_state_guard.py): this is fixture data, not a transition."""

from __future__ import annotations

import io
import random
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from stdnum.cn import ric, uscc

from accounts.models import Role, User
from applications.models import (
    Application,
    ApplicationKind,
    ApplicationStatus,
    ReviewEvent,
    ReviewStep,
    StepKind,
    StepState,
)
from applications.routing import CITY_BUREAU_REF
from catalog.models import Level, Series, Title
from orgs.models import (
    Committee,
    CommitteeCoverage,
    CommitteeTier,
    CommitteeWindow,
    Organisation,
    OrgKind,
    Ownership,
)
from orgs.windows import current_year

BATCH = 5_000
UNITS = 300
BUSY_OFFICE_UNITS = 60  # the first office (五华区) gets these; the other 240 are spread evenly
BUSY_COMMITTEE_SHARE = 0.30  # 工程技术 / 中级: the busiest committee
PROVINCIAL_SHARE = 0.08
PREVIOUS_YEAR_SHARE = 0.15
SEED = 20261128

# Status mix (drafts have no route yet).
STATUS_WEIGHTS = (
    (ApplicationStatus.IN_REVIEW, 70),
    (ApplicationStatus.APPROVED, 10),
    (ApplicationStatus.RETURNED, 9),
    (ApplicationStatus.REJECTED, 7),
    (ApplicationStatus.DRAFT, 4),
)
OWNERSHIP_WEIGHTS = ((Ownership.NON_PUBLIC, 55), (Ownership.SOCIAL, 15), (Ownership.DISTRICT_STATE, 30))

# Surnames by rough frequency: 张 is about one name in ten (the `q=张` search).
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢"
)
SURNAME_WEIGHTS = [11, 11, 10, 8, 6, 4, 3, 3, 3, 3] + [2] * 10 + [1] * (len(SURNAMES) - 20)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅晓东海燕云飞鹏辉"
SPECIALTIES = ("软件工程", "土木工程", "临床医学", "会计", "农学", "机械设计", "电气工程", "中学数学")


@dataclass
class Reviewers:
    """The accounts the benchmark signs in with (one per reviewing organisation exists besides)."""

    district: User  # the busiest district office
    department: User  # the department of most district-state units there
    city: User  # 市人社局
    committee: User  # the office of the busiest committee
    unit: User  # the admin of the busiest unit


@dataclass
class Catalogue:
    """What `grow` draws from, read once."""

    units: list[tuple[int, str, int | None, int]]  # (id, ownership, department id, district id)
    unit_weights: list[float]
    covers: list[tuple[int, int, int, int, str, bool]]  # (committee, series, track, title, level, provincial)
    cover_weights: list[float]
    city_bureau_id: int
    staff: dict[tuple[str, int], int]  # (kind "org"/"committee", id) → a reviewer's user id
    year: int
    now: datetime
    reviewers: Reviewers
    load_s: list[tuple[int, float]] = field(default_factory=list)  # (applications, seconds)


# --- Identity numbers --------------------------------------------------------------------------------


def id_number(seq: int) -> str:
    """A valid, unique GB 11643 number per seq: 500 numbers per birth day from 1966-01-01."""
    birth = datetime(1966, 1, 1) + timedelta(days=(seq // 500) * 7 % 11_000)
    order = (seq % 500) * 2 + seq % 2
    body = f"5301{(seq // 500) // 1571:02d}{birth:%Y%m%d}{order:03d}"
    return body + ric.calc_check_digit(body + "0")


def credit_code(seq: int) -> str:
    body = f"91530100QB{seq:07d}"[:17]
    return body + uscc.calc_check_digit(body)


def person_name(rng: random.Random) -> str:
    surname = rng.choices(SURNAMES, SURNAME_WEIGHTS)[0]
    return surname + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))


@contextmanager
def explicit_timestamps(*models):
    """bulk_create keeps the `created_at` given (auto_now_add would stamp every row with one time)."""
    fields = [m._meta.get_field("created_at") for m in models]
    for f in fields:
        f.auto_now_add = False
    try:
        yield
    finally:
        for f in fields:
            f.auto_now_add = True


# --- Organisations and reviewers ----------------------------------------------------------------------


def _staff(username: str, role: str, name: str, **fields) -> User:
    return User.objects.create_user(username=username, password=None, role=role, name=name, **fields)


def _provincial_committees() -> list[Committee]:
    organiser = Organisation.objects.get(ref="dept:昆明市工业和信息化局")
    series = Series.objects.get(name="工程技术")
    committees = []
    for number, name in (
        (901, "云南省工程系列正高级职称评审委员会"),
        (902, "云南省工程系列副高级职称评审委员会"),
    ):
        committee = Committee.objects.create(
            tier=CommitteeTier.SENIOR,
            number=number,
            name=name,
            scope="全省从事工程技术工作的专业技术人员（基准测试数据）",
            organiser=organiser,
            phone="0871-60000000",
            is_provincial=True,
        )
        level = Level.SENIOR_FULL if number == 901 else Level.SENIOR_ASSOCIATE
        CommitteeCoverage.objects.create(committee=committee, series=series, level=level)
        committees.append(committee)
    return committees


def prepare(*, seed: int = SEED) -> Catalogue:
    """Migrate, load the catalogue, add units and reviewers (no applications yet)."""
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_catalog", verbosity=0, stdout=io.StringIO())
    rng = random.Random(seed)
    now = timezone.now()
    year = current_year(now)
    with transaction.atomic():
        _provincial_committees()
        offices = list(Organisation.objects.filter(kind=OrgKind.DISTRICT_BUREAU).order_by("sort_order", "id"))
        departments = list(Organisation.objects.filter(kind=OrgKind.DEPARTMENT).order_by("id"))
        city_departments = [d for d in departments if d.name.startswith("昆明市")]
        city_bureau = Organisation.objects.get(ref=CITY_BUREAU_REF)

        def department_for(office: Organisation) -> Organisation:
            local = [d for d in departments if office.area and d.name.startswith(office.area)]
            return local[0] if local else rng.choice(city_departments[:8])

        units = []
        for i in range(UNITS):
            office = offices[0] if i < BUSY_OFFICE_UNITS else offices[1 + i % (len(offices) - 1)]
            ownership = rng.choices([o for o, _ in OWNERSHIP_WEIGHTS], [w for _, w in OWNERSHIP_WEIGHTS])[0]
            units.append(
                Organisation(
                    kind=OrgKind.UNIT,
                    name=f"{office.area or '昆明'}测试单位{i + 1:03d}",
                    credit_code=credit_code(i + 1),
                    ownership=ownership,
                    district=office,
                    department=department_for(office) if ownership == Ownership.DISTRICT_STATE else None,
                    head_name="张主任",
                    head_phone=f"1390000{i + 1:04d}",
                    phone="0871-62000000",
                )
            )
        units = Organisation.objects.bulk_create(units)

        # One reviewing account per organisation that appears on a route.
        staff: dict[tuple[str, int], int] = {}
        for unit in units:
            user = _staff(unit.credit_code, Role.UNIT_ADMIN, f"{unit.name}管理员", organisation=unit)
            staff["org", unit.pk] = user.pk
        for office in offices:
            user = _staff(f"district{office.pk}", Role.DISTRICT_REVIEWER, "区县审核员", organisation=office)
            staff["org", office.pk] = user.pk
        for department in {u.department_id for u in units if u.department_id}:
            user = _staff(
                f"department{department}",
                Role.DEPARTMENT_REVIEWER,
                "主管部门审核员",
                organisation_id=department,
            )
            staff["org", department] = user.pk
        city = _staff("city1", Role.CITY_REVIEWER, "市人社局审核员", organisation=city_bureau)
        staff["org", city_bureau.pk] = city.pk
        for committee in Committee.objects.all():
            user = _staff(
                f"committee{committee.pk}", Role.COMMITTEE_OFFICE, "评委会办事员", committee=committee
            )
            staff["committee", committee.pk] = user.pk
        for committee in Committee.objects.all():
            CommitteeWindow.objects.update_or_create(
                committee=committee,
                year=year,
                defaults={"opens_at": now - timedelta(days=60), "closes_at": now + timedelta(days=30)},
            )

    # Where applications come from: units weighted by size (the busy office's units are larger).
    unit_rows = [(u.pk, u.ownership, u.department_id, u.district_id) for u in units]
    unit_weights = [3.0 if u.district_id == offices[0].pk else 1.0 for u in units]
    # What they apply for: every (committee, series, level) of the coverage that has a title.
    titles = {(t.track.series_id, t.level): (t.track_id, t.pk) for t in Title.objects.select_related("track")}
    covers, cover_weights = [], []
    busy_series = Series.objects.get(name="工程技术").pk
    for c in CommitteeCoverage.objects.select_related("committee").order_by("committee_id", "id"):
        if (c.series_id, c.level) not in titles:
            continue
        track, title = titles[c.series_id, c.level]
        covers.append((c.committee_id, c.series_id, track, title, c.level, c.committee.is_provincial))
    city_covers = [i for i, c in enumerate(covers) if not c[5]]
    busy = next(i for i in city_covers if covers[i][1] == busy_series and covers[i][4] == Level.INTERMEDIATE)
    for i, c in enumerate(covers):
        if c[5]:
            cover_weights.append(PROVINCIAL_SHARE / 2)
        elif i == busy:
            cover_weights.append(BUSY_COMMITTEE_SHARE)
        else:
            cover_weights.append((1 - PROVINCIAL_SHARE - BUSY_COMMITTEE_SHARE) / (len(city_covers) - 1))

    busy_office = offices[0]
    busy_department = max(
        {u.department_id for u in units if u.district_id == busy_office.pk and u.department_id},
        key=lambda d: sum(1 for u in units if u.department_id == d),
    )
    busiest_unit = next(u for u in units if u.district_id == busy_office.pk)
    reviewers = Reviewers(
        district=User.objects.get(pk=staff["org", busy_office.pk]),
        department=User.objects.get(pk=staff["org", busy_department]),
        city=city,
        committee=User.objects.get(pk=staff["committee", covers[busy][0]]),
        unit=User.objects.get(pk=staff["org", busiest_unit.pk]),
    )
    return Catalogue(
        units=unit_rows,
        unit_weights=unit_weights,
        covers=covers,
        cover_weights=cover_weights,
        city_bureau_id=city_bureau.pk,
        staff=staff,
        year=year,
        now=now,
        reviewers=reviewers,
    )


# --- Applications ------------------------------------------------------------------------------------


def _route(cat: Catalogue, unit, cover) -> list[tuple[str, int | None, int | None]]:
    """(kind, organisation id, committee id) in order, as applications.routing.route_for builds it."""
    unit_id, ownership, department_id, district_id = unit
    committee_id, provincial = cover[0], cover[5]
    steps = [(StepKind.UNIT, unit_id, None)]
    if ownership == Ownership.DISTRICT_STATE:
        steps.append((StepKind.DEPARTMENT, department_id, None))
    steps.append((StepKind.DISTRICT, district_id, None))
    if provincial:
        steps.append((StepKind.CITY, cat.city_bureau_id, None))
        steps.append((StepKind.PROVINCIAL, None, committee_id))
    else:
        steps.append((StepKind.COMMITTEE, None, committee_id))
    return steps


def _batch(cat: Catalogue, start: int, stop: int, rng: random.Random) -> None:
    """Applications start+1 … stop (seq numbers), one transaction."""
    seqs = range(start + 1, stop + 1)
    plans = []
    users = []
    for seq in seqs:
        unit = rng.choices(cat.units, cat.unit_weights)[0]
        cover = rng.choices(cat.covers, cat.cover_weights)[0]
        status = rng.choices([s for s, _ in STATUS_WEIGHTS], [w for _, w in STATUS_WEIGHTS])[0]
        year = cat.year - 1 if rng.random() < PREVIOUS_YEAR_SHARE else cat.year
        route = _route(cat, unit, cover)
        # The step the application stands at (in review) or where it ended (returned / rejected).
        at = rng.randrange(len(route))
        submitted = cat.now - timedelta(days=365 * (cat.year - year), minutes=rng.randrange(60 * 24 * 50))
        number = id_number(seq)
        users.append(
            User(
                username=number,
                id_number=number,
                name=person_name(rng),
                role=Role.APPLICANT,
                organisation_id=unit[0],
                password="!" + f"bench{seq}",  # unusable (starts with "!"): signs in never
            )
        )
        plans.append((unit, cover, status, year, route, at, submitted))
    users = User.objects.bulk_create(users, batch_size=BATCH)

    applications = []
    for user, (unit, cover, status, year, _, _, submitted) in zip(users, plans, strict=True):
        draft = status == ApplicationStatus.DRAFT
        applications.append(
            Application(
                applicant_id=user.pk,
                year=year,
                kind=ApplicationKind.PROMOTION,
                unit_id=unit[0],
                series_id=cover[1],
                track_id=cover[2],
                specialty=rng.choice(SPECIALTIES),
                level=cover[4],
                title_id=cover[3],
                committee_id=cover[0],
                status=status,
                snapshot=None
                if draft or rng.random() < 1 / 3
                else {"basic": {"name": user.name, "id_number": user.id_number}, "sections": {}},
                submitted_at=None if draft else submitted,
                created_at=submitted - timedelta(days=3),
                updated_at=submitted,
            )
        )
    with explicit_timestamps(Application):
        applications = Application.objects.bulk_create(applications, batch_size=BATCH)

    steps, step_plan = [], []
    for application, user, (_unit, _cover, status, _year, route, at, submitted) in zip(
        applications, users, plans, strict=True
    ):
        if status == ApplicationStatus.DRAFT:
            continue
        for order, (kind, org_id, committee_id) in enumerate(route, start=1):
            i = order - 1
            if status == ApplicationStatus.APPROVED or i < at:
                state = StepState.PASSED
            elif i > at:
                state = StepState.WAITING
            else:
                state = {
                    ApplicationStatus.IN_REVIEW: StepState.CURRENT,
                    ApplicationStatus.RETURNED: StepState.RETURNED,
                    ApplicationStatus.REJECTED: StepState.REJECTED,
                }[status]
            decided = submitted + timedelta(hours=6 * (i + 1))
            steps.append(
                ReviewStep(
                    application_id=application.pk,
                    order=order,
                    kind=kind,
                    organisation_id=org_id,
                    committee_id=committee_id,
                    state=state,
                    reached_at=None if state == StepState.WAITING else submitted + timedelta(hours=6 * i),
                    year=application.year,
                    series_id=application.series_id,
                    level=application.level,
                    application_committee_id=application.committee_id,
                    unit_id=application.unit_id,
                    applicant_name=user.name,
                    decided_at=decided if state not in (StepState.WAITING, StepState.CURRENT) else None,
                    handled_at=decided if state not in (StepState.WAITING, StepState.CURRENT) else None,
                )
            )
            step_plan.append((application, status, state, decided, org_id, committee_id, order == len(route)))
    steps = ReviewStep.objects.bulk_create(steps, batch_size=BATCH)

    # current_step: one UPDATE for the batch (the step rows now have their ids).
    Application.objects.filter(
        pk__in=[a.pk for a, p in zip(applications, plans, strict=True) if p[2] == ApplicationStatus.IN_REVIEW]
    ).update(
        current_step=Subquery(
            ReviewStep.objects.filter(application=OuterRef("pk"), state=StepState.CURRENT).values("pk")[:1]
        )
    )

    events = []
    for application, (unit, _, status, _, _, _, submitted) in zip(applications, plans, strict=True):
        if status == ApplicationStatus.DRAFT:
            continue
        events.append(
            ReviewEvent(
                application_id=application.pk,
                created_at=submitted,
                actor_id=application.applicant_id,
                organisation_id=unit[0],
                action="submit",
                from_status=ApplicationStatus.DRAFT,
                to_status=ApplicationStatus.IN_REVIEW,
            )
        )
    S = ApplicationStatus
    for step, (application, _, state, decided, org_id, committee_id, last) in zip(
        steps, step_plan, strict=True
    ):
        if state in (StepState.WAITING, StepState.CURRENT):
            continue
        actor = cat.staff.get(("org", org_id) if org_id else ("committee", committee_id))
        if state == StepState.PASSED:
            action, to = "pass", (S.APPROVED if last else S.IN_REVIEW)
            opinion = "材料齐全，同意推荐。" if not last else "电子材料审核通过。"
        elif state == StepState.RETURNED:
            action, to, opinion = "return", S.RETURNED, "请补充近五年年度考核材料。"
        else:
            action, to, opinion = "reject", S.REJECTED, "不符合申报条件。"
        events.append(
            ReviewEvent(
                application_id=application.pk,
                created_at=decided,
                actor_id=actor,
                organisation_id=org_id,
                step_id=step.pk,
                action=action,
                from_status=S.IN_REVIEW,
                to_status=to,
                opinion=opinion,
                ip="127.0.0.1",
            )
        )
    with explicit_timestamps(ReviewEvent):
        ReviewEvent.objects.bulk_create(events, batch_size=BATCH)


def grow(cat: Catalogue, *, to: int, seed: int = SEED, progress=None) -> float:
    """Add applications until there are `to` of them (batches of BATCH, one transaction each);
    then VACUUM ANALYZE on PostgreSQL (what autovacuum does to insert-only tables: statistics, and
    the visibility map that index-only scans need). Returns the seconds taken."""
    started = time.perf_counter()
    have = Application.objects.count()
    rng = random.Random(seed + have)
    while have < to:
        stop = min(have + BATCH, to)
        with transaction.atomic():
            _batch(cat, have, stop, rng)
        have = stop
        if progress:
            progress(have, time.perf_counter() - started)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    seconds = time.perf_counter() - started
    cat.load_s.append((to, seconds))
    return seconds


def counts() -> dict[str, int]:
    return {
        "applications": Application.objects.count(),
        "applicants": User.objects.filter(role=Role.APPLICANT).count(),
        "review steps": ReviewStep.objects.count(),
        "review events": ReviewEvent.objects.count(),
        "units": Organisation.objects.filter(kind=OrgKind.UNIT).count(),
    }
