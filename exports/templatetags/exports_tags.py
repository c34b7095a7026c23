"""For the review queue's export buttons: whether the 花名册 of a list is made in the background
(more rows than EXPORTS_ROSTER_DIRECT_MAX) or downloaded at once."""

from django import template
from django.conf import settings

register = template.Library()

# Lists up to this many rows are downloaded at once; longer ones become an export job.
ROSTER_DIRECT_MAX = getattr(settings, "EXPORTS_ROSTER_DIRECT_MAX", 2000)


@register.filter
def roster_in_background(count) -> bool:
    try:
        return int(count) > ROSTER_DIRECT_MAX
    except (TypeError, ValueError):
        return False
