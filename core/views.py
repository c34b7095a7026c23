from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A Chinese page instead of Django's English CSRF failure page."""
    return render(request, "403_csrf.html", status=403)
