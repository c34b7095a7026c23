"""The committee office's 网上申报时间 page and the window API (windows_get, windows_set,
committees_open): rules 6 and 7 through HTTP, permissions (another committee → 404)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from accounts.models import Role
from catalog.models import Level, Series
from core.dates import CALENDAR_TZ, date_label
from core.models import AuditLog
from orgs.models import CommitteeCoverage, CommitteePlan, CommitteeWindow
from orgs.windows import current_year
from tests import factories
from tests.factories import bearer
from tests.html import unlabelled_controls
from workcal.models import CalendarYear

pytestmark = pytest.mark.django_db

PAGE = "/units/window/"
API = "/api/v1/units/window"
OPEN_API = "/api/v1/units/committees/open"


def bj(*args) -> datetime:
    return datetime(*args, tzinfo=CALENDAR_TZ)


def office_for(committee):
    return factories.make_user(role=Role.COMMITTEE_OFFICE, committee=committee)


def next_year() -> int:
    return current_year() + 1


def enter_year(year: int) -> None:
    """The admin entered `year` (no holiday rows: Monday–Friday work)."""
    CalendarYear.objects.get_or_create(year=year, defaults={"source": "测试录入"})


def window_now(committee, *, before: timedelta, after: timedelta) -> CommitteeWindow:
    now = timezone.now()
    return CommitteeWindow.objects.create(
        committee=committee, year=current_year(now), opens_at=now - before, closes_at=now + after
    )


# --- the page ------------------------------------------------------------------------------------


def test_city_office_page_shows_state_plan_and_form(client):
    committee = factories.make_committee()
    CommitteePlan.objects.create(committee=committee, year=current_year(), month=9)
    client.force_login(office_for(committee))
    response = client.get(PAGE)
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        committee.name,
        f"{current_year()}年",
        "未开放（尚未设置）",
        f"{current_year()}年9月",
        "开放时间",
        "关闭时间",
    ):
        assert text in html
    assert 'type="datetime-local"' in html and 'name="collection_date"' not in html
    assert unlabelled_controls(html) == []


def test_city_office_sets_the_window_on_the_page(client):
    committee = factories.make_committee()
    office = office_for(committee)
    client.force_login(office)
    year = next_year()
    response = client.post(
        PAGE,
        {
            "year": str(year),
            "opens_at": f"{year}-03-01T08:00",
            "closes_at": f"{year}-04-01T00:00",
            "meeting_month": f"{year}-05",
        },
        follow=True,
    )
    html = response.content.decode()
    assert (
        f"已保存。{year}年网上申报时间为 {year}年3月1日 08:00 至 {year}年3月31日 24:00，"
        f"评委会召开时间为{year}年5月。" in html
    )
    window = CommitteeWindow.objects.get(committee=committee, year=year)
    assert window.opens_at == bj(year, 3, 1, 8) and window.closes_at == bj(year, 4, 1)
    assert window.meeting_month == date(year, 5, 1)
    assert f'value="{year}-05"' in html  # the form shows the month entered
    assert "未开放" in html  # the page now shows that year's window
    assert AuditLog.objects.filter(action="window_set", actor=office).count() == 1


def test_page_errors_keep_the_input_and_save_nothing(client):
    committee = factories.make_committee()
    client.force_login(office_for(committee))
    year = next_year()
    response = client.post(
        PAGE, {"year": str(year), "opens_at": f"{year}-05-01T08:00", "closes_at": f"{year}-04-01T00:00"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "关闭时间须晚于开放时间。" in html
    assert f'value="{year}-05-01T08:00"' in html
    assert unlabelled_controls(html) == []
    response = client.post(PAGE, {"year": str(year), "opens_at": "明天", "closes_at": ""})
    html = response.content.decode()
    assert "开放时间格式应为 YYYY-MM-DD HH:MM，如 2026-09-01 08:00。" in html
    assert "请填写关闭时间。" in html
    assert not CommitteeWindow.objects.exists()
    assert not AuditLog.objects.filter(action="window_set").exists()


def test_provincial_office_enters_only_the_collection_date(client):
    committee = factories.make_committee(is_provincial=True)
    client.force_login(office_for(committee))
    html = client.get(PAGE).content.decode()
    assert 'type="date"' in html and 'name="opens_at"' not in html and "规则" not in html
    assert 'type="month"' in html and 'name="meeting_month"' in html
    assert unlabelled_controls(html) == []
    year = next_year()
    enter_year(year)
    # 03-15 of the next year: seven Monday–Friday days before it.
    collection = date(year, 3, 15)
    day, count = collection, 0
    while count < 7:
        day -= timedelta(days=1)
        count += day.weekday() < 5
    response = client.post(
        PAGE,
        {"year": str(year), "collection_date": collection.isoformat(), "meeting_month": f"{year}-04"},
        follow=True,
    )
    html = response.content.decode()
    expected_close = f"{date_label(collection - timedelta(days=1))} 24:00"
    assert (
        f"已保存。{year}年网上申报时间为 {date_label(day)} 00:00 至 {expected_close}，"
        f"评委会召开时间为{year}年4月。" in html
    )
    assert expected_close in html and date_label(collection) in html
    window = CommitteeWindow.objects.get(committee=committee)
    assert window.opens_at == bj(day.year, day.month, day.day) and window.collection_date == collection


def test_provincial_page_names_an_unknown_year(client):
    committee = factories.make_committee(is_provincial=True)
    client.force_login(office_for(committee))
    year = max(next_year(), 2027)
    CalendarYear.objects.filter(year=year).delete()
    html = client.post(PAGE, {"year": str(year), "collection_date": f"{year}-06-15"}).content.decode()
    assert f"系统尚无{year}年的法定节假日和调休安排" in html and "后台管理 → 工作日历" in html
    assert not CommitteeWindow.objects.exists()


def test_open_and_closed_states(client):
    committee = factories.make_committee()
    client.force_login(office_for(committee))
    window = window_now(committee, before=timedelta(hours=1), after=timedelta(hours=1))
    html = client.get(PAGE).content.decode()
    assert "开放中" in html and 'name="closes_at"' in html
    window.closes_at = timezone.now() - timedelta(seconds=1)
    window.save()
    html = client.get(PAGE).content.decode()
    assert "已关闭" in html and "不能重新开放或修改。" in html and "规则" not in html
    assert 'name="closes_at"' not in html  # no form for a closed window
    # Posting anyway is refused with the rule 6 message, nothing changes.
    year = current_year()
    response = client.post(
        PAGE, {"year": str(year), "opens_at": f"{year}-12-31T08:00", "closes_at": f"{year + 1}-01-01T00:00"}
    )
    assert "不能重新开放或修改。" in response.content.decode()
    assert CommitteeWindow.objects.get().closes_at == window.closes_at


def test_other_roles_get_404(client):
    committee = factories.make_committee()
    for user in (factories.make_applicant(), factories.make_unit_admin()):
        client.force_login(user)
        assert client.get(PAGE).status_code == 404
    client.force_login(factories.make_user(role=Role.COMMITTEE_OFFICE))  # no committee
    assert client.get(PAGE).status_code == 404
    client.force_login(office_for(factories.make_committee()))
    assert client.get(PAGE, {"committee": committee.pk}).status_code == 404
    assert client.post(f"{PAGE}?committee={committee.pk}", {"year": "2030"}).status_code == 404
    client.logout()
    assert client.get(PAGE).status_code == 302


def test_support_chooses_a_committee(client):
    committee = factories.make_committee()
    client.force_login(factories.make_support())
    html = client.get(PAGE).content.decode()
    assert "请选择要查看或设置网上申报时间的评委会" in html and committee.name in html
    assert unlabelled_controls(html) == []
    html = client.get(PAGE, {"committee": committee.pk}).content.decode()
    assert committee.name in html and 'name="opens_at"' in html
    assert client.get(PAGE, {"committee": "999999"}).status_code == 404
    response = client.get(API, **bearer(factories.make_support()))
    assert response.status_code == 400
    assert response.json()["errors"] == {"committee": ["请指定评委会（committee）。"]}
    year = next_year()
    response = client.post(
        f"{PAGE}?committee={committee.pk}",
        {
            "year": str(year),
            "opens_at": f"{year}-03-01T08:00",
            "closes_at": f"{year}-03-31 24:00",
            "meeting_month": f"{year}-04",
        },
    )
    assert response.status_code == 302 and f"committee={committee.pk}" in response["Location"]
    assert CommitteeWindow.objects.get(committee=committee).closes_at == bj(year, 4, 1)


# --- the API -------------------------------------------------------------------------------------


def test_api_get_and_set_a_city_window(client):
    committee = factories.make_committee()
    CommitteePlan.objects.create(committee=committee, year=next_year(), month=10)
    headers = bearer(office_for(committee))
    year = next_year()
    body = client.get(API, {"year": year}, **headers).json()
    assert (
        body["state"] == "unset" and body["state_label"] == "未设置" and body["planned_month"] == f"{year}-10"
    )
    response = client.post(
        API,
        {
            "year": year,
            "opens_at": f"{year}-03-01 08:00",
            "closes_at": f"{year}-03-31 24:00",
            "meeting_month": f"{year}-06",
        },
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "pending" and body["state_label"] == "未开放"
    # The month the office gave replaces the plan's (rule 8).
    assert body["meeting_month"] == body["planned_month"] == f"{year}-06"
    assert body["opens_at"] == f"{year}-03-01T08:00:00+08:00"
    assert body["closes_at"] == f"{year}-04-01T00:00:00+08:00"
    assert body["committee"] == {"id": committee.pk, "name": committee.name, "is_provincial": False}


def test_api_refusals(client):
    committee = factories.make_committee()
    headers = bearer(office_for(committee))
    year = next_year()
    response = client.post(API, {"year": year, "opens_at": "x"}, content_type="application/json", **headers)
    assert response.status_code == 400
    assert response.json() == {
        "detail": "网上申报时间未保存，请按提示修改。",
        "errors": {
            "opens_at": ["开放时间格式应为 YYYY-MM-DD HH:MM，如 2026-09-01 08:00。"],
            "closes_at": ["请填写关闭时间。"],
            "meeting_month": [
                "请填写本年度评委会召开时间（年月）：申报人的年龄、从事专业技术工作年限计算到评委会召开当月"
                "（见《职称知识25问》第8问）。"
            ],
        },
    }
    # Another committee's office: 404; an applicant: 403; no login: 401.
    other = factories.make_committee()
    response = client.post(
        API, {"committee": other.pk, "year": year}, content_type="application/json", **headers
    )
    assert response.status_code == 404
    assert client.get(API, {"committee": other.pk}, **headers).status_code == 404
    applicant = bearer(factories.make_applicant())
    assert client.post(API, {}, content_type="application/json", **applicant).status_code == 403
    assert client.post(API, {}, content_type="application/json").status_code == 401
    assert client.get(API, {"year": "abc"}, **headers).status_code == 400
    # Rule 6 through the API: 409.
    CommitteeWindow.objects.create(
        committee=committee, year=year - 1, opens_at=bj(year - 1, 1, 1), closes_at=timezone.now()
    )
    response = client.post(
        API,
        {"year": year - 1, "opens_at": f"{year - 1}-12-01 08:00", "closes_at": f"{year - 1}-12-31 24:00"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 409
    assert response.json()["detail"].endswith("不能重新开放或修改。")
    assert not AuditLog.objects.filter(action="window_set").exists()


def test_api_provincial_window(client):
    committee = factories.make_committee(is_provincial=True)
    headers = bearer(office_for(committee))
    year = next_year()
    enter_year(year)
    response = client.post(
        API,
        {"year": year, "collection_date": f"{year}-06-15", "opens_at": "", "meeting_month": f"{year}-07"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["collection_date"] == f"{year}-06-15"
    assert body["closes_at"] == f"{year}-06-15T00:00:00+08:00"
    response = client.post(
        API,
        {"year": year, "opens_at": f"{year}-06-01 00:00", "closes_at": f"{year}-06-15 00:00"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 400
    assert response.json()["errors"]["collection_date"] == [
        "请填写省评委会开始收审材料的日期。",
        "省级评委会只填写开始收审材料日期，开放和关闭时间按收审材料日期自动计算。",
    ]


def test_api_committees_open(client, django_assert_max_num_queries):
    series = Series.objects.create(name="测试系列", number=901)
    a = factories.make_committee(number=1)
    b = factories.make_committee(number=2)
    factories.make_committee(number=3)  # no window
    CommitteeCoverage.objects.create(committee=a, series=series, level=Level.INTERMEDIATE)
    window_now(a, before=timedelta(hours=1), after=timedelta(hours=2))
    window_now(b, before=timedelta(hours=1), after=timedelta(hours=3))
    headers = bearer(factories.make_applicant())
    body = client.get(OPEN_API, **headers).json()
    assert [c["id"] for c in body] == [a.pk, b.pk]
    assert body[0]["closes_at"].endswith("+08:00") and body[0]["organiser"] == a.organiser.name
    body = client.get(OPEN_API, {"series": series.pk, "level": "intermediate"}, **headers).json()
    assert [c["id"] for c in body] == [a.pk]
    response = client.get(OPEN_API, {"series": "abc", "level": "boss"}, **headers)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"series", "level"}
    assert client.get(OPEN_API).status_code == 401
