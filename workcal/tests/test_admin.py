"""后台管理 → 工作日历: entering a year with its holidays and adjusted working days."""

from __future__ import annotations

from datetime import date

import pytest

from tests import factories
from workcal.models import CalendarDay, CalendarYear
from workcal.services import CalendarUnknown, is_workday

pytestmark = pytest.mark.django_db

ADD = "/admin/workcal/calendaryear/add/"
DAYS_2027 = "2027-10-01 休 国庆节\n2027-10-04 休 国庆节\n\n2027-09-26 班 国庆节调休上班\n"


@pytest.fixture
def admin_client(client):
    client.force_login(factories.make_support(is_superuser=True))
    return client


def test_changelists_explain_entering_the_next_year(admin_client):
    for url in ("/admin/workcal/calendaryear/", "/admin/workcal/calendarday/"):
        html = admin_client.get(url).content.decode()
        assert "系统内置2004–2026年的国务院节假日安排；2027年及以后的年份须在国务院办公厅公布" in html
    html = admin_client.get(ADD).content.decode()
    assert "节假日与调休上班日" in html and "法定节假日写“休”，周末调休上班写“班”" in html


def test_admin_enters_2027_then_it_counts(admin_client):
    with pytest.raises(CalendarUnknown):
        is_workday(date(2027, 10, 4))
    response = admin_client.post(ADD, {"year": "2027", "source": "国务院办公厅通知", "days": DAYS_2027})
    assert response.status_code == 302, response.content.decode()
    assert CalendarYear.objects.get().year == 2027
    assert list(CalendarDay.objects.values_list("date", "is_workday", "name")) == [
        (date(2027, 9, 26), True, "国庆节调休上班"),
        (date(2027, 10, 1), False, "国庆节"),
        (date(2027, 10, 4), False, "国庆节"),
    ]
    assert is_workday(date(2027, 10, 4)) is False
    assert is_workday(date(2027, 9, 26)) is True
    assert is_workday(date(2027, 10, 5)) is True  # not entered: a Tuesday works

    # Editing shows the lines back and replaces the set.
    year = CalendarYear.objects.get()
    change = f"/admin/workcal/calendaryear/{year.pk}/change/"
    html = admin_client.get(change).content.decode()
    assert "2027-09-26 班 国庆节调休上班" in html
    response = admin_client.post(change, {"year": "2027", "source": "更正", "days": "2027-10-05 休 国庆节"})
    assert response.status_code == 302
    assert list(CalendarDay.objects.values_list("date", flat=True)) == [date(2027, 10, 5)]
    html = admin_client.get("/admin/workcal/calendaryear/").content.decode()
    assert "2027" in html and "更正" in html


def test_admin_entry_errors_all_at_once_and_nothing_saved(admin_client):
    days = "2027-13-01 休 错误\n2026-10-01 休 国庆节\n2027-10-05 班 周二\n2027-10-01 放 国庆\n2027-10-01\n"
    html = admin_client.post(ADD, {"year": "2027", "source": "通知", "days": days}).content.decode()
    for message in (
        "第 1 行：日期“2027-13-01”格式应为 YYYY-MM-DD。",
        "第 2 行：2026年10月1日 不在2027年内。",
        "第 3 行：2027年10月5日 是星期二，本来就上班，只需录入周末调休上班的日期。",
        "第 4 行：“放”应为“休”（法定节假日）或“班”（调休上班）。",
        "第 5 行“2027-10-01”：应写成“日期 休/班 名称”，如 2027-10-01 休 国庆节。",
    ):
        assert message in html
    assert not CalendarYear.objects.exists() and not CalendarDay.objects.exists()


def test_duplicate_day_is_refused(admin_client):
    html = admin_client.post(
        ADD, {"year": "2027", "source": "通知", "days": "2027-10-01 休 国庆节\n2027-10-01 休 国庆节"}
    ).content.decode()
    assert "第 2 行：2027年10月1日 重复录入。" in html
    assert not CalendarYear.objects.exists()


def test_calendar_day_list_filters_and_search(admin_client):
    CalendarDay.objects.create(date=date(2027, 10, 1), is_workday=False, name="国庆节")
    CalendarDay.objects.create(date=date(2028, 1, 1), is_workday=False, name="元旦")
    html = admin_client.get("/admin/workcal/calendarday/", {"year": "2027"}).content.decode()
    assert "国庆节" in html and "元旦" not in html and "星期五" in html
    html = admin_client.get("/admin/workcal/calendarday/", {"q": "元旦"}).content.decode()
    assert "元旦" in html and "国庆节" not in html
    assert admin_client.get("/admin/workcal/calendarday/", {"is_workday__exact": "0"}).status_code == 200
