"""专业技术职称申报评审表 (the review form) as a PDF, from the submitted snapshot (never the live
dossier): a cover, 基本信息 with the 1-inch photo, the 13 sections as tables, the unit's 基层意见 and
单位公示, the 审核记录 and each step's final decision with blank boxes for the paper copy's
signature, date and stamp (rule 24; documents/opinions.py). The snapshot is arranged by
reviews.snapshot.snapshot_view, the same presentation as the review page, so labels and texts are
the submitted ones.

The draft (`review_form_draft_pdf`) is the same form from the live dossier before submission, for
the applicant to check: "草稿 — 仅供核对，不作盖章报送" across and at the head of every page, and no
boxes for signatures or stamps.

Layout is reportlab platypus on A4 (documents/pdf.py); long texts wrap inside their cells and are
cut into full-width rows of at most tables.CHUNK characters, so no cell is ever taller than a page;
a heading always starts on the page of its table's first rows (tables.keep_heading)."""

from __future__ import annotations

import io
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Image, PageBreak, Spacer, Table, TableStyle

from applications.models import Application
from core.dates import datetime_label, iso_label, period_label
from core.people import for_people

from .form_data import FormData, draft_form_data, form_data
from .linebreak import CJKParagraph
from .opinions import reviews_part
from .pdf import FRAME_WIDTH, GRID, PRINT_NOTE, SHADE, build_pdf, cell_text, para, styles
from .tables import (
    PADDING,
    cell,
    chunks,
    column_widths,
    flowable_height,
    head_height,
    keep_heading,
    kv_table,
    nothing,
    styled_table,
    word_floor,
)

TITLE = "专业技术职称申报评审表"
DRAFT_MARK = "草稿 — 仅供核对，不作盖章报送"
SECTION_NUMBERS = "一二三四五六七八九十"
LONG_TEXT = 120  # a value longer than this goes in a full-width row under its entry
NUMBER_WIDTH = 9 * mm
PHOTO_SIZE = (25 * mm, 35 * mm)  # 1 inch (一寸) photo


def chinese_number(n: int) -> str:
    """1..99 as Chinese numerals (一, 十, 十三, 二十一)."""
    if n <= 10:
        return SECTION_NUMBERS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else SECTION_NUMBERS[tens - 1]
    return head + "十" + (SECTION_NUMBERS[ones - 1] if ones else "")


# --- Small helpers --------------------------------------------------------------------------------


def _taken_at(view: dict, application: Application) -> str:
    try:
        return datetime_label(datetime.fromisoformat(view.get("taken_at") or ""))
    except ValueError:
        return datetime_label(application.submitted_at)


# --- Parts ----------------------------------------------------------------------------------------


