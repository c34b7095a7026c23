"""Errors raised by services. Pages turn them into form errors, the API into
`{"detail": ..., "errors": {field: [...]}}` (error_body) with the status below."""

from __future__ import annotations

from typing import Any, TypeVar

from django.http import HttpResponse

Response = TypeVar("Response", bound=HttpResponse)


def error_body(detail: str, errors: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """The one error body of the API and of htmx answers: `{"detail", "errors": {field: [...]}}`."""
    return {"detail": detail, "errors": errors or {}}


def set_retry_after(response: Response, error: ServiceError) -> Response:
    """`Retry-After` on an error's response when the error says how long to wait (site.js counts
    it down)."""
    if error.retry_after:
        response["Retry-After"] = str(int(error.retry_after))
    return response


class ServiceError(Exception):
    status = 400
    retry_after: int | None = None  # seconds to wait before trying again, when known

    def __init__(self, detail: str, errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or {}

    @classmethod
    def fields(
        cls, errors: dict[str, list[str]], detail: str = "提交的信息有误，请按提示修改。"
    ) -> ServiceError:
        return cls(detail, errors)


class NotFound(ServiceError):
    status = 404


class Forbidden(ServiceError):
    status = 403


def id_or_not_found(value, message: str) -> int:
    """An id from a URL, a form or JSON as an int, or NotFound(message) when it is none."""
    try:
        return int(value)
    except (TypeError, ValueError):
        raise NotFound(message) from None


class Conflict(ServiceError):
    status = 409


class AuthenticationFailed(ServiceError):
    status = 401


class AccountLocked(ServiceError):
    status = 423


class TooManyRequests(ServiceError):
    status = 429

    def __init__(
        self, detail: str, errors: dict[str, list[str]] | None = None, *, retry_after: int | None = None
    ) -> None:
        super().__init__(detail, errors)
        self.retry_after = retry_after


class FieldErrors:
    """Collects every field error of one input so the person sees them all at once."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self, detail: str = "提交的信息有误，请按提示修改。") -> None:
        if self.errors:
            raise ServiceError(detail, self.errors)
