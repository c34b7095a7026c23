"""Test data for 博士后认定 (rule 13, seed question 13, decision 0007): a doctor working in an
enterprise, with 基本信息 and the attachments a postdoc recognition needs, a draft saved through
the real service, and one submitted through the one state machine."""

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
from dossier.models import DossierEntry
from dossier.selectors import dossier_get_or_create
from dossier.tests.factories import add_entries
from orgs.models import Ownership
from recognition.postdoc import postdoc_save

from .recognition_factories import years_ago

DOCTORATE = {"school": "昆明理工大学", "major": "材料科学与工程", "education": "博士研究生", "degree": "博士"}


def set_education(user, **data) -> None:
    """学历情况 replaced by one entry (`data` over the doctorate above); no data: no entry at all."""
    DossierEntry.objects.filter(dossier=dossier_get_or_create(user=user), section="education").delete()
    if data:
        add_entries(user, "education", 1, **data)


def make_postdoc(
    *, ownership: str = Ownership.NON_PUBLIC, unit=None, doctorate: bool = True, attachments: bool = True
):
    """An applicant of an enterprise with a complete dossier (its 学历情况 a doctorate unless told),
    and the postdoc certificate and the funding certificate (unless told); the default dossier
    already uploads the ID card and the diploma."""
    city_bureau()  # 高级: through the city bureau to the province
    user = make_ready_applicant(unit=unit or make_unit(ownership))
    if doctorate:
        set_education(user, **DOCTORATE)
    if attachments:
        add_attachment(user, AttachmentKind.POSTDOC_CERTIFICATE)
        add_attachment(user, AttachmentKind.POSTDOC_ACHIEVEMENT)
    return user


def postdoc_values(series=None, **changes) -> dict:
    series = series or make_series()
    values = {
        "exit_on": years_ago(1).isoformat(),
        "station": "昆明测试科技有限公司博士后科研工作站",
        "funded": "yes",
        "funding_reference": "2023M731234",
        "led_project": "no",
        "project_name": "",
        "stays": "yes",
        "series_id": series.pk,
        "track_id": series.tracks.order_by("order").first().pk,
        "specialty": "材料工程",
    }
    values.update(changes)
    return values


def save_postdoc(user, *, now: datetime | None = None, **changes) -> Application:
    return postdoc_save(user=user, now=now, **postdoc_values(**changes))


def submitted_postdoc(user=None, **changes) -> Application:
    """A postdoc recognition of a ready postdoc, saved and submitted (now at its unit step)."""
    user = user or make_postdoc()
    application = save_postdoc(user, **changes)
    return application_submit(application_id=application.pk, actor=user)
