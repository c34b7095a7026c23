"""Where people read a rule's source in a page, it links to the help page that holds it (issue 11
item 17): "见《职称知识25问》第8问、第11问" → each question to its entry on /help/, 职称申报必读 and
系统填报说明 to their pages, the site FAQ to its entry. The help pages' addresses live here (core,
which every app may use); core.sources names the sources with them.

`link_sources(text)` escapes the text and returns it with the links (safe HTML); text that names
no source comes back escaped and otherwise unchanged. Plain text (SMS, PDF, the API) keeps the
names without links."""

from __future__ import annotations

import re

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeData, SafeString, mark_safe

HELP = "/help/"
MUST_READ = "/help/must-read/"
FILLING_GUIDE = "/help/filling-guide/"
SITE_FAQ = "/help/#site-"

_NUMERAL = "一二三四五六七八九十"
_SOURCES = re.compile(
    r"(?P<questions>《职称知识25问》第\d+问(?:、第\d+问)*)"
    rf"|(?P<must_read>《?职称申报必读》?(?:（[{_NUMERAL}]+）(?:\d+(?:、\d+)*)?)?)"
    rf"|(?P<filling>《?系统填报说明》?(?:（[{_NUMERAL}]+）(?:\d+(?:、\d+)*)?)?)"
    r"|(?P<site>“申报网站常见问题”第(?P<site_number>\d+)问)"
)
_QUESTION = re.compile(r"第(\d+)问")


def _questions(text: str) -> str:
    """《职称知识25问》第8问、第11问: the book's name once, each question its own link."""
    head, _, numbers = text.partition("》")
    if numbers.count("问") == 1:
        return format_html('<a href="{}#q{}">{}</a>', HELP, _QUESTION.search(numbers).group(1), text)
    parts = [
        format_html('<a href="{}#q{}">{}</a>', HELP, match.group(1), match.group(0))
        for match in _QUESTION.finditer(numbers)
    ]
    return head + "》" + "、".join(parts)


def _link(match: re.Match) -> str:
    text = match.group(0)
    if match.group("questions"):
        return _questions(text)
    if match.group("must_read"):
        return format_html('<a href="{}">{}</a>', MUST_READ, text)
    if match.group("filling"):
        return format_html('<a href="{}">{}</a>', FILLING_GUIDE, text)
    return format_html('<a href="{}{}">{}</a>', SITE_FAQ, match.group("site_number"), text)


def link_sources(text: object) -> SafeString:
    if isinstance(text, SafeData):  # already HTML (it may hold its own links): left alone
        return text  # type: ignore[return-value]
    escaped = str(conditional_escape("" if text is None else text))
    if not any(name in escaped for name in ("25问", "必读", "填报说明", "常见问题")):
        return mark_safe(escaped)  # noqa: S308 - escaped above
    return mark_safe(_SOURCES.sub(_link, escaped))  # noqa: S308 - escaped, links built by format_html
