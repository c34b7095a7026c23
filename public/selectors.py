"""Reads for the public pages: published notices and the committees' open application windows."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from core.errors import NotFound
from orgs.models import CommitteeWindow

from .models import Notice


def notice_list_published(*, now: datetime | None = None) -> QuerySet[Notice]:
    """Published notices whose publication time has come, newest first."""
    now = now or timezone.now()
    return Notice.objects.filter(is_published=True, published_at__lte=now).order_by("-published_at", "-id")


def notice_get(*, notice_id: int, now: datetime | None = None) -> Notice:
    notice = notice_list_published(now=now).filter(pk=notice_id).first()
    if notice is None:
        raise NotFound("未找到该通知公告，可能已撤下。")
    return notice


def window_list_open(*, now: datetime | None = None) -> QuerySet[CommitteeWindow]:
    """Online application windows open now (rule 6: opens_at <= now < closes_at), of active
    committees, the soonest to close first, each with its committee and organiser."""
    now = now or timezone.now()
    return (
        CommitteeWindow.objects.filter(opens_at__lte=now, closes_at__gt=now, committee__is_active=True)
        .select_related("committee__organiser")
        .order_by("closes_at", "committee__tier", "committee__number")
    )
