"""The 职称申报 and 申报记录 pages: labels, dependent selects (htmx and 刷新选项), 保存封面, 申报
with 去完善 links, 提交 with the rule 20 warning, the status indicator, the trail."""

from __future__ import annotations

import pytest
from django.urls import reverse

from applications.models import Application, ApplicationStatus, ReviewEvent
from applications.services import application_save_cover
from attachments.models import Attachment
from catalog.models import Level
from orgs.models import CommitteePlan
from orgs.windows import current_year
from tests import factories
from tests.html import unlabelled_controls

from .factories import cover_values, make_open_committee, make_ready_applicant, make_series
from .helpers import page_text, return_application

COVER = reverse("applications:cover")
HISTORY = reverse("applications:history")
OPTIONS = reverse("applications:cover_options")
SUBMIT = reverse("applications:submit")


def form_data(committee, series, **changes):
    values = cover_values(committee, series, **changes)
    return {k: ("" if v is None else str(v)) for k, v in values.items()}


@pytest.fixture
def signed_in(client, applicant):
    client.force_login(applicant)
    return client


@pytest.mark.django_db
def test_the_cover_page_has_every_label_and_no_unlabelled_control(signed_in, committee, series):
    response = signed_in.get(COVER)
    assert response.status_code == 200
    text = page_text(response)
    for label in (
        "个人申报",
        "申报年度",
        "申报类别",
        "系列",
        "方向",
        "申报层级",
        "申报专业",
        "评审委员会",
        "保存封面",
        "刷新选项",
    ):
        assert label in text
    assert "尚未申报" in text
    assert "工作单位" in text
    assert unlabelled_controls(response.content.decode()) == []
    assert f'hx-get="{OPTIONS}"' in response.content.decode()


@pytest.mark.django_db
def test_save_cover_then_check_then_submit(signed_in, applicant, committee, series):
    response = signed_in.post(COVER, {**form_data(committee, series), "action": "save"})
    assert response.status_code == 302
    application = Application.objects.get(applicant=applicant)
    page = signed_in.get(response["Location"].split("#")[0])
    text = page_text(page)
    assert "封面已保存" in text and "草稿" in text
    assert "点击“申报”可查看未完成填写材料项，点击右侧去完善可跳转至该项信息填写处" in text
    assert unlabelled_controls(page.content.decode()) == []

    checked = signed_in.get(COVER, {"year": application.year, "check": "1"})
    text = page_text(checked)
    assert "申报材料已填写完整，可以提交" in text
    assert "返回修改和重置流程的机会总共为4次，请检查信息确认无误后在提交" in text
    assert "本年度剩余 4 次" in text
    assert f'action="{SUBMIT}"' in checked.content.decode()

    done = signed_in.post(SUBMIT, {"application_id": application.pk}, follow=True)
    assert done.redirect_chain[-1][0] == HISTORY
    assert "申报已提交，当前环节：单位审核" in page_text(done)
    again = signed_in.post(SUBMIT, {"application_id": application.pk}, follow=True)
    assert "已提交：该申报已在审核中，请勿重复提交" in page_text(again)
    assert ReviewEvent.objects.filter(application=application).count() == 1


@pytest.mark.django_db
def test_the_check_lists_every_missing_item_with_its_link_and_no_submit_button(
    signed_in, applicant, committee, series
):
    application = application_save_cover(user=applicant, **cover_values(committee, series))
    Attachment.objects.filter(owner=applicant, kind__in=["diploma", "pledge"]).delete()
    response = signed_in.get(COVER, {"year": application.year, "check": "1"})
    html = response.content.decode()
    text = page_text(response)
    assert "尚有 2 项未完成" in text
    assert "请在附件管理中上传“学历学位证书”。" in text
    assert html.count(">去完善</a>") == 2
    assert 'href="/attachments/?kind=diploma"' in html
    # The pledge: where to download it (the block #pledge of this page, issue 11.3).
    assert (
        f'href="{COVER}?year={application.year}&amp;kind=promotion#pledge"' in html and 'id="pledge"' in html
    )
    assert f'action="{SUBMIT}"' not in html
    assert unlabelled_controls(html) == []


@pytest.mark.django_db
def test_errors_show_next_to_the_fields_and_keep_the_input(signed_in, committee, series):
    response = signed_in.post(
        COVER, {**form_data(committee, series, specialty="", level=""), "action": "save"}
    )
    assert response.status_code == 200
    text = page_text(response)
    assert "请填写申报专业。" in text and "请选择" in text
    assert f'value="{series.pk}" selected' in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_refresh_without_javascript_updates_the_choices_and_saves_nothing(signed_in, committee, series):
    other = make_series(tracks=("记者", "编辑"))
    response = signed_in.post(COVER, {"series_id": other.pk, "action": "refresh", "year": current_year()})
    assert response.status_code == 200
    html = response.content.decode()
    assert ">记者</option>" in html and ">编辑</option>" in html
    assert not Application.objects.exists()
    assert "请填写申报专业" not in page_text(response)  # a refresh is not a save


