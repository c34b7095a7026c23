"""职称确认 on the pages: the confirmation form on 职称申报 (messages next to the fields, nothing typed
lost), save → 申报 → 提交, a 高级 confirmation on the city reviewer's pages with the province's
step, the approved title on 现有职称情况 (我能申报什么's link: paths/tests)."""

from __future__ import annotations

import pytest

from accounts.models import Role
from applications.models import PROVINCE_NAME, Application, ApplicationKind, ApplicationStatus
from applications.state import application_pass
from applications.tests.factories import city_bureau, make_series
from applications.tests.helpers import page_text
from applications.tests.review_factories import OPINION, complete_unit_step, current_reviewer
from attachments.models import AttachmentKind
from catalog.models import Level
from orgs.models import Ownership
from tests import factories

from .confirmation_factories import confirmation_values, make_transferee, submitted_confirmation

pytestmark = pytest.mark.django_db
COVER = "/applications/"


def test_choosing_confirmation_shows_its_form_and_keeps_what_was_typed(client):
    user = make_transferee()
    series = make_series()
    client.force_login(user)
    # On the promotion cover, 申报类别 职称确认 switches to the confirmation form.
    response = client.post(
        COVER, {"kind": "confirmation", "series_id": series.pk, "specialty": "软件工程", "action": "save"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="confirmation-form"' in html and 'name="committee_id"' not in html
    assert 'value="软件工程"' in html and f'<option value="{series.pk}" selected>' in html
    # Errors next to the fields, the input kept.
    response = client.post(
        f"{COVER}?kind=confirmation",
        {
            "form": "confirmation",
            **confirmation_values(series=series, exam_only="yes", transferred_on="2025-02-30"),
            "action": "save",
        },
    )
    text = page_text(response)
    assert "调入日期（聘用合同或劳动合同签订日期）格式应为 YYYY-MM-DD" in text
    assert "国家已实行以考代评的系列（专业）不再办理职称确认。" in text
    assert 'value="四川省工程技术中级职称评审委员会"' in response.content.decode()
    assert not Application.objects.exists()


def test_save_then_check_and_submit(client):
    user = make_transferee(assessment=False)
    client.force_login(user)
    response = client.post(
        f"{COVER}?kind=confirmation", {"form": "confirmation", "action": "save", **confirmation_values()}
    )
    assert response.status_code == 302
    application = Application.objects.get(applicant=user)
    assert application.kind == ApplicationKind.CONFIRMATION
    page = client.get(response["Location"].split("#")[0])
    assert 'id="confirmation-form"' in page.content.decode()
    assert 'value="SC2023-0001"' in page.content.decode()
    checked = page_text(client.get(f"{COVER}?year={application.year}&kind=confirmation&check=1"))
    assert f"请在附件管理中上传“{AttachmentKind.TRIAL_ASSESSMENT.label}”。" in checked
    from applications.tests.factories import add_attachment

    add_attachment(user, AttachmentKind.TRIAL_ASSESSMENT)
    checked = client.get(f"{COVER}?year={application.year}&kind=confirmation&check=1")
    assert "申报材料已填写完整，可以提交。" in page_text(checked)
    submitted = client.post("/applications/submit/", {"application_id": application.pk})
    assert submitted.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW
    history = page_text(client.get("/applications/history/"))
    assert f"职称确认（{city_bureau().name}）" in history


def test_a_senior_confirmation_on_the_city_reviewers_pages_and_then_the_applicants(client):
    user = make_transferee(ownership=Ownership.NON_PUBLIC)
    application = submitted_confirmation(user, level=Level.SENIOR_ASSOCIATE)
    complete_unit_step(application)
    for _ in range(3):  # unit, district office, city bureau
        application = application_pass(
            application_id=application.pk, actor=current_reviewer(application), opinion=OPINION
        )
    city = factories.make_user(role=Role.CITY_REVIEWER, organisation=city_bureau())
    client.force_login(city)
    label = f"职称确认（{PROVINCE_NAME}）"
    queue = page_text(client.get("/reviews/"))
    assert label in queue
    detail = page_text(client.get(f"/reviews/{application.pk}/"))
    assert PROVINCE_NAME in detail and "原职称" in detail and "SC2023-0001" in detail
    application = application_pass(application_id=application.pk, actor=city, opinion=OPINION)
    assert application.status == ApplicationStatus.APPROVED
    client.force_login(user)
    text = page_text(client.get(COVER))
    assert "职称确认已通过" in text
    dossier = page_text(client.get("/dossier/section/current_titles/"))
    assert f"{PROVINCE_NAME}确认" in dossier
