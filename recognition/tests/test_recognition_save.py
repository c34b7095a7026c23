"""考核认定: saving the draft (rule 14 levels and dates, rule 15 windows, the level already held,
rules 1 / 9 / 19, the unit's route) through the service and the recognition_apply endpoint."""

from __future__ import annotations

import pytest

from applications.models import Application, ApplicationKind, IntegrityRecord
from applications.tests.factories import city_bureau, make_series, make_unit
from catalog.models import Level
from core.dates import date_label
from core.errors import ServiceError
from dossier.tests.factories import add_entries
from orgs.models import Ownership
from recognition.models import Recognition
from recognition.recognition import held_levels
from rules.periods import months_after
from rules.recognition import next_window_start
from tests.factories import bearer

from .recognition_factories import (
    ALL_MONTHS,
    make_graduate,
    recognition_values,
    save_recognition,
    today,
    years_ago,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def every_month(settings):
    settings.RECOGNITION_MONTHS = ALL_MONTHS


# Rule 14 (seed question 18 (2)), with rule 10's 技工院校 classes: the best level two years after
# hiring, and how many months after hiring it could first be recognised.
SCHEDULE = [
    ("zhongzhuan", Level.JUNIOR, 12),
    ("dazhuan", Level.JUNIOR, 12),
    ("benke", Level.ASSISTANT, 12),
    ("double_bachelor", Level.ASSISTANT, 0),
    ("master", Level.ASSISTANT, 0),
    ("doctor", Level.INTERMEDIATE, 0),
    ("tech_intermediate", Level.JUNIOR, 12),
    ("tech_advanced", Level.JUNIOR, 12),
    ("tech_pretechnician", Level.ASSISTANT, 12),
]


@pytest.mark.parametrize(("schooling", "level", "months"), SCHEDULE)
def test_each_schooling_gives_its_level_and_earliest_date(schooling, level, months):
    user = make_graduate()
    series = make_series()
    hired = years_ago(2)
    application = save_recognition(user, series=series, schooling=schooling, hired_on=hired.isoformat())
    assert application.kind == ApplicationKind.RECOGNITION
    assert application.committee is None
    assert application.level == level
    assert application.title.level == level and application.title.track.series == series
    recognition = Recognition.objects.get(application=application)
    assert recognition.level == level
    assert recognition.earliest == months_after(hired, months)
    # 初级 by the unit's district bureau (a non-public unit), 中级 by the city bureau.
    expected = city_bureau() if level == Level.INTERMEDIATE else user.organisation.district
    assert recognition.office == expected
    assert application.committee_label == f"考核认定（{expected.name}）"


def test_benke_is_junior_at_once_then_assistant_a_year_later():
    user = make_graduate()
    application = save_recognition(user, schooling="benke", hired_on=years_ago(0, days=30).isoformat())
    assert application.level == Level.JUNIOR


def test_before_the_earliest_date_it_is_refused_with_the_date():
    user = make_graduate()
    hired = years_ago(0, days=90)
    with pytest.raises(ServiceError) as exc:
        save_recognition(user, schooling="dazhuan", hired_on=hired.isoformat())
    message = exc.value.errors["hired_on"][0]
    assert date_label(months_after(hired, 12)) in message and "员级" in message
    assert not Application.objects.exists()


def test_outside_a_window_month_it_is_refused_with_the_next_window(settings):
    months = tuple(m for m in ALL_MONTHS if m != today().month)[:2]
    settings.RECOGNITION_MONTHS = months
    user = make_graduate()
    with pytest.raises(ServiceError) as exc:
        save_recognition(user)
    first_day = next_window_start(on=today(), months=months)
    assert any(date_label(first_day) in message for message in exc.value.errors["__all__"])
    assert not Application.objects.exists()


def test_a_level_already_held_is_refused():
    user = make_graduate()
    add_entries(user, "current_titles", 1)  # 助理工程师 (assistant)
    assert held_levels(user=user) == {Level.ASSISTANT}
    with pytest.raises(ServiceError) as exc:
        save_recognition(user, schooling="master")
    assert "已有助理级职称" in exc.value.errors["schooling"][0]


def test_every_problem_is_reported_at_once_and_the_unit_must_give_a_route():
    unit = make_unit(Ownership.NON_PUBLIC, district=None)
    unit.district = None
    unit.save()
    user = make_graduate(unit=unit)
    with pytest.raises(ServiceError) as exc:
        save_recognition(user, hiring_document="", specialty="")
    errors = exc.value.errors
    assert errors["hiring_document"] == ["请选择录用（聘用）依据。"]
    assert errors["specialty"] == ["请填写申报专业。"]
    assert "属地县（市）区人社部门" in errors["unit"][0]


def test_integrity_record_and_same_level_application_refuse():
    user = make_graduate()
    save_recognition(user)
    with pytest.raises(ServiceError) as exc:  # rule 19: a second application at the level
        save_recognition(user)
    assert "同一年度同一层级" in exc.value.errors["level"][0]
    other = make_graduate()
    IntegrityRecord.objects.create(
        id_number=other.id_number,
        name=other.name,
        reason="伪造学历",
        recorded_on=years_ago(1),
        expires_on=years_ago(-2),
    )
    with pytest.raises(ServiceError) as exc:
        save_recognition(other)
    assert "诚信档案" in exc.value.errors["__all__"][0]


def test_the_draft_is_changed_in_place():
    user = make_graduate()
    application = save_recognition(user, schooling="benke")
    again = save_recognition(user, schooling="doctor", application_id=application.pk)
    assert again.pk == application.pk and again.level == Level.INTERMEDIATE
    assert Recognition.objects.get(application=application).schooling == "doctor"


def test_recognition_apply_endpoint(client):
    user = make_graduate()
    values = recognition_values()
    response = client.post(
        "/api/v1/applications/recognition", values, content_type="application/json", **bearer(user)
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "recognition" and body["committee"] is None
    assert body["level"] == Level.ASSISTANT
    assert body["committee_label"].startswith("考核认定（")
    bad = client.post(
        "/api/v1/applications/recognition",
        {**values, "schooling": "", "hired_on": "2025-13-01"},
        content_type="application/json",
        **bearer(user),
    )
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) >= {"hired_on"}


def test_recognition_apply_is_for_applicants_only(client):
    from tests.factories import make_unit_admin

    admin = make_unit_admin()
    response = client.post(
        "/api/v1/applications/recognition",
        recognition_values(),
        content_type="application/json",
        **bearer(admin),
    )
    assert response.status_code == 403
