"""提交 through the state machine: the route, one event, the frozen snapshot, a repeated submit,
resubmission after a return, and the refusals (nothing changes when refused)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from applications.completeness import PLEDGE_MESSAGE
from applications.models import Application, ApplicationStatus, ReviewEvent, ReviewStep, StepKind, StepState
from applications.services import application_save_cover
from applications.state import AlreadyDone, application_submit
from attachments.models import Attachment
from core.errors import NotFound, ServiceError
from dossier.models import DossierEntry
from messaging.models import SiteMessage
from orgs.models import CommitteeWindow, Ownership

from .factories import (
    city_bureau,
    cover_values,
    make_open_committee,
    make_ready_applicant,
    make_unit,
    make_unit_admin,
)
from .helpers import return_application


def draft(user, committee, series):
    return application_save_cover(user=user, **cover_values(committee, series))


@pytest.mark.django_db
def test_submit_moves_to_the_unit_step_with_one_event_and_a_snapshot(series, committee):
    unit = make_unit(Ownership.DISTRICT_STATE)
    user = make_ready_applicant(unit=unit)
    application = draft(user, committee, series)
    submitted = application_submit(application_id=application.pk, actor=user, ip="198.51.100.9")

    assert submitted.status == ApplicationStatus.IN_REVIEW
    steps = list(ReviewStep.objects.filter(application=application).order_by("order"))
    assert [s.kind for s in steps] == [
        StepKind.UNIT,
        StepKind.DEPARTMENT,
        StepKind.DISTRICT,
        StepKind.COMMITTEE,
    ]
    assert [s.order for s in steps] == [1, 2, 3, 4]
    assert [s.state for s in steps] == [
        StepState.CURRENT,
        StepState.WAITING,
        StepState.WAITING,
        StepState.WAITING,
    ]
    assert submitted.current_step == steps[0]
    assert submitted.submitted_at is not None

    event = ReviewEvent.objects.get(application=application)
    assert (event.action, event.from_status, event.to_status) == ("submit", "draft", "in_review")
    assert event.actor == user and event.organisation == unit and event.ip == "198.51.100.9"

    snapshot = Application.objects.get(pk=application.pk).snapshot
    assert set(snapshot) >= {"dossier", "attachments", "cover"}
    assert snapshot["cover"]["committee"]["id"] == committee.pk
    assert snapshot["cover"]["title"]["name"] == "工程师"
    assert [r["kind"] for r in snapshot["cover"]["route"]] == ["unit", "department", "district", "committee"]
    assert len(snapshot["attachments"]) == Attachment.objects.filter(owner=user).count()
    assert {s["key"] for s in snapshot["dossier"]["sections"]} >= {"education", "work"}


@pytest.mark.django_db
def test_the_unit_admins_get_a_site_message_after_commit(
    series, committee, django_capture_on_commit_callbacks
):
    unit = make_unit()
    admins = [make_unit_admin(unit), make_unit_admin(unit)]
    user = make_ready_applicant(unit=unit)
    application = draft(user, committee, series)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        application_submit(application_id=application.pk, actor=user)
        assert not SiteMessage.objects.exists()  # nothing before the commit
    assert callbacks
    messages = SiteMessage.objects.filter(recipient__in=admins)
    assert messages.count() == 2
    assert user.name in messages.first().title and committee.name in messages.first().body
    # the applicant is told too (every transition)
    assert SiteMessage.objects.get(recipient=user).title == "职称申报已提交"


@pytest.mark.django_db
def test_a_second_submit_does_nothing_and_says_already_submitted(applicant, committee, series):
    application = draft(applicant, committee, series)
    application_submit(application_id=application.pk, actor=applicant)
    before = Application.objects.get(pk=application.pk)
    with pytest.raises(AlreadyDone) as exc:
        application_submit(application_id=application.pk, actor=applicant)
    assert exc.value.status == 409 and exc.value.detail.startswith("已提交")
    assert ReviewEvent.objects.filter(application=application).count() == 1
    assert ReviewStep.objects.filter(application=application).count() == 3
    after = Application.objects.get(pk=application.pk)
    assert (after.submitted_at, after.current_step_id, after.snapshot) == (
        before.submitted_at,
        before.current_step_id,
        before.snapshot,
    )


@pytest.mark.django_db
def test_the_snapshot_does_not_follow_later_edits(applicant, committee, series):
    application = draft(applicant, committee, series)
    application_submit(application_id=application.pk, actor=applicant)
    frozen = Application.objects.get(pk=application.pk).snapshot
    entry = DossierEntry.objects.filter(dossier__user=applicant, section="work_summary").get()
    entry.data = {**entry.data, "summary": "提交后修改的总结"}
    entry.save()
    assert Application.objects.get(pk=application.pk).snapshot == frozen
    assert "提交后修改的总结" not in str(frozen)


@pytest.mark.django_db
def test_a_resubmission_after_a_return_takes_a_new_snapshot_and_keeps_the_trail(applicant, committee, series):
    application = draft(applicant, committee, series)
    application_submit(application_id=application.pk, actor=applicant)
    first_steps = list(ReviewStep.objects.filter(application=application).order_by("order"))
    returned = return_application(application)
    assert returned.status == ApplicationStatus.RETURNED and returned.current_step is None

    entry = DossierEntry.objects.filter(dossier__user=applicant, section="work_summary").get()
    entry.data = {**entry.data, "summary": "按审核意见修改后的总结"}
    entry.save()
    again = application_submit(application_id=application.pk, actor=applicant)

    assert again.status == ApplicationStatus.IN_REVIEW
    assert "按审核意见修改后的总结" in str(Application.objects.get(pk=application.pk).snapshot)
    steps = list(ReviewStep.objects.filter(application=application).order_by("order"))
    # the returned unit step (an event points at it) stays; the waiting ones were replaced
    assert steps[0].pk == first_steps[0].pk and steps[0].state == StepState.RETURNED
    assert [s.order for s in steps] == [1, 2, 3, 4]
    assert [s.kind for s in steps[1:]] == [StepKind.UNIT, StepKind.DISTRICT, StepKind.COMMITTEE]
    assert again.current_step == steps[1]
    actions = list(ReviewEvent.objects.filter(application=application).values_list("action", "from_status"))
    assert actions == [("submit", "draft"), ("return", "in_review"), ("submit", "returned")]


@pytest.mark.django_db
def test_an_incomplete_application_is_refused_and_nothing_changes(applicant, committee, series):
    application = draft(applicant, committee, series)
    Attachment.objects.filter(owner=applicant, kind="pledge").delete()
    with pytest.raises(ServiceError) as exc:
        application_submit(application_id=application.pk, actor=applicant)
    assert exc.value.detail == f"申报未提交：{PLEDGE_MESSAGE}"
    assert not ReviewEvent.objects.exists() and not ReviewStep.objects.exists()
    fresh = Application.objects.get(pk=application.pk)
    assert fresh.status == ApplicationStatus.DRAFT and fresh.snapshot is None and fresh.submitted_at is None


@pytest.mark.django_db
def test_a_window_that_closed_after_the_cover_refuses_the_submission(applicant, committee, series):
    application = draft(applicant, committee, series)
    CommitteeWindow.objects.filter(committee=committee).update(
        closes_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(ServiceError) as exc:
        application_submit(application_id=application.pk, actor=applicant)
    assert exc.value.detail == "该评委会网上申报已截止，无法重新开通。"
    assert not ReviewEvent.objects.exists()


@pytest.mark.django_db
def test_a_unit_missing_its_department_is_told_at_submission(series, committee):
    unit = make_unit(Ownership.CITY_STATE)
    user = make_ready_applicant(unit=unit)
    application = draft(user, committee, series)
    unit.department = None
    unit.save()
    with pytest.raises(ServiceError) as exc:
        application_submit(application_id=application.pk, actor=user)
    assert "未填写主管部门" in exc.value.detail and "单位信息" in exc.value.detail
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.DRAFT


@pytest.mark.django_db
def test_a_provincial_committee_route_and_photo(series):
    bureau = city_bureau()
    committee = make_open_committee(series, provincial=True)
    user = make_ready_applicant()
    application = draft(user, committee, series)
    with pytest.raises(ServiceError) as exc:
        application_submit(application_id=application.pk, actor=user)
    assert "1寸电子照片" in exc.value.detail
    from attachments.services import photo_upload
    from attachments.tests import corpus

    data = corpus.photo_in_range(12, 28, size=(296, 414))
    photo_upload(user=user, uploaded_file=corpus.upload("照片.jpg", data, "image/jpeg"))
    submitted = application_submit(application_id=application.pk, actor=user)
    kinds = list(
        ReviewStep.objects.filter(application=submitted).order_by("order").values_list("kind", "organisation")
    )
    assert kinds == [
        ("unit", user.organisation_id),
        ("district", user.organisation.district_id),
        ("city", bureau.pk),
        ("provincial", None),
    ]


@pytest.mark.django_db
def test_someone_elses_application_is_not_found(applicant, committee, series):
    application = draft(applicant, committee, series)
    with pytest.raises(NotFound):
        application_submit(application_id=application.pk, actor=make_ready_applicant())
    with pytest.raises(NotFound):
        application_submit(application_id="abc", actor=applicant)
    assert not ReviewEvent.objects.exists()
