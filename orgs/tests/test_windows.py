"""Committee windows (rules 6 and 7): setting them, reading them, which committees are open."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from accounts.models import Role
from catalog.models import Level, Series
from core.errors import Conflict, Forbidden, NotFound, ServiceError
from core.models import AuditLog
from orgs.models import CommitteeCoverage, CommitteePlan, CommitteeWindow
from orgs.windows import (
    committee_month,
    committees_open,
    current_year,
    window_for,
    window_is_open,
    window_state,
)
from tests import factories
from workcal.models import CalendarDay, CalendarYear
from workcal.windows import window_set

pytestmark = pytest.mark.django_db
BJ = ZoneInfo("Asia/Shanghai")
MONTH_REQUIRED = (
    "请填写本年度评委会召开时间（年月）：申报人的年龄、从事专业技术工作年限计算到评委会召开当月"
    "（见《职称知识25问》第8问）。"
)


def bj(*args) -> datetime:
    return datetime(*args, tzinfo=BJ)


def office_for(committee, **fields):
    return factories.make_user(role=Role.COMMITTEE_OFFICE, committee=committee, **fields)


def make_window(committee, *, year=2026, opens=None, closes=None) -> CommitteeWindow:
    return CommitteeWindow.objects.create(
        committee=committee,
        year=year,
        opens_at=opens or bj(year, 9, 1),
        closes_at=closes or bj(year, 10, 1),
    )


def series(name: str = "测试系列", number: int = 901) -> Series:
    return Series.objects.create(name=name, number=number)


# --- window_is_open: the last minute ------------------------------------------------------------


def test_last_second_open_and_24_00_closed():
    committee = factories.make_committee()
    make_window(committee, opens=bj(2026, 9, 1), closes=bj(2026, 10, 1))  # closes 24:00 of 09-30
    assert window_is_open(committee=committee, now=bj(2026, 8, 31, 23, 59, 59)) is False
    assert window_is_open(committee=committee, now=bj(2026, 9, 1, 0, 0, 0)) is True
    assert window_is_open(committee=committee, now=bj(2026, 9, 30, 23, 59, 59)) is True
    assert window_is_open(committee=committee, now=bj(2026, 10, 1, 0, 0, 0)) is False


def test_the_window_of_the_current_year_counts():
    committee = factories.make_committee()
    make_window(committee, year=2027, opens=bj(2026, 12, 31, 23), closes=bj(2027, 1, 5))
    # 2026-12-31 23:30 Beijing: the 2026 window is asked for (there is none).
    assert window_is_open(committee=committee, now=bj(2026, 12, 31, 23, 30)) is False
    assert window_is_open(committee=committee, now=bj(2027, 1, 2)) is True
    # The year is Beijing time: 2026-12-31 16:30 UTC is already 2027 in Beijing.
    assert current_year(datetime(2026, 12, 31, 16, 30, tzinfo=ZoneInfo("UTC"))) == 2027


def test_inactive_committee_is_never_open():
    committee = factories.make_committee(is_active=False)
    make_window(committee)
    assert window_is_open(committee=committee, now=bj(2026, 9, 15)) is False


def test_window_state_labels():
    committee = factories.make_committee()
    window = make_window(committee)
    assert window_state(window=None) == "unset"
    assert window_state(window=window, now=bj(2026, 8, 1)) == "pending"
    assert window_state(window=window, now=bj(2026, 9, 30, 23, 59, 59)) == "open"
    assert window_state(window=window, now=bj(2026, 10, 1)) == "closed"
    assert window_for(committee=committee, year=2026) == window
    assert window_for(committee=committee, year=2025) is None


# --- committees_open ----------------------------------------------------------------------------


def test_committees_open_filters_by_window_series_and_level(django_assert_max_num_queries):
    eng, edu = series("工程测试", 901), series("教育测试", 902)
    a = factories.make_committee(number=1)
    b = factories.make_committee(number=2)
    closed = factories.make_committee(number=3)
    inactive = factories.make_committee(number=4, is_active=False)
    other_year = factories.make_committee(number=5)
    for c in (a, b, closed, inactive, other_year):
        CommitteeCoverage.objects.create(committee=c, series=eng, level=Level.INTERMEDIATE)
    CommitteeCoverage.objects.create(committee=a, series=eng, level=Level.ASSISTANT)
    CommitteeCoverage.objects.create(committee=b, series=edu, level=Level.INTERMEDIATE)
    make_window(a)
    make_window(b, closes=bj(2026, 9, 20))
    make_window(closed, closes=bj(2026, 9, 10))
    make_window(inactive)
    make_window(other_year, year=2025, opens=bj(2025, 9, 1), closes=bj(2025, 12, 31))
    now = bj(2026, 9, 15)
    with django_assert_max_num_queries(1):
        found = committees_open(now=now)
        assert [c.pk for c in found] == [a.pk, b.pk]
        assert found[0].window_closes_at == bj(2026, 10, 1)
        assert found[0].organiser.name  # selected with the committee
    assert [c.pk for c in committees_open(now=now, series_id=eng.pk)] == [a.pk, b.pk]
    assert [c.pk for c in committees_open(now=now, series_id=edu.pk)] == [b.pk]
    assert [c.pk for c in committees_open(now=now, level=Level.ASSISTANT)] == [a.pk]
    assert [c.pk for c in committees_open(now=now, series_id=edu.pk, level=Level.ASSISTANT)] == []
    assert committees_open(now=bj(2026, 10, 1)) == []


def test_committees_open_constant_queries_for_many(django_assert_max_num_queries):
    eng = series()
    for i in range(30):
        c = factories.make_committee(number=100 + i)
        CommitteeCoverage.objects.create(committee=c, series=eng, level=Level.INTERMEDIATE)
        make_window(c)
    with django_assert_max_num_queries(1):
        found = committees_open(now=bj(2026, 9, 15), series_id=eng.pk, level=Level.INTERMEDIATE)
        assert len(found) == 30
        assert all(c.organiser.name and c.window_closes_at for c in found)


def test_committee_month():
    committee = factories.make_committee()
    CommitteePlan.objects.create(committee=committee, year=2026, month=9)
    assert committee_month(committee=committee, year=2026) == (2026, 9)
    assert committee_month(committee=committee, year=2027) is None


# --- window_set: city committee -----------------------------------------------------------------

NOW = bj(2026, 6, 1, 9, 0)


def test_city_office_sets_and_changes_its_window():
    committee = factories.make_committee()
    office = office_for(committee)
    window = window_set(
        actor=office,
        committee=committee,
        year=2026,
        opens_at=bj(2026, 9, 1),
        closes_at=bj(2026, 10, 1),
        meeting_month="2026-11",
        now=NOW,
    )
    assert (window.opens_at, window.closes_at, window.collection_date) == (
        bj(2026, 9, 1),
        bj(2026, 10, 1),
        None,
    )
    window = window_set(
        actor=office,
        committee=committee,
        year=2026,
        opens_at=bj(2026, 9, 1),
        closes_at=bj(2026, 10, 15),
        meeting_month="2026-11",
        now=NOW,
    )
    assert CommitteeWindow.objects.get().closes_at == bj(2026, 10, 15)
    logs = list(AuditLog.objects.filter(action="window_set").order_by("id"))
    assert len(logs) == 2
    assert logs[0].detail["before"] is None
    assert logs[1].detail["before"]["closes_at"] == bj(2026, 10, 1).isoformat()
    assert logs[1].actor == office
    # The same values again: nothing changes, no audit row.
    window_set(
        actor=office,
        committee=committee,
        year=2026,
        opens_at=bj(2026, 9, 1),
        closes_at=bj(2026, 10, 15),
        meeting_month="2026-11",
        now=NOW,
    )
    assert AuditLog.objects.filter(action="window_set").count() == 2


def test_naive_datetimes_are_beijing_time():
    committee = factories.make_committee()
    window = window_set(
        actor=office_for(committee),
        committee=committee,
        year=2026,
        opens_at=datetime(2026, 9, 1, 8, 0),
        closes_at=datetime(2026, 9, 30, 18, 0),
        meeting_month="2026-10",
        now=NOW,
    )
    assert window.opens_at == bj(2026, 9, 1, 8, 0)


def test_support_may_set_any_committee():
    committee = factories.make_committee()
    window = window_set(
        actor=factories.make_support(),
        committee=committee,
        year=2026,
        opens_at=bj(2026, 9, 1),
        closes_at=bj(2026, 10, 1),
        meeting_month="2026-11",
        now=NOW,
    )
    assert window.pk


def _refused(exc_type, **kwargs) -> ServiceError:
    before = (CommitteeWindow.objects.count(), AuditLog.objects.count())
    with pytest.raises(exc_type) as exc:
        window_set(**kwargs)
    assert (CommitteeWindow.objects.count(), AuditLog.objects.count()) == before
    return exc.value


def test_another_committees_office_gets_404_others_403():
    committee, other = factories.make_committee(), factories.make_committee()
    kwargs = {"committee": committee, "year": 2026, "opens_at": bj(2026, 9, 1), "closes_at": bj(2026, 10, 1)}
    err = _refused(NotFound, actor=office_for(other), now=NOW, **kwargs)
    assert err.status == 404
    err = _refused(Forbidden, actor=factories.make_applicant(), now=NOW, **kwargs)
    assert err.detail == "只有评委会办事机构可以设置网上申报时间。"
    _refused(Forbidden, actor=factories.make_unit_admin(), now=NOW, **kwargs)


@pytest.mark.parametrize(
    ("given", "errors"),
    [
        (
            {},
            {
                "opens_at": ["请填写开放时间。"],
                "closes_at": ["请填写关闭时间。"],
                "meeting_month": [MONTH_REQUIRED],
            },
        ),
        (
            {"opens_at": bj(2026, 9, 1), "closes_at": bj(2026, 9, 1)},
            {"closes_at": ["关闭时间须晚于开放时间。"]},
        ),
        (
            {"opens_at": bj(2026, 5, 1), "closes_at": bj(2026, 6, 1, 8, 59)},
            {"closes_at": ["关闭时间 2026年6月1日 08:59 已过，不能设置已经结束的网上申报时间。"]},
        ),
        (
            {"opens_at": bj(2025, 12, 31, 23, 59), "closes_at": bj(2027, 1, 1, 0, 1)},
            {
                "opens_at": ["开放时间 2025年12月31日 23:59 不在2026年内（申报年度）。"],
                "closes_at": ["关闭时间须不晚于2026年12月31日24:00（申报年度）。"],
            },
        ),
        (
            {"opens_at": bj(2026, 9, 1), "closes_at": bj(2026, 10, 1), "collection_date": date(2026, 10, 8)},
            {"collection_date": ["市级评委会直接设置开放时间和关闭时间，不填写开始收审材料日期。"]},
        ),
        (
            {"year": 1999, "opens_at": bj(2026, 9, 1), "closes_at": bj(2026, 10, 1)},
            {"year": ["请填写正确的申报年度（如 2026）。"]},
        ),
    ],
)
def test_city_window_input_errors(given, errors):
    committee = factories.make_committee()
    kwargs = {"year": 2026, "meeting_month": "" if not given else "2026-12", **given}
    err = _refused(ServiceError, actor=office_for(committee), committee=committee, now=NOW, **kwargs)
    assert err.detail == "网上申报时间未保存，请按提示修改。"
    assert err.errors == errors


def test_window_may_end_at_24_00_of_31_december():
    committee = factories.make_committee()
    window = window_set(
        actor=office_for(committee),
        committee=committee,
        year=2026,
        opens_at=bj(2026, 1, 1),
        closes_at=bj(2027, 1, 1),
        meeting_month="2026-12",
        now=NOW,
    )
    assert window.closes_at == bj(2027, 1, 1)


# --- rule 6 -------------------------------------------------------------------------------------


def test_closed_window_can_never_be_changed_or_reopened():
    committee = factories.make_committee()
    office = office_for(committee)
    make_window(committee, opens=bj(2026, 3, 1), closes=bj(2026, 4, 1))
    err = _refused(
        Conflict,
        actor=office,
        committee=committee,
        year=2026,
        opens_at=bj(2026, 6, 2),
        closes_at=bj(2026, 7, 1),
        now=NOW,
    )
    assert err.status == 409
    assert err.detail == (
        f"{committee.name}2026年的网上申报时间已于 2026年3月31日 24:00 关闭，不能重新开放或修改。"
    )
    assert CommitteeWindow.objects.get().closes_at == bj(2026, 4, 1)


def test_closed_at_the_exact_close_instant():
    committee = factories.make_committee()
    make_window(committee, opens=bj(2026, 3, 1), closes=bj(2026, 6, 1, 9, 0))
    _refused(
        Conflict,
        actor=office_for(committee),
        committee=committee,
        year=2026,
        opens_at=bj(2026, 6, 2),
        closes_at=bj(2026, 7, 1),
        now=NOW,  # == closes_at
    )
    # One second earlier the window is still open and may be extended.
    window = window_set(
        actor=office_for(committee),
        committee=committee,
        year=2026,
        opens_at=bj(2026, 3, 1),
        closes_at=bj(2026, 7, 1),
        meeting_month="2026-09",
        now=NOW - timedelta(seconds=1),
    )
    assert window.closes_at == bj(2026, 7, 1)


# --- window_set: provincial committee (rule 7) --------------------------------------------------


def test_provincial_window_from_the_collection_date_across_national_day():
    committee = factories.make_committee(is_provincial=True)
    window = window_set(
        actor=office_for(committee),
        committee=committee,
        year=2026,
        collection_date=date(2026, 10, 8),
        meeting_month="2026-11",
        now=NOW,
    )
    assert window.opens_at == bj(2026, 9, 21)
    assert window.closes_at == bj(2026, 10, 8)  # 24:00 of 10-07
    assert window.collection_date == date(2026, 10, 8)
    assert window_is_open(committee=committee, now=bj(2026, 10, 7, 23, 59, 59)) is True
    assert window_is_open(committee=committee, now=bj(2026, 10, 8)) is False
    assert window_is_open(committee=committee, now=bj(2026, 9, 20, 23, 59, 59)) is False


def test_provincial_office_gives_only_the_collection_date():
    committee = factories.make_committee(is_provincial=True)
    err = _refused(
        ServiceError,
        actor=office_for(committee),
        committee=committee,
        year=2026,
        opens_at=bj(2026, 9, 1),
        closes_at=bj(2026, 10, 1),
        now=NOW,
    )
    assert err.errors == {
        "collection_date": [
            "请填写省评委会开始收审材料的日期。",
            "省级评委会只填写开始收审材料日期，开放和关闭时间按收审材料日期自动计算。",
        ],
        "meeting_month": [MONTH_REQUIRED],
    }


def test_provincial_window_in_2027_before_and_after_the_admin_enters_2027():
    committee = factories.make_committee(is_provincial=True)
    office = office_for(committee)
    err = _refused(
        ServiceError, actor=office, committee=committee, year=2027, collection_date=date(2027, 3, 15), now=NOW
    )
    [message] = err.errors["collection_date"]
    assert "2027年" in message and "后台管理 → 工作日历" in message
    # The admin enters 2027 (no holiday in early March): 03-15 is a Monday.
    CalendarYear.objects.create(year=2027, source="国务院办公厅关于2027年部分节假日安排的通知")
    CalendarDay.objects.create(date=date(2027, 3, 10), is_workday=False, name="测试假日")
    window = window_set(
        actor=office,
        committee=committee,
        year=2027,
        collection_date=date(2027, 3, 15),
        meeting_month="2027-04",
        now=NOW,
    )
    # Back from 03-15: 12, 11, (10 holiday), 09, 08, 05, 04, 03 → opens 03-03.
    assert window.opens_at == bj(2027, 3, 3)
    assert window.closes_at == bj(2027, 3, 15)


def test_provincial_window_must_fall_in_its_year():
    committee = factories.make_committee(is_provincial=True)
    err = _refused(
        ServiceError,
        actor=office_for(committee),
        committee=committee,
        year=2026,
        collection_date=date(2026, 6, 3),  # opens 2026-05-25, closes 06-03 00:00 — fine
        meeting_month="2026-07",
        now=bj(2026, 6, 3, 0, 0),  # but it has just closed
    )
    assert err.errors["collection_date"][0].startswith("关闭时间 2026年6月2日 24:00 已过")
    err = _refused(
        ServiceError,
        actor=office_for(committee),
        committee=committee,
        year=2026,
        collection_date=date(2026, 1, 6),  # seven working days back: 2025-12-25
        meeting_month="2026-03",
        now=bj(2025, 12, 1),
    )
    assert err.errors == {"collection_date": ["开放时间 2025年12月25日 00:00 不在2026年内（申报年度）。"]}


# --- the back office (workcal/window_admin.py): collection_date for provincial committees -------


def _admin_form(**data):
    from workcal.window_admin import CommitteeWindowForm

    return CommitteeWindowForm(data={"opens_at": "", "closes_at": "", "collection_date": "", **data})


def test_admin_computes_a_provincial_window_from_the_collection_date():
    year = current_year() + 1
    CalendarYear.objects.create(year=year, source="测试")
    committee = factories.make_committee(is_provincial=True)
    form = _admin_form(committee=committee.pk, year=year, collection_date=f"{year}-06-15")
    assert form.is_valid(), form.errors
    window = form.save()
    assert window.closes_at == bj(year, 6, 15) and window.collection_date == date(year, 6, 15)
    assert window.opens_at < window.closes_at


def test_admin_collection_date_refusals():
    city = factories.make_committee()
    form = _admin_form(committee=city.pk, year=2030, collection_date="2030-06-15")
    assert not form.is_valid()
    assert form.errors["collection_date"] == [
        "市级评委会直接设置开放时间和关闭时间，不填写开始收审材料日期。"
    ]
    provincial = factories.make_committee(is_provincial=True)
    CalendarYear.objects.filter(year=2030).delete()
    form = _admin_form(committee=provincial.pk, year=2030, collection_date="2030-06-15")
    assert not form.is_valid()
    assert "2030年" in form.errors["collection_date"][0]
    form = _admin_form(committee=city.pk, year=2030)
    assert not form.is_valid()
    assert form.errors["opens_at"] == ["请填写开放时间（省级评委会也可只填写开始收审材料日期）。"]


def test_admin_refuses_changing_the_collection_date_of_a_closed_window():
    from workcal.window_admin import CommitteeWindowForm

    committee = factories.make_committee(is_provincial=True)
    window = make_window(committee, opens=bj(2026, 3, 1), closes=bj(2026, 4, 1))
    fmt = "%Y-%m-%d %H:%M:%S"
    form = CommitteeWindowForm(
        instance=window,
        data={
            "committee": committee.pk,
            "year": 2026,
            "opens_at": window.opens_at.astimezone(BJ).strftime(fmt),
            "closes_at": window.closes_at.astimezone(BJ).strftime(fmt),
            "collection_date": "2026-04-01",
        },
    )
    assert not form.is_valid()
    assert form.non_field_errors() == ["该网上申报时间已关闭，不能重新开放或修改（见职称申报必读（四））。"]
