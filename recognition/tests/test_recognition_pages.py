"""考核认定 on the pages: the recognition form on 职称申报 (messages next to the fields, nothing typed
lost, the computed levels shown), and a committee-less application on the queue, the review page,
the 花名册, the review-form PDF, the 工作台's summary and 申报记录."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.models import Role
from applications.models import Application, ApplicationKind, ApplicationStatus
from applications.tests.factories import make_series
from applications.tests.helpers import page_text
from applications.tests.review_factories import OPINION, complete_unit_step, current_reviewer
from orgs.models import Ownership
from tests import factories

from .recognition_factories import (
    ALL_MONTHS,
    make_graduate,
    recognition_values,
    submitted_recognition,
    years_ago,
)

pytestmark = pytest.mark.django_db
COVER = "/applications/"


@pytest.fixture(autouse=True)
def every_month(settings):
    settings.RECOGNITION_MONTHS = ALL_MONTHS


def test_choosing_recognition_shows_its_form_and_keeps_what_was_typed(client):
    user = make_graduate()
    series = make_series()
    client.force_login(user)
    # On the promotion cover, 申报类别 考核认定 switches to the recognition form.
    response = client.post(
        COVER, {"kind": "recognition", "series_id": series.pk, "specialty": "软件工程", "action": "save"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="recognition-form"' in html and 'name="committee_id"' not in html
    assert 'value="软件工程"' in html and f'<option value="{series.pk}" selected>' in html
    # Errors next to the fields, the input kept.
    response = client.post(
        f"{COVER}?kind=recognition",
        {
            "form": "recognition",
            "kind": "recognition",
            "schooling": "benke",
            "hired_on": "2025-02-30",
            "series_id": series.pk,
            "specialty": "软件工程",
            "action": "save",
        },
    )
    text = page_text(response)
    assert "录用（聘用）日期格式应为 YYYY-MM-DD" in text and "请选择录用（聘用）依据。" in text
    assert 'value="benke" selected' in response.content.decode()
    assert not Application.objects.exists()


def test_save_shows_the_levels_then_check_and_submit(client):
    user = make_graduate()
    client.force_login(user)
    values = recognition_values(hired_on=years_ago(2).isoformat())
    response = client.post(f"{COVER}?kind=recognition", {"form": "recognition", "action": "save", **values})
    assert response.status_code == 302
    application = Application.objects.get(applicant=user)
    assert application.kind == ApplicationKind.RECOGNITION
    page = client.get(response["Location"].split("#")[0])
    html = page.content.decode()
    assert 'id="recognition-evaluation"' in html and "助理级" in html and "员级" in html
    checked = client.get(f"{COVER}?year={application.year}&kind=recognition&check=1")
    assert "申报材料已填写完整，可以提交。" in page_text(checked)
    submitted = client.post("/applications/submit/", {"application_id": application.pk})
    assert submitted.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW
    history = page_text(client.get("/applications/history/"))
    assert f"认定机构 {user.organisation.district.name}" in history


def test_a_committee_less_application_on_every_reviewer_page(client):
    user = make_graduate(ownership=Ownership.NON_PUBLIC)
    application = submitted_recognition(user, schooling="master")
    label = f"考核认定（{user.organisation.district.name}）"
    complete_unit_step(application)
    from applications.state import application_pass

    application_pass(application_id=application.pk, actor=current_reviewer(application), opinion=OPINION)
    reviewer = factories.make_user(role=Role.DISTRICT_REVIEWER, organisation=user.organisation.district)
    client.force_login(reviewer)

    queue = client.get("/reviews/")
    assert queue.status_code == 200 and label in page_text(queue)
    detail = client.get(f"/reviews/{application.pk}/")
    assert detail.status_code == 200
    assert "认定机构" in page_text(detail) and label in page_text(detail)

    roster = client.get("/reviews/export/")
    content = b"".join(roster.streaming_content)
    rows = list(load_workbook(io.BytesIO(content), read_only=True)["花名册"].iter_rows(values_only=True))
    assert any(label in row for row in rows[1:])

    pdf = client.get(f"/documents/{application.pk}/review-form/")
    assert pdf.status_code == 200
    text = "".join(
        page.extract_text()
        for page in PdfReader(
            io.BytesIO(b"".join(pdf.streaming_content) if pdf.streaming else pdf.content)
        ).pages
    )
    assert "考核认定" in text

    home = client.get("/accounts/")
    assert home.status_code == 200 and label in page_text(home)

    api = client.get("/api/v1/reviews/summary")
    assert api.status_code == 200
    assert [row["name"] for row in api.json()["committees"]] == [label]
    rows = client.get("/api/v1/reviews/").json()["results"]
    assert [row["committee"] for row in rows] == [{"id": None, "name": label}]


def test_exports_the_roster_job_has_it_and_committee_photos_do_not(django_capture_on_commit_callbacks):
    from applications.tests.factories import make_open_committee
    from exports.models import ExportKind, ExportStatus
    from exports.selectors import committee_applications
    from exports.services import export_create
    from exports.tests.helpers import job_bytes, xlsx_rows

    user = make_graduate(ownership=Ownership.NON_PUBLIC)
    application = submitted_recognition(user)
    admin = current_reviewer(application)
    with django_capture_on_commit_callbacks(execute=True):
        job = export_create(actor=admin, kind=ExportKind.ROSTER, params={})
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE
    label = f"考核认定（{user.organisation.district.name}）"
    assert any(label in row for row in xlsx_rows(job_bytes(job))[1:])
    # Photos and review forms are a committee office's: a recognition belongs to no committee.
    committee = make_open_committee(make_series())
    office = factories.make_user(role=Role.COMMITTEE_OFFICE, committee=committee)
    assert not committee_applications(actor=office, committee=committee.pk).exists()


def test_the_applicant_sees_the_recognised_title(client):
    from applications.state import application_pass

    user = make_graduate(ownership=Ownership.CITY_STATE)
    application = submitted_recognition(user, schooling="master")
    complete_unit_step(application)
    for _ in range(2):
        application = application_pass(
            application_id=application.pk, actor=current_reviewer(application), opinion=OPINION
        )
    assert application.status == ApplicationStatus.APPROVED
    client.force_login(user)
    text = page_text(client.get(COVER))
    assert "考核认定已通过" in text and f"交认定机构（{user.organisation.department.name}）" in text
    dossier = page_text(client.get("/dossier/section/current_titles/"))
    assert application.title.name in dossier


def test_the_pledge_names_the_recognising_office(client):
    user = make_graduate()
    application = submitted_recognition(user)
    client.force_login(user)
    response = client.get(f"/documents/{application.pk}/pledge/")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    assert "认定机构" in text and "考核认定" in text
