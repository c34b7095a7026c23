"""报送备案 through the pages and the API: the committee office records the filing of a closed
评前公示 (a mistake keeps what was typed), downloads the receipt (nobody else can), and the
application's review page and the applicant's 申报记录 show the filing; the API offers the same
(create, list, and the state a committee's decision asks)."""

from __future__ import annotations

from datetime import date

import pytest

from applications.tests.helpers import page_text
from publicity.models import PreReviewFiledApplication, PreReviewFiling, PublicityKind
from tests.factories import bearer
from tests.html import unlabelled_controls

from .factories import other_committee_office, png_upload, publish

pytestmark = pytest.mark.django_db

DOCUMENT = "昆人社评备〔2026〕12号"


@pytest.fixture
def notice(world, screened):
    return publish(
        world.committee_office,
        [screened],
        kind=PublicityKind.PRE_REVIEW,
        start=date(2026, 9, 7),
        end=date(2026, 9, 11),
        today=date(2026, 9, 7),
        title="2026年度工程系列中级评前公示",
    )


def test_the_office_records_the_filing_on_its_page(client, world, screened, notice):
    office = world.committee_office
    client.force_login(office)
    detail = page_text(client.get(f"/publicity/manage/{notice.pk}/"))
    assert "报送备案" in detail and "可报送备案" in detail
    url = f"/publicity/manage/{notice.pk}/filing/"
    page = client.get(url)
    assert page.status_code == 200 and "赵六" in page_text(page)
    assert unlabelled_controls(page.content.decode()) == []
    # A mistake: the message next to the field, what was typed kept.
    response = client.post(
        url,
        {
            "filed_with": "city",
            "document_number": DOCUMENT,
            "filed_on": "2026-09-10",
            "note": "随文报送公示情况。",
            "application_ids": [screened.pk],
        },
    )
    text = page_text(response)
    assert response.status_code == 200 and "报送备案日期应在公示结束（2026年9月11日）之后。" in text
    html = response.content.decode()
    assert DOCUMENT in html and "随文报送公示情况。" in html
    response = client.post(
        url,
        {
            "filed_with": "city",
            "document_number": DOCUMENT,
            "filed_on": "2026-09-14",
            "application_ids": [screened.pk],
            "receipt": png_upload("回执.png"),
        },
    )
    assert response.status_code == 302
    filing = PreReviewFiling.objects.get()
    detail = page_text(client.get(f"/publicity/manage/{notice.pk}/"))
    assert DOCUMENT in detail and "已备案" in detail and "昆明市人力资源和社会保障局" in detail
    receipt = client.get(f"/publicity/manage/filings/{filing.pk}/receipt/")
    assert receipt.status_code == 200 and "attachment" in receipt["Content-Disposition"]
    client.force_login(other_committee_office())
    assert client.get(f"/publicity/manage/filings/{filing.pk}/receipt/").status_code == 404
    assert client.get(url).status_code == 404


def test_the_review_page_and_the_record_show_the_filing(client, world, screened, notice):
    client.force_login(world.committee_office)
    text = page_text(client.get(f"/reviews/{screened.pk}/"))
    assert "评前公示与备案" in text and "尚未登记报送省、市人社部门备案" in text
    client.post(
        f"/publicity/manage/{notice.pk}/filing/",
        {
            "filed_with": "both",
            "document_number": DOCUMENT,
            "filed_on": "2026-09-14",
            "application_ids": [screened.pk],
        },
    )
    assert PreReviewFiledApplication.objects.filter(application=screened).exists()
    text = page_text(client.get(f"/reviews/{screened.pk}/"))
    assert "已报送备案" in text and DOCUMENT in text and "2026年9月14日" in text
    client.force_login(screened.applicant)
    text = page_text(client.get("/applications/history/"))
    assert "评前公示与备案" in text and DOCUMENT in text and "2026年度工程系列中级评前公示" in text


def test_the_api_files_lists_and_answers_the_state(client, world, screened, notice):
    office = world.committee_office
    state_url = f"/api/v1/publicity/applications/{screened.pk}/prereview-filing"
    state = client.get(state_url, **bearer(office)).json()
    assert state["filed"] is False and "尚未登记" in state["reason"] and state["filing"] is None
    url = f"/api/v1/publicity/{notice.pk}/filings"
    bad = client.post(url, {"filed_with": "", "document_number": ""}, **bearer(office))
    assert bad.status_code == 400 and {"filed_with", "document_number", "filed_on"} <= set(
        bad.json()["errors"]
    )
    made = client.post(
        url,
        {
            "filed_with": "province",
            "document_number": DOCUMENT,
            "filed_on": "2026-09-14",
            "receipt": png_upload(),
        },
        **bearer(office),
    )
    assert made.status_code == 201, made.json()
    body = made.json()
    assert body["application_ids"] == [screened.pk] and body["has_receipt"] is True
    assert body["filed_with_label"] == "云南省人力资源和社会保障厅"
    listing = client.get(url, **bearer(office)).json()
    assert listing["entries"][0]["state"] == "filed" and listing["filings"][0]["document_number"] == DOCUMENT
    state = client.get(state_url, **bearer(screened.applicant)).json()
    assert state["filed"] is True and state["filing"]["document_number"] == DOCUMENT
    assert client.get(state_url, **bearer(other_committee_office())).status_code == 404
    assert client.get(url, **bearer(other_committee_office())).status_code == 404
