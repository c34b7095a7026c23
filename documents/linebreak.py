"""Chinese line breaking (禁则, GB/T 15834 and the W3C's "Requirements for Chinese Text Layout")
for the running text of the generated PDFs, and the flowable that prints it justified.

reportlab's own CJK wrapping knows only part of the closing punctuation (not "，；：？！》"), never
keeps an opening bracket off a line end and leaves a single character alone on a paragraph's
last line. `break_lines` does all three:

- no line starts with closing punctuation (，。、；：？！）》」』〕】… and the like): the character
  before it goes down with it (推出), so the line stays inside the margin;
- no line ends with opening punctuation (（《「『〔【“‘): it goes down to the next line;
- no paragraph ends on a line of one character (with its punctuation: "龄。"): the line before
  gives up characters until the last line has two;
- a run of Latin letters and digits ("2026", "40") is never cut, nor "——" or "……".

`CJKParagraph` prints the lines justified (the spare room shared between the characters, the
last line left as it is), and splits between lines across pages."""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

# Closing punctuation and marks that may not start a line.
CANNOT_START = frozenset("，。、；：？！）》」』〕】〉］｝”’…—·％,.;:?!)]}%\u3005\u30fc")
# Opening punctuation that may not end a line.
CANNOT_END = frozenset("（《「『〔【〈［｛“‘([{")
# The last line of a paragraph has at least this many characters that are not punctuation.
MIN_LAST_LINE = 2

_TOKEN = re.compile(r"[0-9A-Za-z]+(?:[.\-/][0-9A-Za-z]+)*|——|……|\s+|.", re.S)


def tokens(text: str) -> list[str]:
    """The pieces a line may not be cut inside: Latin words and numbers, a two-character dash or
    ellipsis, a run of spaces, and every other single character."""
    return _TOKEN.findall(text)


def _real(token: str) -> int:
    """How many characters of `token` count for the widow rule (punctuation and spaces do not)."""
    return sum(1 for ch in token if ch not in CANNOT_START and ch not in CANNOT_END and not ch.isspace())


def _allowed(pieces: list[str], cut: int, start: int) -> bool:
    """May a line end before pieces[cut] (the line beginning at pieces[start])?"""
    if cut <= start:
        return False
    if pieces[cut][0] in CANNOT_START:
        return False
    return pieces[cut - 1][-1] not in CANNOT_END


def break_lines(text: str, *, width: float, font: str, size: float, first_indent: float = 0.0) -> list[str]:
    """The lines of one paragraph (no line breaks inside `text`) set in `font` at `size` points in
    a column `width` points wide (the first line `first_indent` narrower)."""

    @cache
    def measure(piece: str) -> float:
        return stringWidth(piece, font, size)

    pieces = tokens(text.strip())
    if not pieces:
        return [""]
    cuts: list[int] = []  # the index of the first piece of every line after the first
    start = 0
    used = 0.0
    available = width - first_indent
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        if used + measure(piece) <= available + 0.01 or index == start:
            used += measure(piece)
            index += 1
            continue
        cut = index
        while cut > start and not _allowed(pieces, cut, start):
            cut -= 1
        if cut == start:  # nothing allowed (a line of punctuation): cut where it overflows
            cut = index
        cuts.append(cut)
        start, index, used, available = cut, cut, 0.0, width
        while start < len(pieces) and pieces[start].isspace():  # no line starts with a space
            start += 1
            index = start
            cuts[-1] = start
    cuts = _no_widow(pieces, cuts)
    bounds = [0, *cuts, len(pieces)]
    return ["".join(pieces[a:b]).rstrip() for a, b in pairwise(bounds) if b > a]


def _no_widow(pieces: list[str], cuts: list[int]) -> list[int]:
    """Move the last cut back until the last line holds MIN_LAST_LINE real characters (the line
    before it only gets shorter, so it still fits), keeping the other two rules."""
    if not cuts:
        return cuts
    before = cuts[-2] if len(cuts) > 1 else 0
    cut = cuts[-1]
    while sum(_real(p) for p in pieces[cut:]) < MIN_LAST_LINE:
        candidate = cut - 1
        while candidate > before and not _allowed(pieces, candidate, before):
            candidate -= 1
        if candidate <= before + 1:  # the line before would be (almost) empty: leave it
            return cuts
        cut = candidate
    return [*cuts[:-1], cut]


class CJKParagraph(Flowable):
    """Chinese text broken by `break_lines`; a line break in the text starts a new paragraph. The
    style gives font, size, leading, first-line indent (of the first paragraph) and the space
    before and after. `justify`: every line but a paragraph's last fills the column (running
    text); otherwise ragged right (table cells). Splits between lines, never leaving one line
    alone on either page."""

    def __init__(
        self,
        text: str,
        style,
        *,
        justify: bool = True,
        lines: list[tuple[str, bool]] | None = None,
        first: bool = True,
    ) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.justify = justify
        self._fixed = lines  # a part of a split paragraph keeps its lines
        self._first = first  # this part holds the text's first line (the indented one)
        self._cache: tuple[float, list[tuple[str, bool]]] | None = None

    def _indent(self) -> float:
        return float(self.style.firstLineIndent or 0) if self._first else 0.0

    def lines(self, width: float) -> list[tuple[str, bool]]:
        """(line, ends its paragraph) for a column `width` points wide."""
        if self._fixed is not None:
            return self._fixed
        if self._cache is None or self._cache[0] != width:
            style = self.style
            found: list[tuple[str, bool]] = []
            for number, piece in enumerate(str(self.text).split("\n")):
                broken = break_lines(
                    piece,
                    width=width,
                    font=style.fontName,
                    size=style.fontSize,
                    first_indent=self._indent() if number == 0 else 0.0,
                )
                found += [(line, n == len(broken) - 1) for n, line in enumerate(broken)]
            self._cache = (width, found)
        return self._cache[1]

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = len(self.lines(availWidth)) * self.style.leading
        return availWidth, self.height

    def minWidth(self):
        return max(
            (stringWidth(t, self.style.fontName, self.style.fontSize) for t in tokens(self.text)), default=0
        )

    def getSpaceBefore(self):
        return self.style.spaceBefore

    def getSpaceAfter(self):
        return self.style.spaceAfter

    def split(self, availWidth, availHeight):
        lines = self.lines(availWidth)
        fit = min(int(availHeight // self.style.leading), len(lines) - 2)
        if fit < 2:  # one line alone at a page foot or head: move the paragraph instead
            return []
        return [
            CJKParagraph(self.text, self.style, justify=self.justify, lines=lines[:fit], first=self._first),
            CJKParagraph(self.text, self.style, justify=self.justify, lines=lines[fit:], first=False),
        ]

    def draw(self):
        canvas = self.canv
        style = self.style
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        y = self.height - style.fontSize
        for number, (line, ends) in enumerate(self.lines(self.width)):
            x = self._indent() if number == 0 else 0.0
            space = 0.0
            if self.justify and not ends and len(line) > 1:
                spare = self.width - x - stringWidth(line, style.fontName, style.fontSize)
                space = max(spare, 0.0) / (len(line) - 1)
            canvas.drawString(x, y, line, charSpace=space)
            y -= style.leading
