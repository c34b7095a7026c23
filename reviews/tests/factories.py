"""Test data for the review pages: a "world" of organisations with their reviewers and applications
at various steps, built through the real cover service, the state machine's submit and pass (no
status is written by hand)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from accounts.models import Role
from applications.models import Application, StepKind
from applications.services import application_save_cover
from applications.state import application_pass, application_return
from applications.tests.factories import (
    city_bureau,
    cover_values,
    make_open_committee,
    make_ready_applicant,
    make_series,
)
from catalog.models import Level
from orgs.models import Ownership
from recommend.tests.factories import add_publicity, add_recommendation
from tests import factories

_seq = itertools.count(1)
_people = itertools.count(1)


def unique_id_number() -> str:
    """A valid ID number never used before in this run (birth day and order code both vary)."""
    from datetime import date, timedelta

    k = next(_people)
    birth = date(1966, 1, 1) + timedelta(days=k // 400)
    return factories.id_number(birth=f"{birth:%Y%m%d}", seq=k % 400)


@dataclass
class World:
    """One district with its department, two units, a committee and everyone who reviews."""

    tag: str
    series: object
    committee: object
    department: object
    district: object
    unit: object  # district state unit: 单位 → 主管部门 → 县区人社局 → 评委会
    unit2: object  # non-public unit: 单位 → 县区人社局 → 评委会
    unit_admin: object
    unit2_admin: object
    department_reviewer: object
    district_reviewer: object
    committee_office: object
    apps: dict[str, Application] = field(default_factory=dict)
    applicants: dict[str, object] = field(default_factory=dict)

    def reviewer_for(self, step):
        """The user who acts at `step` (the city reviewer is shared: see city_reviewer())."""
        if step.kind == StepKind.UNIT:
            return self.unit_admin if step.organisation_id == self.unit.pk else self.unit2_admin
        if step.kind == StepKind.DEPARTMENT:
            return self.department_reviewer
        if step.kind == StepKind.DISTRICT:
            return self.district_reviewer
        if step.kind == StepKind.COMMITTEE:
            return self.committee_office
        if step.kind in (StepKind.CITY, StepKind.PROVINCIAL):
            return city_reviewer()
        raise AssertionError(step.kind)


def city_reviewer():
    bureau = city_bureau()
    user = bureau.members.filter(role=Role.CITY_REVIEWER).first()
    return user or factories.make_user(role=Role.CITY_REVIEWER, organisation=bureau, username="city-reviewer")


def make_world(tag: str = "") -> World:
    tag = tag or f"W{next(_seq)}"
    series = make_series()
    department = factories.make_department(name=f"昆明市{tag}测试局")
    district = factories.make_office(name=f"{tag}区人力资源和社会保障局")
    committee = make_open_committee(
        series, Level.INTERMEDIATE, organiser=department, name=f"{tag}工程中级评委会"
    )
    unit = factories.make_unit(
        name=f"{tag}区第一中学", ownership=Ownership.DISTRICT_STATE, department=department, district=district
    )
    unit2 = factories.make_unit(name=f"{tag}科技有限公司", ownership=Ownership.NON_PUBLIC, district=district)
    return World(
        tag=tag,
        series=series,
        committee=committee,
        department=department,
        district=district,
        unit=unit,
        unit2=unit2,
        unit_admin=factories.make_user(role=Role.UNIT_ADMIN, organisation=unit, username=f"ua-{tag}-1"),
        unit2_admin=factories.make_user(role=Role.UNIT_ADMIN, organisation=unit2, username=f"ua-{tag}-2"),
        department_reviewer=factories.make_user(
            role=Role.DEPARTMENT_REVIEWER, organisation=department, username=f"dept-{tag}"
        ),
        district_reviewer=factories.make_user(
            role=Role.DISTRICT_REVIEWER, organisation=district, username=f"dist-{tag}"
        ),
        committee_office=factories.make_user(
            role=Role.COMMITTEE_OFFICE, committee=committee, username=f"co-{tag}"
        ),
    )


def submit(world: World, *, unit=None, committee=None, series=None, name: str = "") -> Application:
    """A ready applicant of `unit` saves the cover and submits: the application is at its unit step."""
    from applications.state import application_submit

    unit = unit or world.unit
    committee = committee or world.committee
    series = series or world.series
    fields = {"name": name} if name else {}
    applicant = make_ready_applicant(unit=unit, **fields)
    draft = application_save_cover(user=applicant, **cover_values(committee, series))
    return application_submit(application_id=draft.pk, actor=applicant)


def pass_step(
    world: World, application: Application, opinion: str = "符合申报条件，同意推荐。"
) -> Application:
    """The current step's reviewer passes it (the unit records 基层意见 and 单位公示 first)."""
    application.refresh_from_db()
    step = application.current_step
    if step.kind == StepKind.UNIT:
        if not hasattr(application, "recommendation"):
            add_recommendation(application)
        if not hasattr(application, "unit_publicity"):
            add_publicity(application)
    return application_pass(application_id=application.pk, actor=world.reviewer_for(step), opinion=opinion)


def advance_to(world: World, application: Application, kind: str) -> Application:
    """Pass steps until the current step is of `kind`."""
    application.refresh_from_db()
    while application.current_step is not None and application.current_step.kind != kind:
        application = pass_step(world, application)
        application.refresh_from_db()
    assert application.current_step is not None and application.current_step.kind == kind
    return application


