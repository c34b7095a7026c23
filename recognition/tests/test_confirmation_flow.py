"""职称确认 through the one state machine: the route and the confirmer per ownership and level
(rule 17, seed question 16 (1)–(3)), submission (rule 17 again under the lock, the attachments),
the passes, the province's result recorded by the city bureau for 高级, and the approval that adds
the confirmed title to 现有职称情况 dated the approval day; jurisdiction."""

from __future__ import annotations

import pytest

from applications.models import PROVINCE_NAME, ApplicationStatus, ReviewStep, StepKind
from applications.permissions import step_belongs_to
from applications.routing import route_for_confirmation
from applications.selectors import pending_count_for
from applications.state import application_pass, application_submit
from applications.templatetags.applications_tags import step_place
from applications.tests.factories import city_bureau, make_unit
from applications.tests.review_factories import OPINION, complete_unit_step, current_reviewer
from attachments.models import AttachmentKind
from catalog.models import Level
from core.errors import ServiceError
from dossier.models import DossierEntry
from orgs.models import Ownership
from reviews.selectors import review_scope
from rules.confirmation import confirmer_for
from tests import factories
from tests.factories import id_number

from .confirmation_factories import make_transferee, save_confirmation, submitted_confirmation
from .recognition_factories import today

pytestmark = pytest.mark.django_db

U, D, X, C, P = StepKind.UNIT, StepKind.DEPARTMENT, StepKind.DISTRICT, StepKind.CITY, StepKind.PROVINCIAL
JUNIOR, INTERMEDIATE, SENIOR = "district_or_department", "city_bureau", "province"


@pytest.mark.parametrize(
    ("ownership", "level", "kinds", "confirmer"),
    [
        (Ownership.CITY_STATE, Level.JUNIOR, (U, D), JUNIOR),
        (Ownership.CITY_STATE, Level.ASSISTANT, (U, D), JUNIOR),
        (Ownership.DISTRICT_STATE, Level.ASSISTANT, (U, D, X), JUNIOR),
        (Ownership.NON_PUBLIC, Level.JUNIOR, (U, X), JUNIOR),
        (Ownership.AGENCY, Level.ASSISTANT, (U, X), JUNIOR),
        (Ownership.CITY_STATE, Level.INTERMEDIATE, (U, D, C), INTERMEDIATE),
        (Ownership.DISTRICT_STATE, Level.INTERMEDIATE, (U, D, X, C), INTERMEDIATE),
        (Ownership.NON_PUBLIC, Level.INTERMEDIATE, (U, X, C), INTERMEDIATE),
        (Ownership.SOCIAL, Level.SENIOR_ASSOCIATE, (U, X, C, P), SENIOR),
        (Ownership.CITY_STATE, Level.SENIOR_FULL, (U, D, C, P), SENIOR),
        (Ownership.AGENCY, Level.SENIOR_ASSOCIATE, (U, C, P), SENIOR),
    ],
)
def test_route_and_confirmer_per_ownership_and_level(ownership, level, kinds, confirmer):
    bureau = city_bureau()
    unit = make_unit(ownership)
    route = route_for_confirmation(unit=unit, level=level)
    assert tuple(step.kind for step in route) == kinds
    places = {U: unit, D: unit.department, X: unit.district, C: bureau, P: None}
    assert [step.organisation for step in route] == [places[kind] for kind in kinds]
    assert all(step.committee is None for step in route)
    assert confirmer_for(level=level) == confirmer


def _pass(application):
    reviewer = current_reviewer(application)
    return application_pass(application_id=application.pk, actor=reviewer, opinion=OPINION), reviewer


def _titles(user) -> list[dict]:
    return [
        entry.data
        for entry in DossierEntry.objects.filter(dossier__user=user, section="current_titles").order_by(
            "position"
        )
    ]


def test_junior_flow_to_approval_adds_the_confirmed_title(django_capture_on_commit_callbacks):
    user = make_transferee(ownership=Ownership.NON_PUBLIC)
    before = len(_titles(user))
    application = submitted_confirmation(user, level=Level.ASSISTANT, certificate_no="GZ-88")
    assert application.status == ApplicationStatus.IN_REVIEW and application.current_step.kind == U
    district = user.organisation.district
    cover = application.snapshot["cover"]
    assert cover["committee"] == {"id": None, "name": f"职称确认（{district.name}）", "is_provincial": False}
    assert (
        cover["confirmation"]["certificate_no"] == "GZ-88"
        and cover["confirmation"]["office"] == district.name
    )
    complete_unit_step(application)
    application, _ = _pass(application)
    assert application.current_step.kind == X and application.current_step.organisation == district
    with django_capture_on_commit_callbacks(execute=True):
        application, _ = _pass(application)
    assert application.status == ApplicationStatus.APPROVED
    titles = _titles(user)
    assert len(titles) == before + 1
    added = titles[-1]
    assert added["title_name"] == application.title.name and added["level"] == Level.ASSISTANT
    assert added["obtained_on"] == today().isoformat() and added["certificate_no"] == "GZ-88"
    assert added["issuer"].startswith(f"{district.name}确认（原四川省")