@pytest.mark.django_db
def test_htmx_options_follow_series_track_level_and_committee(signed_in, committee, series):
    response = signed_in.get(
        OPTIONS, {"year": current_year(), "series_id": series.pk}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200 and html.strip().startswith('<div id="cover-fields">')
    assert committee.name not in html  # no level chosen yet
    response = signed_in.get(
        OPTIONS,
        {"year": current_year(), "series_id": series.pk, "level": Level.INTERMEDIATE},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert committee.name in html and "工程师" in page_text(response)
    # a level no open committee covers: the seed's note
    response = signed_in.get(
        OPTIONS,
        {"year": current_year(), "series_id": series.pk, "level": Level.SENIOR_FULL},
        HTTP_HX_REQUEST="true",
    )
    assert "找不到申报专业对应的评委会" in page_text(response)
    assert unlabelled_controls(response.content.decode()) == []


@pytest.mark.django_db
def test_the_cover_shows_age_and_service_at_the_committee_month(signed_in, applicant, committee, series):
    CommitteePlan.objects.create(committee=committee, year=current_year(), month=12)
    application_save_cover(user=applicant, **cover_values(committee, series))
    text = page_text(signed_in.get(COVER))
    assert f"{current_year()}年12月" in text
    assert "年龄" in text and "从事专业技术工作年限" in text
    expected_age = current_year() - 1985 - 1  # born 1985-03-12 → months to 31 December
    assert f"{expected_age + 1}周岁9个月" in text


@pytest.mark.django_db
def test_the_history_page_shows_the_route_the_current_step_and_every_event(
    signed_in, applicant, committee, series
):
    from applications.state import application_submit

    application = application_save_cover(user=applicant, **cover_values(committee, series))
    application_submit(application_id=application.pk, actor=applicant)
    return_application(application, opinion="请补充年度考核材料。")
    application_submit(application_id=application.pk, actor=applicant)
    response = signed_in.get(HISTORY)
    html = response.content.decode()
    text = page_text(response)
    assert "点击左侧菜单“申报记录”，可查看本次申报的具体流程到哪个环节" in text
    assert "审核中 当前环节： 单位审核" in text
    assert html.count('aria-current="step"') == 1
    assert "请补充年度考核材料。" in text and "返回修改" in text and "提交" in text
    assert applicant.organisation.name in text
    assert committee.name in text
    assert unlabelled_controls(html) == []


@pytest.mark.django_db
def test_history_queries_do_not_grow_with_applications(client, django_assert_max_num_queries, series):
    from applications.state import application_submit

    user = make_ready_applicant()
    client.force_login(user)
    for level in (Level.INTERMEDIATE, Level.ASSISTANT, Level.JUNIOR):
        committee = make_open_committee(series, level)
        application = application_save_cover(user=user, **cover_values(committee, series, level=level))
        application_submit(application_id=application.pk, actor=user)
    client.get(HISTORY)  # warm the session
    with django_assert_max_num_queries(12):
        assert client.get(HISTORY).status_code == 200


@pytest.mark.django_db
def test_a_returned_application_shows_its_status_and_locks_the_committee(
    signed_in, applicant, committee, series
):
    from applications.state import application_submit

    application = application_save_cover(user=applicant, **cover_values(committee, series))
    application_submit(application_id=application.pk, actor=applicant)
    return_application(application)
    text = page_text(signed_in.get(COVER))
    assert "返回修改" in text and "请按审核意见修改完善后重新提交" in text
    assert "机会共 4 次，剩余 3 次" in text
    assert "返回修改期间不能更换评委会" in text


@pytest.mark.django_db
def test_only_applicants_see_the_pages_and_only_their_own_applications(client, applicant, committee, series):
    assert client.get(COVER).status_code == 302  # to the login page
    client.force_login(factories.make_support())
    assert client.get(COVER).status_code == 404
    assert client.get(HISTORY).status_code == 404
    application = application_save_cover(user=applicant, **cover_values(committee, series))
    client.force_login(make_ready_applicant())
    assert client.post(SUBMIT, {"application_id": application.pk}).status_code == 404
    assert client.get(OPTIONS, {"application_id": application.pk}).status_code == 404
    assert Application.objects.get().status == ApplicationStatus.DRAFT


@pytest.mark.django_db
def test_the_status_include_renders_for_the_dashboard(applicant, committee, series):
    from django.template.loader import render_to_string

    from applications.selectors import application_status_context
    from applications.state import application_submit

    html = render_to_string("applications/includes/status.html", application_status_context(user=applicant))
    assert "尚未申报" in html and "剩余 4 次" in html
    application = application_save_cover(user=applicant, **cover_values(committee, series))
    assert "草稿" in render_to_string(
        "applications/includes/status.html", application_status_context(user=applicant)
    )
    application_submit(application_id=application.pk, actor=applicant)
    html = render_to_string("applications/includes/status.html", application_status_context(user=applicant))
    assert "审核中" in html and "单位审核" in html and applicant.organisation.name in html
