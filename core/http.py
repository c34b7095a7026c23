from ipaddress import ip_address

from django.conf import settings
from django.http import HttpRequest


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
