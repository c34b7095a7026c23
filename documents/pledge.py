"""承诺书 (the pledge) as a PDF: the seed's text (documents/data/pledge.yaml, wording kept) with the
year and the series, level and title filled in from the cover (the submitted one once submitted,
the saved draft before: the applicant signs and uploads the pledge before 提交), the applicant's
name, ID number and unit above it, and the signature lines of the seed (单位经办人, 承诺人（申报人）,
单位法定代表人, 单位名称（公章）) and the date line left for the paper copy. The running text is set
by documents.linebreak (Chinese line-breaking rules, justified)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from string import Template

import yaml
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Spacer, Table, TableStyle

from applications.models import Application, ApplicationStatus

from .linebreak import CJKParagraph
from .pdf import FRAME_WIDTH, GRID, build_pdf, cell_text, para, styles

TEXT_FILE = Path(__file__).resolve().parent / "data" / "pledge.yaml"
# The room left for a handwritten name on the signature lines.
SIGNATURE_WIDTH = 36 * mm


@cache
def pledge_text() -> dict:
    """The pledge's text as the data file gives it (read once per process)."""
    with TEXT_FILE.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    for key in ("title", "opening", "paragraphs", "signatures", "date_line"):
        if key not in data:
            raise ValueError(f"{TEXT_FILE.name}: {key} is missing")
    return data


def pledge_values(application: Application) -> dict:
    """What the pledge fills in: the submitted cover, or the live rows of a saved draft (a draft
    reset after a submission may still hold that submission's snapshot: its cover can change)."""
    submitted = application.status != ApplicationStatus.DRAFT
    cover = ((application.snapshot or {}).get("cover") or {}) if submitted else {}
    applicant = cover.get("applicant") or {}
    series = (cover.get("series") or {}).get("name") or application.series.name
    level = cover.get("level_label") or application.get_level_display()
    title = (cover.get("title") or {}).get("name") or application.title.name
    return {
        "year": cover.get("year") or application.year,
        "application": f"{series}系列{level}（{title}）",
        "name": applicant.get("name") or application.applicant.name,
        "id_number": applicant.get("id_number") or application.applicant.id_number or "",
        "unit": (cover.get("unit") or {}).get("name") or application.unit.name,
        "committee": (cover.get("committee") or {}).get("name") or application.committee_label,
        "committee_heading": "评审委员会" if application.committee_id else "认定机构",
    }


def pledge_story(values: dict) -> list:
    st = styles()
    text = pledge_text()
    fill = {"year": values["year"], "application": values["application"]}
    cells = [
        ["申报人", values["name"], "身份证号", values["id_number"]],
        ["工作单位", values["unit"], "", ""],
        [values.get("committee_heading", "评审委员会"), values["committee"], "", ""],
    ]
    info = Table(
        [[cell_text(text, st.body) if text else "" for text in row] for row in cells],
        colWidths=[26 * mm, 64 * mm, 22 * mm, FRAME_WIDTH - 112 * mm],
    )
    info.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("SPAN", (1, 1), (3, 1)),
                ("SPAN", (1, 2), (3, 2)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    story: list = [
        Spacer(1, 8 * mm),
        para(text["title"], st.title),
        Spacer(1, 6 * mm),
        info,
        Spacer(1, 8 * mm),
        CJKParagraph(Template(text["opening"]).substitute(fill), st.body_indent),
    ]
    for paragraph in text["paragraphs"]:
        story += [Spacer(1, 2 * mm), CJKParagraph(Template(paragraph).substitute(fill), st.body_indent)]

    # The signature lines: blank for the handwriting, the unit's name printed under its seal.
    printed = {"单位名称（公章）": values["unit"]}
    rows = []
    for line in text["signatures"]:
        row = []
        for label in line:
            name = printed.get(label, "")
            row += [para(f"{label}：", st.body), cell_text(name, st.body) if name else ""]
        rows.append(row)
    font = st.body.fontName
    size = st.body.fontSize

    def label_width(column: int) -> float:
        return max(stringWidth(f"{line[column]}：", font, size) for line in text["signatures"]) + 14

    left, right = label_width(0), label_width(1)
    # A handwritten signature needs less room than the unit's printed name (twelve characters and
    # more are common): the right-hand blank takes the rest, and a longer name wraps by the
    # Chinese line-breaking rules (no character left alone on its last line).
    signed = min((FRAME_WIDTH - left - right) / 2, SIGNATURE_WIDTH)
    printed_width = FRAME_WIDTH - left - right - signed
    signatures = Table(rows, colWidths=[left, signed, right, printed_width], rowHeights=22 * mm)
    signatures.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.5, GRID),
                ("LINEBELOW", (3, 0), (3, -1), 0.5, GRID),
            ]
        )
    )
    # The date line: each of 年 月 日 after room for the handwritten figures.
    parts = [part for part in text["date_line"].split() if part]
    date_cells: list = []
    widths: list[float] = []
    for part in parts:
        date_cells += ["", para(part, st.body)]
        widths += [16 * mm, 7 * mm]
    date_line = Table([date_cells], colWidths=widths, hAlign="RIGHT")
    story += [Spacer(1, 14 * mm), signatures, Spacer(1, 12 * mm), date_line]
    return story


def pledge_pdf(*, application: Application) -> bytes:
    values = pledge_values(application)
    return build_pdf(
        pledge_story(values), title=f"承诺书（{values['year']}年 {values['name']}）", subject="承诺书"
    )


def pledge_filename(application: Application) -> str:
    return f"承诺书_{application.year}_{application.applicant.name}.pdf"
