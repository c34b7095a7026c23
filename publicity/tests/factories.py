"""Test data for notices and objections, built through the real services (publicity_create,
objection_create), on top of the review world (reviews/tests/factories.py)."""

from __future__ import annotations

import io
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from publicity.services import objection_create, publicity_create

OBJECTOR = {
    "objector_name": "王五",
    "objector_phone": "13800001234",
    "facts": "其论文系他人代写，有聊天记录为证。",
}


def ensure_calendar(*days: date) -> None:
    """The working-day calendar must know the years of `days`: a year beyond chinese_calendar's
    data gets an admin-entered year (weekends only) so date-relative tests keep working."""
    import chinese_calendar

    from workcal.models import CalendarYear

    for day in days:
        try:
            chinese_calendar.is_workday(day)
        except NotImplementedError:
            CalendarYear.objects.get_or_create(year=day.year, defaults={"source": "测试"})


def open_period(today: date | None = None) -> tuple[date, date]:
    """A period that starts today and lasts three weeks (always at least 5 working days)."""
    today = today or timezone.localdate()
    end = today + timedelta(days=21)
    ensure_calendar(today, end)
    return today, end


def publish(actor, applications, *, kind=None, start=None, end=None, today=None, title="职称申报公示"):
    """A notice published by `actor` now (or as of `today`), open for three weeks by default."""
    from publicity.selectors import publisher_for

    if start is None:
        start, end = open_period(today)
    kind = kind or publisher_for(actor).kinds[0]
    return publicity_create(
        actor=actor,
        kind=kind,
        title=title,
        body="公示期内如有异议，请通过本页面提出。",
        start_date=start,
        end_date=end,
        application_ids=[a.pk for a in applications],
        today=today or start,
    )


def lodge(notice, application=None, *, today=None, ip="203.0.113.9", **changes):
    entry = notice.entries.get(application=application) if application else notice.entries.first()
    values = {**OBJECTOR, **changes}
    return objection_create(
        notice_id=notice.pk, entry_id=entry.pk, ip=ip, today=today or notice.start_date, **values
    )


def png_upload(name: str = "证据.png") -> SimpleUploadedFile:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def other_committee_office():
    """A committee office of another committee (another world)."""
    from reviews.tests.factories import make_world

    return make_world().committee_office
