"""全部申报评审表（ZIP）: one PDF per submitted application of the committee (documents.bundle),
named 身份证号+姓名.pdf, with the applicant's data as real text."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from exports.models import ExportKind, ExportStatus
from exports.services import export_create
from reviews.tests.factories import make_world, submit

from .helpers import at_committee_with_photo, at_committee_without_photo, job_zip

pytestmark = pytest.mark.django_db


def test_one_pdf_per_application_of_the_committee(django_capture_on_commit_callbacks):
    world = make_world("表")
    first, _ = at_committee_with_photo(world, name="褚表")
    second = at_committee_without_photo(world, name="卫表")
    submit(world, name="未到表")  # at the unit step: not the committee's yet
    with django_capture_on_commit_callbacks(execute=True):
        job = export_create(actor=world.committee_office, kind=ExportKind.REVIEW_FORMS, params={})
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE, job.error
    assert job.done == job.total == 2 and job.percent == 100
    assert job.filename.startswith(f"申报评审表_{world.committee.name}_全部年度_") and job.filename.endswith(
        ".zip"
    )
    archive = job_zip(job)
    names = {f"{a.applicant.id_number}{a.applicant.name}.pdf": a for a in (first, second)}
    assert sorted(archive.namelist()) == sorted(names)
    for name, application in names.items():
        content = archive.read(name)
        assert content.startswith(b"%PDF")
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
        assert application.applicant.name in text and world.committee.name in text
