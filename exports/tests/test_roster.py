"""花名册 as an export job: the same workbook as the direct download, written through the task
interface at commit, with its progress and a download link."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from applications.models import StepKind
from core.validators import mask_id_number
from exports.models import ExportJob, ExportKind, ExportStatus
from exports.services import export_create
from reviews.queue import QueueFilters, review_queue_rows
from reviews.tests.factories import advance_to, bulk_in_review, make_world, submit

from .helpers import job_bytes, xlsx_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return make_world("导")


def test_the_inline_backend_runs_the_job_at_commit(world, django_capture_on_commit_callbacks):
    submit(world, name="赵一")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = export_create(actor=world.unit_admin, kind=ExportKind.ROSTER, params={})
    job.refresh_from_db()
    assert job.status == ExportStatus.QUEUED and not job.file and len(callbacks) == 1
    callbacks[0]()  # the commit
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE
    assert job.started_at is not None and job.finished_at >= job.started_at
    assert job.filename.startswith("花名册_待审核_") and job.filename.endswith(".xlsx")
    assert job.file.name.startswith(f"exports/{world.unit_admin.pk}/") and job.filename not in job.file.name
    assert job.size == len(job_bytes(job))


def test_the_job_has_the_rows_of_the_queue_with_masked_id_numbers(
    client, world, django_capture_on_commit_callbacks
):
    applications = [advance_to(world, submit(world, name=n), StepKind.DEPARTMENT) for n in ("孙三", "李四")]
    submit(world, name="不在部门")  # still at the unit step: not in the department's queue
    reviewer = world.department_reviewer
    with django_capture_on_commit_callbacks(execute=True):
        job = export_create(actor=reviewer, kind=ExportKind.ROSTER, params={"sort": "name"})
    rows = xlsx_rows(job_bytes(job))
    expected = [
        a.applicant.name for a in review_queue_rows(actor=reviewer, filters=QueueFilters(sort="name"))
    ]
    assert [r[1] for r in rows[1:]] == expected and sorted(expected) == ["孙三", "李四"]
    by_name = {r[1]: r for r in rows[1:]}
    for application in applications:
        number = application.applicant.id_number
        assert by_name[application.applicant.name][2] == mask_id_number(number) != number
    # The direct download writes the same workbook.
    client.force_login(reviewer)
    direct = client.get("/reviews/export/", {"sort": "name"})
    assert xlsx_rows(b"".join(direct.streaming_content)) == rows


def test_the_unit_gets_full_id_numbers_and_the_filters_are_kept(world, django_capture_on_commit_callbacks):
    first = submit(world, name="钱二")
    submit(world, name="周五")
    with django_capture_on_commit_callbacks(execute=True):
        job = export_create(
            actor=world.unit_admin, kind=ExportKind.ROSTER, params={"q": "钱", "tab": "pending"}
        )
    job.refresh_from_db()
    assert job.params == {"tab": "pending", "q": "钱", "sort": "-time"}
    rows = xlsx_rows(job_bytes(job))
    assert len(rows) == 2 and rows[1][1] == "钱二" and rows[1][2] == first.applicant.id_number


def test_progress_reaches_the_total(world, django_capture_on_commit_callbacks):
    bulk_in_review(world, 1500, at=StepKind.DISTRICT)
    with django_capture_on_commit_callbacks(execute=True):
        job = export_create(actor=world.district_reviewer, kind=ExportKind.ROSTER, params={"tab": "pending"})
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE
    assert job.done == job.total == 1500 and job.percent == 100
    rows = xlsx_rows(job_bytes(job))
    assert len(rows) == 1501 and [r[0] for r in rows[1:]] == list(range(1, 1501))


def test_the_page_download_has_the_chinese_file_name(client, world, django_capture_on_commit_callbacks):
    submit(world, name="吴六")
    client.force_login(world.unit_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/exports/create/", {"kind": "roster", "tab": "pending"})
    assert response.status_code == 302 and response["Location"] == "/exports/"
    job = ExportJob.objects.get(owner=world.unit_admin)
    page = client.get("/exports/").content.decode()
    assert "已开始生成花名册" in page and job.filename in page and f"/exports/{job.pk}/download/" in page
    assert "已完成" in page and 'hx-trigger="every 2s"' not in page  # nothing pending: no polling
    download = client.get(f"/exports/{job.pk}/download/")
    assert download.status_code == 200
    disposition = download["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=utf-8''" in disposition
    assert unquote(disposition.split("''")[1]) == job.filename
    assert xlsx_rows(b"".join(download.streaming_content))[1][1] == "吴六"
