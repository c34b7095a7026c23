"""Test data for 职称确认 (rule 17, decision 0007): a person moved here from another province, with
基本信息 and the attachments a confirmation needs, a confirmation draft saved through the real
service, and one submitted through the one state machine."""

from __future__ import annotations

from datetime import datetime

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
from catalog.models import Level
from orgs.models import Ownership
from recognition.confirmation import confirmation_save
from rules.periods import months_after

from .recognition_factories import today, years_ago


def make_transferee(*, ownership: str = Ownership.NON_PUBLIC, unit=None, assessment: bool = True):
    """An applicant with 基本信息, the ID card and title certificate, and (unless told) the trial
    assessment."""
    city_bureau()  # 中级 and 高级 go through the city bureau
    user = make_ready_applicant(unit=unit or make_unit(ownership))
    if assessment:
        add_attachment(user, AttachmentKind.TRIAL_ASSESSMENT)
    return user


def confirmation_values(series=None, **changes) -> dict:
    series = series or make_series()
    values = {
        "series_id": series.pk,
        "track_id": series.tracks.order_by("order").first().pk,
        "level": Level.INTERMEDIATE,
        "title_name": "",
        "obtained_on": years_ago(3).isoformat(),
        "issuer": "四川省工程技术中级职称评审委员会",
        "source": "other_province",
        "certificate_no": "SC2023-0001",
        "transferred_on": months_after(today(), -7).isoformat(),
        "assessment_passed": "yes",
        "exam_only": "no",
        "specialty": "软件工程",
    }
    values.update(changes)
    return values


def save_confirmation(user, *, now: datetime | None = None, **changes) -> Application:
    return confirmation_save(user=user, now=now, **confirmation_values(**changes))


def submitted_confirmation(user=None, **changes) -> Application:
    """A confirmation of a ready transferee, saved and submitted (now at its unit step)."""
    user = user or make_transferee()
    application = save_confirmation(user, **changes)
    return application_submit(application_id=application.pk, actor=user)
