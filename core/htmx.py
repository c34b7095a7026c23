"""htmx on the server side: how a page's htmx endpoint answers a refusal so the one handler in
core/static/js/site.js shows it next to the field it concerns."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse

from .errors import ServiceError


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def htmx_error(error: ServiceError, *, fields: dict[str, str] | None = None) -> JsonResponse:
    """The API's error body `{"detail", "errors": {field: [...]}}` with the error's status. `fields`
    renames a service's field to the page's input (the service's `phone` is the unit form's
    `head_phone`); `Retry-After` says how long to wait when the error knows (site.js counts down)."""
    rename = fields or {}
    errors: dict[str, list[str]] = {}
    for field, messages in error.errors.items():
        errors.setdefault(rename.get(field, field), []).extend(messages)
    response = JsonResponse(
        {"detail": error.detail, "errors": errors},
        status=error.status,
        json_dumps_params={"ensure_ascii": False},
    )
    retry_after = getattr(error, "retry_after", None)
    if retry_after:
        response["Retry-After"] = str(int(retry_after))
    return response
