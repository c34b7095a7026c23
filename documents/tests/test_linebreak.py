"""Chinese line breaking (issue 11.18): no line starts with closing punctuation, none ends with
opening punctuation, no paragraph ends on a single character, Latin words and numbers are never
cut — checked on the breaker's own lines at many widths and on the 承诺书 as pdftotext reads it."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from documents.fonts import cjk_font
from documents.linebreak import CANNOT_END, CANNOT_START, break_lines
from documents.pledge import pledge_pdf, pledge_text

SIZE = 11.0


def real_characters(line: str) -> int:
    return sum(1 for ch in line if ch not in CANNOT_START and ch not in CANNOT_END and not ch.isspace())


def problems(lines: list[str]) -> list[str]:
    found = []
    for number, line in enumerate(lines):
        if number and line[:1] in CANNOT_START:
            found.append(f"line {number + 1} starts with {line[0]}: {line}")
        if number < len(lines) - 1 and line[-1:] in CANNOT_END:
            found.append(f"line {number + 1} ends with {line[-1]}: {line}")
    if len(lines) > 1 and real_characters(lines[-1]) < 2:
        found.append(f"the last line is a single character: {lines[-1]}")
    return found


def pledge_paragraphs() -> list[str]:
    text = pledge_text()
    opening = (
        text["opening"].replace("${year}", "2026").replace("${application}", "工程技术系列中级（工程师）")
    )
    return [opening, *text["paragraphs"]]


def test_a_comma_never_starts_a_line():
    font = cjk_font()
    text = "一二三四五六七八九十，一二三四五六七八九十。"
    width = stringWidth("一二三四五六七八九十", font, SIZE)  # exactly ten characters fit
    lines = break_lines(text, width=width, font=font, size=SIZE)
    assert lines == ["一二三四五六七八九", "十，一二三四五六七八", "九十。"]
    assert problems(lines) == []


def test_an_opening_bracket_never_ends_a_line_and_numbers_stay_whole():
    font = cjk_font()
    width = stringWidth("一二三四五六七八九十", font, SIZE)
    lines = break_lines("一二三四五六七八九《十一二三四》按2020年", width=width, font=font, size=SIZE)
    assert lines[0] == "一二三四五六七八九"  # "《" goes down with what it opens
    assert problems(lines) == []
    lines = break_lines("一二三四五六七八九2020年", width=width, font=font, size=SIZE)
    assert "2020" in "".join(lines) and not any(line.endswith(("2", "20", "202")) for line in lines)


def test_no_single_character_on_the_last_line():
    font = cjk_font()
    width = stringWidth("一二三四五六七八九十", font, SIZE)
    lines = break_lines("一二三四五六七八九十龄。", width=width, font=font, size=SIZE)
    assert lines == ["一二三四五六七八九", "十龄。"]


@pytest.mark.parametrize("paragraph", pledge_paragraphs())
def test_the_pledge_breaks_well_at_every_width(paragraph):
    font = cjk_font()
    for width in range(80, 470, 3):
        lines = break_lines(paragraph, width=width, font=font, size=SIZE, first_indent=22)
        assert "".join(lines) == paragraph
        assert problems(lines) == [], width
        for number, line in enumerate(lines):
            available = width - (22 if number == 0 else 0)
            assert stringWidth(line, font, SIZE) <= available + 0.01, (width, line)


def pdftotext_lines(content: bytes) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "pledge.pdf"
        source.write_bytes(content)
        done = subprocess.run(  # noqa: S603 - a fixed command on our own file
            ["pdftotext", "-layout", "-enc", "UTF-8", str(source), "-"],  # noqa: S607
            check=True,
            capture_output=True,
            timeout=60,
        )
    return [re.sub(r"\s+", "", line) for line in done.stdout.decode().splitlines() if line.strip()]


@pytest.mark.django_db
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not on PATH")
def test_the_printed_pledge_keeps_the_rules():
    from reviews.tests.factories import make_world

    from .factories import submit_full

    application = submit_full(make_world("禁"), name="周禁则", entries=1, photo=False)
    lines = pdftotext_lines(pledge_pdf(application=application))
    body = [line for line in lines if "第1页共1页" not in line]
    assert any(line.startswith("申报人所在单位严格按照") for line in body)
    assert problems(body) == []
    assert "〔2020〕57号）" in "".join(body) and "﹝" not in "".join(body)
