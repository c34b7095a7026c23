"""考核认定 through the one state machine: the route per ownership and level (rule 14, seed question
18 (1)), submission (rules 14 and 15 again, the question-20 attachments), the passes, and the
approval that adds the title to 现有职称情况 with the approval date; jurisdiction."""

from __future__ import annotations

import pytest

from applications.models import ApplicationStatus, ReviewStep, StepKind
from applications.routing import RouteError, route_for_recognition
from applications.state import application_pass, application_submit
from applications.tests.factories import city_bureau, make_unit
from applications.tests.review_factories import OPINION, complete_unit_step, current_reviewer
from catalog.models import Level
from core.dates import date_label
from core.errors import ServiceError
from dossier.models import DossierEntry
from messaging.models import SiteMessage
from orgs.models import Ownership
from reviews.selectors import review_scope
from tests import factories

from .recognition_factories import ALL_MONTHS, make_graduate, save_recognition, submitted_recognition, today

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def every_month(settings):
    settings.RECOGNITION_MONTHS = ALL_MONTHS


U, D, X, C = StepKind.UNIT, StepKind.DEPARTMENT, StepKind.DISTRICT, StepKind.CITY


@pytest.mark.parametrize(
    ("ownership", "level", "kinds"),
    [
        (Ownership.CITY_STATE, Level.JUNIOR, (U, D)),
        (Ownership.CITY_STATE, Level.ASSISTANT, (U, D)),
        (Ownership.DISTRICT_STATE, Level.JUNIOR, (U, D, X)),
        (Ownership.NON_PUBLIC, Level.ASSISTANT, (U, X)),
        (Ownership.SOCIAL, Level.JUNIOR, (U, X)),
        (Ownership.AGENCY, Level.ASSISTANT, (U, X)),
        (Ownership.CITY_STATE, Level.INTERMEDIATE, (U, D, C)),
        (Ownership.DISTRICT_STATE, Level.INTERMEDIATE, (U, D, X, C)),
        (Ownership.NON_PUBLIC, Level.INTERMEDIATE, (U, X, C)),
        (Ownership.AGENCY, Level.INTERMEDIATE, (U, C)),
    ],
)
def test_route_per_ownership_and_level(ownership, level, kinds):
    bureau = city_bureau()
    unit = make_unit(ownership)
    route = route_for_recognition(unit=unit, level=level)
    assert tuple(step.kind for step in route) == kinds
    places = {U: unit, D: unit.department, X: unit.district, C: bureau}
    assert [step.organisation for step in route] == [places[kind] for kind in kinds]
    assert all(step.committee is None for step in route)


def test_route_needs_the_units_department():
    unit = make_unit(Ownership.CITY_STATE)
    unit.department = None
    unit.save()
    with pytest.raises(RouteError) as exc:
        route_for_recognition(unit=unit, level=Level.JUNIOR)
    assert "主管部门" in exc.value.detail


def _pass(application):
    reviewer = current_reviewer(application)
    return application_pass(application_id=application.pk, actor=reviewer, opinion=OPINION), reviewer


def test_full_flow_adds_the_title_to_current_titles_with_the_approval_date(
    django_capture_on_commit_callbacks,
):
    user = make_graduate(ownership=Ownership.NON_PUBLIC)
    application = submitted_recognition(user, schooling="master")
    assert application.status == ApplicationStatus.IN_REVIEW
    assert application.current_step.kind == StepKind.UNIT
    assert application.snapshot["cover"]["committee"]["id"] is None
    district = user.organisation.district
    assert application.snapshot["cover"]["committee"]["name"] == f"考核认定（{district.name}）"
    assert application.snapshot["cover"]["recognition"]["schooling_label"] == "硕士"
    complete_unit_step(application)
    application, _ = _pass(application)
    assert application.current_step.kind == StepKind.DISTRICT
    assert application.current_step.organisation == district
    with django_capture_on_commit_callbacks(execute=True):
        application, _ = _pass(application)
    assert application.status == ApplicationStatus.APPROVED
    entries = list(DossierEntry.objects.filter(dossier__user=user, section="current_titles"))
    assert len(entries) == 1
    data = entries[0].data
    assert data["title_name"] == application.title.name and data["level"] == Level.ASSISTANT
    assert data["obtained_on"] == today().isoformat()
    assert data["issuer"] == district.name and data["appointed"] is False
    message = SiteMessage.objects.filter(recipient=user).order_by("-id").first()
    assert "考核认定已通过" in message.title
    assert application.title.name in message.body and date_label(today()) in message.body


def test_intermediate_goes_to_the_city_bureau_which_approves():
    user = make_graduate(ownership=Ownership.DISTRICT_STATE)
    application = submitted_recognition(user, schooling="doctor")
    kinds = list(
        ReviewStep.objects.filter(application=application).order_by("order").values_list("kind", flat=True)
    )
    assert kinds == [U, D, X, C]
    complete_unit_step(application)
    for _ in range(3):
        application, _ = _pass(application)
    assert application.current_step.kind == C
    application, reviewer = _pass(application)
    assert application.status == ApplicationStatus.APPROVED
    assert reviewer.organisation == city_bureau()
    entry = DossierEntry.objects.get(dossier__user=user, section="current_titles")
    assert entry.data["level"] == Level.INTERMEDIATE


def test_the_city_bureau_does_not_see_a_junior_recognition():
    application = submitted_recognition(make_graduate(ownership=Ownership.NON_PUBLIC), schooling="dazhuan")
    city = factories.make_user(role="city_reviewer", organisation=city_bureau())
    complete_unit_step(application)
    _pass(application)
    assert not review_scope(actor=city).filter(pk=application.pk).exists()
    district = current_reviewer(application)
    assert review_scope(actor=district).filter(pk=application.pk).exists()
    with pytest.raises(ServiceError):
        application_pass(application_id=application.pk, actor=city, opinion=OPINION)


def test_submission_needs_the_question_20_attachments():
    user = make_graduate(hiring_form=False)
    application = save_recognition(user)
    with pytest.raises(ServiceError) as exc:
        application_submit(application_id=application.pk, actor=user)
    # Seed question 20 (3): an enterprise's hiring record is the 云南省招工录用登记表.
    assert exc.value.errors["missing"] == ["请在附件管理中上传“云南省招工录用登记表”。"]


def test_submission_rechecks_the_window(settings):
    user = make_graduate()
    application = save_recognition(user)
    settings.RECOGNITION_MONTHS = tuple(m for m in ALL_MONTHS if m != today().month)
    with pytest.raises(ServiceError) as exc:
        application_submit(application_id=application.pk, actor=user)
    assert "第19问" in exc.value.errors["__all__"][0]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_returned_recognition_is_changed_and_resubmitted():
    from applications.state import application_return
    from applications.tests.review_factories import ITEMS, in_days

    user = make_graduate()
    application = submitted_recognition(user, schooling="benke")
    reviewer = current_reviewer(application)
    application = application_return(
        application_id=application.pk, actor=reviewer, opinion=OPINION, items=ITEMS, deadline=in_days(5)
    )
    assert application.status == ApplicationStatus.RETURNED
    again = save_recognition(user, schooling="master", application_id=application.pk)
    assert again.pk == application.pk and again.level == Level.ASSISTANT
    application = application_submit(application_id=application.pk, actor=user)
    assert application.status == ApplicationStatus.IN_REVIEW
    assert application.snapshot["cover"]["recognition"]["schooling_label"] == "硕士"
