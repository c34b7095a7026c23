"""What the applicant sees after a return (the checklist with 去完善 links and the deadline, rule 5)
and after the final electronic approval (what to print and the order of stamps, rule 24)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import StepKind
from applications.state import application_return
from orgs.models import Ownership
from tests.html import unlabelled_controls

from .helpers import page_text
from .review_factories import ITEMS, OPINION, current_reviewer, in_days, make_submitted
from .test_review_transitions import walk

COVER = reverse("applications:cover")
HISTORY = reverse("applications:history")

pytestmark = pytest.mark.django_db


def returned_application(**window):
    application = make_submitted(**window)
    application_return(
        application_id=application.pk,
        actor=current_reviewer(application),
        opinion="请按以下内容一次性修改完善。",
        items=[
            *ITEMS,
            {"section": "basic", "comment": "手机号码有误。"},
            {"section": "cover", "comment": "评委会选错。"},
        ],
        deadline=in_days(7),
        confirm_late=True,
    )
    return application


@pytest.mark.parametrize("url", [COVER, HISTORY])
def test_after_a_return_the_checklist_links_each_item_and_shows_the_deadline(client, url):
    application = returned_application()
    client.force_login(application.applicant)
    response = client.get(url)
    html = response.content.decode()
    text = page_text(response)
    deadline = in_days(7)
    assert "返回修改：需修改完善的内容" in text
    day = f"{deadline.year}年{deadline.month}月{deadline.day}日"
    assert f"请于 {day} 24:00 前按以下内容修改完善并重新提交" in text
    assert "逾期未提交视为放弃" in text
    assert "请按以下内容一次性修改完善。" in text
    assert "缺少2024年度考核结果，请补充。" in text and "年度考核情况（近五年）" in text
    assert "附件：学历学位证书" in text and "学历证书扫描件不清晰，请重新上传。" in text
    assert html.count("去完善") >= 4
    assert f'href="{reverse("dossier:section", args=["annual_assessments"])}#entries"' in html
    assert f'href="{reverse("attachments:manage")}?kind=diploma"' in html
    assert f'href="{reverse("dossier:basic")}"' in html
    assert f'href="{reverse("applications:cover")}#cover"' in html
    assert "机会共 4 次，剩余 3 次" in text or url == HISTORY
    assert unlabelled_controls(html) == []


def test_the_applicant_is_told_when_the_window_closes_before_the_deadline(client):
    now = timezone.now()
    application = returned_application(opens_at=now - timedelta(days=2), closes_at=now + timedelta(days=1))
    client.force_login(application.applicant)
    text = page_text(client.get(COVER))
    assert "网上申报将于" in text and "截止后无法重新提交，请在截止前完成修改并提交" in text


@pytest.mark.parametrize("url", [COVER, HISTORY])
def test_after_the_final_approval_the_pages_say_what_to_print_and_the_order_of_stamps(client, url):
    application = make_submitted(ownership=Ownership.DISTRICT_STATE)
    walk(application)
    client.force_login(application.applicant)
    response = client.get(url)
    html = response.content.decode()
    text = page_text(response)
    assert "电子材料审核已通过：打印纸质材料并逐级审核盖章" in text
    assert "《专业技术职称申报评审表》：从系统导出后按正常大小100%打印" in text
    assert "承诺书" in text and "同时提交原件以供核验" in text
    assert "签署审核人员姓名、审核意见及审核日期，并加盖审核单位公章" in text
    unit = application.unit
    order = [
        f"单位审核： {unit.name} 审核并盖章",
        f"主管部门审核： {unit.department.name} 审核并盖章",
        f"县（市）区人社局审核： {unit.district.name} 审核并盖章",
        f"交至 {application.committee.name} （评委会电子材料审核）",
    ]
    positions = [text.index(line) for line in order]
    assert positions == sorted(positions)
    assert "通过（电子材料审核完成）" in text or url == COVER
    assert unlabelled_controls(html) == []
    if url == HISTORY:  # 申报记录 links the two documents to print (documents/)
        assert f"/documents/{application.pk}/review-form/" in html
        assert f"/documents/{application.pk}/pledge/" in html


def test_a_provincial_approval_ends_at_the_city_bureau_and_the_provincial_committee(client):
    application = make_submitted(ownership=Ownership.NON_PUBLIC, provincial=True)
    approved = walk(application)
    assert approved.status == "approved"
    client.force_login(application.applicant)
    text = page_text(client.get(HISTORY))
    assert "市人社局审核： 昆明市人力资源和社会保障局 审核并盖章" in text
    assert f"交至 {application.committee.name} （省评委会审核）" in text
    assert application.steps.filter(kind=StepKind.PROVINCIAL).exists()


def test_history_queries_stay_constant_with_returns_and_approvals(client, django_assert_max_num_queries):
    from applications.state import application_submit

    application = returned_application()
    user = application.applicant
    client.force_login(user)
    client.get(HISTORY)
    with django_assert_max_num_queries(14) as captured:
        client.get(HISTORY)
    baseline = len(captured)
    application_submit(application_id=application.pk, actor=user)
    application_return(
        application_id=application.pk,
        actor=current_reviewer(application),
        opinion=OPINION,
        items=ITEMS,
        deadline=in_days(3),
        confirm_late=True,
    )
    with django_assert_max_num_queries(baseline + 1):  # the window of the rule 6 note at most
        client.get(HISTORY)


def test_the_api_trail_gives_the_open_return(client):
    from accounts.auth import token_issue

    application = returned_application()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token_issue(user=application.applicant)}"}
    body = client.get(f"/api/v1/applications/{application.pk}", **headers).json()
    assert body["status"] == "returned" and body["returns_remaining"] == 3
    assert body["open_return"]["deadline"] == in_days(7).isoformat()
    assert body["open_return"]["items"][0] == {
        "section": "annual_assessments",
        "label": "年度考核情况（近五年）",
        "comment": "缺少2024年度考核结果，请补充。",
        "url": f"{reverse('dossier:section', args=['annual_assessments'])}#entries",
    }
    other = make_submitted()
    body = client.get(
        f"/api/v1/applications/{other.pk}",
        HTTP_AUTHORIZATION=f"Bearer {token_issue(user=other.applicant)}",
    ).json()
    assert body["open_return"] is None


def test_return_requests_are_read_only_in_the_admin(admin_client):
    application = returned_application()
    request = application.return_requests.get()
    assert admin_client.get(reverse("admin:applications_returnrequest_changelist")).status_code == 200
    change = reverse("admin:applications_returnrequest_change", args=[request.pk])
    assert admin_client.get(change).status_code == 200
    assert admin_client.post(change, {"deadline": "2030-01-01"}).status_code == 403
    assert admin_client.get(reverse("admin:applications_returnrequest_add")).status_code == 403
    delete = reverse("admin:applications_returnrequest_delete", args=[request.pk])
    assert admin_client.get(delete).status_code == 403
    request.refresh_from_db()
    assert request.deadline == in_days(7)
