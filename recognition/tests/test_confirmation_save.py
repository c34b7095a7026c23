"""职称确认: saving the draft (rule 17's every reason for refusal, alone and together, the half
year's trial at its boundary, rules 1 / 9 / 19, the fields) through the service and the
confirmation_apply endpoint."""

from __future__ import annotations

from datetime import timedelta

import pytest

from applications.models import Application, ApplicationKind, IntegrityRecord
from applications.tests.factories import city_bureau, make_series
from catalog.models import Level
from core.dates import date_label
from core.errors import ServiceError
from dossier.selectors import dossier_get_or_create
from recognition.models import Confirmation
from rules import confirmation as rule
from rules.periods import months_after
from tests.factories import bearer, id_number

from .confirmation_factories import confirmation_values, make_transferee, save_confirmation
from .recognition_factories import today, years_ago

pytestmark = pytest.mark.django_db
URL = "/api/v1/applications/confirmation"


def test_a_valid_confirmation_is_saved_with_its_title_from_the_catalogue():
    user = make_transferee()
    series = make_series()
    application = save_confirmation(user, series=series, level=Level.INTERMEDIATE)
    assert application.kind == ApplicationKind.CONFIRMATION and application.committee is None
    assert application.level == Level.INTERMEDIATE
    assert application.title.level == Level.INTERMEDIATE and application.title.track.series == series
    facts = Confirmation.objects.get(application=application)
    assert facts.held_series == series.name and facts.held_title == application.title.name
    assert facts.source == "other_province" and facts.assessment_passed and not facts.exam_only
    assert facts.confirmer == rule.CITY_BUREAU and facts.office == city_bureau()
    assert application.committee_label == f"职称确认（{city_bureau().name}）"


def _retire(user) -> None:
    """Born in 1950: past the statutory retirement age (the birth date comes from the ID number)."""
    user.id_number = id_number(birth="19500101")
    user.save(update_fields=["id_number"])


def _civil_servant(user) -> None:
    dossier = dossier_get_or_create(user=user)
    dossier.is_civil_servant = True
    dossier.save()


# Seed question 16 (5), (6) and the trial: each reason alone, on the field the person changes.
REFUSALS = {
    "exam_only": ({"exam_only": "yes"}, None, "exam_only", rule.EXAM_ONLY_PROBLEM),
    "inside_yunnan": ({"source": "inside_yunnan"}, None, "source", rule.INSIDE_YUNNAN_PROBLEM),
    "assessment": ({"assessment_passed": "no"}, None, "assessment_passed", rule.ASSESSMENT_PROBLEM),
    "retired": ({}, _retire, "__all__", rule.RETIRED_PROBLEM),
    "civil_servant": ({}, _civil_servant, "__all__", "公务员（含参照公务员法管理人员）不能申报职称评审。"),
    "trial": (
        {"transferred_on": months_after(today(), -5).isoformat()},
        None,
        "transferred_on",
        "须经半年以上试用",
    ),
}


@pytest.mark.parametrize("reason", list(REFUSALS))
def test_each_reason_alone_refuses(reason):
    changes, prepare, field, message = REFUSALS[reason]
    user = make_transferee()
    if prepare:
        prepare(user)
    with pytest.raises(ServiceError) as exc:
        save_confirmation(user, **changes)
    errors = exc.value.errors
    assert any(message in text for text in errors[field]), errors
    assert sum(len(texts) for texts in errors.values()) == 1, errors
    assert not Application.objects.filter(applicant=user).exists()


def test_every_reason_together_is_reported_at_once():
    user = make_transferee()
    _retire(user)
    _civil_servant(user)
    changes = {}
    for reason in REFUSALS.values():
        changes.update(reason[0])
    with pytest.raises(ServiceError) as exc:
        save_confirmation(user, **changes)
    errors = exc.value.errors
    for _changes, _prepare, field, message in REFUSALS.values():
        assert any(message in text for text in errors[field]), (field, errors)


