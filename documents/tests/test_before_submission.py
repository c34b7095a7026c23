"""Issue 11.3: the 承诺书 is required before 提交, so it can be had from the saved cover on — with a
draft review form (marked 草稿 on every page, no boxes for signatures or stamps) built from the
dossier as it is now. Only the applicant gets them; after submission the final documents keep
working; the completeness item of the pledge says where to download it."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from applications.completeness import application_missing
from applications.services import application_save_cover
from applications.state import application_submit
from applications.tests.factories import cover_values, make_ready_applicant
from attachments.models import Attachment
from dossier.models import DossierEntry
from dossier.services import dossier_entry_update
from reviews.tests.factories import make_world, return_now
from tests.factories import bearer

from .factories import pdf_text

pytestmark = pytest.mark.django_db

DRAFT_MARK = "草稿—仅供核对，不作盖章报送"
API = {
    "pledge": "/api/v1/documents/{}/pledge",
    "review_form_draft": "/api/v1/documents/{}/review-form-draft",
    "review_form": "/api/v1/documents/{}/review-form",
}


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def world(db):
    return make_world("稿")


@pytest.fixture
def draft(world):
    """A saved cover (草稿), never submitted, without the pledge uploaded."""
    applicant = make_ready_applicant(unit=world.unit, name="钱多多")
    Attachment.objects.filter(owner=applicant, kind="pledge").delete()
    return application_save_cover(user=applicant, **cover_values(world.committee, world.series))


def page(client, user, kind: str, pk):
    client.force_login(user)
    return client.get(reverse(f"documents:{kind}", args=[pk]))


def test_the_applicant_downloads_the_pledge_from_the_saved_cover(client, world, draft):
    response = page(client, draft.applicant, "pledge", draft.pk)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = flat(pdf_text(response.content))
    assert "承诺书" in text and "钱多多" in text and draft.applicant.id_number in text
    assert world.unit.name in text and world.committee.name in text
    assert f"在参加{draft.year}年{world.series.name}系列中级（工程师）专业技术职称申报中" in text
    assert "〔2020〕57号）" in text  # full-width, as the document number is written

    api = client.get(API["pledge"].format(draft.pk), **bearer(draft.applicant))
    assert api.status_code == 200 and api.content.startswith(b"%PDF")


def test_the_draft_review_form_is_marked_on_every_page_and_has_no_stamp_boxes(client, world, draft):
    response = page(client, draft.applicant, "review_form_draft", draft.pk)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "%E8%8D%89%E7%A8%BF" in response["Content-Disposition"]  # 草稿 in the file name
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) >= 2
    for number, pdf_page in enumerate(reader.pages, start=1):
        assert DRAFT_MARK in flat(pdf_page.extract_text()), number
    text = flat(pdf_text(response.content))
    assert "专业技术职称申报评审表（草稿）" in text and "钱多多" in text
    assert "审核人签名" not in text and "审核意见及签章" not in text  # no box to sign or stamp
    assert "云南大学" in text  # the dossier: 学历情况

    api = client.get(API["review_form_draft"].format(draft.pk), **bearer(draft.applicant))
    assert api.status_code == 200 and DRAFT_MARK in flat(pdf_text(api.content))


def test_the_draft_is_the_dossier_as_it_is_now(client, draft):
    entry = DossierEntry.objects.filter(dossier__user=draft.applicant, section="education").first()
    data = dict(entry.data, school="昆明理工大学津桥学院")
    dossier_entry_update(user=draft.applicant, entry_id=entry.pk, data=data)
    text = flat(pdf_text(page(client, draft.applicant, "review_form_draft", draft.pk).content))
    assert "昆明理工大学津桥学院" in text


def test_nobody_else_gets_them(client, world, draft):
    other = make_ready_applicant(unit=world.unit)
    for user in (other, world.unit_admin, world.department_reviewer, world.committee_office):
        for kind in ("pledge", "review_form_draft"):
            assert page(client, user, kind, draft.pk).status_code == 404, (user, kind)
            assert client.get(API[kind].format(draft.pk), **bearer(user)).status_code == 404, (user, kind)
    # The final review form still waits for 提交.
    assert page(client, draft.applicant, "review_form", draft.pk).status_code == 404
    client.logout()
    anonymous = client.get(reverse("documents:review_form_draft", args=[draft.pk]))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("accounts:login"))


def test_after_submission_the_final_documents_keep_working(client, world, draft):
    from applications.tests.factories import add_attachment

    add_attachment(draft.applicant, "pledge")
    application = application_submit(application_id=draft.pk, actor=draft.applicant)
    for kind in ("review_form", "pledge", "review_form_draft"):
        assert page(client, application.applicant, kind, application.pk).status_code == 200, kind
    final = flat(pdf_text(page(client, application.applicant, "review_form", application.pk).content))
    assert DRAFT_MARK not in final and "审核人签名" in final
    # Reviewers have the final documents, never the applicant's draft.
    assert page(client, world.unit_admin, "review_form", application.pk).status_code == 200
    assert page(client, world.unit_admin, "pledge", application.pk).status_code == 200
    assert page(client, world.unit_admin, "review_form_draft", application.pk).status_code == 404

    # Returned: the draft shows the corrections, the final form what was submitted.
    return_now(world, application, deadline=timezone.localdate() + timezone.timedelta(days=10))
    entry = DossierEntry.objects.filter(dossier__user=application.applicant, section="education").first()
    dossier_entry_update(
        user=application.applicant, entry_id=entry.pk, data=dict(entry.data, school="云南师范大学")
    )
    assert "云南师范大学" in flat(
        pdf_text(page(client, application.applicant, "review_form_draft", application.pk).content)
    )
    assert "云南师范大学" not in flat(
        pdf_text(page(client, application.applicant, "review_form", application.pk).content)
    )


def test_the_completeness_item_says_where_to_download_the_pledge(client, draft):
    missing = application_missing(application=draft)
    assert len(missing) == 1
    item = missing[0]
    assert "下载承诺书" in item.message and "职称申报页" in item.message and "附件管理" in item.message
    assert item.url.endswith("#pledge")

    # 去完善 lands on the block with the download and the upload.
    client.force_login(draft.applicant)
    html = client.get(item.url.split("#")[0], {"check": "1"}).content.decode()
    assert item.message in html and f'href="{item.url}"'.replace("&", "&amp;") in html
    assert 'id="pledge"' in html
    assert reverse("documents:pledge", args=[draft.pk]) in html and "下载承诺书" in html
    assert reverse("documents:review_form_draft", args=[draft.pk]) in html


def test_the_block_is_gone_once_submitted(client, world, draft):
    from applications.tests.factories import add_attachment

    add_attachment(draft.applicant, "pledge")
    application_submit(application_id=draft.pk, actor=draft.applicant)
    client.force_login(draft.applicant)
    html = client.get(reverse("applications:cover")).content.decode()
    assert 'id="pledge"' not in html


def test_the_operation_ids(client):
    schema = client.get("/api/v1/openapi.json").json()
    ids = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {"documents_review_form", "documents_review_form_draft", "documents_pledge"} <= ids
