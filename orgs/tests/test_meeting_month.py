"""Rule 8 (seed question 8: 年龄、年限计算到召开评委会当月): the committee office gives this year's
meeting month when it opens its window; age and years count to it, and the cover shows it
(issue 11 point 12)."""

from __future__ import annotations

import importlib
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from applications.eligibility.counting import committee_month_of
from applications.services import application_save_cover
from applications.tests.factories import cover_values, make_open_committee, make_ready_applicant, make_series
from applications.tests.helpers import page_text
from catalog.models import Level
from core.errors import ServiceError
from core.models import AuditLog
from orgs.models import CommitteePlan, CommitteeWindow
from orgs.windows import committee_month, current_year
from tests import factories
from workcal.windows import window_set

pytestmark = pytest.mark.django_db
BJ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=BJ)
PAGE = "/units/window/"


def bj(*args) -> datetime:
    return datetime(*args, tzinfo=BJ)


def office_for(committee):
    return factories.make_user(role=Role.COMMITTEE_OFFICE, committee=committee)


def set_city(committee, **kwargs):
    values = {"year": 2026, "opens_at": bj(2026, 9, 1), "closes_at": bj(2026, 10, 1), "now": NOW}
    return window_set(actor=office_for(committee), committee=committee, **{**values, **kwargs})


def refused(committee, **kwargs) -> dict:
    with pytest.raises(ServiceError) as exc:
        set_city(committee, **kwargs)
    assert not CommitteeWindow.objects.filter(committee=committee).exists()
    return exc.value.errors


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (None, "请填写本年度评委会召开时间（年月）"),
        ("十一月", "评委会召开时间格式应为 YYYY-MM（年-月），如 2026-11。"),
        ("2026-13", "评委会召开时间格式应为 YYYY-MM（年-月），如 2026-11。"),
        # The window closes at 24:00 of 30 September: September is its closing month.
        ("2026-08", "评委会召开时间（2026年8月）不能早于网上申报关闭的月份（2026年9月）。"),
        ("2027-10", "评委会召开时间须在网上申报关闭后12个月内（不晚于2027年9月），请核对。"),
    ],
)
def test_the_meeting_month_is_required_and_not_before_the_close(given, message):
    errors = refused(factories.make_committee(), meeting_month=given)
    assert list(errors) == ["meeting_month"]
    assert errors["meeting_month"][0].startswith(message)


@pytest.mark.parametrize("given", ["2026-09", "2026年11月", "2026-11-20", date(2027, 9, 30)])
def test_accepted_months_are_stored_as_their_first_day(given):
    window = set_city(factories.make_committee(), meeting_month=given)
    assert window.meeting_month.day == 1
    assert window.meeting_month == (given.replace(day=1) if isinstance(given, date) else window.meeting_month)


def test_a_provincial_window_asks_for_it_too():
    committee = factories.make_committee(is_provincial=True)
    office = office_for(committee)
    with pytest.raises(ServiceError) as exc:
        window_set(actor=office, committee=committee, year=2026, collection_date=date(2026, 10, 8), now=NOW)
    assert list(exc.value.errors) == ["meeting_month"]
    window = window_set(
        actor=office,
        committee=committee,
        year=2026,
        collection_date=date(2026, 10, 8),
        meeting_month="2026-10",  # closes at 24:00 of 10-07
        now=NOW,
    )
    assert window.meeting_month == date(2026, 10, 1)


def test_the_window_month_beats_the_plan_and_a_change_is_audited():
    committee = factories.make_committee()
    CommitteePlan.objects.create(committee=committee, year=2026, month=9)
    assert committee_month(committee=committee, year=2026) == (2026, 9)  # the plan, as before
    set_city(committee, meeting_month="2026-11")
    assert committee_month(committee=committee, year=2026) == (2026, 11)
    set_city(committee, meeting_month="2026-12")
    log = AuditLog.objects.filter(action="window_set").order_by("id").last()
    assert (log.detail["before"]["meeting_month"], log.detail["after"]["meeting_month"]) == (
        "2026-11",
        "2026-12",
    )
    set_city(committee, meeting_month="2026-12")  # unchanged: no write, no audit row
    assert AuditLog.objects.filter(action="window_set").count() == 2
    # Eligibility counts to it, not to the closing month (September).
    month = committee_month_of(committee=committee, year=2026)
    assert (month.year, month.month, month.from_window) == (2026, 12, False)


def test_an_old_window_without_a_month_still_falls_back_to_its_closing_month():
    committee = factories.make_committee()
    CommitteeWindow.objects.create(
        committee=committee, year=2026, opens_at=bj(2026, 9, 1), closes_at=bj(2026, 10, 1)
    )
    month = committee_month_of(committee=committee, year=2026)
    assert (month.year, month.month, month.from_window) == (2026, 9, True)


def test_the_data_migration_takes_the_plan_month_for_existing_windows():
    migration = importlib.import_module("orgs.migrations.0006_window_meeting_month")
    planned, unplanned = factories.make_committee(), factories.make_committee()
    for committee in (planned, unplanned):
        CommitteeWindow.objects.create(
            committee=committee, year=2021, opens_at=bj(2021, 8, 1), closes_at=bj(2021, 9, 1)
        )
    CommitteePlan.objects.create(committee=planned, year=2021, month=10)
    migration.meeting_month_from_plans(apps, None)
    assert CommitteeWindow.objects.get(committee=planned).meeting_month == date(2021, 10, 1)
    assert CommitteeWindow.objects.get(committee=unplanned).meeting_month is None


def test_the_page_asks_for_it_and_keeps_the_input_on_a_refusal(client):
    committee = factories.make_committee()
    client.force_login(office_for(committee))
    year = current_year() + 1
    html = client.get(PAGE).content.decode()
    assert '<label for="id_meeting_month">评委会召开时间' in html and 'type="month"' in html
    response = client.post(
        PAGE,
        {
            "year": str(year),
            "opens_at": f"{year}-03-01T08:00",
            "closes_at": f"{year}-04-01T00:00",
            "meeting_month": f"{year}-02",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f"评委会召开时间（{year}年2月）不能早于网上申报关闭的月份（{year}年3月）。" in html
    assert f'value="{year}-02"' in html and f'value="{year}-03-01T08:00"' in html
    assert not CommitteeWindow.objects.exists()


def test_the_cover_shows_the_meeting_month_and_counts_to_it(client):
    series = make_series()
    now = timezone.now()
    year = current_year(now)
    committee = make_open_committee(series, Level.INTERMEDIATE)
    window = CommitteeWindow.objects.get(committee=committee)
    window.meeting_month = date(year, 12, 1)
    window.closes_at = min(window.closes_at, now + timedelta(days=1))
    window.save()
    applicant = make_ready_applicant()  # born 1985-03-12
    application_save_cover(user=applicant, **cover_values(committee, series))
    client.force_login(applicant)
    text = page_text(client.get(reverse("applications:cover")))
    assert f"评委会召开时间 {year}年12月 （年龄、年限计算截止月）" in text
    assert f"{year - 1985}周岁9个月" in text  # to 31 December, whatever month the window closes
