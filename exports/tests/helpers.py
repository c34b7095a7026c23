"""Shared by the export tests: applications with and without a photo at a committee's step, and
reading a finished job's file back."""

from __future__ import annotations

import io
import zipfile

from openpyxl import load_workbook

from applications.models import StepKind
from applications.services import application_save_cover
from applications.state import application_submit
from applications.tests.factories import cover_values, make_ready_applicant
from attachments.services import photo_upload
from attachments.tests import corpus
from exports.models import ExportJob
from reviews.tests.factories import advance_to, submit


def at_committee_with_photo(world, *, name: str, photo: bytes | None = None):
    """An applicant of the world's non-public unit uploads a real JPEG photo through the
    attachments service, submits, and the application reaches the committee's step."""
    applicant = make_ready_applicant(unit=world.unit2, name=name)
    data = photo or corpus.photo_in_range(12, 28, size=(296, 414))
    photo_upload(user=applicant, uploaded_file=corpus.upload("照片.jpg", data, "image/jpeg"))
    draft = application_save_cover(user=applicant, **cover_values(world.committee, world.series))
    application = application_submit(application_id=draft.pk, actor=applicant)
    return advance_to(world, application, StepKind.COMMITTEE), data


def at_committee_without_photo(world, *, name: str):
    return advance_to(world, submit(world, unit=world.unit2, name=name), StepKind.COMMITTEE)


def job_bytes(job: ExportJob) -> bytes:
    job.refresh_from_db()
    with job.file.open("rb") as handle:
        return handle.read()


def job_zip(job: ExportJob) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(job_bytes(job)))


def xlsx_rows(content: bytes) -> list[tuple]:
    book = load_workbook(io.BytesIO(content), read_only=True)
    assert book.sheetnames == ["花名册"]
    return list(book["花名册"].iter_rows(values_only=True))
