"""保存封面: the catalogue's choices, the open committees, every error at once, eligibility."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from applications.models import Application, ApplicationStatus
from applications.services import CONFIRMATION_KIND_MESSAGE, NO_COMMITTEE_NOTE, application_save_cover
from catalog.models import Level, Title
from core.errors import Conflict, Forbidden, NotFound, ServiceError
from orgs.models import CommitteeWindow
from orgs.windows import current_year
from tests import factories

from .factories import cover_values, make_open_committee, make_ready_applicant, make_series
from .helpers import return_application


def save(user, **values):
    return application_save_cover(user=user, **values)


@pytest.mark.django_db
def test_saving_the_cover_creates_a_draft_with_the_catalogue_title(applicant, committee, series):
    application = save(applicant, **cover_values(committee, series))
    assert application.status == ApplicationStatus.DRAFT
    assert application.unit == applicant.organisation
    assert application.title == Title.objects.get(track__series=series, level=Level.INTERMEDIATE)
    assert application.year == current_year()
    # saving again with the id changes the same draft
    again = save(
        applicant, **cover_values(committee, series, specialty="软件测试"), application_id=application.pk
    )
    assert again.pk == application.pk and again.specialty == "软件测试"
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_every_error_comes_at_once_and_nothing_is_saved(db):
    user = factories.make_applicant()  # no unit
    with pytest.raises(ServiceError) as exc:
        save(user, year="1999", kind="", series_id="", track_id="", specialty="", level="", committee_id="")
    errors = exc.value.errors
    assert exc.value.detail == "封面未保存，请按提示修改。"
    assert errors["year"] == [f"申报年度只能选择{current_year()}年或{current_year() + 1}年。"]
    assert errors["unit"] == ["请先在基本信息中选择工作单位。"]
    assert errors["kind"] == ["请选择申报类别。"]
    assert errors["series_id"] == ["请选择系列。"]
    assert errors["level"] == ["请选择申报层级。"]
    assert errors["specialty"] == ["请填写申报专业。"]
    assert errors["committee_id"] == ["请选择评审委员会。"]
    assert Application.objects.count() == 0


@pytest.mark.django_db
def test_confirmation_has_its_own_form(applicant, committee, series):
    with pytest.raises(ServiceError) as exc:
        save(applicant, **cover_values(committee, series, kind="confirmation"))
    assert exc.value.errors["kind"] == [CONFIRMATION_KIND_MESSAGE]
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_recognition_is_not_saved_as_a_committee_cover(applicant, committee, series):
    # 考核认定 has its own form and service (recognition.recognition.recognition_save).
    with pytest.raises(ServiceError) as exc:
        save(applicant, **cover_values(committee, series, kind="recognition"))
    assert exc.value.errors["kind"] == [
        "考核认定不选择评委会，请填写学历（学位）和录用（聘用）日期后保存考核认定。"
    ]
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_track_title_and_level_must_fit_the_catalogue(applicant, committee, series):
    other = make_series(tracks=("记者", "编辑"))
    wrong_track = other.tracks.first()
    with pytest.raises(ServiceError) as exc:
        save(applicant, **cover_values(committee, series, track_id=wrong_track.pk, title_id=999999))
    assert exc.value.errors["track_id"] == ["所选方向不属于该系列，请重新选择。"]
    with pytest.raises(ServiceError) as exc:
        save(
            applicant,
            **cover_values(
                committee, series, title_id=Title.objects.exclude(track__series=series).first().pk
            ),
        )
    assert "申报职称与所选方向和层级不一致（应为“工程师”）" in exc.value.errors["title_id"][0]
    # a series with several tracks needs the track chosen
    with pytest.raises(ServiceError) as exc:
        save(applicant, **cover_values(committee, other, track_id=None))
    assert exc.value.errors["track_id"] == ["请选择方向。"]
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_no_open_committee_shows_the_seed_note(applicant, series):
    closed = make_open_committee(series)
    CommitteeWindow.objects.filter(committee=closed).update(
        opens_at=timezone.now() - timedelta(days=10), closes_at=timezone.now() - timedelta(days=1)
    )
    with pytest.raises(ServiceError) as exc:
        save(applicant, **cover_values(closed, series, committee_id=""))
    assert exc.value.errors["committee_id"] == [NO_COMMITTEE_NOTE]
    # choosing the closed one anyway: rule 6
    with pytest.raises(ServiceError) as exc:
        save(applicant, **cover_values(closed, series))
    assert exc.value.errors["committee_id"] == ["该评委会网上申报已截止，无法重新开通。"]


@pytest.mark.django_db
def test_eligibility_problems_come_with_the_field_errors(series, committee):
    user = make_ready_applicant()
    make_open_committee(series, Level.ASSISTANT)
    existing = save(user, **cover_values(committee, series))
    other = make_open_committee(series)
    with pytest.raises(ServiceError) as exc:
        save(user, **cover_values(other, series, specialty=""))
    assert exc.value.errors["specialty"] == ["请填写申报专业。"]
    assert "同一年度同一层级只能向一个评委会申报" in exc.value.errors["level"][0]
    assert Application.objects.get().pk == existing.pk


@pytest.mark.django_db
def test_only_applicants_and_only_their_own_drafts(applicant, committee, series):
    with pytest.raises(Forbidden):
        save(factories.make_support(), **cover_values(committee, series))
    application = save(applicant, **cover_values(committee, series))
    with pytest.raises(NotFound):
        save(make_ready_applicant(), **cover_values(committee, series), application_id=application.pk)


@pytest.mark.django_db
def test_a_submitted_application_cannot_change_its_cover(applicant, committee, series):
    from applications.state import application_submit

    application = save(applicant, **cover_values(committee, series))
    application_submit(application_id=application.pk, actor=applicant)
    with pytest.raises(Conflict) as exc:
        save(applicant, **cover_values(committee, series, specialty="改"), application_id=application.pk)
    assert "不能修改封面" in exc.value.detail
    assert Application.objects.get().specialty == "软件工程"


@pytest.mark.django_db
def test_a_returned_application_keeps_its_committee(applicant, committee, series):
    from applications.state import application_submit

    application = save(applicant, **cover_values(committee, series))
    application_submit(application_id=application.pk, actor=applicant)
    return_application(application)
    other = make_open_committee(series)
    with pytest.raises(ServiceError) as exc:
        save(applicant, **cover_values(other, series), application_id=application.pk)
    assert exc.value.errors["committee_id"] == ["返回修改期间不能更换评委会；如需更换，请联系单位重置流程。"]
    changed = save(
        applicant, **cover_values(committee, series, specialty="软件测试"), application_id=application.pk
    )
    assert changed.specialty == "软件测试" and changed.status == ApplicationStatus.RETURNED