def test_senior_goes_through_the_city_bureau_which_records_the_provinces_result():
    user = make_transferee(ownership=Ownership.NON_PUBLIC)
    application = submitted_confirmation(user, level=Level.SENIOR_ASSOCIATE)
    steps = list(ReviewStep.objects.filter(application=application).order_by("order"))
    assert [step.kind for step in steps] == [U, X, C, P]
    assert steps[-1].committee_id is None and steps[-1].organisation_id is None
    assert step_place(steps[-1]) == PROVINCE_NAME
    assert application.committee_label == f"职称确认（{PROVINCE_NAME}）"
    complete_unit_step(application)
    application, _ = _pass(application)  # the unit
    application, _ = _pass(application)  # the district office
    application, city = _pass(application)  # the city bureau's own step
    assert city.organisation == city_bureau()
    assert application.current_step.kind == P
    # The city reviewer records the province's result; it has the step and sees the application.
    recorder = factories.make_user(role="city_reviewer", organisation=city_bureau())
    assert step_belongs_to(recorder, application.current_step)
    assert review_scope(actor=recorder).filter(pk=application.pk).exists()
    assert pending_count_for(recorder) == 1  # the province's step waits for the city bureau
    unit_admin = factories.make_user(role="unit_admin", organisation=user.organisation)
    assert not step_belongs_to(unit_admin, application.current_step)
    application = application_pass(application_id=application.pk, actor=recorder, opinion=OPINION)
    assert application.status == ApplicationStatus.APPROVED
    added = _titles(user)[-1]
    assert added["level"] == Level.SENIOR_ASSOCIATE
    assert added["issuer"].startswith(f"{PROVINCE_NAME}确认")


def test_the_city_bureau_does_not_see_a_junior_confirmation():
    application = submitted_confirmation(make_transferee(ownership=Ownership.NON_PUBLIC), level=Level.JUNIOR)
    city = factories.make_user(role="city_reviewer", organisation=city_bureau())
    complete_unit_step(application)
    _pass(application)
    assert not review_scope(actor=city).filter(pk=application.pk).exists()
    district = current_reviewer(application)
    assert review_scope(actor=district).filter(pk=application.pk).exists()
    other_district = factories.make_user(role="district_reviewer", organisation=make_unit().district)
    assert not review_scope(actor=other_district).filter(pk=application.pk).exists()
    with pytest.raises(ServiceError):
        application_pass(application_id=application.pk, actor=city, opinion=OPINION)


def test_submission_needs_the_trial_assessment():
    user = make_transferee(assessment=False)
    application = save_confirmation(user)
    with pytest.raises(ServiceError) as exc:
        application_submit(application_id=application.pk, actor=user)
    assert exc.value.errors["missing"] == [f"请在附件管理中上传“{AttachmentKind.TRIAL_ASSESSMENT.label}”。"]


def test_submission_rechecks_rule_17_under_the_lock():
    user = make_transferee()
    application = save_confirmation(user)
    # 基本信息 corrected after saving: the person is past the statutory retirement age.
    user.id_number = id_number(birth="19500101")
    user.save(update_fields=["id_number"])
    with pytest.raises(ServiceError) as exc:
        application_submit(application_id=application.pk, actor=user)
    assert "已离退休或达到国家法定退休年龄" in exc.value.errors["__all__"][0]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_returned_confirmation_is_changed_and_resubmitted():
    from applications.state import application_return
    from applications.tests.review_factories import ITEMS, in_days

    user = make_transferee()
    application = submitted_confirmation(user)
    reviewer = current_reviewer(application)
    application = application_return(
        application_id=application.pk, actor=reviewer, opinion=OPINION, items=ITEMS, deadline=in_days(5)
    )
    assert application.status == ApplicationStatus.RETURNED
    again = save_confirmation(user, certificate_no="SC-NEW", application_id=application.pk)
    assert again.pk == application.pk
    application = application_submit(application_id=application.pk, actor=user)
    assert application.status == ApplicationStatus.IN_REVIEW
    assert application.snapshot["cover"]["confirmation"]["certificate_no"] == "SC-NEW"
