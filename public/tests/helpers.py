"""Helpers for the public page tests: extra rows in bulk, and an HTML check that every form
input has a label."""

from __future__ import annotations

from datetime import timedelta
from html.parser import HTMLParser

from django.utils import timezone

from orgs.models import (
    Committee,
    CommitteeWindow,
)
from public.models import Notice


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


class _FormControls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict] = []
        self.label_for: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label" and attrs.get("for"):
            self.label_for.add(attrs["for"])
        if tag in ("input", "select", "textarea"):
            if attrs.get("type") in ("hidden", "submit", "button"):
                return
            self.controls.append(attrs)


def unlabelled_controls(html: str) -> list[dict]:
    """Form controls without a <label for=…> (or aria-label)."""
    parser = _FormControls()
    parser.feed(html)
    return [
        c
        for c in parser.controls
        if not (c.get("id") and c["id"] in parser.label_for) and not c.get("aria-label")
    ]


def form_controls(html: str) -> list[dict]:
    parser = _FormControls()
    parser.feed(html)
    return parser.controls
