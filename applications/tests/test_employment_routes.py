"""用工形式 drives the route (issue 11 points 11 and 13; seed question 5 (1) c–d and question 14):
派遣 goes through the 派遣单位 by the non-public procedure and is refused at a public institution,
编外聘用 follows the institution's own route, a freelancer is recommended by a personnel agency or
by the district office of the household registration place, which acts at the unit step."""

from __future__ import annotations

import itertools

import pytest
from django.urls import reverse

from accounts.models import Role
from accounts.permissions import unlock_contact
from applications.completeness import application_missing
from applications.models import ApplicationStatus, StepKind
from applications.routing import RouteError, route_for
from applications.services import application_save_cover
from applications.state import application_pass, application_submit
from core.errors import ServiceError
from dossier.models import EmploymentForm
from dossier.selectors import dossier_get_or_create
from dossier.services import dossier_basic_update
from messaging.models import SiteMessage
from orgs.models import Ownership
from recommend.models import PublicityResult, UnitPublicity
from recommend.services import recommendation_put
from reviews.selectors import review_scope
from tests import factories

from .factories import city_bureau, cover_values, make_open_committee, make_ready_applicant, make_series
from .review_factories import OPINION, in_days

pytestmark = pytest.mark.django_db

UNIT, DEPARTMENT, DISTRICT, COMMITTEE = (
    StepKind.UNIT,
    StepKind.DEPARTMENT,
    StepKind.DISTRICT,
    StepKind.COMMITTEE,
)
INSTITUTION_CODE, ENTERPRISE_CODE = "12530100", "91530100"
_codes = itertools.count(7000)


def unit_of(place: str):
    """A unit of `place`: an ownership with its kind of credit code ("state-institution" is a public
    institution, "state-enterprise" a state enterprise), "agency", or "office" (a district office)."""
    if place == "office":
        return factories.make_office()
    if place == "agency":
        return factories.make_unit(kind="agency", ownership=Ownership.AGENCY)
    ownership, _, sector = place.partition("-")
    fields = {"ownership": ownership}
    if ownership in (Ownership.CITY_STATE, Ownership.DISTRICT_STATE):
        fields["department"] = factories.make_department()
    if sector:
        from stdnum.cn import uscc

        prefix = INSTITUTION_CODE if sector == "institution" else ENTERPRISE_CODE
        body = f"{prefix}MA{next(_codes):07d}"[:17]
        fields["credit_code"] = body + uscc.calc_check_digit(body)
    return factories.make_unit(**fields)


@pytest.mark.parametrize(
    ("place", "employment", "kinds"),
    [
        # Question 5 (1) a–c by the unit, unchanged by 在编.
        ("city_state-institution", EmploymentForm.ON_STAFF, [UNIT, DEPARTMENT, COMMITTEE]),
        ("district_state-institution", EmploymentForm.ON_STAFF, [UNIT, DEPARTMENT, DISTRICT, COMMITTEE]),
        ("non_public", EmploymentForm.ON_STAFF, [UNIT, DISTRICT, COMMITTEE]),
        # Question 14 (2): 编外聘用 with the institution follows the institution's own route.
        ("city_state-institution", EmploymentForm.CONTRACT, [UNIT, DEPARTMENT, COMMITTEE]),
        ("district_state-institution", EmploymentForm.CONTRACT, [UNIT, DEPARTMENT, DISTRICT, COMMITTEE]),
        # Question 14 (1): through the 派遣单位 by the non-public procedure, whatever its ownership.
        ("city_state-enterprise", EmploymentForm.DISPATCHED, [UNIT, DISTRICT, COMMITTEE]),
        ("district_state-enterprise", EmploymentForm.DISPATCHED, [UNIT, DISTRICT, COMMITTEE]),
        ("non_public", EmploymentForm.DISPATCHED, [UNIT, DISTRICT, COMMITTEE]),
        ("agency", EmploymentForm.DISPATCHED, [UNIT, DISTRICT, COMMITTEE]),
        # Question 5 (1) c: a non-public employee through an agency, then the district office.
        ("agency", EmploymentForm.CONTRACT, [UNIT, DISTRICT, COMMITTEE]),
        # Question 5 (1) d: a freelancer through an agency, or the 户口所在地人社部门, straight to the city.
        ("agency", EmploymentForm.FREELANCE, [UNIT, COMMITTEE]),
        ("office", EmploymentForm.FREELANCE, [UNIT, COMMITTEE]),
    ],
)
def test_the_route_follows_the_unit_and_the_employment_form(place, employment, kinds):
    unit = unit_of(place)
    committee = factories.make_committee()
    route = route_for(unit=unit, committee=committee, employment_form=employment)
    assert [step.kind for step in route] == kinds
    assert route[0].organisation == unit  # a district office chosen by a freelancer acts at the unit step
    if DISTRICT in kinds:
        assert route[kinds.index(DISTRICT)].organisation == unit.district


