"""Test data for the evaluation: experts in a committee's pool, approved applications, rounds.
Real rows, no mocks."""

from __future__ import annotations

import itertools
from datetime import date

from accounts.models import Role
from applications.models import Application, ApplicationStatus
from applications.tests.factories import make_draft, make_series, make_unit
from catalog.models import Level
from evaluation.models import Expert, MembershipStatus, Pool, PoolMembership
from publicity.models import (
    FilingAuthority,
    PreReviewFiledApplication,
    PreReviewFiling,
    Publicity,
    PublicityEntry,
    PublicityKind,
)
from tests import factories

_seq = itertools.count(1)


def make_office_user(committee):
    return factories.make_user(role=Role.COMMITTEE_OFFICE, committee=committee)


def make_expert(
    committee=None,
    *,
    series=(),
    specialties: str = "软件工程",
    unit=None,
    status: str = MembershipStatus.ACTIVE,
    term_start: date = date(2024, 1, 1),
    term_end: date = date(2030, 12, 31),
) -> Expert:
    """An expert account with its profile, in `committee`'s pool when given."""
    n = next(_seq)
    user = factories.make_user(role=Role.EXPERT, username=f"expert_t{n}", name=f"专家{n}")
    expert = Expert.objects.create(
        user=user,
        name=user.name,
        unit=unit,
        unit_name=unit.name if unit else f"昆明某研究院{n}",
        title="高级工程师",
        level=Level.SENIOR_ASSOCIATE,
        specialties=specialties,
        phone=factories.mobile(7000 + n),
    )
    expert.series.set(list(series))
    if committee is not None:
        pool, _ = Pool.objects.get_or_create(committee=committee)
        PoolMembership.objects.create(
            pool=pool, expert=expert, term_start=term_start, term_end=term_end, status=status
        )
    return expert


def make_approved(
    committee, series, *, unit=None, specialty: str = "软件工程", year: int | None = None, filed: bool = True
) -> Application:
    """An application of `committee` that passed the electronic review (电子材料审核通过) and, unless
    `filed` is False, whose 评前公示 was filed (what a round takes, seed 必读 (三)2)."""
    unit = unit or make_unit()
    user = factories.make_applicant(organisation=unit)
    app = make_draft(user, committee, series, year=year)
    Application.objects.filter(pk=app.pk).update(status=ApplicationStatus.APPROVED, specialty=specialty)
    app.refresh_from_db()
    if filed:
        file_prereview(committee, app)
    return app


def file_prereview(committee, application: Application) -> PreReviewFiledApplication:
    """The rows of a 评前公示 that ended in the past and its filing with the city bureau, for one
    application (the publicity app's services and their rules have their own tests)."""
    notice = Publicity.objects.create(
        kind=PublicityKind.PRE_REVIEW,
        publisher_committee=committee,
        title="评前公示",
        start_date=date(2026, 9, 7),
        end_date=date(2026, 9, 11),
        workdays=5,
    )
    entry = PublicityEntry.objects.create(
        publicity=notice,
        application=application,
        order=1,
        name=application.applicant.name,
        unit_name=str(application.unit),
        series_name=application.series.name,
        level_label=application.get_level_display(),
        title_name=application.title.name,
        id_number_masked="5301**********0011",
    )
    filing = PreReviewFiling.objects.create(
        notice=notice,
        filed_with=FilingAuthority.CITY,
        document_number="昆人社评备〔2026〕12号",
        filed_on=date(2026, 9, 14),
    )
    return PreReviewFiledApplication.objects.create(filing=filing, entry=entry, application=application)


def make_setting(*, experts: int = 5, applications: int = 2, year: int = 2026):
    """A committee with its office, `experts` pool experts of the series and `applications`
    approved applications of `year`."""
    series = make_series()
    committee = factories.make_committee()
    office = make_office_user(committee)
    pool_experts = [make_expert(committee, series=[series]) for _ in range(experts)]
    apps = [make_approved(committee, series, year=year) for _ in range(applications)]
    return committee, series, office, pool_experts, apps
