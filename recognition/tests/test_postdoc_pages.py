"""博士后认定 on the pages: choosing the kind on 职称申报 shows its form with question 13's words,
messages next to the fields with nothing typed lost, save → 申报 (the missing attachments) → 提交,
申报记录 and the status line naming the kind and its office; another applicant and a unit admin
neither see nor change it."""

from __future__ import annotations

import pytest

from accounts.models import Role
from applications.models import PROVINCE_NAME, Application, ApplicationKind, ApplicationStatus
from applications.state import application_pass
from applications.tests.factories import add_attachment, city_bureau, make_series
from applications.tests.helpers import page_text
from applications.tests.review_factories import OPINION, complete_unit_step, current_reviewer
from attachments.models import AttachmentKind
from orgs.models import Ownership
from rules.facts import POSTDOC_ACHIEVEMENT_PROBLEM
from tests import factories

from .postdoc_factories import make_postdoc, postdoc_values, submitted_postdoc

pytestmark = pytest.mark.django_db
COVER = "/applications/"
QUESTION_13 = (
    "企业博士后获得中国博士后科学基金资助或主持省部级以上科研项目，"
    "出站后继续留在企业的，可直接认定副高级职称。"
)


def test_choosing_postdoc_shows_its_form_and_keeps_what_was_typed(client):
    user = make_postdoc()
    series = make_series()
    client.force_login(user)
    # On the promotion cover, 申报类别 博士后认定 switches to the postdoc form.
    response = client.post(
        COVER, {"kind": "postdoc", "series_id": series.pk, "specialty": "材料工程", "action": "save"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="postdoc-form"' in html and 'name="committee_id"' not in html
    assert 'value="材料工程"' in html and f'<option value="{series.pk}" selected>' in html
    text = page_text(response)
    assert QUESTION_13 in text and "博士后出站证明" in text
    # Errors next to the fields, the input kept.
    response = client.post(
        f"{COVER}?kind=postdoc",
        {
            "form": "postdoc",
            **postdoc_values(series=series, funded="no", led_project="no", exit_on="2025-02-30"),
            "action": "save",
        },
    )
    text = page_text(response)
    assert "出站日期格式应为 YYYY-MM-DD" in text and POSTDOC_ACHIEVEMENT_PROBLEM in text
    assert 'value="昆明测试科技有限公司博士后科研工作站"' in response.content.decode()
    assert not Application.objects.exists()


def test_the_kind_list_names_the_new_kind(client):
    user = make_postdoc()
    client.force_login(user)
    html = client.get(COVER).content.decode()
    assert '<option value="postdoc">博士后认定</option>' in html


def test_save_then_check_and_submit(client):
    user = make_postdoc(attachments=False)
    client.force_login(user)
    response = client.post(f"{COVER}?kind=postdoc", {"form": "postdoc", "action": "save", **postdoc_values()})
    assert response.status_code == 302
    application = Application.objects.get(applicant=user)
    assert application.kind == ApplicationKind.POSTDOC
    page = client.get(response["Location"].split("#")[0])
    html = page.content.decode()
    assert 'id="postdoc-form"' in html and 'value="2023M731234"' in html
    assert '<option value="yes" selected>是</option>' in html
    assert f"认定机关：{PROVINCE_NAME}" in page_text(page)
    checked = page_text(client.get(f"{COVER}?year={application.year}&kind=postdoc&check=1"))
    assert f"请在附件管理中上传“{AttachmentKind.POSTDOC_CERTIFICATE.label}”。" in checked
    assert f"请在附件管理中上传“{AttachmentKind.POSTDOC_ACHIEVEMENT.label}”。" in checked
    assert "尚有 2 项未完成" in checked
    add_attachment(user, AttachmentKind.POSTDOC_CERTIFICATE)
    add_attachment(user, AttachmentKind.POSTDOC_ACHIEVEMENT)
    checked = client.get(f"{COVER}?year={application.year}&kind=postdoc&check=1")
    assert "申报材料已填写完整，可以提交。" in page_text(checked)
    submitted = client.post("/applications/submit/", {"application_id": application.pk})
    assert submitted.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW
    history = page_text(client.get("/applications/history/"))
    assert f"博士后认定（{PROVINCE_NAME}）" in history
    # Submitted: the form is replaced by its status.
    page = page_text(client.get(f"{COVER}?kind=postdoc"))
    assert "该博士后认定已提交（审核中），不能修改。" in page


def test_the_check_shows_a_condition_no_longer_met(client):
    user = make_postdoc()
    client.force_login(user)
    client.post(f"{COVER}?kind=postdoc", {"form": "postdoc", "action": "save", **postdoc_values()})
    application = Application.objects.get(applicant=user)
    application.postdoc.__class__.objects.filter(pk=application.postdoc.pk).update(stays=False)
    checked = page_text(client.get(f"{COVER}?year={application.year}&kind=postdoc&check=1"))
    assert "不符合申报条件" in checked and "须出站后继续留在企业工作。" in checked
    assert "可以提交" not in checked


def test_another_applicant_neither_sees_nor_changes_it(client):
    owner = make_postdoc()
    client.force_login(owner)
    client.post(f"{COVER}?kind=postdoc", {"form": "postdoc", "action": "save", **postdoc_values()})
    application = Application.objects.get(applicant=owner)
    stranger = make_postdoc()
    client.force_login(stranger)
    page = client.get(f"{COVER}?kind=postdoc")
    assert "2023M731234" not in page.content.decode()
    response = client.post(
        f"{COVER}?kind=postdoc",
        {
            "form": "postdoc",
            "action": "save",
            **postdoc_values(specialty="冶金"),
            "application_id": application.pk,
        },
    )
    assert response.status_code == 404
    assert client.post("/applications/submit/", {"application_id": application.pk}).status_code == 404
    application.refresh_from_db()
    assert application.specialty == "材料工程" and application.status == ApplicationStatus.DRAFT
    client.force_login(factories.make_unit_admin(unit=owner.organisation))
    assert client.get(f"{COVER}?kind=postdoc").status_code == 404


def test_approved_on_the_city_reviewers_pages_and_then_the_applicants(client):
    user = make_postdoc(ownership=Ownership.NON_PUBLIC)
    application = submitted_postdoc(user)
    complete_unit_step(application)
    for _ in range(3):  # unit, district office, city bureau
        application = application_pass(
            application_id=application.pk, actor=current_reviewer(application), opinion=OPINION
        )
    city = factories.make_user(role=Role.CITY_REVIEWER, organisation=city_bureau())
    client.force_login(city)
    label = f"博士后认定（{PROVINCE_NAME}）"
    assert label in page_text(client.get("/reviews/"))
    detail = client.get(f"/reviews/{application.pk}/")
    assert detail.status_code == 200 and PROVINCE_NAME in page_text(detail)
    application = application_pass(application_id=application.pk, actor=city, opinion=OPINION)
    assert application.status == ApplicationStatus.APPROVED
    client.force_login(user)
    text = page_text(client.get(COVER))
    assert "博士后认定已通过" in text
    dossier = page_text(client.get("/dossier/section/current_titles/"))
    assert f"{PROVINCE_NAME}认定（企业博士后直接认定副高级）" in dossier
