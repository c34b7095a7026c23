"""The two downloadable guides of the home page's 服务窗口 (seed part 五 (一)3 and (四)): 系统使用指南
for applicants and 用户手册 for units and reviewers. Their text is Markdown kept in the repository
(docs/guides/*.md, screenshots in docs/guides/img/, taken by tests/browser/test_guide_screenshots.py);
this module lays them out as A4 PDF with the embedded CJK font, the same page frame as every other
document of the system.

The Markdown is read with markdown-it-py (CommonMark plus tables). Supported: headings (#, ##, ###),
paragraphs with **strong**, *emphasis* and `code`, bulleted and numbered lists (one level), tables,
block quotes (shown as a note) and images on a line of their own (scaled to the page width, the alt
text as the caption). Anything else is a mistake in the guide and raises, so the build test catches it.

A built guide is kept in the cache, keyed by the modification times and sizes of its sources (text
and images; nothing is read for the key but the Markdown once per version): editing a guide
rebuilds it on the next download, nothing else does.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.cache import cache
from markdown_it import MarkdownIt
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Image, KeepTogether, Paragraph, Spacer, Table, TableStyle

from .pdf import FRAME_WIDTH, GRID, SHADE, build_pdf, styles

GUIDES_DIR = Path(settings.BASE_DIR) / "docs" / "guides"


@dataclass(frozen=True)
class Guide:
    slug: str
    title: str  # the download's name on the home page
    audience: str
    source: str  # file name in docs/guides/

    @property
    def path(self) -> Path:
        return GUIDES_DIR / self.source

    @property
    def filename(self) -> str:
        return f"{self.title}.pdf"


GUIDES: dict[str, Guide] = {
    "applicant": Guide("applicant", "系统使用指南", "申报人", "applicant.md"),
    "manual": Guide("manual", "用户手册", "用人单位、主管部门、人社部门和评委会办公室", "manual.md"),
}


class GuideError(ValueError):
    """The guide's Markdown uses something the layout does not support (or an image is missing)."""


def guide_get(*, slug: str) -> Guide | None:
    return GUIDES.get(slug)


def _stamp(path: Path) -> tuple[int, int] | None:
    """What stands for a source file's content in the cache key: its modification time and size
    (None when it is missing)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_mtime_ns, stat.st_size


@functools.lru_cache(maxsize=2 * len(GUIDES))
def _parsed(path: Path, stamp: tuple[int, int] | None) -> list:
    """The guide's Markdown parsed, once per version of the file (`stamp`) in a process."""
    return _parser().parse(path.read_text(encoding="utf-8"))


def _image_paths(guide: Guide, tokens: list) -> list[Path]:
    paths = []
    for token in tokens:
        for child in token.children or []:
            if child.type == "image":
                paths.append(guide.path.parent / child.attrs["src"])
    return paths


def guide_pdf(*, guide: Guide) -> bytes:
    """The guide as PDF, built once per version of its sources (the Markdown and its screenshots,
    by modification time and size), then read from the cache."""
    tokens = _parsed(guide.path, _stamp(guide.path))
    sources = [(guide.source, _stamp(guide.path))]
    sources += [(image.name, _stamp(image)) for image in sorted(_image_paths(guide, tokens))]
    key = f"guide-pdf:{guide.slug}:{hashlib.sha256(repr(sources).encode()).hexdigest()[:16]}"
    content = cache.get(key)
    if content is None:
        content = _build(guide, tokens)
        cache.set(key, content, timeout=None)
    return content


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def build_guide(*, guide: Guide) -> bytes:
    return _build(guide, _parser().parse(guide.path.read_text(encoding="utf-8")))


def _build(guide: Guide, tokens: list) -> bytes:
    story = _Layout(base=guide.path.parent).render(tokens)
    header = f"职称申报评审系统 · {guide.title}"
    return build_pdf(story, title=guide.title, header=header, subject=guide.audience)


def _inline(token) -> str:
    """reportlab's paragraph markup for an inline token's children (text escaped)."""
    out: list[str] = []
    for child in token.children or []:
        kind = child.type
        if kind == "text":
            out.append(escape(child.content))
        elif kind in ("softbreak",):
            out.append("")  # Chinese text: a line break in the source is no space
        elif kind == "hardbreak":
            out.append("<br/>")
        elif kind == "strong_open":
            out.append("<b>")
        elif kind == "strong_close":
            out.append("</b>")
        elif kind == "em_open":
            out.append("<i>")
        elif kind == "em_close":
            out.append("</i>")
        elif kind == "code_inline":
            out.append(f'<font color="#8a1c1c">{escape(child.content)}</font>')
        elif kind in ("link_open", "link_close"):
            continue  # the link's text is kept; addresses mean nothing on paper
        else:
            raise GuideError(f"指南中不支持的格式：{kind}")
    return "".join(out)


