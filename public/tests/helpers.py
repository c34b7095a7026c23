"""Helpers for the public page tests: extra rows in bulk, and an HTML check that every form
input has a label."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from orgs.models import (
    Committee,
    CommitteeWindow,
)
from public.models import Notice
from tests.html import form_controls, unlabelled_controls  # noqa: F401 - used by the page tests


def add_notices(count: int) -> list[Notice]:
    now = timezone.now()
    return Notice.objects.bulk_create(
        Notice(title=f"通知{i}", body="正文", published_at=now - timedelta(hours=i + 1)) for i in range(count)
    )


def open_windows(committees: list[Committee], *, year: int = 2026) -> list[CommitteeWindow]:
    now = timezone.now()
    return CommitteeWindow.objects.bulk_create(
        CommitteeWindow(
            committee=c, year=year, opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=i + 1)
        )
        for i, c in enumerate(committees)
    )
