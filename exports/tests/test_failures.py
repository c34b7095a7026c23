"""A job that cannot be made ends as 失败 with a Chinese message (and the exception logged); a
job already taken is not run twice."""

from __future__ import annotations

import logging

import pytest

from accounts.models import Role
from exports.models import ExportJob, ExportKind, ExportStatus
from exports.services import export_create
from exports.tasks import FAILED_MESSAGE, run_export
from reviews.tests.factories import make_world, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return make_world("败")


def test_a_reviewer_who_lost_the_role_before_the_job_ran(
    client, world, django_capture_on_commit_callbacks, caplog
):
    submit(world, name="甲败")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = export_create(actor=world.unit_admin, kind=ExportKind.ROSTER, params={})
    world.unit_admin.role = Role.APPLICANT
    world.unit_admin.save(update_fields=["role"])
    with caplog.at_level(logging.ERROR, logger="exports.tasks"):
        callbacks[0]()
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED and job.error == "导出只对审核单位开放。"
    assert job.finished_at is not None and not job.file and not job.is_ready
    assert any("导出失败" in record.getMessage() for record in caplog.records)
    client.force_login(world.unit_admin)
    page = client.get("/exports/").content.decode()
    assert "失败" in page and "导出只对审核单位开放。" in page
    assert client.get(f"/exports/{job.pk}/download/").status_code == 404


def test_parameters_that_no_longer_pass_the_checks(world):
    job = ExportJob.objects.create(
        owner=world.district_reviewer, kind=ExportKind.ROSTER, params={"year": "abc"}, filename="花名册.xlsx"
    )
    run_export(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED
    assert job.error == "筛选条件有误，请按提示修改。申报年度应为编号。"


def test_an_unexpected_error_gives_the_general_message(world):
    # A job of a kind this version does not know (written by a newer one, say).
    job = ExportJob.objects.create(owner=world.district_reviewer, kind="archive", params={}, filename="x.zip")
    run_export(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED and job.error == FAILED_MESSAGE


def test_a_job_is_run_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = export_create(actor=world.district_reviewer, kind=ExportKind.ROSTER, params={})
    job.refresh_from_db()
    finished = job.finished_at
    run_export(job_id=job.pk)  # delivered twice by a queue: left alone
    run_export(job_id=987654)  # gone: nothing to do
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE and job.finished_at == finished
