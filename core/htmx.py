"""htmx on the server side: how a page's htmx endpoint answers a refusal so the one handler in
core/static/js/site.js shows it next to the field it concerns."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse

from .errors import ServiceError, error_body, set_retry_after


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def hx_redirect(url: str, response: HttpResponse | None = None) -> HttpResponse:
    """An answer that sends the browser to `url` as a whole page (htmx follows `HX-Redirect`
    instead of swapping a page into a fragment): `response`, or an empty 204."""
    if response is None:
        response = HttpResponse(status=204)
    response["HX-Redirect"] = url
    return response


def htmx_error(error: ServiceError) -> JsonResponse:
    """The API's error body `{"detail", "errors": {field: [...]}}` with the error's status, and
    `Retry-After` when the error says how long to wait."""
    response = JsonResponse(
        error_body(error.detail, error.errors),
        status=error.status,
        json_dumps_params={"ensure_ascii": False},
    )
    return set_retry_after(response, error)
