"""导出文件 (progress refreshed with htmx while a job is pending) and the queue's export buttons."""

from __future__ import annotations

import pytest

from exports.models import ExportJob, ExportKind, ExportStatus
from exports.services import export_create
from exports.templatetags import exports_tags
from reviews.tests.factories import make_world, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return make_world("页")


def test_a_pending_job_is_polled_until_it_is_done(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = export_create(actor=world.district_reviewer, kind=ExportKind.ROSTER, params={})
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.RUNNING, done=30, total=120)
    client.force_login(world.district_reviewer)
    page = client.get("/exports/").content.decode()
    assert 'hx-get="/exports/rows/"' in page and 'hx-trigger="every 2s"' in page
    assert "生成中" in page and "30 / 120（25%）" in page and 'value="25"' in page
    assert f"/exports/{job.pk}/download/" not in page
    partial = client.get("/exports/rows/").content.decode()
    assert partial.startswith('<div id="export-jobs"') and "<html" not in partial
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.QUEUED, done=0, total=None)
    callbacks[0]()
    partial = client.get("/exports/rows/").content.decode()
    assert "已完成" in partial and "hx-trigger" not in partial  # done: the polling stops
    assert f"/exports/{job.pk}/download/" in partial and "下载" in partial


def test_the_queue_offers_the_committee_exports_to_committee_offices_only(client, world):
    client.force_login(world.committee_office)
    page = client.get("/reviews/", {"year": "2026"}).content.decode()
    assert "下载全部照片（ZIP）" in page and "下载全部申报评审表（ZIP）" in page
    assert 'name="kind" value="photos"' in page and 'name="year" value="2026"' in page
    client.force_login(world.district_reviewer)
    page = client.get("/reviews/").content.decode()
    assert "导出花名册" in page and "下载全部照片" not in page and "下载全部申报评审表" not in page


def test_a_long_list_makes_the_roster_in_the_background(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    submit(world, name="甲页")
    submit(world, name="乙页")
    client.force_login(world.unit_admin)
    page = client.get("/reviews/", {"q": "页"}).content.decode()
    assert 'href="/reviews/export/?' in page and 'form="export-roster"' not in page
    monkeypatch.setattr(exports_tags, "ROSTER_DIRECT_MAX", 1)
    page = client.get("/reviews/", {"q": "页"}).content.decode()
    assert 'form="export-roster"' in page and "在后台生成" in page
    assert '<input type="hidden" name="q" value="页">' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/exports/create/", {"kind": "roster", "q": "页", "tab": "pending"})
    assert response["Location"] == "/exports/"
    job = ExportJob.objects.get(owner=world.unit_admin)
    assert job.status == ExportStatus.DONE and job.done == 2 and job.params["q"] == "页"


def test_the_page_says_full_id_numbers_are_logged(client, world):
    """Issue 11.24: those who get full ID numbers are told each export is logged; others are not."""
    client.force_login(world.unit_admin)
    assert "每次导出均记入操作日志" in client.get("/exports/").content.decode()
    client.force_login(world.department_reviewer)
    assert "每次导出均记入操作日志" not in client.get("/exports/").content.decode()
