"""全部照片（ZIP）: the committee office gets each submitted photo named 身份证号+姓名.jpg (rule 23),
and 缺少照片.txt lists the applications without one."""

from __future__ import annotations

import pytest

from attachments.models import Attachment, AttachmentKind
from exports.models import ExportKind, ExportStatus
from exports.photos import MISSING_NAME
from exports.services import export_create
from reviews.tests.factories import make_world, submit

from .helpers import at_committee_with_photo, at_committee_without_photo, job_zip

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return make_world("照")


def _run(actor, django_capture_on_commit_callbacks, **params):
    with django_capture_on_commit_callbacks(execute=True):
        job = export_create(actor=actor, kind=ExportKind.PHOTOS, params=params)
    job.refresh_from_db()
    return job


def test_the_zip_holds_each_photo_named_by_id_number_and_name(world, django_capture_on_commit_callbacks):
    first, _ = at_committee_with_photo(world, name="周照")
    second, _ = at_committee_with_photo(world, name="吴照")
    submit(world, name="未到评委会")  # at the unit step: not the committee's yet
    job = _run(world.committee_office, django_capture_on_commit_callbacks)
    assert job.status == ExportStatus.DONE and job.done == job.total == 2
    assert job.filename.startswith(f"照片_{world.committee.name}_全部年度_") and job.filename.endswith(".zip")
    archive = job_zip(job)
    assert archive.testzip() is None
    names = {f"{a.applicant.id_number}{a.applicant.name}.jpg": a for a in (first, second)}
    assert sorted(archive.namelist()) == sorted(names)  # and no 缺少照片.txt
    for name, application in names.items():
        # The photo its snapshot names: the checked, re-encoded upload, exactly as stored.
        listed = [item["id"] for item in application.snapshot["attachments"] if item["kind"] == "photo"]
        stored = Attachment.objects.get(pk=listed[0], kind=AttachmentKind.PHOTO)
        with stored.file.open("rb") as handle:
            assert archive.read(name) == handle.read()
        assert archive.read(name)[:3] == b"\xff\xd8\xff"  # a JPEG


def test_applications_without_a_photo_are_listed(world, django_capture_on_commit_callbacks):
    with_photo, _ = at_committee_with_photo(world, name="郑照")
    without = at_committee_without_photo(world, name="王无照")
    job = _run(world.committee_office, django_capture_on_commit_callbacks)
    archive = job_zip(job)
    assert sorted(archive.namelist()) == sorted([f"{with_photo.applicant.id_number}郑照.jpg", MISSING_NAME])
    text = archive.read(MISSING_NAME).decode("utf-8-sig")
    assert "以下 1 份申报没有可用的1寸照片" in text
    assert f"{without.applicant.id_number}\t王无照\t{world.unit2.name}\t未上传照片" in text
    assert "郑照" not in text
    assert job.done == job.total == 2


def test_a_photo_file_gone_from_the_storage_is_listed_not_fatal(world, django_capture_on_commit_callbacks):
    application, _ = at_committee_with_photo(world, name="冯照")
    photo = Attachment.objects.get(owner=application.applicant, kind=AttachmentKind.PHOTO)
    photo.file.storage.delete(photo.file.name)
    job = _run(world.committee_office, django_capture_on_commit_callbacks)
    assert job.status == ExportStatus.DONE
    archive = job_zip(job)
    assert archive.namelist() == [MISSING_NAME]
    assert "冯照" in archive.read(MISSING_NAME).decode("utf-8-sig")


def test_the_year_filter(world, django_capture_on_commit_callbacks):
    application, _ = at_committee_with_photo(world, name="陈照")
    other_year = _run(world.committee_office, django_capture_on_commit_callbacks, year=application.year - 1)
    assert other_year.status == ExportStatus.DONE and other_year.total == 0
    assert job_zip(other_year).namelist() == []
    assert f"_{application.year - 1}年_" in other_year.filename
    this_year = _run(world.committee_office, django_capture_on_commit_callbacks, year=str(application.year))
    assert job_zip(this_year).namelist() == [f"{application.applicant.id_number}陈照.jpg"]


def test_the_photos_export_is_audited(world, django_capture_on_commit_callbacks):
    """Issue 11.24: the file names carry full ID numbers, so each export writes an AuditLog row
    (who, when, which list and conditions, how many)."""
    from core.models import AuditLog

    at_committee_with_photo(world, name="审照")
    job = _run(world.committee_office, django_capture_on_commit_callbacks, year="")
    log = AuditLog.objects.get(action="export_full_id")
    assert log.actor == world.committee_office and log.target_id == str(job.pk)
    assert log.detail["list"] == "照片" and log.detail["rows"] == 1 and log.detail["via"] == "job"
    assert log.detail["filters"]["committee"] == world.committee.pk
