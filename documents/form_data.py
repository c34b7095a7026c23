"""What the review form prints, read from the database once: the snapshot arranged by
reviews.snapshot.snapshot_view (the review page's presentation), the photo through the storage,
the unit's 基层意见 and 单位公示, the review events of the trail and the steps still to come."""

from __future__ import annotations

from dataclasses import dataclass, field

from applications.models import Application, ApplicationStatus, ReviewEvent, StepState
from applications.selectors import route_steps
from attachments.models import Attachment, AttachmentKind
from reviews.selectors import REVIEW_ACTIONS
from reviews.snapshot import snapshot_view


@dataclass
class FormData:
    """Everything the form prints, read from the database once."""

    application: Application
    view: dict
    raw_sections: list[dict]
    photo: bytes | None
    recommendation: object | None
    publicity: object | None
    events: list = field(default_factory=list)
    pending_steps: list = field(default_factory=list)


def _photo_bytes(application: Application, attachments: list[dict]) -> bytes | None:
    """The snapshot's 1-inch photo read through the storage; None when there is none or the file
    cannot be read (the form then shows an empty photo box)."""
    ids = [a["id"] for a in attachments if a.get("kind") == AttachmentKind.PHOTO and a.get("id")]
    if not ids:
        return None
    photo = (
        Attachment.objects.filter(pk=ids[-1], owner_id=application.applicant_id, kind=AttachmentKind.PHOTO)
        .only("file", "content_type")
        .first()
    )
    if photo is None or photo.content_type not in ("image/jpeg", "image/png"):
        return None
    try:
        with photo.file.storage.open(photo.file.name, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def form_data(*, application: Application) -> FormData:
    from recommend.selectors import publicity_for, recommendation_for

    snapshot = application.snapshot or {}
    view = snapshot_view(snapshot, full_id_number=True)
    events = list(
        ReviewEvent.objects.filter(application=application, action__in=REVIEW_ACTIONS)
        .select_related("organisation", "step", "step__organisation", "step__committee", "return_request")
        .order_by("created_at", "id")
    )
    pending = []
    if application.status == ApplicationStatus.IN_REVIEW:
        pending = [s for s in route_steps(application) if s.state in (StepState.WAITING, StepState.CURRENT)]
    return FormData(
        application=application,
        view=view,
        raw_sections=(snapshot.get("dossier") or {}).get("sections") or [],
        photo=_photo_bytes(application, view["attachments"]),
        recommendation=recommendation_for(application=application),
        publicity=publicity_for(application=application),
        events=events,
        pending_steps=pending,
    )
