"""Test data for 考核认定 (rule 14, decision 0007): a graduate with 基本信息 and the attachments of
seed question 20, a recognition draft saved through the real service, and one submitted through
the one state machine. Every month is a window month unless a test says otherwise (rule 15 is
tested on its own)."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from applications.models import Application
from applications.state import application_submit
from applications.tests.factories import (
    add_attachment,
    city_bureau,
    make_ready_applicant,
    make_series,
    make_unit,
)
from attachments.models import AttachmentKind
from core.dates import CALENDAR_TZ
from orgs.models import Ownership
from recognition.recognition import recognition_save
from rules.periods import months_after

ALL_MONTHS = tuple(range(1, 13))


def today() -> date:
    return timezone.now().astimezone(CALENDAR_TZ).date()


def years_ago(years: int, *, days: int = 0) -> date:
    """`years` whole years before today (minus `days` more days)."""
    from datetime import timedelta

    return months_after(today(), -12 * years) - timedelta(days=days)


def make_graduate(*, ownership: str = Ownership.NON_PUBLIC, unit=None, hiring_form: bool = True):
    """An applicant with 基本信息 and the question-20 attachments (ID card, diploma, hiring form)."""
    city_bureau()  # 中级 is recognised by the city bureau
    user = make_ready_applicant(unit=unit or make_unit(ownership))
    if hiring_form:
        add_attachment(user, AttachmentKind.HIRING_FORM)
    return user


def recognition_values(series=None, **changes) -> dict:
    series = series or make_series()
    values = {
        "schooling": "benke",
        "hired_on": years_ago(2).isoformat(),
        "hiring_document": "recruitment_form",
        "series_id": series.pk,
        "track_id": series.tracks.order_by("order").first().pk,
        "specialty": "软件工程",
    }
    values.update(changes)
    return values


def save_recognition(user, *, now: datetime | None = None, **changes) -> Application:
    return recognition_save(user=user, now=now, **recognition_values(**changes))


def submitted_recognition(user=None, **changes) -> Application:
    """A recognition of a ready graduate, saved and submitted (now at its unit step)."""
    user = user or make_graduate()
    application = save_recognition(user, **changes)
    return application_submit(application_id=application.pk, actor=user)
