from django.http import HttpResponse


def placeholder(request, *args, **kwargs):
    """Replaced while issue 4 is built."""
    return HttpResponse("")
