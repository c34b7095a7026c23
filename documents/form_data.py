"""What the review form prints, read from the database once: the snapshot arranged by
reviews.snapshot.snapshot_view (the review page's presentation), the photo through the storage,
the unit's 基层意见 and 单位公示, the events of the trail and the steps of the current route.

The draft review form (`draft_form_data`) is the same form of an application not yet submitted
(or returned): a snapshot taken now, in memory, from the live dossier — nothing is saved — with no
trail, no unit records and no route."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone

from applications.models import Application, ReviewEvent, ReviewStep
from applications.selectors import route_steps
from attachments.models import Attachment, AttachmentKind
from reviews.snapshot import snapshot_view

# The events of the trail the form's 审核记录 lists, one line each (公示 objections have their
# own records); the query reads only these.
TRAIL_ACTIONS = ("submit", "pass", "return", "reset", "reject", "withdraw")


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
    route: list = field(default_factory=list)  # the current route's steps, in order
    draft: bool = False


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
        ReviewEvent.objects.filter(application=application, action__in=TRAIL_ACTIONS)
        .select_related("organisation", "step", "step__organisation", "step__committee", "return_request")
        .order_by("created_at", "id")
    )
    # The steps with their places in one query (route_steps reads the prefetched rows).
    prefetch_related_objects(
        [application],
        Prefetch("steps", queryset=ReviewStep.objects.select_related("organisation", "committee")),
    )
    return FormData(
        application=application,
        view=view,
        raw_sections=(snapshot.get("dossier") or {}).get("sections") or [],
        photo=_photo_bytes(application, view["attachments"]),
        recommendation=recommendation_for(application=application),
        publicity=publicity_for(application=application),
        events=events,
        route=route_steps(application),
    )


def draft_form_data(*, application: Application) -> FormData:
    """The form of an application before submission: its dossier, attachments and cover as they
    are now (applications.snapshot.application_snapshot, kept in memory only)."""
    from applications.snapshot import application_snapshot, jsonable

    # The stored snapshot's types, as the submission writes them.
    snapshot = jsonable(application_snapshot(application=application, route=[], now=timezone.now()))
    view = snapshot_view(snapshot, full_id_number=True)
    return FormData(
        application=application,
        view=view,
        raw_sections=(snapshot.get("dossier") or {}).get("sections") or [],
        photo=_photo_bytes(application, view["attachments"]),
        recommendation=None,
        publicity=None,
        draft=True,
    )