def _cover(data: FormData) -> list:
    st = styles()
    cover = data.view["cover"]
    application = data.application
    applicant = cover.get("applicant") or {}
    series = (cover.get("series") or {}).get("name") or application.series.name
    track = (cover.get("track") or {}).get("name") or ""
    if track and track != series:
        series = f"{series}（{track}）"
    specialty = cover.get("specialty") or application.specialty
    rows = [
        ("申报年度", f"{cover.get('year') or application.year}年"),
        ("姓名", applicant.get("name") or application.applicant.name),
        ("身份证号", applicant.get("id_number") or ""),
        ("工作单位", (cover.get("unit") or {}).get("name") or application.unit.name),
        ("申报类别", cover.get("kind_label") or application.get_kind_display()),
        ("系列（专业）", f"{series}（{specialty}）" if specialty else series),
        ("申报层级", cover.get("level_label") or application.get_level_display()),
        ("申报职称", (cover.get("title") or {}).get("name") or application.title.name),
        (
            "评审委员会" if application.committee_id else "认定机构",
            (cover.get("committee") or {}).get("name") or application.committee_label,
        ),
    ]
    recognition = cover.get("recognition")
    if recognition:  # 考核认定 (rule 14): the facts the level was computed from
        rows.append(("学历（学位）", recognition.get("schooling_label", "")))
        rows.append(
            (
                "录用（聘用）日期",
                f"{iso_label(recognition.get('hired_on', ''))}"
                f"（{recognition.get('hiring_document_label', '')}）",
            )
        )
    confirmation = cover.get("confirmation")
    if confirmation:  # 职称确认 (rule 17): the title held and the trial
        rows.append(
            (
                "原职称",
                f"{confirmation.get('held_series', '')} {confirmation.get('held_title', '')}"
                f"（{iso_label(confirmation.get('obtained_on', ''))}，{confirmation.get('issuer', '')}）",
            )
        )
        rows.append(("调入日期", iso_label(confirmation.get("transferred_on", ""))))
    postdoc = cover.get("postdoc")
    if postdoc:  # 博士后认定 (rule 13): the station and what qualifies
        get = postdoc.get
        rows.append(("博士后工作站", f"{get('station', '')}（出站日期 {iso_label(get('exit_on', ''))}）"))
        achievements = [
            f"中国博士后科学基金资助（{get('funding_reference', '')}）" if get("funded") else "",
            f"主持省部级以上科研项目（{get('project_name', '')}）" if get("led_project") else "",
        ]
        rows.append(("资助或主持项目", "；".join(a for a in achievements if a) or "无"))
    if cover.get("committee_month_label"):
        rows.append(("评审月份", cover["committee_month_label"]))
    if data.draft:
        rows.append(("生成时间", _taken_at(data.view, application)))
    else:
        rows.append(("提交时间", _taken_at(data.view, application)))
    label_width, value_width = 32 * mm, 100 * mm
    table = Table(
        [[cell_text(label, st.cover_label), cell_text(value, st.cover_value)] for label, value in rows],
        colWidths=[label_width, value_width],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.6, GRID),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    if data.draft:
        note = (
            "本表为草稿，由职称申报评审系统根据申报人当前的申报信息生成，仅供申报人核对，不作签字盖章和报送。"
            "提交并经网上审核通过后，请在“申报记录”中下载正式的申报评审表打印。"
        )
    else:
        note = (
            "本表由职称申报评审系统根据申报人提交时的申报信息生成。"
            f"{PRINT_NOTE}（打印设置中选择“实际大小”，不要选择“适合页面”）；"
            "纸质材料按申报流程逐级审核，审核人签名、填写日期并加盖审核单位公章。"
        )
    return [
        Spacer(1, 30 * mm),
        para(f"{TITLE}（草稿）" if data.draft else TITLE, st.title),
        para(f"（{cover.get('year') or application.year}年度）", st.subtitle),
        Spacer(1, 22 * mm),
        table,
        Spacer(1, 30 * mm),
        CJKParagraph(note, st.note),
        PageBreak(),
    ]


def _photo_flowable(photo: bytes | None):
    if photo is None:
        return "照片"
    try:
        image = Image(io.BytesIO(photo), width=PHOTO_SIZE[0], height=PHOTO_SIZE[1])
        image._restrictSize(*PHOTO_SIZE)  # reading the size proves the file decodes
    except Exception:  # an unreadable photo leaves the box empty, never fails the form
        return "照片"
    return image


def _basic(data: FormData) -> list:
    st = styles()
    font = st.font
    rows = [(r["label"], for_people(r["text"])) for r in data.view["basic"]]  # labels: snapshot_view
    cover = data.view["cover"]
    if cover.get("age"):
        rows.append(("年龄（计算至评审月份）", cover["age"]))
    if cover.get("service_years"):
        rows.append(("专业技术工作年限（计算至评审月份）", cover["service_years"]))
    photo_width = 31 * mm
    label_width = 27 * mm
    value_width = (FRAME_WIDTH - photo_width - 2 * label_width) / 2
    pairs = [rows[i : i + 2] for i in range(0, len(rows), 2)] or [[("姓名", "")]]
    table_rows = []
    for pair in pairs:
        row = []
        for label, text in pair:
            row += [cell(label, label_width, font), cell(text, value_width, font)]
        row += [""] * (4 - len(row))
        table_rows.append([*row, ""])
    table_rows[0][4] = _photo_flowable(data.photo)
    last = len(table_rows) - 1
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BOX", (0, 0), (-1, -1), 0.6, GRID),
        ("BACKGROUND", (0, 0), (0, -1), SHADE),
        ("BACKGROUND", (2, 0), (2, -1), SHADE),
        ("SPAN", (4, 0), (4, last)),
        ("ALIGN", (4, 0), (4, last), "CENTER"),
        ("VALIGN", (4, 0), (4, last), "MIDDLE"),
    ]
    grid = styled_table(
        table_rows, [label_width, value_width, label_width, value_width, photo_width], commands
    )
    # The photo spans every row: the table is never split, so the heading needs all of it.
    return [*keep_heading([para("一、基本信息", st.h1)], head_height(grid, len(table_rows))), grid]