def test_a_freelancer_s_office_sends_a_provincial_application_through_the_city_bureau():
    bureau = city_bureau()
    office = factories.make_office()
    route = route_for(
        unit=office, committee=factories.make_committee(is_provincial=True), employment_form="freelance"
    )
    assert [(s.kind, s.organisation) for s in route[:2]] == [(UNIT, office), (StepKind.CITY, bureau)]
    assert route[2].kind == StepKind.PROVINCIAL


@pytest.mark.parametrize(
    ("place", "employment", "source", "words"),
    [
        ("city_state-institution", EmploymentForm.DISPATCHED, "第14问", "应以派遣单位作为工作单位申报"),
        (
            "district_state-institution",
            EmploymentForm.DISPATCHED,
            "第14问",
            "请在基本信息中将工作单位改为派遣单位",
        ),
        (
            "non_public",
            EmploymentForm.FREELANCE,
            "第5问",
            "自由职业者由人事代理机构或户口所在地人社部门签署意见并推荐",
        ),
        (
            "office",
            EmploymentForm.ON_STAFF,
            "第5问",
            "户口所在地县（市）区人社部门只为自由职业者签署意见并推荐",
        ),
        ("office", "", "第5问", "用工形式为自由职业的才能选择"),
    ],
)
def test_what_does_not_go_together_is_refused_with_its_source(place, employment, source, words):
    with pytest.raises(RouteError) as exc:
        route_for(unit=unit_of(place), committee=factories.make_committee(), employment_form=employment)
    assert f"见《职称知识25问》{source}" in exc.value.detail and words in exc.value.detail
    assert "规则" not in exc.value.detail


def _dispatched_at_an_institution():
    series = make_series()
    committee = make_open_committee(series)
    applicant = make_ready_applicant(unit=unit_of("city_state-institution"))
    dossier = dossier_get_or_create(user=applicant)
    return applicant, dossier, committee, series


def test_a_dispatched_person_at_an_institution_is_refused_at_cover_check_and_submit():
    applicant, dossier, committee, series = _dispatched_at_an_institution()
    application = application_save_cover(user=applicant, **cover_values(committee, series))  # 在编: fine
    dossier.employment_form = EmploymentForm.DISPATCHED
    dossier.save()

    # 保存封面: the message on the unit, nothing saved.
    with pytest.raises(ServiceError) as exc:
        application_save_cover(user=applicant, **cover_values(committee, series, specialty="机械设计"))
    [message] = exc.value.errors["unit"]
    assert "见《职称知识25问》第14问" in message
    application.refresh_from_db()
    assert application.specialty == "软件工程"

    # 申报: listed once, its 去完善 opens 基本信息 where the unit is chosen.
    items = [item for item in application_missing(application=application) if "第14问" in item.message]
    assert [(item.section, item.url) for item in items] == [
        ("basic", f"{reverse('dossier:basic')}?focus=unit_id")
    ]

    # 提交: refused, still a draft.
    with pytest.raises(ServiceError) as exc:
        application_submit(application_id=application.pk, actor=applicant)
    assert any("第14问" in message for message in exc.value.errors["missing"])
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_the_basic_page_offers_the_district_offices_to_freelancers_only(client):
    office = factories.make_office()
    applicant = make_ready_applicant()
    client.force_login(applicant)
    html = client.get(reverse("dossier:basic")).content.decode()
    assert (
        f'<option value="{office.pk}">{office.name}（户口所在地人社部门，仅自由职业者选择）</option>' in html
    )
    assert "自由职业者由人事代理机构或户口所在地人社部门签署意见并推荐" in html
    # Registration lists units and agencies only.
    assert office.name not in client.get(reverse("accounts:register")).content.decode()

    # Not a freelancer: refused next to the unit, the typed values kept, nothing saved.
    response = client.post(
        reverse("dossier:basic"),
        {"unit_id": str(office.pk), "employment_form": "on_staff", "current_post": "新岗位"},
    )
    html = response.content.decode()
    assert "户口所在地县（市）区人社部门只为自由职业者签署意见并推荐" in html and 'value="新岗位"' in html
    applicant.refresh_from_db()
    assert applicant.organisation_id != office.pk

    # A freelancer: saved.
    dossier_basic_update(user=applicant, unit_id=str(office.pk), employment_form="freelance")
    applicant.refresh_from_db()
    assert applicant.organisation_id == office.pk
    # Changing the 用工形式 back while the office is the unit is refused as well.
    with pytest.raises(ServiceError) as exc:
        dossier_basic_update(user=applicant, employment_form="contract")
    assert "户口所在地县（市）区人社部门只为自由职业者签署意见并推荐" in exc.value.errors["unit_id"][0]


