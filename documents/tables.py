"""Table building blocks of the generated PDFs: cells that wrap Chinese text (a plain string when
it fits on one line, which lays out much faster), columns sized by their content like an HTML
table's automatic layout, long texts cut into rows of at most CHUNK characters (a table row never
splits across pages, so no cell may be taller than one), label / value tables, and `keep_heading`,
which keeps a heading on the page of the first rows of its table."""

from __future__ import annotations

import re

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Table, TableStyle

from .pdf import FRAME_HEIGHT, FRAME_WIDTH, GRID, SHADE, cell_text, styles

CHUNK = 500  # characters of a long text per table row
SHORT = 5  # a text this short is never broken inside a table cell
PADDING = 3  # points, left and right of a cell's text


def chunks(text: str, size: int = CHUNK) -> list[str]:
    """A long text cut at line ends (or, inside a very long line, after a 。；！？ near the limit)
    into pieces of at most `size` characters."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > size:
            cut = max((m.end() for m in re.finditer(r"[。；！？.;!?]", line[:size])), default=0)
            cut = cut if cut > size // 2 else size
            head, line = line[:cut], line[cut:]
            if current:
                pieces.append(current)
                current = ""
            pieces.append(head)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > size and current:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current or not pieces:
        pieces.append(current)
    return pieces


def cell(text: str, width: float, font: str, size: float = 8.5, *, blank: str = "—"):
    """A plain string when it fits on one line (fast), else a wrapping paragraph; `blank` for an
    empty value."""
    text = text or blank
    if "\n" not in text and stringWidth(text, font, size) <= width - 2 * PADDING:
        return text
    return cell_text(text, styles().cell)


def column_widths(natural: list[float], floors: list[float], available: float) -> list[float]:
    """Columns sized like an HTML table's automatic layout: when every column fits on one line,
    the spare room is shared in proportion; otherwise each column gets its floor (its longest
    unbreakable word: a date, a number) and the rest is shared in proportion to what each still
    lacks of its natural width."""
    total = sum(natural)
    if total <= available:
        return [n * available / total for n in natural]
    floors = [min(f, n) for f, n in zip(floors, natural, strict=True)]
    spare = available - sum(floors)
    if spare <= 0:
        return [f * available / sum(floors) for f in floors]
    wants = [n - f for n, f in zip(natural, floors, strict=True)]
    total_wants = sum(wants) or 1.0
    return [f + spare * w / total_wants for f, w in zip(floors, wants, strict=True)]


# A date of the one date style ("2012年12月20日", "2012年12月") reads as one word, as an ISO date did.
WORD = re.compile(r"\d{4}年\d{1,2}月(?:\d{1,2}日)?|[0-9A-Za-z\-_.:/()（）%+#@]+")


def word_floor(texts: list[str], font: str) -> float:
    """The width a column needs so that no word (a run of Latin letters, digits and marks, or a
    date "2012年12月20日"), no short text (up to SHORT characters: 工程技术, 助理工程师, 是否聘任)
    and no pair of Chinese characters is broken."""
    widest = stringWidth("中文", font, 8.5)
    for text in texts:
        if len(text) <= SHORT:
            widest = max(widest, stringWidth(text, font, 8.5))
            continue
        for word in WORD.findall(text):
            widest = max(widest, stringWidth(word, font, 8.5))
    return widest + 2 * PADDING + 1


def styled_table(rows: list, widths: list[float], commands: list, *, repeat: int = 0, heights=None) -> Table:
    font = styles().font
    table = Table(rows, colWidths=widths, rowHeights=heights, repeatRows=repeat, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                ("LEADING", (0, 0), (-1, -1), 11.5),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                *commands,
            ]
        )
    )
    table.source = (rows, widths, commands, heights)  # for head_height
    return table


def _within(command: tuple, count: int) -> tuple | None:
    """A table style command for a table of the first `count` rows (None when it is about later
    rows); a range reaching past them ends at the last of them."""
    name, (c0, r0), (c1, r1), *rest = command
    if r0 >= count:
        return None
    if r1 >= count:
        r1 = count - 1
    return (name, (c0, r0), (c1, r1), *rest)


def head_height(table: Table, count: int) -> float:
    """The height of the first `count` rows of a table made by `styled_table` (what must follow
    its heading onto the same page: the header row and the first rows that cannot be split)."""
    rows, widths, commands, heights = table.source
    count = max(1, min(count, len(rows)))
    kept = [c for c in (_within(command, count) for command in commands) if c is not None]
    probe = styled_table(rows[:count], widths, kept, heights=heights[:count] if heights else None)
    return probe.wrap(sum(widths), FRAME_HEIGHT)[1]


def flowable_height(flowable, width: float = FRAME_WIDTH) -> float:
    height = flowable.wrap(width, FRAME_HEIGHT)[1]
    return height + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def keep_heading(headings: list, following: float) -> list:
    """`headings` (paragraphs, notes, spacers) preceded by a conditional page break: when less room
    is left on the page than they and the `following` points of what comes after them (a table's
    first rows: `head_height`) need, they start on the next page — a heading never ends a page."""
    needed = sum(flowable_height(h) for h in headings) + following
    return [CondPageBreak(min(needed, FRAME_HEIGHT - 1)), *headings]


def kv_table(pairs: list[tuple[str, str]], *, label_width: float = 38 * mm) -> Table:
    """Label / value rows (long values cut into rows of CHUNK characters)."""
    font = styles().font
    value_width = FRAME_WIDTH - label_width
    rows, commands = [], [("BOX", (0, 0), (-1, -1), 0.6, GRID), ("LINEAFTER", (0, 0), (0, -1), 0.4, GRID)]
    for label, text in pairs:
        pieces = chunks(text or "—")
        start = len(rows)
        for n, piece in enumerate(pieces):
            rows.append([cell(label, label_width, font) if n == 0 else "", cell(piece, value_width, font)])
        if start:
            commands.append(("LINEABOVE", (0, start), (-1, start), 0.4, GRID))
        commands.append(("BACKGROUND", (0, start), (0, len(rows) - 1), SHADE))
    return styled_table(rows, [label_width, value_width], commands)


def nothing(text: str = "无") -> Table:
    return styled_table(
        [[cell(text, FRAME_WIDTH, styles().font)]], [FRAME_WIDTH], [("BOX", (0, 0), (-1, -1), 0.6, GRID)]
    )
