"""What a submission freezes: the dossier, the attachments and the cover as they are at that moment
(later edits to the live dossier never change what reviewers see; a resubmission after a return
takes a new snapshot)."""

from __future__ import annotations

from datetime import datetime

from .eligibility import committee_month_of, counted_at
from .models import Application

SNAPSHOT_VERSION = 1


def cover_summary(*, application: Application, dossier=None) -> dict:
    """The cover as shown to reviewers, with rule 8's age and years of service at the committee's
    month."""
    committee = application.committee
    month = committee_month_of(committee=committee, year=application.year)
    counted = counted_at(dossier=dossier, committee_month=month) if (dossier is not None and month) else None
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
        "committee": {"id": committee.pk, "name": committee.name, "is_provincial": committee.is_provincial},
        "committee_month": f"{month.year:04d}-{month.month:02d}" if month else "",
        "committee_month_label": month.label if month else "",
        "committee_month_note": month.note if month else "",
        "age": counted.age_label if counted else "",
        "service_years": counted.service_label if counted else "",
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
