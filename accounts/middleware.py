from django.shortcuts import redirect
from django.urls import reverse

from core.htmx import hx_redirect, is_htmx


class ForcePasswordChangeMiddleware:
    """After a unit admin or support reset a password, the next login must change it first."""

    allowed_prefixes = ("/static/", "/api/", "/accounts/logout", "/accounts/password/change")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.must_change_password
            and not request.path.startswith(self.allowed_prefixes)
        ):
            if is_htmx(request):
                return hx_redirect(reverse("accounts:password_change"))
            return redirect(reverse("accounts:password_change"))
        return self.get_response(request)