def test_a_day_short_of_six_months_waits_and_six_months_is_enough():
    six = months_after(today(), -6)
    user = make_transferee()
    with pytest.raises(ServiceError) as exc:
        save_confirmation(user, transferred_on=(six + timedelta(days=1)).isoformat())
    earliest = months_after(six + timedelta(days=1), 6)
    assert exc.value.errors["transferred_on"] == [
        f"须经半年以上试用（自聘用合同或劳动合同起算）方可申报确认，{date_label(earliest)} 试用满半年。"
    ]
    application = save_confirmation(user, transferred_on=six.isoformat())
    assert Confirmation.objects.get(application=application).earliest <= today()


def test_the_fields_are_checked_each_with_its_message():
    user = make_transferee()
    series = make_series()
    with pytest.raises(ServiceError) as exc:
        save_confirmation(
            user,
            series=series,
            level="",
            obtained_on="2025-13-01",
            issuer="",
            source="",
            certificate_no="",
            transferred_on="",
            assessment_passed="",
            exam_only="",
            specialty="",
        )
    errors = exc.value.errors
    assert errors["level"] == ["请选择要确认的职称层级。"]
    assert errors["obtained_on"] == ["原职称取得时间格式应为 YYYY-MM-DD，如 2025-07-01。"]
    assert errors["issuer"] == ["请填写原评审/发证机关。"]
    assert errors["source"] == ["请选择原职称的取得地。"]
    assert errors["certificate_no"] == ["请填写证书编号。"]
    assert errors["transferred_on"] == ["请填写调入日期（聘用合同或劳动合同签订日期）。"]
    assert errors["assessment_passed"] == ["请选择试用期考核是否合格（是或否）。"]
    assert errors["exam_only"] == ["请选择是否以考代评的系列（专业）（是或否）。"]
    assert errors["specialty"] == ["请填写申报专业。"]


def test_a_title_obtained_after_the_transfer_is_refused():
    user = make_transferee()
    with pytest.raises(ServiceError) as exc:
        save_confirmation(user, obtained_on=today().isoformat())
    assert "不能晚于调入日期" in exc.value.errors["obtained_on"][0]


def test_integrity_record_and_same_level_application_refuse():
    user = make_transferee()
    save_confirmation(user)
    with pytest.raises(ServiceError) as exc:  # rule 19: a second application at the level
        save_confirmation(user)
    assert "同一年度同一层级" in exc.value.errors["level"][0]
    other = make_transferee()
    IntegrityRecord.objects.create(
        id_number=other.id_number,
        name=other.name,
        reason="伪造学历",
        recorded_on=years_ago(1),
        expires_on=years_ago(-2),
    )
    with pytest.raises(ServiceError) as exc:
        save_confirmation(other)
    assert "诚信档案" in exc.value.errors["__all__"][0]


def test_the_draft_is_changed_in_place():
    user = make_transferee()
    application = save_confirmation(user, level=Level.INTERMEDIATE)
    again = save_confirmation(user, level=Level.SENIOR_ASSOCIATE, application_id=application.pk)
    assert again.pk == application.pk and again.level == Level.SENIOR_ASSOCIATE
    facts = Confirmation.objects.get(application=application)
    assert facts.confirmer == rule.PROVINCE and facts.office is None
    assert again.committee_label == "职称确认（云南省人力资源和社会保障厅）"


def test_confirmation_apply_endpoint(client):
    user = make_transferee()
    values = confirmation_values()
    response = client.post(URL, values, content_type="application/json", **bearer(user))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "confirmation" and body["committee"] is None
    assert body["level"] == Level.INTERMEDIATE
    assert body["committee_label"] == f"职称确认（{city_bureau().name}）"
    changed = client.post(
        URL,
        {**values, "application_id": body["id"], "assessment_passed": True, "exam_only": False},
        content_type="application/json",
        **bearer(user),
    )
    assert changed.status_code == 200, changed.content
    bad = client.post(
        URL,
        {**values, "exam_only": True, "transferred_on": "2025-13-01"},
        content_type="application/json",
        **bearer(user),
    )
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) >= {"transferred_on"}


def test_confirmation_apply_is_for_applicants_only(client):
    from tests.factories import make_unit_admin

    response = client.post(
        URL, confirmation_values(), content_type="application/json", **bearer(make_unit_admin())
    )
    assert response.status_code == 403
