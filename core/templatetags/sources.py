"""`{% load sources %}`: `{{ message|cite_links }}` — a refusal's source as a link to its help
page ("见《职称知识25问》第25问" → /help/#q25; core.help_links)."""

from django import template

from core.help_links import link_sources

register = template.Library()
register.filter("cite_links", link_sources)
