"""The unit step of the kinds no committee decides is the employer's assessment (seed questions 16
and 18: 经用人单位考核合格): no 基层意见 or 单位公示 is asked for, and neither can be filled in. A
unit with the province's delegated senior authority for a series confirms its staff's 高级 titles
from elsewhere in that series itself (seed question 16 (3)). The provincial step of a 高级
confirmation is named for the provincial HR department, not a committee."""

from __future__ import annotations

import pytest

from applications.models import PROVINCE_STEP_LABEL, ApplicationStatus, ReviewStep, StepKind
from applications.routing import confirmation_route_problems, route_for_confirmation, senior_delegated
from applications.state import application_pass
from applications.tests.factories import city_bureau, make_series, make_unit, make_unit_admin
from applications.tests.review_factories import OPINION, current_reviewer, make_submitted
from catalog.models import Level
from core.errors import Conflict
from dossier.models import DossierEntry
from orgs.models import Ownership
from recommend.models import UnitPublicity, UnitRecommendation
from recommend.selectors import unit_step_problems
from recommend.services import recommendation_put
from recommend.tests.factories import RECOMMENDATION_VALUES

from .confirmation_factories import make_transferee, submitted_confirmation
from .recognition_factories import ALL_MONTHS, submitted_recognition

pytestmark = pytest.mark.django_db

U, D, X, C, P = StepKind.UNIT, StepKind.DEPARTMENT, StepKind.DISTRICT, StepKind.CITY, StepKind.PROVINCIAL


@pytest.fixture(autouse=True)
def every_month_a_window(settings):
    settings.RECOGNITION_MONTHS = ALL_MONTHS  # rule 15 is tested on its own


def _pass(application):
    return application_pass(
        application_id=application.pk, actor=current_reviewer(application), opinion=OPINION
    )


# --- the employer's assessment at the unit step ------------------------------------------------------


@pytest.mark.parametrize("submitted", [submitted_recognition, submitted_confirmation])
def test_the_unit_passes_a_committee_free_kind_without_recommendation_or_publicity(submitted):
    application = submitted()
    assert application.current_step.kind == U
    assert unit_step_problems(application=application) == []
    application = _pass(application)
    assert application.current_step.kind != U
    assert not UnitRecommendation.objects.filter(application=application).exists()
    assert not UnitPublicity.objects.filter(application=application).exists()


def test_a_promotion_still_needs_both_records_at_the_unit_step():
    application = make_submitted()
    problems = unit_step_problems(application=application)
    assert any("基层意见" in p for p in problems) and any("单位公示" in p for p in problems)


def test_no_recommendation_can_be_filled_in_for_a_recognition():
    application = submitted_recognition()
    admin = make_unit_admin(application.unit)
    with pytest.raises(Conflict) as caught:
        recommendation_put(actor=admin, application_id=application.pk, **RECOMMENDATION_VALUES)
    assert "无需填写基层意见和单位公示" in caught.value.detail
    assert not UnitRecommendation.objects.filter(application=application).exists()


def test_the_review_page_shows_the_employers_assessment(client):
    application = submitted_recognition()
    admin = make_unit_admin(application.unit)
    client.force_login(admin)
    page = client.get(f"/reviews/{application.pk}/").content.decode()
    assert "用人单位考核" in page and "考核合格的" in page
    assert "基层意见与单位公示" not in page


# --- delegated senior authority (seed question 16 (3)) ------------------------------------------------


def _delegate(unit, series):
    unit.senior_delegated_series.add(series)
    unit.senior_delegation_document = "云人社发〔2020〕1号"
    unit.save(update_fields=["senior_delegation_document"])


def test_a_delegated_unit_confirms_senior_titles_of_its_series_alone():
    city_bureau()
    unit = make_unit(Ownership.CITY_STATE, department=None)
    delegated, other = make_series(name="工程技术"), make_series(name="经济")
    _delegate(unit, delegated)
    for level in (Level.SENIOR_ASSOCIATE, Level.SENIOR_FULL):
        assert senior_delegated(unit=unit, level=level, series=delegated)
        route = route_for_confirmation(unit=unit, level=level, series=delegated)
        assert [(s.kind, s.organisation) for s in route] == [(U, unit)]
        # Another series: the unit's department is missing, so no route to the province.
        assert confirmation_route_problems(unit=unit, level=level, series=other)
    # The delegation concerns 高级 only.
    assert not senior_delegated(unit=unit, level=Level.INTERMEDIATE, series=delegated)
    assert confirmation_route_problems(unit=unit, level=Level.INTERMEDIATE, series=delegated)


