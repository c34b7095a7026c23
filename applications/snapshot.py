"""What a submission freezes: the dossier, the attachments and the cover as they are at that moment
(later edits to the live dossier never change what reviewers see; a resubmission after a return
takes a new snapshot)."""

from __future__ import annotations

from datetime import datetime

from django.core.serializers.json import DjangoJSONEncoder

from .eligibility.counting import committee_month_of, counted_at
from .kinds import committee_free_kind
from .models import COMMITTEE_LESS_KINDS, Application

SNAPSHOT_VERSION = 1

_ENCODER = DjangoJSONEncoder()


def jsonable(value):
    """A snapshot as plain JSON, whatever the sections hold: dates, times and decimals as text,
    tuples as lists, choice members (TextChoices, IntegerChoices) as their plain values: what
    json.dumps with DjangoJSONEncoder would write and json.loads read back, without the round trip
    (the submission stores it; the draft review form reads it in memory)."""
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(item) for item in value]
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, int):
        return int.__int__(value)
    if isinstance(value, float):
        return float.__float__(value)
    return _ENCODER.default(value)


def cover_summary(*, application: Application, dossier=None) -> dict:
    """The cover as shown to reviewers, with rule 8's age and years of service at the committee's
    month."""
    committee = application.committee
    month = committee_month_of(committee=committee, year=application.year) if committee is not None else None
    counted = (
        counted_at(dossier=dossier, committee_month=month, level=application.level)
        if (dossier is not None and month)
        else None
    )
    unit = application.unit
    return {
        "year": application.year,
        "kind": application.kind,
        "kind_label": application.get_kind_display(),
        "applicant": {
            "id": application.applicant_id,
            "name": application.applicant.name,
            "id_number": application.applicant.id_number or "",
        },
        "unit": {
            "id": unit.pk,
            "name": unit.name,
            "ownership": unit.ownership,
            "ownership_label": unit.get_ownership_display(),
        },
        "series": {"id": application.series_id, "name": application.series.name},
        "track": {"id": application.track_id, "name": application.track.name},
        "specialty": application.specialty,
        "level": application.level,
        "level_label": application.get_level_display(),
        "title": {"id": application.title_id, "name": application.title.name},
        # A 考核认定 has no committee: its name is "考核认定（<the recognising office>）" (0007).
        "committee": (
            {"id": committee.pk, "name": committee.name, "is_provincial": committee.is_provincial}
            if committee is not None
            else {"id": None, "name": application.committee_label, "is_provincial": False}
        ),
        "committee_month": f"{month.year:04d}-{month.month:02d}" if month else "",
        "committee_month_label": month.label if month else "",
        "committee_month_note": month.note if month else "",
        # 转系列评审 (rule 18): the post change the half year's trial runs from.
        "series_changed_on": (
            application.series_changed_on.isoformat() if application.series_changed_on else ""
        ),
        "age": counted.age_label if counted else "",
        "service_years": counted.service_label if counted else "",
        "service_note": counted.service_note if counted else "",
        # 考核认定, 职称确认, 博士后认定: their facts for reviewers (applications/kinds.py).
        **(
            committee_free_kind(application.kind).summary(application)
            if application.kind in COMMITTEE_LESS_KINDS
            else {}
        ),
    }


def application_snapshot(*, application: Application, route: list, now: datetime) -> dict:
    from attachments.selectors import attachments_snapshot
    from dossier.selectors import dossier_get_or_create
    from dossier.snapshot import dossier_snapshot

    dossier = dossier_get_or_create(user=application.applicant)
    cover = cover_summary(application=application, dossier=dossier)
    cover["route"] = [
        {
            "order": index,
            "kind": spec.kind,
            "kind_label": spec.label,
            "organisation": str(spec.organisation) if spec.organisation else "",
            "committee": spec.committee.name if spec.committee else "",
        }
        for index, spec in enumerate(route, start=1)
    ]
    return {
        "version": SNAPSHOT_VERSION,
        "taken_at": now.isoformat(),
        "dossier": dossier_snapshot(dossier=dossier),
        "attachments": attachments_snapshot(user=application.applicant),
        "cover": cover,
    }
