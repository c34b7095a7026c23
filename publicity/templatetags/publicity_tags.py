"""`{% load publicity_tags %}{% application_objections application %}`: the objections about an
application and their outcomes (rule 4), for the reviewer's review page. Renders nothing when
there are none. One query."""

from django import template

from ..selectors import application_objections as objections_of

register = template.Library()


@register.inclusion_tag("publicity/includes/objections.html")
def application_objections(application) -> dict:
    objections = objections_of(application=application)
    return {"objections": objections, "held": any(o.is_open for o in objections)}
