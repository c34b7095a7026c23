"""Issue 13 item 12: after load_demo the demo round is drawn, expert1 and expert2 among the drawn,
the opinions written (but one each left for the newcomer); the office can open the meeting, mark
everyone present, the experts vote, and closing gives results. A second load changes nothing."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from applications.models import Application, ApplicationStatus, ReviewEvent
from core.dates import CALENDAR_TZ
from core.models import AuditLog
from demo import evaluation_round
from demo.common import DEMO_PASSWORD, demo_today
from demo.evaluation_round import DRAW_SEED, demo_round, round_name
from demo.evaluation_specs import AUTOMATION, MECHANICAL, ROUND_APPLICANTS
from demo.evaluation_steps import round_days
from demo.experts import SENIOR_EXPERTS, SENIOR_OFFICE
from demo.windows import WINDOW_OPENED_DAYS
from evaluation import meeting
from evaluation.draw import draw_verify
from evaluation.meeting_models import Meeting, Outcome, Tally
from evaluation.models import Assignment, Opinion, PoolFormation, RoundApplication, RoundStatus
from evaluation.opinions import opinion_put
from evaluation.pool import pool_problems
from publicity.models import PreReviewFiledApplication, Publicity, PublicityKind
from recommend.models import UnitPublicity, UnitRecommendation
from workcal.services import workdays_between

pytestmark = pytest.mark.django_db

DRAWN = {"expert1", "expert3", "expert13", "expert2", "expert5", "expert10"}


def _round_fits_the_window() -> bool:
    """The round's applications are submitted before two publicity periods that end before today,
    inside this year's window (opened WINDOW_OPENED_DAYS ago, not before 1 January): not in the
    first weeks of January (then load_demo skips the round, see test_skipped_when_the_window_*)."""
    today = demo_today()
    opened = max(date.fromordinal(today.toordinal() - WINDOW_OPENED_DAYS), date(today.year, 1, 1))
    return round_days(today).submitted_on > opened


@pytest.fixture
def loaded():
    call_command("load_catalog", stdout=StringIO())
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def needs_round():
    if not _round_fits_the_window():  # the first weeks of January (the calendar is in the database)
        pytest.skip("this year's demo window opened too recently for the round")


def _user(username: str) -> User:
    return User.objects.select_related("expert").get(username=username)


@pytest.mark.usefixtures("needs_round")
def test_the_round_is_drawn_with_the_opinions_written(loaded):
    assert f"“{round_name(demo_today().year)}”" in loaded and "expert1、expert2" in loaded
    row = demo_round()
    assert row is not None and row.status == RoundStatus.DRAWN
    assert row.committee.name == "昆明市机电工程中级职称评审委员会"
    assert not Meeting.objects.filter(round=row).exists()  # left for the newcomer to open
    # Four applications, each through the route to 电子材料审核通过, unit records, 评前公示 filed.
    entries = list(RoundApplication.objects.filter(round=row).select_related("application", "group"))
    assert len(entries) == len(ROUND_APPLICANTS) == 4
    for entry in entries:
        application = entry.application
        assert application.status == ApplicationStatus.APPROVED
        assert entry.group.specialties == application.specialty in (MECHANICAL, AUTOMATION)
        actions = list(application.events.order_by("created_at", "pk").values_list("action", flat=True))
        assert actions == ["submit", "pass", "pass", "pass"]
        assert UnitRecommendation.objects.filter(application=application).exists()
        publicity = UnitPublicity.objects.get(application=application)
        assert (
            publicity.start_date > application.submitted_at.astimezone(CALENDAR_TZ).date()
            and publicity.end_date < demo_today()
        )
        assert publicity.workdays >= 5
        assert PreReviewFiledApplication.objects.filter(application=application).exists()
    notice = Publicity.objects.get(kind=PublicityKind.PRE_REVIEW)
    assert (
        notice.end_date < demo_today() and workdays_between(start=notice.start_date, end=notice.end_date) >= 5
    )
    # The draw: every eligible expert of each group, so expert1 and expert2 for certain; re-runs.
    assert row.draw.seed == DRAW_SEED
    assert set(Assignment.objects.filter(round=row).values_list("expert__user__username", flat=True)) == DRAWN
    office = _user("committee")
    assert draw_verify(actor=office, round_id=row.pk)["same"]
    # 3 experts × 2 applicants × 2 groups, less the two left for the newcomer.
    assert Opinion.objects.filter(entry__round=row).count() == 10
    for username in ("expert1", "expert2"):
        expert = _user(username).expert
        group = Assignment.objects.get(round=row, expert=expert).group
        first = RoundApplication.objects.filter(group=group).order_by("pk").first()
        assert not Opinion.objects.filter(entry=first, expert=expert).exists()
        assert Opinion.objects.filter(entry__group=group, expert=expert).count() == 1


@pytest.mark.usefixtures("needs_round")
def test_the_newcomer_holds_the_meeting_and_sees_results(loaded, client, django_capture_on_commit_callbacks):
    row = demo_round()
    office = _user("committee")
    expert1 = _user("expert1")
    # expert1 writes the opinion left for them (until the meeting opens).
    missing = (
        RoundApplication.objects.filter(round=row, group__assignments__expert=expert1.expert)
        .exclude(opinions__expert=expert1.expert)
        .get()
    )
    opinion_put(actor=expert1, entry_id=missing.pk, text="业绩突出，建议通过。", recommendation="pass")
    # The pages answer for the demo accounts.
    assert client.login(username="committee", password=DEMO_PASSWORD)
    assert row.name in client.get(reverse("evaluation:round", args=[row.pk])).content.decode()
    client.logout()
    assert client.login(username="expert1", password=DEMO_PASSWORD)
    html = client.get(reverse("evaluation:assignments")).content.decode()
    assert row.name in html and "周海涛" in html
    client.logout()

    meeting.meeting_open(actor=office, round_id=row.pk, chair_id=expert1.expert.pk)
    drawn = [_user(u) for u in sorted(DRAWN)]
    meeting.meeting_attendance(actor=office, round_id=row.pk, present=[u.expert.pk for u in drawn])
    entries = list(RoundApplication.objects.filter(round=row).order_by("pk"))
    passing, failing = entries[0], entries[1]
    for expert in drawn:  # 6 present: a pass needs 4 同意
        for entry in entries:
            choice = (
                "agree"
                if entry != failing or expert.username in ("expert1", "expert2", "expert3")
                else "disagree"
            )
            meeting.ballots_cast(actor=expert, entry_id=entry.pk, choice=choice)
    with django_capture_on_commit_callbacks(execute=True):
        meeting.meeting_close(actor=office, round_id=row.pk)
    row.refresh_from_db()
    assert row.status == RoundStatus.CLOSED
    tallies = {t.entry_id: t for t in Tally.objects.filter(meeting__round=row)}
    assert tallies[passing.pk].outcome == Outcome.PASSED and tallies[passing.pk].agree == 6
    assert tallies[failing.pk].outcome == Outcome.FAILED and tallies[failing.pk].agree == 3
    statuses = dict(Application.objects.filter(evaluation_entries__round=row).values_list("pk", "status"))
    assert statuses[passing.application_id] == ApplicationStatus.PASSED
    assert statuses[failing.application_id] == ApplicationStatus.FAILED
    assert ReviewEvent.objects.filter(
        application_id=failing.application_id, action="evaluation_fail"
    ).exists()
    # A later load_demo leaves the closed round alone and says it exists.
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "未做任何修改" in out.getvalue()
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    assert "评审会议已结束" in out.getvalue() and "评审通过" in out.getvalue()


@pytest.mark.usefixtures("needs_round")
def test_second_load_changes_nothing(loaded):
    def rows() -> dict:
        return {
            "opinions": list(Opinion.objects.order_by("pk").values()),
            "assignments": list(Assignment.objects.order_by("pk").values()),
            "entries": list(RoundApplication.objects.order_by("pk").values()),
            "applications": list(Application.objects.order_by("pk").values()),
            "audit": AuditLog.objects.count(),
        }

    before = rows()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "未做任何修改" in out.getvalue()
    assert rows() == before


def test_the_senior_committee_has_a_pool_by_specialty(loaded):
    office = _user(SENIOR_OFFICE)
    assert office.committee.name == "昆明市机电工程高级工程师评审委员会"
    assert office.committee.expert_pool.formation == PoolFormation.SPECIALTY
    assert office.committee.expert_pool.memberships.count() == len(SENIOR_EXPERTS) == 11
    assert pool_problems(committee=office.committee) == []  # rule 27: 11 by specialty
    for spec in SENIOR_EXPERTS:
        user = _user(spec.username)
        assert user.check_password(DEMO_PASSWORD) and user.phone == spec.phone


def test_round_days_count_back_from_today():
    days = round_days(date(2026, 12, 8))  # a Tuesday
    assert (days.pre_start, days.pre_end, days.filed_on) == (
        date(2026, 12, 1),
        date(2026, 12, 7),
        date(2026, 12, 8),
    )
    assert (days.unit_start, days.unit_end) == (date(2026, 11, 24), date(2026, 11, 30))
    assert days.submitted_on == date(2026, 11, 23)
    # Over the National Day holiday: five official working days each, the weekend work days counted.
    days = round_days(date(2026, 10, 12))
    for start, end in ((days.pre_start, days.pre_end), (days.unit_start, days.unit_end)):
        assert workdays_between(start=start, end=end) == 5
    assert days.pre_end < date(2026, 10, 12) and days.submitted_on < days.unit_start


def test_skipped_when_the_window_opened_too_late(monkeypatch):
    call_command("load_catalog", stdout=StringIO())
    year = demo_today().year
    monkeypatch.setattr(evaluation_round, "round_days", lambda today: round_days(date(year, 1, 5)))
    out = StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    assert "未创建" in text and round_name(year) in text
    assert demo_round() is None
    assert not Application.objects.filter(
        applicant__username__in=[p.username for p in ROUND_APPLICANTS]
    ).exists()