def return_now(world: World, application: Application, *, deadline, opinion="材料不全，请补充。"):
    application.refresh_from_db()
    step = application.current_step
    return application_return(
        application_id=application.pk,
        actor=world.reviewer_for(step),
        opinion=opinion,
        items=[{"section": "basic", "comment": "请补充身份证复印件。"}],
        deadline=deadline,
        confirm_late=True,
    )


def populate(world: World) -> World:
    """Applications at every step of the world's routes, one returned and one draft never submitted."""
    from datetime import timedelta

    from django.utils import timezone

    world.apps["at_unit"] = submit(world, name=f"{world.tag}甲")
    world.apps["at_department"] = advance_to(world, submit(world, name=f"{world.tag}乙"), StepKind.DEPARTMENT)
    world.apps["at_district"] = advance_to(world, submit(world, name=f"{world.tag}丙"), StepKind.DISTRICT)
    world.apps["at_committee"] = advance_to(
        world, submit(world, unit=world.unit2, name=f"{world.tag}丁"), StepKind.COMMITTEE
    )
    returned = advance_to(world, submit(world, name=f"{world.tag}戊"), StepKind.DEPARTMENT)
    world.apps["returned"] = return_now(world, returned, deadline=timezone.localdate() + timedelta(days=10))
    applicant = make_ready_applicant(unit=world.unit, name=f"{world.tag}己")
    world.apps["draft"] = application_save_cover(
        user=applicant, **cover_values(world.committee, world.series)
    )
    for key, application in world.apps.items():
        application.refresh_from_db()
        world.applicants[key] = application.applicant
    return world


# --- many rows at once (query-count tests) --------------------------------------------------------

ROUTE_KINDS = (StepKind.UNIT, StepKind.DEPARTMENT, StepKind.DISTRICT, StepKind.COMMITTEE)


def bulk_in_review(
    world: World, count: int, *, at: str = StepKind.UNIT, year: int | None = None, prefix="批量"
):
    """`count` applications of the world's first unit in review at step `at`, written straight
    through the ORM (test-only: thousands of real submissions would take minutes). Each has the
    route 单位 → 主管部门 → 县区人社局 → 评委会, the earlier steps passed with an event each."""
    from datetime import timedelta

    from django.utils import timezone

    from accounts.models import User
    from applications.models import ApplicationKind, ApplicationStatus, ReviewEvent, ReviewStep, StepState
    from catalog.models import Title
    from orgs.windows import current_year

    year = year or current_year()
    now = timezone.now()
    base = next(_seq) * 100000
    users = User.objects.bulk_create(
        User(
            username=f"bulk{base + i}",
            id_number=unique_id_number(),
            name=f"{prefix}{i:04d}",
            phone=factories.mobile(base + i),
            role=Role.APPLICANT,
            organisation=world.unit,
            password="!",
        )
        for i in range(count)
    )
    track = world.series.tracks.order_by("order").first()
    title = Title.objects.get(track=track, level=Level.INTERMEDIATE)
    apps = Application.objects.bulk_create(
        Application(
            applicant=user,
            year=year,
            kind=ApplicationKind.PROMOTION,
            unit=world.unit,
            series=world.series,
            track=track,
            specialty="软件工程",
            level=Level.INTERMEDIATE,
            title=title,
            committee=world.committee,
            status=ApplicationStatus.IN_REVIEW,
            snapshot={"attachments": [], "dossier": {"basic": [], "sections": []}, "cover": {}},
            submitted_at=now - timedelta(minutes=i),
        )
        for i, user in enumerate(users)
    )
    places = {
        StepKind.UNIT: {"organisation": world.unit},
        StepKind.DEPARTMENT: {"organisation": world.department},
        StepKind.DISTRICT: {"organisation": world.district},
        StepKind.COMMITTEE: {"committee": world.committee},
    }
    reached = ROUTE_KINDS.index(at)
    steps = ReviewStep.objects.bulk_create(
        ReviewStep(
            application=app,
            order=order,
            kind=kind,
            state=(
                StepState.PASSED
                if order - 1 < reached
                else StepState.CURRENT
                if order - 1 == reached
                else "waiting"
            ),
            reached_at=now if order - 1 <= reached else None,
            year=app.year,
            series_id=app.series_id,
            level=app.level,
            application_committee_id=app.committee_id,
            unit_id=app.unit_id,
            applicant_name=app.applicant.name,
            decided_at=now if order - 1 < reached else None,
            handled_at=now if order - 1 < reached else None,
            **places[kind],
        )
        for app in apps
        for order, kind in enumerate(ROUTE_KINDS, start=1)
    )
    by_app = {}
    for step in steps:
        by_app.setdefault(step.application_id, []).append(step)
    events = []
    for app in apps:
        route = by_app[app.pk]
        app.current_step = route[reached]
        events.append(
            ReviewEvent(
                application=app,
                action="submit",
                from_status="draft",
                to_status="in_review",
                organisation=world.unit,
            )
        )
        for step in route[:reached]:
            events.append(
                ReviewEvent(
                    application=app,
                    step=step,
                    action="pass",
                    organisation=step.organisation,
                    from_status="in_review",
                    to_status="in_review",
                    opinion="同意。",
                )
            )
    Application.objects.bulk_update(apps, ["current_step"])
    ReviewEvent.objects.bulk_create(events)
    return apps
