"""Who may download an application's documents (评审表, 承诺书): its applicant once it has been
submitted (a snapshot exists), and every reviewing organisation whose scope holds it
(reviews.selectors.review_scope, the one place of jurisdiction), at any step. Anything else is
"not found", the same answer as for an id that does not exist."""

from __future__ import annotations

from applications.models import Application
from core.errors import NotFound
from reviews.selectors import NOT_FOUND, review_scope


def _pk(value) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def document_application(*, actor, application_id) -> Application:
    """The application, with its snapshot and cover rows, if `actor` may print its documents."""
    pk = _pk(application_id)
    if pk is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise NotFound(NOT_FOUND)
    base = Application.objects.filter(pk=pk, snapshot__isnull=False).select_related(
        "applicant", "unit", "series", "track", "title", "committee"
    )
    application = base.filter(applicant_id=actor.pk).first()
    if application is None:
        application = base.filter(pk__in=review_scope(actor=actor).values("pk")).first()
    if application is None:
        raise NotFound(NOT_FOUND)
    return application
