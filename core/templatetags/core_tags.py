from django import template

from core.menu import menu_for

register = template.Library()


@register.inclusion_tag("core/includes/menu.html", takes_context=True)
def console_menu(context):
    request = context["request"]
    return {"groups": menu_for(request.user, request.path), "user": request.user}


@register.simple_tag(takes_context=True)
def page_query(context, number: int) -> str:
    """The current query string with `page` set to `number` (filters and search are kept)."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()
