"""Test data for applications: a small catalogue, open committees, a complete dossier with the
required attachments, and a saved cover. Real rows, no mocks."""

from __future__ import annotations

import hashlib
import itertools
from datetime import date, datetime, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import Role
from applications.defaults import DEFAULT_REQUIRED
from applications.models import Application, ApplicationKind
from attachments.models import Attachment, AttachmentKind
from catalog.models import Level, Series, Title, Track
from core.dates import CALENDAR_TZ
from dossier.selectors import dossier_get_or_create
from dossier.tests.factories import add_entries
from orgs.models import CommitteeCoverage, CommitteePlan, CommitteeWindow, Organisation, OrgKind, Ownership
from orgs.windows import current_year
from tests import factories

_seq = itertools.count(1)

TITLE_NAMES = {
    Level.SENIOR_FULL: "正高级工程师",
    Level.SENIOR_ASSOCIATE: "高级工程师",
    Level.INTERMEDIATE: "工程师",
    Level.ASSISTANT: "助理工程师",
    Level.JUNIOR: "技术员",
}


def make_series(*, tracks: tuple[str, ...] = ("工程技术",), name: str | None = None) -> Series:
    """A series with its tracks and a title at every level."""
    n = next(_seq)
    series = Series.objects.create(number=500 + n, name=name or f"测试工程技术{n}")
    for order, track_name in enumerate(tracks, start=1):
        track = Track.objects.create(series=series, name=track_name, order=order)
        Title.objects.bulk_create(
            Title(
                track=track,
                level=level,
                name=f"{TITLE_NAMES[level]}" + ("" if order == 1 else f"（{track_name}）"),
            )
            for level in TITLE_NAMES
        )
    return series


def beijing(*args) -> datetime:
    return datetime(*args, tzinfo=CALENDAR_TZ)


def make_open_committee(
    series: Series,
    level: str = Level.INTERMEDIATE,
    *,
    now: datetime | None = None,
    year: int | None = None,
    month: int | None = None,
    provincial: bool = False,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    **fields,
):
    """A committee covering (series, level) with its window for `year` open at `now` (or the given
    instants) and, when `month` is given, its plan month."""
    now = now or timezone.now()
    year = year or current_year(now)
    committee = factories.make_committee(is_provincial=provincial, **fields)
    CommitteeCoverage.objects.create(committee=committee, series=series, level=level)
    CommitteeWindow.objects.create(
        committee=committee,
        year=year,
        opens_at=opens_at or (now - timedelta(days=1)),
        closes_at=closes_at or (now + timedelta(days=10)),
    )
    if month:
        CommitteePlan.objects.create(committee=committee, year=year, month=month)
    return committee


def city_bureau() -> Organisation:
    return Organisation.objects.filter(ref="city-bureau").first() or factories.make_city_bureau(
        ref="city-bureau"
    )


def make_unit(ownership: str = Ownership.NON_PUBLIC, **fields) -> Organisation:
    if ownership in (Ownership.CITY_STATE, Ownership.DISTRICT_STATE):
        fields.setdefault("department", factories.make_department())
    if ownership == Ownership.AGENCY:
        fields.setdefault("kind", OrgKind.AGENCY)
    return factories.make_unit(ownership=ownership, **fields)


def add_attachment(user, kind: str, *, title: str | None = None, content: bytes | None = None) -> Attachment:
    content = content or f"{kind}-{next(_seq)}".encode()
    return Attachment.objects.create(
        owner=user,
        kind=kind,
        title=title or AttachmentKind(kind).label,
        file=ContentFile(content, name=f"{kind}.pdf"),
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )


# What a ready applicant has filled: the sections every review requires, the annual assessments the
# default committee list asks for (dossier.requirements) and the work summary.
READY_SECTIONS = ("education", "work", "work_summary", "annual_assessments")


def complete_dossier(user, *, entries_per_section: int = 1, sections=None) -> None:
    """基本信息 and every required section filled, the default required attachments uploaded."""
    dossier = dossier_get_or_create(user=user)
    dossier.work_start_date = date(2008, 7, 1)
    dossier.professional_start_date = date(2008, 7, 1)
    dossier.employment_form = "on_staff"
    dossier.current_post = "软件工程师"
    dossier.original_retirement_age = 55 if dossier.sex == "female" else 60
    dossier.save()
    keys = sections or list(READY_SECTIONS)
    for key in keys:
        add_entries(user, key, entries_per_section)
    for kind in DEFAULT_REQUIRED:
        add_attachment(user, kind)


def make_ready_applicant(
    *, unit: Organisation | None = None, birth: str = "19850312", female: bool = False, **fields
):
    """An applicant of `unit` with a complete dossier (born 1985: far from retirement)."""
    unit = unit or make_unit()
    user = factories.make_applicant(
        organisation=unit, id_number=factories.id_number(birth=birth, female=female), **fields
    )
    complete_dossier(user)
    return user


def make_draft(
    user, committee, series: Series, level: str = Level.INTERMEDIATE, *, year: int | None = None
) -> Application:
    """A saved cover (draft) straight through the ORM."""
    track = series.tracks.order_by("order").first()
    return Application.objects.create(
        applicant=user,
        year=year or current_year(),
        kind=ApplicationKind.PROMOTION,
        unit=user.organisation,
        series=series,
        track=track,
        specialty="软件工程",
        level=level,
        title=Title.objects.get(track=track, level=level),
        committee=committee,
    )


def cover_values(committee, series: Series, level: str = Level.INTERMEDIATE, **changes) -> dict:
    track = series.tracks.order_by("order").first()
    values = {
        "year": current_year(),
        "kind": ApplicationKind.PROMOTION,
        "series_id": series.pk,
        "track_id": track.pk,
        "specialty": "软件工程",
        "level": level,
        "title_id": None,
        "committee_id": committee.pk,
    }
    values.update(changes)
    return values


def make_unit_admin(unit: Organisation):
    return factories.make_user(role=Role.UNIT_ADMIN, organisation=unit, username=f"ua{next(_seq)}")
