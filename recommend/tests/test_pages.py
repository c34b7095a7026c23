"""The unit admin's 基层意见 and 单位公示 pages, and the include the review page shows."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import Role
from applications.tests.factories import make_unit_admin
from applications.tests.helpers import page_text
from recommend.models import UnitPublicity, UnitRecommendation
from recommend.selectors import unit_step_context
from recommend.views import review_url
from tests import factories
from tests.html import unlabelled_controls

from .factories import RECOMMENDATION_VALUES, add_publicity, add_recommendation, move_past_unit_step

PUBLICITY = {
    "start_date": "2026-09-28",
    "end_date": "2026-10-09",
    "place": "单位公示栏",
    "result": "no_objection",
    "handling": "",
}


@pytest.fixture
def admin_client(client, unit_admin):
    client.force_login(unit_admin)
    return client


def urls(application):
    return (
        reverse("recommend:recommendation", args=[application.pk]),
        reverse("recommend:publicity", args=[application.pk]),
    )


def test_the_recommendation_form_has_the_seeds_labels_and_every_input_labelled(admin_client, application):
    response = admin_client.get(urls(application)[0])
    assert response.status_code == 200
    html = response.content.decode()
    text = page_text(response)
    for label in (
        "单位对申报人的相关专业技术工作评价",
        "推荐方式",
        "参与推荐的人员范围",
        "参与推荐人数",
        "推荐意见",
        "意见形成情况",
    ):
        assert label in text
    assert application.applicant.name in text and ">提交</button>" in html
    assert unlabelled_controls(html) == []


def test_the_publicity_form_is_labelled(admin_client, application):
    response = admin_client.get(urls(application)[1])
    assert response.status_code == 200
    text = page_text(response)
    for label in (
        "公示开始日期",
        "公示结束日期",
        "公示地点/方式",
        "公示结果",
        "无异议",
        "有异议，经核实不成立",
        "有异议，经核实成立",
        "异议处理情况",
    ):
        assert label in text
    assert unlabelled_controls(response.content.decode()) == []


def test_submitting_the_recommendation_goes_back_to_the_review_page(admin_client, application):
    response = admin_client.post(urls(application)[0], RECOMMENDATION_VALUES)
    assert response.status_code == 302
    assert response["Location"] == review_url(application.pk)
    assert UnitRecommendation.objects.get(application=application).participant_count == 9
    # The form shows the saved values again.
    response = admin_client.get(urls(application)[0])
    assert RECOMMENDATION_VALUES["formation"] in response.content.decode()


def test_next_is_followed_only_on_this_site(admin_client, application):
    url = urls(application)[1]
    response = admin_client.post(f"{url}?next=/reviews/?page=2", PUBLICITY)
    assert response.status_code == 302 and response["Location"] == "/reviews/?page=2"
    response = admin_client.post(url, {**PUBLICITY, "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == review_url(application.pk)


def test_errors_are_shown_next_to_the_fields_keeping_the_input(admin_client, application):
    response = admin_client.post(
        urls(application)[0], {**RECOMMENDATION_VALUES, "method": "", "participant_count": "九"}
    )
    assert response.status_code == 200
    text = page_text(response)
    assert "请填写推荐方式。" in text and "参与推荐人数应为整数。" in text
    assert RECOMMENDATION_VALUES["evaluation"] in response.content.decode()
    assert not UnitRecommendation.objects.exists()

    response = admin_client.post(
        urls(application)[1], {**PUBLICITY, "end_date": "2026-10-08", "result": "objection_handled"}
    )
    assert response.status_code == 200
    text = page_text(response)
    assert (
        "只有4个工作日" in text
        and "请填写异议处理情况。" in text
        and "单位公示栏" in response.content.decode()
    )
    assert not UnitPublicity.objects.exists()


def test_the_publicity_page_shows_the_working_days(admin_client, application):
    admin_client.post(urls(application)[1], PUBLICITY)
    text = page_text(admin_client.get(urls(application)[1]))
    assert "2026年9月28日至2026年10月9日" in text and "共 5 个工作日" in text


def test_other_people_get_404(client, application):
    department_reviewer = factories.make_user(
        role=Role.DEPARTMENT_REVIEWER, organisation=factories.make_department()
    )
    for actor in (make_unit_admin(factories.make_unit()), department_reviewer, application.applicant):
        client.force_login(actor)
        for url in urls(application):
            assert client.get(url).status_code == 404
            assert client.post(url, RECOMMENDATION_VALUES).status_code == 404
    assert not UnitRecommendation.objects.exists()
    client.logout()
    assert client.get(urls(application)[0]).status_code == 302  # to the login page


def test_after_the_unit_step_the_pages_are_read_only(admin_client, application):
    add_recommendation(application)
    move_past_unit_step(application)
    response = admin_client.get(urls(application)[0])
    assert response.status_code == 200
    text = page_text(response)
    assert "不在单位审核环节" in text and RECOMMENDATION_VALUES["opinion"] in text
    assert "<textarea" not in response.content.decode()
    response = admin_client.post(urls(application)[0], {**RECOMMENDATION_VALUES, "opinion": "改"})
    assert "不在单位审核环节" in page_text(response)
    assert UnitRecommendation.objects.get().opinion == RECOMMENDATION_VALUES["opinion"]


def test_the_include_for_the_editor_and_for_later_steps(rf, application, unit_admin):
    request = rf.get("/reviews/1/")
    request.user = unit_admin
    html = render_to_string(
        "recommend/includes/unit_step.html",
        unit_step_context(application=application, actor=unit_admin),
        request,
    )
    assert html.count("尚未填写") >= 2 and "单位审核通过前还需完成" in html
    assert reverse("recommend:recommendation", args=[application.pk]) in html
    assert "?next=/reviews/1/" in html

    add_recommendation(application)
    add_publicity(application)
    html = render_to_string(
        "recommend/includes/unit_step.html",
        unit_step_context(application=application, actor=unit_admin),
        request,
    )
    assert "可以审核通过" in html and "编辑基层意见" in html and "共 5 个工作日" in html

    move_past_unit_step(application)
    reviewer = factories.make_user(role=Role.DEPARTMENT_REVIEWER, organisation=factories.make_department())
    context = unit_step_context(application=application, actor=reviewer)
    assert context["can_edit"] is False
    html = render_to_string("recommend/includes/unit_step_readonly.html", context, request)
    assert RECOMMENDATION_VALUES["opinion"] in html and "无异议" in html
    assert "/recommend/" not in html and "单位审核通过前还需完成" not in html