class _Layout:
    def __init__(self, *, base: Path) -> None:
        self.base = base
        self.s = styles()
        self.list_item = ParagraphStyle(
            "guide_list_item", parent=self.s.body, leftIndent=16, bulletIndent=4, spaceAfter=2
        )

    def render(self, tokens) -> list:
        story: list = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            kind = token.type
            if kind == "heading_open":
                level = int(token.tag[1])
                text = _inline(tokens[i + 1])
                style = {1: self.s.title, 2: self.s.h1, 3: self.s.h2}.get(level, self.s.h2)
                if level > 1:
                    story.append(CondPageBreak(40 * mm))  # a heading never ends a page
                story.append(Paragraph(text, style))
                i += 3
            elif kind == "paragraph_open":
                inline = tokens[i + 1]
                images = [c for c in inline.children or [] if c.type == "image"]
                if images:
                    story.extend(self._image(image) for image in images)
                else:
                    story.append(Paragraph(_inline(inline), self.s.body))
                    story.append(Spacer(1, 2 * mm))
                i += 3
            elif kind in ("bullet_list_open", "ordered_list_open"):
                i = self._list(tokens, i, story)
            elif kind == "table_open":
                i = self._table(tokens, i, story)
            elif kind == "blockquote_open":
                end = _closing(tokens, i, "blockquote_close")
                texts = [_inline(t) for t in tokens[i:end] if t.type == "inline"]
                note = Table([[Paragraph("<br/>".join(texts), self.s.body)]], colWidths=[FRAME_WIDTH])
                note.setStyle(
                    TableStyle(
                        [
                            ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                            ("LEFTPADDING", (0, 0), (-1, -1), 8),
                            ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                            ("TOPPADDING", (0, 0), (-1, -1), 6),
                            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                        ]
                    )
                )
                story += [note, Spacer(1, 3 * mm)]
                i = end + 1
            elif kind == "hr":
                story.append(Spacer(1, 4 * mm))
                i += 1
            else:
                raise GuideError(f"指南中不支持的格式：{kind}")
        return story

    def _image(self, token):
        path = self.base / token.attrs["src"]
        if not path.exists():
            raise GuideError(f"指南引用的截图不存在：{token.attrs['src']}")
        caption = "".join(c.content for c in token.children or [] if c.type == "text")
        image = Image(str(path))
        scale = min(1.0, FRAME_WIDTH / image.imageWidth, (150 * mm) / image.imageHeight)
        image.drawWidth = image.imageWidth * scale
        image.drawHeight = image.imageHeight * scale
        framed = Table([[image]], colWidths=[image.drawWidth], rowHeights=[image.drawHeight])
        framed.setStyle(
            TableStyle(
                [
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                    ("BOX", (0, 0), (-1, -1), 0.5, colors.HexColor("#999999")),
                ]
            )
        )
        parts = [framed]
        if caption:
            parts.append(Paragraph(f"图：{escape(caption)}", self.s.note))
        parts.append(Spacer(1, 4 * mm))
        return KeepTogether(parts)

    def _list(self, tokens, i: int, story: list) -> int:
        ordered = tokens[i].type == "ordered_list_open"
        end = _closing(tokens, i, "ordered_list_close" if ordered else "bullet_list_close")
        number = int(tokens[i].attrs.get("start", 1) or 1) if ordered else 0
        j = i + 1
        while j < end:
            if tokens[j].type == "list_item_open":
                item_end = _closing(tokens, j, "list_item_close")
                inner = tokens[j + 1 : item_end]
                if any(t.type in ("bullet_list_open", "ordered_list_open") for t in inner):
                    raise GuideError("指南中的列表只支持一级。")
                text = "<br/>".join(_inline(t) for t in inner if t.type == "inline")
                bullet = f"{number}." if ordered else "•"
                story.append(Paragraph(text, self.list_item, bulletText=bullet))
                number += 1
                j = item_end + 1
            else:
                j += 1
        story.append(Spacer(1, 2 * mm))
        return end + 1

    def _table(self, tokens, i: int, story: list) -> int:
        end = _closing(tokens, i, "table_close")
        rows: list[list] = []
        row: list = []
        for token in tokens[i:end]:
            if token.type == "tr_open":
                row = []
            elif token.type == "inline":
                row.append(Paragraph(_inline(token), self.s.cell))
            elif token.type == "tr_close":
                rows.append(row)
        table = Table(rows, repeatRows=1, colWidths=[FRAME_WIDTH / len(rows[0])] * len(rows[0]))
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                    ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story += [table, Spacer(1, 3 * mm)]
        return end + 1


def _closing(tokens, start: int, close_type: str) -> int:
    """The index of the token closing the block opened at `start` (same nesting level)."""
    level = tokens[start].level
    for j in range(start + 1, len(tokens)):
        if tokens[j].type == close_type and tokens[j].level == level:
            return j
    raise GuideError(f"指南的 Markdown 不完整：缺少 {close_type}")
