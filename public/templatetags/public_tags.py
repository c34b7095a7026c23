"""Presentation helpers of the public pages: paragraphs, help-page headings, phone links."""

from __future__ import annotations

import re

from django import template

register = template.Library()

SECTION_RE = re.compile(r"^（[一二三四五六七八九十]+）")
NUMBERED_RE = re.compile(r"^\d+\.")
SUBNUMBERED_RE = re.compile(r"^（\d+）")


@register.filter
def paragraphs(text: str) -> list[str]:
    """Plain text whose paragraphs are separated by a blank line → the list of paragraphs."""
    return [p for p in (text or "").split("\n\n") if p.strip()]


@register.filter
def help_blocks(text: str) -> list[dict]:
    """A help page body → blocks: section headings （一）… as h2, short numbered headings
    (1.基本信息, questions ending in ？) as h3, （1）个人申报 as h4, the rest as paragraphs."""
    blocks = []
    for para in paragraphs(text):
        if SECTION_RE.match(para) and len(para) <= 30:
            blocks.append({"tag": "h2", "text": para})
        elif NUMBERED_RE.match(para) and (len(para) <= 16 or para.endswith("？")):
            blocks.append({"tag": "h3", "text": para})
        elif SUBNUMBERED_RE.match(para) and len(para) <= 14:
            blocks.append({"tag": "h4", "text": para})
        else:
            blocks.append({"tag": "p", "text": para})
    return blocks


@register.filter
def tel_href(phone: str) -> str:
    """tel: link target of a phone as written in the seed (0871-63644999转1转627005 → the main number)."""
    return "tel:" + re.sub(r"[^\d+]", "", (phone or "").split("转")[0])


@register.filter
def split_phones(phone: str) -> list[str]:
    return [p for p in (phone or "").split("、") if p]
