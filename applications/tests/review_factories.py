"""Test data for the review transitions: an application in review (through the real cover service
and submit), a reviewer for each step of its route, and the unit step's records (基层意见 and
单位公示, created directly with recommend.models)."""

from __future__ import annotations

from datetime import date, timedelta

from accounts.models import Role
from applications.models import Application, ReviewStep
from applications.services import application_save_cover
from applications.state import application_submit
from catalog.models import Level
from orgs.models import Ownership
from recommend.models import PublicityResult, UnitPublicity, UnitRecommendation
from tests import factories

from .factories import (
    city_bureau,
    cover_values,
    make_open_committee,
    make_ready_applicant,
    make_series,
    make_unit,
)

OPINION = "材料齐全，符合申报条件，同意推荐。"
ITEMS = [
    {"section": "annual_assessments", "comment": "缺少2024年度考核结果，请补充。"},
    {"section": "attachments:diploma", "comment": "学历证书扫描件不清晰，请重新上传。"},
]


def in_days(days: int) -> date:
    from django.utils import timezone

    return timezone.localdate() + timedelta(days=days)


def make_submitted(
    *,
    ownership: str = Ownership.NON_PUBLIC,
    provincial: bool = False,
    applicant=None,
    unit=None,
    level: str = Level.INTERMEDIATE,
    series=None,
    committee=None,
    **window,
) -> Application:
    """An application of a ready applicant submitted to an open committee, now at its unit step."""
    if provincial:
        city_bureau()
    series = series or make_series()
    committee = committee or make_open_committee(series, level, provincial=provincial, **window)
    if applicant is None:
        applicant = make_ready_applicant(unit=unit or make_unit(ownership))
        if provincial:
            add_photo(applicant)
    application = application_save_cover(user=applicant, **cover_values(committee, series, level))
    return application_submit(application_id=application.pk, actor=applicant)


def add_photo(user) -> None:
    """Rule 23: the 1-inch photo a provincial committee requires."""
    from attachments.services import photo_upload
    from attachments.tests import corpus

    data = corpus.photo_in_range(12, 28, size=(296, 414))
    photo_upload(user=user, uploaded_file=corpus.upload("照片.jpg", data, "image/jpeg"))


def reviewer_for(step: ReviewStep, **fields):
    """A user who reviews `step` (a new one each call)."""
    kind = step.kind
    if kind == "unit":
        return factories.make_user(role=Role.UNIT_ADMIN, organisation=step.organisation, **fields)
    if kind == "department":
        return factories.make_user(role=Role.DEPARTMENT_REVIEWER, organisation=step.organisation, **fields)
    if kind == "district":
        return factories.make_user(role=Role.DISTRICT_REVIEWER, organisation=step.organisation, **fields)
    if kind == "city":
        return factories.make_user(role=Role.CITY_REVIEWER, organisation=step.organisation, **fields)
    if kind == "provincial":
        return factories.make_user(role=Role.CITY_REVIEWER, organisation=city_bureau(), **fields)
    return factories.make_user(role=Role.COMMITTEE_OFFICE, committee=step.committee, **fields)


def current_reviewer(application: Application, **fields):
    application = Application.objects.select_related("current_step").get(pk=application.pk)
    return reviewer_for(application.current_step, **fields)


def complete_unit_step(application: Application) -> None:
    """基层意见 (rule 25) and an ended 5-working-day 单位公示 without objection (rule 2); kept
    across a resubmission (done once)."""
    if UnitRecommendation.objects.filter(application=application).exists():
        return
    UnitRecommendation.objects.create(
        application=application,
        unit=application.unit,
        evaluation="该同志业务能力强，工作业绩突出。",
        method="单位职称推荐工作领导小组评议推荐",
        participants="单位领导班子成员及各部门负责人",
        participant_count=9,
        opinion="同意推荐。",
        formation="经领导小组会议评议，9人参加，9人同意。",
    )
    UnitPublicity.objects.create(
        application=application,
        unit=application.unit,
        start_date=date(2026, 3, 2),
        end_date=date(2026, 3, 6),
        workdays=5,
        place="单位公示栏",
        result=PublicityResult.NO_OBJECTION,
    )
