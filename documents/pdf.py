"""What every generated PDF shares: A4 with margins that survive printing at 100% (rule 24), the CJK
font (documents/fonts.py), the paragraph styles, the page header and the footer "第 N 页 共 M 页"
with the printing note, an optional watermark on every page (the draft review form's "草稿"), and
the viewer preference PrintScaling=None (viewers then default to "actual size" in their print
dialog instead of "fit to page"). The frame has no inner padding: a table FRAME_WIDTH wide and
the running text share the same left and right edges."""

from __future__ import annotations

import io
from functools import partial
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

from .fonts import cjk_font
from .linebreak import CJKParagraph

PAGE_SIZE = A4
# 20 mm all round, 25 mm on the binding (left) side: far inside any printer's unprintable border,
# so nothing moves or shrinks when the page is printed at 100%.
LEFT_MARGIN = 25 * mm
RIGHT_MARGIN = 20 * mm
TOP_MARGIN = 22 * mm
BOTTOM_MARGIN = 20 * mm
FRAME_WIDTH = PAGE_SIZE[0] - LEFT_MARGIN - RIGHT_MARGIN
FRAME_HEIGHT = PAGE_SIZE[1] - TOP_MARGIN - BOTTOM_MARGIN

PRINT_NOTE = "请按 100% 实际大小打印"
GRID = colors.HexColor("#444444")
SHADE = colors.HexColor("#EDEDED")


class Styles:
    """The paragraph styles (built after the font is registered)."""

    def __init__(self) -> None:
        font = cjk_font()

        def style(name: str, size: float, leading: float, **extra) -> ParagraphStyle:
            return ParagraphStyle(
                name, fontName=font, fontSize=size, leading=leading, wordWrap="CJK", **extra
            )

        self.font = font
        self.body = style("body", 10.5, 17)
        self.body_indent = style("body_indent", 11, 19, firstLineIndent=22)
        self.cell = style("cell", 8.5, 11.5)
        self.head = style("head", 8.5, 11.5)
        self.title = style("title", 22, 30, alignment=TA_CENTER, spaceAfter=6)
        self.subtitle = style("subtitle", 12, 18, alignment=TA_CENTER, textColor=colors.HexColor("#333333"))
        self.h1 = style("h1", 14, 20, spaceBefore=8, spaceAfter=6)
        self.h2 = style("h2", 11.5, 16, spaceBefore=8, spaceAfter=4)
        self.note = style("note", 8.5, 12, textColor=colors.HexColor("#555555"))
        self.cover_label = style("cover_label", 12, 18)
        self.cover_value = style("cover_value", 12, 18)


_styles: Styles | None = None


def styles() -> Styles:
    global _styles
    if _styles is None:
        _styles = Styles()
    return _styles


def para(text, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped; line breaks kept)."""
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def cell_text(text, style: ParagraphStyle) -> CJKParagraph:
    """Text in a table cell: Chinese line breaking (documents.linebreak), ragged right; a line
    break in the text starts a new line."""
    return CJKParagraph(str(text), style, justify=False)


class NumberedCanvas(pdf_canvas.Canvas):
    """Keeps every page until the end, then draws the header and "第 N 页 共 M 页" on each: the
    total is known only after the layout (one layout pass; the pages' drawing operations are kept,
    not re-laid out)."""

    def __init__(
        self, *args, header: str = "", footer: str = PRINT_NOTE, watermark: str = "", **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._header = header
        self._footer = footer
        self._watermark = watermark

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._decorate(total)
            super().showPage()
        super().save()

    def _decorate(self, total: int) -> None:
        font = cjk_font()
        width, height = PAGE_SIZE
        self.saveState()
        self.setFillColor(colors.HexColor("#333333"))
        if self._watermark:
            self._draw_watermark(font)
        self.setFont(font, 8)
        # The header from page 2 on; a watermarked document carries it (with the mark) on every page.
        header = f"{self._watermark} · {self._header}" if self._watermark else self._header
        if header and (self._pageNumber > 1 or self._watermark):
            self.drawString(LEFT_MARGIN, height - TOP_MARGIN + 8 * mm, header)
            self.setStrokeColor(colors.HexColor("#999999"))
            self.setLineWidth(0.4)
            y = height - TOP_MARGIN + 6.5 * mm
            self.line(LEFT_MARGIN, y, width - RIGHT_MARGIN, y)
        self.setFont(font, 9)
        self.drawCentredString(width / 2, BOTTOM_MARGIN - 10 * mm, f"第 {self._pageNumber} 页 共 {total} 页")
        if self._footer:
            self.setFont(font, 7.5)
            self.drawRightString(width - RIGHT_MARGIN, BOTTOM_MARGIN - 10 * mm, self._footer)
        self.restoreState()

    def _draw_watermark(self, font: str) -> None:
        """The mark across the page's diagonal, light and see-through, over the content (so no
        table's shading can hide it), the big "草稿" and the whole sentence under it."""
        width, height = PAGE_SIZE
        first, _sep, rest = self._watermark.partition(" — ")
        self.saveState()
        self.setFillColor(colors.HexColor("#B0B0B0"))
        self.setFillAlpha(0.35)
        self.translate(width / 2, height / 2)
        self.rotate(54.7)  # the A4 diagonal
        self.setFont(font, 110)
        self.drawCentredString(0, 10, first)
        if rest:
            self.setFont(font, 26)
            self.drawCentredString(0, -32, rest)
        self.restoreState()


def build_pdf(story: list, *, title: str, header: str = "", subject: str = "", watermark: str = "") -> bytes:
    """Lays out `story` on A4 and returns the PDF's bytes; `watermark` ("草稿 — …") is printed
    across every page and at the head of each."""
    font = cjk_font()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=title,
        subject=subject,
        author="职称申报评审系统",
        creator="职称申报评审系统",
        lang="zh-CN",
        printScaling="None",
        initialFontName=font,
    )
    frame = Frame(
        LEFT_MARGIN,
        BOTTOM_MARGIN,
        FRAME_WIDTH,
        FRAME_HEIGHT,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="A4", frames=[frame])])
    doc.build(story, canvasmaker=partial(NumberedCanvas, header=header, watermark=watermark))
    return buffer.getvalue()