def _section_table(view_section: dict, raw_section: dict) -> tuple[Table, int]:
    """One section: a header row (序号 and the short fields, repeated on every page), one row per
    entry, each long field (textarea or a long value) in full-width rows under its entry. With it,
    how many rows its heading must be kept with: the header and the first entry's rows that may
    not be split (its short row and the start of its first long text)."""
    st = styles()
    font = st.font
    entries = view_section["entries"]
    kinds = {f.get("key"): f.get("kind") for f in raw_section.get("fields") or []}
    columns: dict[str, str] = {}
    longest: dict[str, int] = {}
    for entry in entries:
        for f in entry["fields"]:
            columns.setdefault(f["key"], f["label"])
            longest[f["key"]] = max(longest.get(f["key"], 0), len(f["text"] or ""))
    long_keys = [k for k in columns if kinds.get(k) == "textarea" or longest[k] > LONG_TEXT]
    short_keys = [k for k in columns if k not in long_keys]

    natural, floors = [], []
    for key in short_keys:
        texts = [columns[key]] + [f["text"] or "—" for e in entries for f in e["fields"] if f["key"] == key]
        widest = max(stringWidth(t, font, 8.5) for t in set(texts)) + 2 * PADDING + 1
        natural.append(min(widest, 60 * mm))
        floors.append(min(word_floor(list(set(texts)), font), 40 * mm))
    widths = (
        [NUMBER_WIDTH, *column_widths(natural, floors, FRAME_WIDTH - NUMBER_WIDTH)]
        if short_keys
        else [FRAME_WIDTH]
    )

    if short_keys:
        header = ["序号", *(cell(columns[k], w, font) for k, w in zip(short_keys, widths[1:], strict=True))]
    else:
        header = [cell("、".join(columns[k] for k in long_keys), FRAME_WIDTH, font)]
    rows = [header]
    commands: list = [
        ("BOX", (0, 0), (-1, -1), 0.6, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, GRID),
    ]
    if short_keys:
        commands.append(("ALIGN", (0, 0), (0, -1), "CENTER"))
    keep = 2
    for entry in entries:
        texts = {f["key"]: f["text"] or "" for f in entry["fields"]}
        start = len(rows)
        if short_keys:
            rows.append(
                [
                    str(entry["number"]),
                    *(cell(texts.get(k, ""), w, font) for k, w in zip(short_keys, widths[1:], strict=True)),
                ]
            )
            commands.append(("INNERGRID", (0, start), (-1, start), 0.4, GRID))
        for n_key, key in enumerate(long_keys):
            label = columns[key]
            prefix = f"{label}：" if short_keys or len(long_keys) > 1 else ""
            if not short_keys and len(entries) > 1 and n_key == 0:
                prefix = f"第 {entry['number']} 条 " + prefix
            pieces = chunks(texts.get(key, "") or "—")
            first = len(rows)
            for n, piece in enumerate(pieces):
                rows.append(
                    [cell_text((prefix if n == 0 else "") + piece, st.cell)] + [""] * (len(widths) - 1)
                )
                commands.append(("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)))
            if first != start:
                commands.append(("LINEABOVE", (0, first), (-1, first), 0.25, colors.HexColor("#999999")))
                if n_key == 0:  # an entry's row and the start of its long text stay on one page
                    commands.append(("NOSPLIT", (0, start), (-1, first)))
                    if start == 1:
                        keep = first + 1
        if start > 1:
            commands.append(("LINEABOVE", (0, start), (-1, start), 0.6, GRID))
    return styled_table(rows, widths, commands, repeat=1), keep


def _sections(data: FormData) -> list:
    st = styles()
    raw_by_key = {s.get("key"): s for s in data.raw_sections}
    story: list = []
    headings = [para("二、申报信息", st.h1)]
    for number, section in enumerate(data.view["sections"], start=1):
        headings.append(para(f"（{chinese_number(number)}）{section['label']}", st.h2))
        if section["entries"]:
            table, keep = _section_table(section, raw_by_key.get(section["key"], {}))
        else:
            table, keep = nothing(), 1
        # A heading never ends a page: it starts on the page of the table's first rows.
        story += [*keep_heading(headings, head_height(table, keep)), table]
        headings = []
    return story


def _part_three(data: FormData) -> tuple[str, str]:
    """三's heading and, for 考核认定 and 职称确认 (the employer assesses, seed questions 16 and 18),
    the sentence that stands instead of 基层意见 and 单位公示 ("" for the other kinds)."""
    from recommend.permissions import assessment_only

    if assessment_only(data.application):
        kind = data.application.get_kind_display()
        return "三、用人单位考核", f"{kind}经用人单位考核合格后上报，无需基层意见和单位公示"
    return "三、单位推荐意见", ""


def _unit_records(data: FormData) -> list:
    from recommend.models import UnitPublicity
    from recommend.selectors import RECOMMENDATION_PARTS

    st = styles()
    heading, assessed = _part_three(data)
    if assessed:
        text = CJKParagraph(f"{assessed}；用人单位的考核意见见“四、审核意见”中的单位审核。", st.body)
        return [*keep_heading([para(heading, st.h1)], flowable_height(text)), text]
    rec = data.recommendation
    if rec is None:
        table = nothing()
    else:
        pairs = [(label, str(getattr(rec, key, "") or "")) for key, label in RECOMMENDATION_PARTS]
        if rec.unit_id:
            pairs.insert(0, ("填写单位", str(rec.unit)))
        pairs.append(("填写时间", datetime_label(rec.updated_at)))
        table = kv_table(pairs)
    headings = [para(heading, st.h1), para("（一）基层意见", st.h2)]
    story: list = [*keep_heading(headings, head_height(table, 1)), table]
    pub = data.publicity
    if pub is None:
        table = nothing()
    else:
        meta = UnitPublicity._meta

        def label(name: str) -> str:
            return str(meta.get_field(name).verbose_name)

        pairs = [
            (label("unit"), str(pub.unit) if pub.unit_id else ""),
            ("公示期", f"{period_label(pub.start_date, pub.end_date)}（{pub.workdays} 个工作日）"),
            (label("place"), pub.place),
            (label("result"), pub.get_result_display()),
        ]
        if pub.handling:
            pairs.append((label("handling"), pub.handling))
        table = kv_table(pairs)
    return [*story, *keep_heading([para("（二）单位公示", st.h2)], head_height(table, 1)), table]


def _draft_end(data: FormData) -> list:
    """三 and 四 of a draft: what comes after 提交, and no place for a signature or a stamp."""
    st = styles()
    heading, assessed = _part_three(data)
    after_submit = "提交后由工作单位填写基层意见并进行单位公示，正式的申报评审表中打印。"
    unit = CJKParagraph(f"{assessed}。" if assessed else after_submit, st.body)
    reviews = CJKParagraph(
        "提交后按申报流程逐级网上审核；审核记录、审核意见和签名盖章栏只在正式的申报评审表中出现。"
        "草稿不作签字盖章，不作报送材料。",
        st.body,
    )
    return [
        *keep_heading([para(heading, st.h1)], flowable_height(unit)),
        unit,
        *keep_heading([para("四、审核意见", st.h1)], flowable_height(reviews)),
        reviews,
    ]


# --- The document ---------------------------------------------------------------------------------


def form_header(data: FormData) -> str:
    applicant = data.view["cover"].get("applicant") or {}
    name = applicant.get("name") or data.application.applicant.name
    number = applicant.get("id_number") or ""
    return f"{TITLE} · {data.application.year}年 · {name} {number}".strip()


def review_form_story(data: FormData) -> list:
    if data.draft:
        return [*_cover(data), *_basic(data), *_sections(data), *_draft_end(data)]
    return [*_cover(data), *_basic(data), *_sections(data), *_unit_records(data), *reviews_part(data)]


def _build(data: FormData) -> bytes:
    applicant = data.view["cover"].get("applicant") or {}
    name = applicant.get("name") or data.application.applicant.name
    title = f"{TITLE}（草稿）" if data.draft else TITLE
    return build_pdf(
        review_form_story(data),
        title=f"{title}（{data.application.year}年 {name}）",
        subject=title,
        header=form_header(data),
        watermark=DRAFT_MARK if data.draft else "",
    )


def review_form_pdf(*, application: Application) -> bytes:
    """The review form of a submitted application (its snapshot) as PDF bytes."""
    return _build(form_data(application=application))


def review_form_draft_pdf(*, application: Application) -> bytes:
    """The draft review form of a saved cover, from the dossier as it is now (not a snapshot),
    marked 草稿 on every page and without signature or stamp boxes."""
    return _build(draft_form_data(application=application))


def review_form_filename(application: Application) -> str:
    return f"{TITLE}_{application.year}_{application.applicant.name}.pdf"


def review_form_draft_filename(application: Application) -> str:
    return f"{TITLE}_草稿_{application.year}_{application.applicant.name}.pdf"
