from collections.abc import Iterator
from contextlib import contextmanager
from ipaddress import ip_address

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from .errors import Forbidden, NotFound


def valid_ip(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return str(ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's IP for login records and audit rows; X-Forwarded-For only when configured
    (behind our own proxy). Anything that is not an IP address gives None."""
    if settings.USE_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return valid_ip(forwarded.split(",")[0])
    return valid_ip(request.META.get("REMOTE_ADDR"))


@contextmanager
def page_refusals() -> Iterator[None]:
    """Inside a page view: a service's Forbidden and NotFound become the page's 403 and 404
    (Django's PermissionDenied and Http404, shown by the Chinese error pages); every other
    ServiceError passes through for the view to show next to the input."""
    try:
        yield
    except Forbidden as exc:
        raise PermissionDenied(exc.detail) from None
    except NotFound as exc:
        raise Http404(exc.detail) from None
