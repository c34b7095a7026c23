"""The review queue (申报审核 / 单位审核): tabs, filters, search, sorting, pagination, counts, masked
ID numbers, labels, and a constant number of queries however many applications there are."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from applications.models import ApplicationStatus, StepKind
from applications.state import application_reset
from applications.tests.factories import make_open_committee, make_series
from catalog.models import Level
from core.validators import mask_id_number
from tests.html import unlabelled_controls

from .factories import advance_to, bulk_in_review, make_world, pass_step, populate, return_now, submit

pytestmark = pytest.mark.django_db


def rows(response) -> list[dict]:
    assert response.status_code == 200, response.content[:500]
    return response.context["rows"]


def names(response) -> list[str]:
    return [row["name"] for row in rows(response)]


@pytest.fixture
def world(db):
    return populate(make_world("滇"))


def test_tabs_and_counts_for_a_unit(client, world):
    client.force_login(world.unit_admin)
    response = client.get("/reviews/")
    html = response.content.decode()
    assert "单位审核" in html and "待审核（1）" in html and "已审核（3）" in html
    assert names(response) == ["滇甲"]
    assert set(names(client.get("/reviews/", {"tab": "handled"}))) == {"滇乙", "滇丙", "滇戊"}
    assert response.context["counts"] == {"pending": 1, "handled": 3, "selected": 1}
    # Per-status counts of the whole scope are on the 工作台 (审核概况), by committee.
    home = client.get("/accounts/").content.decode()
    assert "待审核 <strong>1</strong> 份" in home and "已审核 <strong>3</strong> 份" in home
    assert "审核中 3" in home and "返回修改 1" in home and "共 <strong>4</strong> 份" in home
    # The pending row links to 申报表, 审核记录 and 审核; handled rows have no 审核 link.
    app = world.apps["at_unit"]
    assert f'href="/reviews/{app.pk}/"' in html and f'href="/reviews/{app.pk}/#trail"' in html
    assert f'href="/reviews/{app.pk}/#act"' in html
    handled = client.get("/reviews/", {"tab": "handled"}).content.decode()
    assert "#act" not in handled.split("<tbody>")[1]


def test_tabs_for_each_reviewer(client, world):
    cases = [
        (world.department_reviewer, ["滇乙"], {"滇丙", "滇戊"}),
        (world.district_reviewer, ["滇丙"], {"滇丁"}),
        (world.committee_office, ["滇丁"], set()),
        (world.unit2_admin, [], {"滇丁"}),
    ]
    for user, pending, handled in cases:
        client.force_login(user)
        assert names(client.get("/reviews/")) == pending, user.role
        assert set(names(client.get("/reviews/", {"tab": "handled"}))) == handled, user.role
        assert "申报审核" in client.get("/reviews/").content.decode()


def test_a_reset_application_stays_visible_to_its_unit(client, world):
    app = world.apps["at_unit"]
    application_reset(
        application_id=app.pk, actor=world.unit_admin, opinion="单位选错，请重新选择单位后申报。"
    )
    client.force_login(world.unit_admin)
    handled = client.get("/reviews/", {"tab": "handled"})
    assert "滇甲" in names(handled)
    assert client.get(f"/reviews/{app.pk}/").status_code == 200
    assert "已重置（草稿） 1" in client.get("/accounts/").content.decode()


def test_search_by_name_or_exact_id_number(client, world):
    client.force_login(world.department_reviewer)
    assert names(client.get("/reviews/", {"tab": "handled", "q": "丙"})) == ["滇丙"]
    number = world.applicants["at_district"].id_number
    assert names(client.get("/reviews/", {"tab": "handled", "q": number})) == ["滇丙"]
    assert names(client.get("/reviews/", {"tab": "handled", "q": number.lower()})) == ["滇丙"]
    # Part of an ID number is not a name search and finds nothing.
    assert names(client.get("/reviews/", {"tab": "handled", "q": number[:10]})) == []


def test_search_takes_a_full_width_id_number_and_says_when_one_cannot_exist(client, world):
    client.force_login(world.department_reviewer)
    number = world.applicants["at_district"].id_number
    wide = "".join(chr(ord(c) + 0xFEE0) for c in number)  # typed with a Chinese input method
    assert names(client.get("/reviews/", {"tab": "handled", "q": f" {wide} "})) == ["滇丙"]
    response = client.get("/reviews/", {"tab": "handled", "q": "539999198001010000"})
    assert response.status_code == 200 and "地区码 539999 不存在" in response.content.decode()
    # A NUL character is dropped (PostgreSQL refuses one in a query), never a 500; the API alike.
    assert names(client.get("/reviews/", {"tab": "handled", "q": "丙\x00"})) == ["滇丙"]
    api = client.get("/api/v1/reviews/", {"tab": "handled", "q": "539999198001010000"})
    assert api.status_code == 400 and "539999" in str(api.json())


def test_filters(client, world):
    client.force_login(world.district_reviewer)
    handled = {"tab": "handled"}
    assert names(client.get("/reviews/", {**handled, "committee": world.committee.pk})) == ["滇丁"]
    assert names(client.get("/reviews/", {**handled, "series": world.series.pk})) == ["滇丁"]
    assert names(client.get("/reviews/", {**handled, "level": Level.INTERMEDIATE})) == ["滇丁"]
    assert names(client.get("/reviews/", {**handled, "level": Level.SENIOR_FULL})) == []
    assert names(client.get("/reviews/", {**handled, "status": "in_review"})) == ["滇丁"]
    assert names(client.get("/reviews/", {**handled, "status": "approved"})) == []
    assert names(client.get("/reviews/", {**handled, "unit": world.unit2.pk})) == ["滇丁"]
    assert names(client.get("/reviews/", {**handled, "unit": "科技"})) == ["滇丁"]
    assert names(client.get("/reviews/", {**handled, "unit": world.unit.pk})) == []
    assert names(client.get("/reviews/", {**handled, "district": world.district.pk})) == ["滇丁"]
    assert names(client.get("/reviews/", {**handled, "year": world.apps["at_committee"].year})) == ["滇丁"]
    assert names(client.get("/reviews/", {**handled, "year": 2021})) == []
    # Filters also narrow the counts (except status).
    response = client.get("/reviews/", {"year": 2021})
    assert response.context["counts"]["pending"] == 0 and response.context["counts"]["handled"] == 0


def test_a_unit_has_no_unit_or_district_filter(client, world):
    client.force_login(world.unit_admin)
    html = client.get("/reviews/").content.decode()
    assert 'name="unit"' not in html and 'name="district"' not in html
    client.force_login(world.district_reviewer)
    html = client.get("/reviews/").content.decode()
    assert 'name="unit"' in html and 'name="district"' in html


def test_wrong_filter_values_are_explained_in_chinese(client, world):
    client.force_login(world.department_reviewer)
    response = client.get("/reviews/", {"year": "明年", "committee": "x", "level": "master", "sort": "age"})
    assert response.status_code == 200
    html = response.content.decode()
    for message in ("申报年度应为编号。", "评委会应为编号。", "申报层级不正确。", "排序方式不正确。"):
        assert message in html
    # The queue is still shown, without the filters.
    assert names(response) == ["滇乙"]
    api = client.get("/api/v1/reviews/", {"year": "明年", "status": "done"})
    assert api.status_code == 400
    assert api.json()["errors"] == {"year": ["申报年度应为编号。"], "status": ["状态不正确。"]}


def test_sorting(client, db):
    world = make_world("序")
    for name in ("王五", "李四", "张三"):
        advance_to(world, submit(world, name=name), StepKind.DEPARTMENT)
    other_series = make_series()
    other = make_open_committee(
        other_series, Level.INTERMEDIATE, name="A测试评委会", organiser=world.department
    )
    advance_to(world, submit(world, committee=other, series=other_series, name="赵六"), StepKind.DEPARTMENT)
    client.force_login(world.department_reviewer)
    assert names(client.get("/reviews/")) == ["赵六", "张三", "李四", "王五"]  # newest first
    assert names(client.get("/reviews/", {"sort": "submitted_at"})) == ["王五", "李四", "张三", "赵六"]
    by_name = names(client.get("/reviews/", {"sort": "name"}))
    assert by_name == sorted(by_name) and names(client.get("/reviews/", {"sort": "-name"})) == by_name[::-1]
    assert names(client.get("/reviews/", {"sort": "committee"}))[0] == "赵六"
    assert names(client.get("/reviews/", {"sort": "-committee"}))[-1] == "赵六"


def test_waiting_rows_in_the_order_they_arrived_and_handled_rows_by_when(client, db):
    world = make_world("序")
    early = submit(world, name="先交")
    late = submit(world, name="后交")
    advance_to(world, late, StepKind.DEPARTMENT)  # reaches the department first
    advance_to(world, early, StepKind.DEPARTMENT)
    client.force_login(world.department_reviewer)
    waiting = client.get("/reviews/")
    assert names(waiting) == ["先交", "后交"]  # 送达时间, newest first
    assert [r["queue_time"] for r in rows(waiting)] == sorted(
        (r["queue_time"] for r in rows(waiting)), reverse=True
    )
    assert names(client.get("/reviews/", {"sort": "time"})) == ["后交", "先交"]
    assert names(client.get("/reviews/", {"sort": "-submitted_at"})) == ["后交", "先交"]
    html = waiting.content.decode()
    assert "送达时间（新→旧）" in html and ">送达时间</th>" in html
    # 已审核: by the time the department decided, the last decision first.
    pass_step(world, early)
    pass_step(world, late)
    handled = client.get("/reviews/", {"tab": "handled"})
    assert names(handled) == ["后交", "先交"]
    assert "办理时间（新→旧）" in handled.content.decode() and ">办理时间</th>" in handled.content.decode()
    assert names(client.get("/reviews/", {"tab": "handled", "sort": "time"})) == ["先交", "后交"]


def test_an_application_decided_twice_is_one_handled_row(client, db):
    from datetime import timedelta

    from django.utils import timezone

    world = make_world("复")
    application = advance_to(world, submit(world, name="两次"), StepKind.DEPARTMENT)
    return_now(world, application, deadline=timezone.localdate() + timedelta(days=10))
    from applications.state import application_submit

    application_submit(application_id=application.pk, actor=application.applicant)
    client.force_login(world.department_reviewer)
    assert names(client.get("/reviews/", {"tab": "handled"})) == ["两次"]
    # Back at the department: waiting again, so no longer among the handled.
    advance_to(world, application, StepKind.DEPARTMENT)
    assert names(client.get("/reviews/")) == ["两次"]
    assert names(client.get("/reviews/", {"tab": "handled"})) == []
    pass_step(world, application)
    handled = client.get("/reviews/", {"tab": "handled"})
    assert names(handled) == ["两次"] and handled.context["counts"]["handled"] == 1


def test_the_workbench_counts_every_status_by_committee(client, world):
    client.force_login(world.district_reviewer)
    home = client.get("/accounts/")
    summary = home.context["summary"]
    assert (summary["pending"], summary["handled"], summary["total"]) == (1, 1, 2)
    assert summary["rows"][0]["name"] == world.committee.name and summary["rows"][0]["total"] == 2
    assert "审核概况" in home.content.decode() and "统计时间" in home.content.decode()
    assert client.get("/accounts/", {"year": "all"}).context["summary"]["total"] == 2
    assert client.get("/accounts/", {"year": "2021"}).context["summary"]["total"] == 0
    assert client.get("/accounts/", {"year": "abc"}).context["summary"]["chosen"] == summary["chosen"]
    # Applicants and support have no 审核概况.
    client.force_login(world.applicants["at_unit"])
    assert "summary" not in client.get("/accounts/").context


def test_id_numbers_are_masked_in_lists(client, world):
    client.force_login(world.unit_admin)
    response = client.get("/reviews/")
    number = world.applicants["at_unit"].id_number
    html = response.content.decode()
    assert number not in html and mask_id_number(number) in html
    api = client.get("/api/v1/reviews/").json()
    assert api["results"][0]["id_number"] == mask_id_number(number)


def test_pagination_keeps_the_filters(client, db):
    world = make_world("页")
    bulk_in_review(world, 45, at=StepKind.DEPARTMENT)
    client.force_login(world.department_reviewer)
    first = client.get("/reviews/", {"q": "批量"})
    assert len(rows(first)) == 20 and "第 1 / 3 页" in first.content.decode()
    assert "page=2" in first.content.decode() and "q=%E6%89%B9%E9%87%8F" in first.content.decode()
    third = client.get("/reviews/", {"q": "批量", "page": 3})
    assert len(rows(third)) == 5
    api = client.get("/api/v1/reviews/", {"page": 2, "page_size": 40}).json()
    assert (api["count"], api["page"], api["num_pages"], len(api["results"])) == (45, 2, 2, 5)


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_queue_takes_a_constant_number_of_queries(client, db, django_assert_max_num_queries):
    world = make_world("量")
    bulk_in_review(world, 3, at=StepKind.DEPARTMENT)
    client.force_login(world.department_reviewer)
    filtered = {"q": "批量", "year": world.committee.windows.first().year, "sort": "name"}
    client.get("/reviews/")  # warm-up: the first request of a session loads more than the page
    few = [_queries(client, "/reviews/"), _queries(client, "/reviews/", filtered)]
    few_api = _queries(client, "/api/v1/reviews/")
    bulk_in_review(world, 220, at=StepKind.DEPARTMENT)
    bulk_in_review(world, 30, at=StepKind.DISTRICT)
    many = [_queries(client, "/reviews/"), _queries(client, "/reviews/", filtered)]
    assert many == few
    assert _queries(client, "/api/v1/reviews/") == few_api
    with django_assert_max_num_queries(12):
        assert len(rows(client.get("/reviews/", {"tab": "handled"}))) == 20
    with django_assert_max_num_queries(12):
        client.get("/api/v1/reviews/", {"tab": "handled", "page_size": 100})
    client.force_login(world.unit_admin)
    with django_assert_max_num_queries(12):
        assert client.get("/reviews/", {"tab": "handled"}).context["counts"]["handled"] == 253


def test_every_control_on_the_queue_has_a_label(client, world):
    for user in (world.unit_admin, world.department_reviewer, world.committee_office):
        client.force_login(user)
        for tab in ("pending", "handled"):
            html = client.get("/reviews/", {"tab": tab}).content.decode()
            assert unlabelled_controls(html) == [], (user.role, tab)


def test_the_queue_is_not_for_applicants_or_support(client, world):
    from tests.factories import make_support

    for user in (world.applicants["at_unit"], make_support()):
        client.force_login(user)
        assert client.get("/reviews/").status_code == 404
        assert client.get("/reviews/export/").status_code == 404
        response = client.get("/api/v1/reviews/")
        assert response.status_code == 403 and response.json()["detail"] == "申报审核只对审核单位开放。"


def test_status_filter_for_approved_and_rejected(client, world):
    from applications.state import application_reject

    app = world.apps["at_committee"]
    application_reject(application_id=app.pk, actor=world.committee_office, opinion="不符合申报条件。")
    client.force_login(world.committee_office)
    handled = client.get("/reviews/", {"tab": "handled", "status": ApplicationStatus.REJECTED})
    assert names(handled) == ["滇丁"]
    assert "已审核（1）" in handled.content.decode() and handled.context["counts"]["selected"] == 1
    assert names(client.get("/reviews/", {"tab": "handled", "status": ApplicationStatus.APPROVED})) == []
    assert "不通过 1" in client.get("/accounts/").content.decode()


def test_filters_follow_the_cover_of_the_latest_submission(client, db):
    from applications.services import application_save_cover
    from applications.state import application_submit
    from applications.tests.factories import cover_values

    world = make_world("改")
    application = advance_to(world, submit(world, name="改封面"), StepKind.DEPARTMENT)
    application_reset(application_id=application.pk, actor=world.department_reviewer, opinion="评委会选错。")
    other = make_open_committee(
        world.series, Level.INTERMEDIATE, name="B测试评委会", organiser=world.department
    )
    application_save_cover(
        user=application.applicant, application_id=application.pk, **cover_values(other, world.series)
    )
    application_submit(application_id=application.pk, actor=application.applicant)
    client.force_login(world.unit_admin)  # passed it before the reset: 已审核 (and waiting again)
    assert names(client.get("/reviews/", {"committee": other.pk})) == ["改封面"]
    assert names(client.get("/reviews/", {"committee": world.committee.pk})) == []
    client.force_login(world.department_reviewer)  # reset it: 已审核, under the new committee
    assert names(client.get("/reviews/", {"tab": "handled", "committee": other.pk})) == ["改封面"]
    assert names(client.get("/reviews/", {"tab": "handled", "committee": world.committee.pk})) == []


def test_a_name_corrected_by_support_is_found_by_the_new_name(client, db):
    from applications.services import applicant_renamed

    world = make_world("名")
    application = submit(world, name="旧名字")
    applicant = application.applicant
    applicant.name = "新名字"
    applicant.save(update_fields=["name"])
    applicant_renamed(user=applicant)
    client.force_login(world.unit_admin)
    assert names(client.get("/reviews/", {"q": "新名"})) == ["新名字"]
    assert names(client.get("/reviews/", {"q": "旧名"})) == []