def test_a_delegated_units_senior_confirmation_ends_at_the_unit_and_adds_the_title():
    user = make_transferee(ownership=Ownership.NON_PUBLIC)
    series = make_series(name="工程技术")
    _delegate(user.organisation, series)
    application = submitted_confirmation(user, series=series, level=Level.SENIOR_ASSOCIATE)
    steps = list(ReviewStep.objects.filter(application=application).order_by("order"))
    assert [s.kind for s in steps] == [U]
    assert application.confirmation.confirmer == "unit"
    assert application.confirmation.office == user.organisation
    assert application.committee_label == f"职称确认（{user.organisation.name}）"
    application = _pass(application)
    assert application.status == ApplicationStatus.APPROVED
    titles = DossierEntry.objects.filter(dossier__user=user, section="current_titles")
    assert any(
        t.data["level"] == Level.SENIOR_ASSOCIATE and t.data["issuer"].startswith(user.organisation.name)
        for t in titles
    )


def test_without_delegation_the_senior_confirmation_goes_to_the_province_named_as_such():
    user = make_transferee(ownership=Ownership.NON_PUBLIC)
    application = submitted_confirmation(user, level=Level.SENIOR_ASSOCIATE)
    last = ReviewStep.objects.filter(application=application).order_by("order").last()
    assert last.kind == P and last.committee_id is None
    assert last.get_kind_display() == PROVINCE_STEP_LABEL == "省人社厅审核（市人社局录入结果）"
    assert application.snapshot["cover"]["route"][-1]["kind_label"] == PROVINCE_STEP_LABEL


def test_a_provincial_committees_step_keeps_its_name():
    step = ReviewStep(kind=StepKind.PROVINCIAL, committee_id=1)
    assert step.get_kind_display() == "省评委会审核"


def test_the_review_form_prints_the_employers_assessment_instead_of_the_recommendation():
    import re

    from documents.review_form import review_form_pdf
    from documents.tests.factories import pdf_text

    application = _pass(submitted_recognition())
    text = re.sub(r"\s+", "", pdf_text(review_form_pdf(application=application)))
    assert "三、用人单位考核" in text and "无需基层意见和单位公示" in text
    assert "（一）基层意见" not in text


@pytest.mark.parametrize(("kind", "label"), [("recognition", "考核认定"), ("confirmation", "职称确认")])
def test_the_status_names_the_kinds_own_save_button(client, kind, label):
    client.force_login(make_transferee())
    page = client.get(f"/applications/?kind={kind}").content.decode()
    assert f"点击“保存{label}”" in page and f">保存{label}</button>" in page
    assert "点击“保存封面”" in client.get("/applications/").content.decode()


def test_the_assessment_card_names_who_decides(client):
    application = submitted_recognition()
    client.force_login(make_unit_admin(application.unit))
    page = client.get(f"/reviews/{application.pk}/").content.decode()
    assert f"按职称管理权限报{application.deciding_office}认定" in page
    assert application.deciding_office == application.unit.district.name
    user = make_transferee(ownership=Ownership.NON_PUBLIC)
    series = make_series(name="工程技术")
    _delegate(user.organisation, series)
    delegated = submitted_confirmation(user, series=series, level=Level.SENIOR_ASSOCIATE)
    client.force_login(make_unit_admin(user.organisation))
    page = client.get(f"/reviews/{delegated.pk}/").content.decode()
    assert "由本单位确认（省人社厅已下放该系列高级职称评审权限）" in page


def test_the_history_names_the_confirming_office(client):
    user = make_transferee(ownership=Ownership.NON_PUBLIC)
    submitted_confirmation(user, level=Level.SENIOR_ASSOCIATE)
    client.force_login(user)
    page = client.get("/applications/history/").content.decode()
    assert "<dt>确认机关</dt><dd>云南省人力资源和社会保障厅</dd>" in page
