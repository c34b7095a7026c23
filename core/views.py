from django.shortcuts import render


def placeholder(request, *args, **kwargs):
    """Temporary page while the feature is being built (replaced before the issue closes)."""
    return render(request, "core/base.html")
