"""All review forms as one ZIP (documents.bundle.review_forms_zip, called by the exports): one PDF
per application named <身份证号><姓名>.pdf, a repeated name made unique, progress after each."""

from __future__ import annotations

import io
import zipfile

import pytest

from documents.bundle import review_forms_zip
from reviews.tests.factories import make_world

from .factories import pdf_text, submit_full

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return make_world("包")


def test_one_named_pdf_per_application(world):
    applications = [
        submit_full(world, name="钱一", entries=1, photo=False),
        submit_full(world, name="孙二", entries=1, photo=False),
    ]
    progress: list[int] = []
    buffer = io.BytesIO()
    count = review_forms_zip(applications=applications, fileobj=buffer, on_progress=progress.append)
    assert count == 2 and progress == [1, 2]
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        names = archive.namelist()
        expected = [f"{a.applicant.id_number}{a.applicant.name}.pdf" for a in applications]
        assert names == expected
        for application, name in zip(applications, names, strict=True):
            text = pdf_text(archive.read(name))
            assert application.applicant.name in text and application.applicant.id_number in text


def test_a_repeated_name_is_made_unique(world):
    application = submit_full(world, name="周三", entries=1, photo=False)
    buffer = io.BytesIO()
    assert review_forms_zip(applications=[application, application], fileobj=buffer) == 2
    stem = f"{application.applicant.id_number}周三"
    with zipfile.ZipFile(buffer) as archive:
        assert archive.namelist() == [f"{stem}.pdf", f"{stem}(2).pdf"]


def test_no_applications_make_an_empty_zip(world):
    buffer = io.BytesIO()
    assert review_forms_zip(applications=[], fileobj=buffer) == 0
    with zipfile.ZipFile(buffer) as archive:
        assert archive.namelist() == []