def test_a_freelancer_is_recommended_by_the_district_office_of_the_household_place(
    client, django_capture_on_commit_callbacks
):
    series = make_series()
    committee = make_open_committee(series)
    office = factories.make_office()
    reviewer = factories.make_user(role=Role.DISTRICT_REVIEWER, organisation=office)
    other_office_reviewer = factories.make_user(
        role=Role.DISTRICT_REVIEWER, organisation=factories.make_office()
    )
    applicant = make_ready_applicant(unit=None)
    applicant.organisation = None
    applicant.save()
    dossier_basic_update(user=applicant, unit_id=str(office.pk), employment_form="freelance")
    applicant.refresh_from_db()

    draft = application_save_cover(user=applicant, **cover_values(committee, series))
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(application_id=draft.pk, actor=applicant)
    step = application.current_step
    assert (step.kind, step.organisation_id) == (UNIT, office.pk)
    assert [s.kind for s in application.steps.order_by("order")] == [UNIT, COMMITTEE]
    # The office's reviewers are told, as a unit's admins would be.
    assert SiteMessage.objects.filter(recipient=reviewer).exists()

    # Its queue shows it waiting at 单位审核; another office does not see it.
    assert review_scope(actor=reviewer).filter(pk=application.pk).exists()
    assert not review_scope(actor=other_office_reviewer).filter(pk=application.pk).exists()
    client.force_login(reviewer)
    queue = client.get(reverse("reviews:queue")).content.decode()
    assert applicant.name in queue and "单位审核" in queue

    # It writes the 基层意见 (and the 单位公示), then passes: on to the committee.
    recommendation_put(
        actor=reviewer,
        application_id=application.pk,
        evaluation="该同志长期从事软件开发，业务能力强。",
        method="户口所在地人社部门审核推荐",
        participants="区人社局职称工作人员",
        participant_count=3,
        opinion="同意推荐。",
        formation="经审核，3人一致同意。",
    )
    UnitPublicity.objects.create(
        application=application,
        unit=office,
        start_date=in_days(-20),
        end_date=in_days(-10),
        workdays=7,
        place="区人社局公示栏",
        result=PublicityResult.NO_OBJECTION,
    )
    with pytest.raises(ServiceError):
        application_pass(application_id=application.pk, actor=other_office_reviewer, opinion=OPINION)
    application = application_pass(application_id=application.pk, actor=reviewer, opinion=OPINION)
    assert application.current_step.kind == COMMITTEE
    assert application.current_step.committee == committee


def test_a_locked_freelancer_at_an_office_is_sent_to_technical_support():
    applicant = factories.make_applicant(organisation=factories.make_office())
    assert unlock_contact(applicant).startswith("请联系系统技术支持")
