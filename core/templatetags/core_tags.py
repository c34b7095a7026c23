from django import template

from core.menu import menu_for

register = template.Library()


@register.inclusion_tag("core/includes/menu.html", takes_context=True)
def console_menu(context):
    request = context["request"]
    return {"groups": menu_for(request.user, request.path), "user": request.user}
