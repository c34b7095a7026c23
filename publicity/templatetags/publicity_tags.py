"""`{% load publicity_tags %}{% application_objections application %}`: the objections about an
application and their outcomes (rule 4), for the reviewer's review page. Renders nothing when
there are none. One query.

`{% prereview_filing application %}`: the application's 评前公示 and its filing with the provincial
and city HR departments (seed 必读 (三)2), for the review page and 申报记录; only once the
application has passed 资格审查 (approved, with a committee). One query once filed, two to four
before."""

from django import template

from ..selectors import application_objections as objections_of
from ..selectors import prereview_filing_state

register = template.Library()


@register.inclusion_tag("publicity/includes/objections.html")
def application_objections(application) -> dict:
    objections = objections_of(application=application)
    return {"objections": objections, "held": any(o.is_open for o in objections)}


@register.inclusion_tag("publicity/includes/prereview_filing.html")
def prereview_filing(application, nested: bool = False) -> dict:
    """`nested`: inside another card (申报记录), as a sub-section with an h3."""
    if application is None or not application.committee_id or application.status != "approved":
        return {"show": False}
    item, reason = prereview_filing_state(application=application)
    return {"show": True, "filed": item is not None, "reason": reason, "item": item, "nested": nested}
