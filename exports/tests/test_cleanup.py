"""Old export files are deleted (jobs and files) by `manage.py exports_cleanup`."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from exports.models import ExportJob, ExportKind
from exports.services import export_create
from reviews.tests.factories import make_world

pytestmark = pytest.mark.django_db


def test_jobs_older_than_the_days_go_with_their_files(django_capture_on_commit_callbacks):
    world = make_world("清")
    with django_capture_on_commit_callbacks(execute=True):
        old = export_create(actor=world.district_reviewer, kind=ExportKind.ROSTER, params={})
        new = export_create(actor=world.district_reviewer, kind=ExportKind.ROSTER, params={})
    old.refresh_from_db()
    assert default_storage.exists(old.file.name)
    ExportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    out = StringIO()
    call_command("exports_cleanup", "--days", "7", stdout=out)
    assert "已删除 1 个导出文件" in out.getvalue()
    assert list(ExportJob.objects.values_list("pk", flat=True)) == [new.pk]
    assert not default_storage.exists(old.file.name)
