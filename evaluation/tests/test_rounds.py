"""Rounds and 评议组: creation (the window's meeting month), applications joining once and never
in two open rounds, groups of at least 3 experts, moves, editing only while 准备中."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from applications.models import ApplicationStatus
from core.errors import Conflict, Forbidden, NotFound, ServiceError
from evaluation import rounds
from evaluation.models import ReviewGroup, RoundApplication, RoundStatus
from orgs.models import CommitteeWindow
from tests import factories

from .factories import file_prereview, make_approved, make_office_user, make_setting

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_pools")]


def _create(office, **changes):
    values = {"name": "2026年第一批", "year": 2026, "meeting_date": "2026-10-20"}
    values.update(changes)
    return rounds.round_create(actor=office, **values)


def test_round_takes_the_approved_applications_of_its_committee_and_year():
    committee, series, office, _experts, apps = make_setting(applications=2)
    other_year = make_approved(committee, series, year=2025)
    draft = make_approved(committee, series)
    type(draft).objects.filter(pk=draft.pk).update(status=ApplicationStatus.IN_REVIEW)
    other_committee = make_approved(factories.make_committee(), series)
    row = _create(office)
    joined = set(RoundApplication.objects.filter(round=row).values_list("application_id", flat=True))
    assert joined == {a.pk for a in apps}
    assert other_year.pk not in joined and draft.pk not in joined and other_committee.pk not in joined
    groups = list(ReviewGroup.objects.filter(round=row))
    assert [g.name for g in groups] == ["评议组"] and groups[0].experts_to_draw == 3
    assert set(RoundApplication.objects.filter(round=row).values_list("group_id", flat=True)) == {
        groups[0].pk
    }
    assert row.status == RoundStatus.PREPARING


def test_only_applications_whose_prereview_notice_was_filed_join():
    """Seed 必读 (三)2: only what was filed after a clean 评前公示 goes to the committee; the round's
    page counts the ones still waiting for their filing."""
    committee, series, office, _experts, apps = make_setting(applications=1)
    waiting = make_approved(committee, series, filed=False)
    row = _create(office)
    joined = set(RoundApplication.objects.filter(round=row).values_list("application_id", flat=True))
    assert joined == {apps[0].pk}
    assert rounds.unfiled_waiting(row=row) == 1
    file_prereview(committee, waiting)
    assert rounds.unfiled_waiting(row=row) == 0
    assert rounds.round_refresh(actor=office, round_id=row.pk) == 1


def test_an_application_is_in_one_open_round_only():
    committee, series, office, _e, apps = make_setting(applications=2)
    first = _create(office)
    second = _create(office, name="2026年第二批")
    assert RoundApplication.objects.filter(round=second).count() == 0
    later = make_approved(committee, series)
    assert rounds.round_refresh(actor=office, round_id=second.pk) == 1
    assert rounds.round_refresh(actor=office, round_id=first.pk) == 0
    assert list(RoundApplication.objects.filter(round=second).values_list("application_id", flat=True)) == [
        later.pk
    ]
    assert RoundApplication.objects.filter(application=apps[0]).count() == 1


def test_meeting_date_must_be_in_the_window_meeting_month():
    committee, _s, office, _e, _a = make_setting(applications=0)
    now = timezone.now()
    CommitteeWindow.objects.create(
        committee=committee,
        year=2026,
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=1),
        meeting_month=date(2026, 11, 1),
    )
    with pytest.raises(ServiceError) as exc:
        _create(office, meeting_date="2026-10-20")
    message = exc.value.errors["meeting_date"][0]
    assert "2026年11月" in message and "2026年10月20日" in message
    row = _create(office, meeting_date="2026-11-18")
    assert row.meeting_date == date(2026, 11, 18)


def test_bad_input_is_refused_field_by_field():
    _c, _s, office, _e, _a = make_setting(applications=0)
    with pytest.raises(ServiceError) as exc:
        rounds.round_create(actor=office, name="", year="x", meeting_date="20.10.2026", experts_to_draw=2)
    assert set(exc.value.errors) == {"name", "year", "meeting_date", "experts_to_draw"}
    assert "至少抽取3名" in exc.value.errors["experts_to_draw"][0]


def test_groups_take_applications_by_specialty_and_need_three_experts():
    committee, series, office, _e, apps = make_setting(applications=1)
    civil = make_approved(committee, series, specialty="土木工程")
    row = _create(office)
    with pytest.raises(ServiceError) as exc:
        rounds.group_create(
            actor=office, round_id=row.pk, name="土木组", specialties="土木工程", experts_to_draw=2
        )
    assert "至少抽取3名专家" in exc.value.errors["experts_to_draw"][0]
    group = rounds.group_create(
        actor=office, round_id=row.pk, name="土木组", specialties="土木工程、建筑学", experts_to_draw=3
    )
    assert RoundApplication.objects.get(round=row, application=civil).group == group
    assert RoundApplication.objects.get(round=row, application=apps[0]).group.name == "评议组"
    with pytest.raises(ServiceError):
        rounds.group_create(actor=office, round_id=row.pk, name="土木组", specialties="", experts_to_draw=3)
    entry = RoundApplication.objects.get(round=row, application=apps[0])
    rounds.entry_move(actor=office, round_id=row.pk, entry_id=entry.pk, group_id=group.pk)
    entry.refresh_from_db()
    assert entry.group == group
    default = ReviewGroup.objects.get(round=row, name="评议组")
    rounds.group_delete(actor=office, round_id=row.pk, group_id=group.pk)
    assert set(RoundApplication.objects.filter(round=row).values_list("group_id", flat=True)) == {default.pk}
    with pytest.raises(Conflict):
        rounds.group_delete(actor=office, round_id=row.pk, group_id=default.pk)


def test_round_is_edited_only_while_preparing():
    _c, _s, office, _e, _a = make_setting()
    row = _create(office)
    type(row).objects.filter(pk=row.pk).update(status=RoundStatus.DRAWN)
    with pytest.raises(Conflict):
        rounds.group_create(actor=office, round_id=row.pk, name="二组", specialties="", experts_to_draw=3)
    with pytest.raises(Conflict):
        rounds.round_update(actor=office, round_id=row.pk, name="改名", meeting_date="2026-10-21")


def test_only_the_committee_office_of_the_committee_manages_rounds():
    _c, _s, office, _e, _a = make_setting()
    row = _create(office)
    other_office = make_office_user(factories.make_committee())
    with pytest.raises(NotFound):
        rounds.round_for_office(actor=other_office, round_id=row.pk)
    for user in (factories.make_applicant(), factories.make_support(), factories.make_unit_admin()):
        with pytest.raises(Forbidden):
            rounds.round_for_office(actor=user, round_id=row.pk)
        with pytest.raises(Forbidden):
            _create(user)
