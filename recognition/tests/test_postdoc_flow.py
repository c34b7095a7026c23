"""博士后认定 through the one state machine: the route of a 高级 confirmation per ownership (seed
question 16 (3)) and at a unit with the province's delegated senior authority, submission (rule 13
and the person again under the lock, the attachments), the passes, the province's result recorded
by the city bureau, and the approval that adds 副高级 to 现有职称情况 dated the approval day;
jurisdiction."""

from __future__ import annotations

import pytest

from applications.completeness import application_missing
from applications.models import PROVINCE_NAME, ApplicationStatus, ReviewStep, StepKind
from applications.permissions import step_belongs_to
from applications.routing import route_for_confirmation
from applications.state import application_pass, application_submit
from applications.tests.factories import add_attachment, city_bureau, make_series, make_unit
from applications.tests.review_factories import OPINION, complete_unit_step, current_reviewer
from attachments.models import Attachment, AttachmentKind
from catalog.models import Level
from core.errors import ServiceError
from dossier.models import DossierEntry
from orgs.models import Ownership
from recognition.models import PostdocRecognition
from recognition.postdoc import postdoc_office, postdoc_route_problems
from reviews.selectors import review_scope
from tests import factories
from tests.factories import bearer, id_number

from .postdoc_factories import make_postdoc, save_postdoc, submitted_postdoc
from .recognition_factories import today

pytestmark = pytest.mark.django_db

U, D, X, C, P = StepKind.UNIT, StepKind.DEPARTMENT, StepKind.DISTRICT, StepKind.CITY, StepKind.PROVINCIAL


def _titles(user) -> list[dict]:
    return [
        entry.data
        for entry in DossierEntry.objects.filter(dossier__user=user, section="current_titles").order_by(
            "position"
        )
    ]


def _pass(application):
    reviewer = current_reviewer(application)
    return application_pass(application_id=application.pk, actor=reviewer, opinion=OPINION), reviewer


@pytest.mark.parametrize(
    ("ownership", "kinds"),
    [
        (Ownership.CITY_STATE, (U, D, C, P)),
        (Ownership.DISTRICT_STATE, (U, D, X, C, P)),
        (Ownership.NON_PUBLIC, (U, X, C, P)),
    ],
)
def test_the_route_is_a_senior_confirmations(ownership, kinds):
    bureau = city_bureau()
    user = make_postdoc(ownership=ownership)
    unit = user.organisation
    application = submitted_postdoc(user)
    steps = list(ReviewStep.objects.filter(application=application).order_by("order"))
    assert tuple(step.kind for step in steps) == kinds
    places = {U: unit, D: unit.department, X: unit.district, C: bureau, P: None}
    assert [step.organisation for step in steps] == [places[kind] for kind in kinds]
    assert all(step.committee_id is None for step in steps)
    assert application.current_step.kind == U
    assert PostdocRecognition.objects.get(application=application).office is None
    assert application.snapshot["cover"]["committee"]["name"] == f"博士后认定（{PROVINCE_NAME}）"
    assert application.snapshot["cover"]["postdoc"]["funding_reference"] == "2023M731234"


def test_a_unit_with_delegated_senior_authority_recognises_itself():
    series = make_series()
    unit = make_unit(Ownership.CITY_STATE)
    unit.senior_delegated_series.add(series)
    user = make_postdoc(unit=unit)
    assert [
        step.kind for step in route_for_confirmation(unit=unit, level=Level.SENIOR_ASSOCIATE, series=series)
    ] == [U]
    assert postdoc_office(unit=unit, series=series) == unit
    application = save_postdoc(user, series=series)
    assert application.committee_label == f"博士后认定（{unit.name}）"
    application = application_submit(application_id=application.pk, actor=user)
    assert [step.kind for step in ReviewStep.objects.filter(application=application)] == [U]
    complete_unit_step(application)
    application, _ = _pass(application)
    assert application.status == ApplicationStatus.APPROVED
    added = _titles(user)[-1]
    assert added["level"] == Level.SENIOR_ASSOCIATE and added["issuer"].startswith(f"{unit.name}认定")
    # Another series of the same unit still goes to the province.
    other = make_series()
    assert postdoc_office(unit=unit, series=other) is None


