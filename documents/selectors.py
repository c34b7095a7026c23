"""Who may download an application's documents: the review form (评审表) its applicant once it has
been submitted (a snapshot exists), and every reviewing organisation whose scope holds it
(reviews.selectors.review_scope, the one place of jurisdiction), at any step; the pledge (承诺书)
likewise, and its applicant as soon as the cover is saved (it is signed, scanned and uploaded
before 提交); the draft review form only its applicant. Anything else is "not found", the same
answer as for an id that does not exist."""

from __future__ import annotations

from applications.models import Application
from core.errors import NotFound
from reviews.selectors import NOT_FOUND, review_scope


def _pk(value) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def _applications(actor, application_id):
    pk = _pk(application_id)
    if pk is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise NotFound(NOT_FOUND)
    return Application.objects.filter(pk=pk).select_related(
        "applicant", "unit", "series", "track", "title", "committee"
    )


def own_application(*, actor, application_id) -> Application:
    """The actor's own application, whatever its status (a saved cover is enough): the draft
    review form and, before 提交, the pledge."""
    application = _applications(actor, application_id).filter(applicant_id=actor.pk).first()
    if application is None:
        raise NotFound(NOT_FOUND)
    return application


def document_application(*, actor, application_id, before_submission: bool = False) -> Application:
    """The application, with its snapshot and cover rows, if `actor` may print its documents.
    `before_submission`: its applicant has it from the saved cover on (the pledge)."""
    base = _applications(actor, application_id)
    own = base.filter(applicant_id=actor.pk)
    application = (own if before_submission else own.filter(snapshot__isnull=False)).first()
    base = base.filter(snapshot__isnull=False)
    if application is None:
        application = base.filter(pk__in=review_scope(actor=actor).values("pk")).first()
    if application is None:
        raise NotFound(NOT_FOUND)
    return application
