"""打印文档: the review form (专业技术职称申报评审表), its draft and the pledge (承诺书) of one
application as PDF. Thin: documents.selectors decides who may have them (404 otherwise), the
generators write them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from core.errors import ServiceError

from .pledge import pledge_filename, pledge_pdf
from .responses import pdf_response
from .review_form import (
    review_form_draft_filename,
    review_form_draft_pdf,
    review_form_filename,
    review_form_pdf,
)
from .selectors import document_application, own_application


def _found(lookup, request: HttpRequest, application_id: int, **options):
    try:
        return lookup(actor=request.user, application_id=application_id, **options)
    except ServiceError as exc:
        raise Http404(exc.detail) from None


@login_required
@require_GET
def review_form_view(request: HttpRequest, application_id: int) -> HttpResponse:
    application = _found(document_application, request, application_id)
    return pdf_response(review_form_pdf(application=application), filename=review_form_filename(application))


@login_required
@require_GET
def review_form_draft_view(request: HttpRequest, application_id: int) -> HttpResponse:
    """The applicant's own draft review form (from the saved cover on; not for stamping)."""
    application = _found(own_application, request, application_id)
    return pdf_response(
        review_form_draft_pdf(application=application), filename=review_form_draft_filename(application)
    )


@login_required
@require_GET
def pledge_view(request: HttpRequest, application_id: int) -> HttpResponse:
    application = _found(document_application, request, application_id, before_submission=True)
    return pdf_response(pledge_pdf(application=application), filename=pledge_filename(application))