def test_non_public_flow_to_approval_adds_senior_associate(django_capture_on_commit_callbacks):
    user = make_postdoc(ownership=Ownership.NON_PUBLIC)
    before = len(_titles(user))
    application = submitted_postdoc(user)
    assert application.status == ApplicationStatus.IN_REVIEW
    complete_unit_step(application)
    application, _ = _pass(application)  # the unit
    application, _ = _pass(application)  # the district office
    application, city = _pass(application)  # the city bureau's own step
    assert city.organisation == city_bureau() and application.current_step.kind == P
    # The city reviewer records the province's result.
    recorder = factories.make_user(role="city_reviewer", organisation=city_bureau())
    assert step_belongs_to(recorder, application.current_step)
    assert review_scope(actor=recorder).filter(pk=application.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        application = application_pass(application_id=application.pk, actor=recorder, opinion=OPINION)
    assert application.status == ApplicationStatus.APPROVED
    titles = _titles(user)
    assert len(titles) == before + 1
    added = titles[-1]
    assert added["level"] == Level.SENIOR_ASSOCIATE and added["title_name"] == application.title.name
    assert added["series"] == application.series.name and added["obtained_on"] == today().isoformat()
    assert added["issuer"] == f"{PROVINCE_NAME}认定（企业博士后直接认定副高级）"


def test_submission_needs_the_postdoc_attachments():
    user = make_postdoc(attachments=False)
    application = save_postdoc(user)
    missing = [item.message for item in application_missing(application=application)]
    assert missing == [
        f"请在附件管理中上传“{AttachmentKind.POSTDOC_CERTIFICATE.label}”。",
        f"请在附件管理中上传“{AttachmentKind.POSTDOC_ACHIEVEMENT.label}”。",
    ]
    with pytest.raises(ServiceError) as exc:
        application_submit(application_id=application.pk, actor=user)
    assert (
        exc.value.detail == "申报材料尚有 2 项未完成，请点击“申报”查看未完成项，并点击“去完善”补充后再提交。"
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_the_diploma_is_required_and_not_the_committee_list():
    user = make_postdoc()
    application = save_postdoc(user)
    Attachment.objects.filter(owner=user, kind=AttachmentKind.DIPLOMA).delete()
    # Only the four kinds of a postdoc recognition: the committees' default list is not asked.
    Attachment.objects.filter(owner=user, kind=AttachmentKind.PLEDGE).delete()
    assert [item.message for item in application_missing(application=application)] == [
        f"请在附件管理中上传“{AttachmentKind.DIPLOMA.label}”。也可在“学历情况”的条目下上传。"
    ]


def test_submission_checks_the_rule_and_the_person_again():
    user = make_postdoc()
    application = save_postdoc(user)
    PostdocRecognition.objects.filter(application=application).update(stays=False)
    user.id_number = id_number(birth="19500101")  # retired since the save
    user.save(update_fields=["id_number"])
    with pytest.raises(ServiceError) as exc:
        application_submit(application_id=application.pk, actor=user)
    assert exc.value.detail == "申报未提交：有 2 项不符合申报条件，请按提示处理。"
    assert exc.value.errors["stays"] == ["须出站后继续留在企业工作。"]
    assert "法定退休年龄" in exc.value.errors["__all__"][0]


def test_a_unit_without_its_district_office_cannot_be_routed():
    unit = make_unit(Ownership.NON_PUBLIC)
    user = make_postdoc(unit=unit)
    application = save_postdoc(user)
    unit.district = None
    unit.save(update_fields=["district"])
    problems = postdoc_route_problems(unit=unit, series=application.series)
    assert problems and "博士后认定须经属地县（市）区人社部门" in problems[0]
    with pytest.raises(ServiceError) as exc:
        application_submit(application_id=application.pk, actor=user)
    assert problems[0] in exc.value.errors["unit"]


def test_other_reviewers_do_not_see_it():
    application = submitted_postdoc(make_postdoc(ownership=Ownership.NON_PUBLIC))
    complete_unit_step(application)
    _pass(application)
    district = current_reviewer(application)
    assert review_scope(actor=district).filter(pk=application.pk).exists()
    other_district = factories.make_user(role="district_reviewer", organisation=make_unit().district)
    assert not review_scope(actor=other_district).filter(pk=application.pk).exists()
    other_unit = factories.make_user(role="unit_admin", organisation=make_unit())
    with pytest.raises(ServiceError):
        application_pass(application_id=application.pk, actor=other_unit, opinion=OPINION)


def test_the_check_and_submit_endpoints(client):
    user = make_postdoc(attachments=False)
    application = save_postdoc(user)
    check = client.get(f"/api/v1/applications/{application.pk}/check", **bearer(user)).json()
    assert check["complete"] is False
    assert [item["message"] for item in check["missing"]] == [
        f"请在附件管理中上传“{AttachmentKind.POSTDOC_CERTIFICATE.label}”。",
        f"请在附件管理中上传“{AttachmentKind.POSTDOC_ACHIEVEMENT.label}”。",
    ]
    add_attachment(user, AttachmentKind.POSTDOC_CERTIFICATE)
    add_attachment(user, AttachmentKind.POSTDOC_ACHIEVEMENT)
    assert client.get(f"/api/v1/applications/{application.pk}/check", **bearer(user)).json() == {
        "complete": True,
        "missing": [],
    }
    stranger = make_postdoc()
    assert client.post(f"/api/v1/applications/{application.pk}/submit", **bearer(stranger)).status_code == 404
    response = client.post(f"/api/v1/applications/{application.pk}/submit", **bearer(user))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "in_review" and body["current_step"]["kind"] == "unit"
    again = client.post(f"/api/v1/applications/{application.pk}/submit", **bearer(user))
    assert again.status_code == 409
