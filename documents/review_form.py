"""专业技术职称申报评审表 (the review form) as a PDF, from the submitted snapshot (never the live
dossier): a cover, 基本信息 with the 1-inch photo, the 13 sections as tables, the unit's 基层意见 and
单位公示, and every review opinion of the trail with blank boxes for the paper copy's signature,
date and stamp (rule 24). The snapshot is arranged by reviews.snapshot.snapshot_view, the same
presentation as the review page, so labels and texts are the submitted ones.

Layout is reportlab platypus on A4 (documents/pdf.py); long texts wrap inside their cells and are
cut into full-width rows of at most tables.CHUNK characters, so no cell is ever taller than a page."""

from __future__ import annotations

import io
from datetime import datetime

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Image, KeepTogether, PageBreak, Spacer, Table, TableStyle

from applications.models import Application, ApplicationStatus
from applications.state import ACTION_LABELS
from reviews.selectors import step_place

from .form_data import FormData, form_data
from .pdf import FRAME_WIDTH, GRID, PRINT_NOTE, SHADE, build_pdf, para, styles
from .tables import PADDING, cell, chunks, column_widths, kv_table, nothing, styled_table, word_floor

TITLE = "专业技术职称申报评审表"
SECTION_NUMBERS = "一二三四五六七八九十"
LONG_TEXT = 120  # a value longer than this goes in a full-width row under its entry
NUMBER_WIDTH = 9 * mm
ORPHAN = 30 * mm  # room a heading needs below it (with the table's header and first rows)
PHOTO_SIZE = (25 * mm, 35 * mm)  # 1 inch (一寸) photo


def chinese_number(n: int) -> str:
    """1..99 as Chinese numerals (一, 十, 十三, 二十一)."""
    if n <= 10:
        return SECTION_NUMBERS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else SECTION_NUMBERS[tens - 1]
    return head + "十" + (SECTION_NUMBERS[ones - 1] if ones else "")


# --- Small helpers --------------------------------------------------------------------------------


def _local(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return timezone.localtime(value).strftime(fmt) if value else ""


def _taken_at(view: dict, application: Application) -> str:
    try:
        return _local(datetime.fromisoformat(view.get("taken_at") or ""))
    except ValueError:
        return _local(application.submitted_at)


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
                f"{recognition.get('hired_on', '')}（{recognition.get('hiring_document_label', '')}）",
            )
        )
    confirmation = cover.get("confirmation")
    if confirmation:  # 职称确认 (rule 17): the title held and the trial
        rows.append(
            (
                "原职称",
                f"{confirmation.get('held_series', '')} {confirmation.get('held_title', '')}"
                f"（{confirmation.get('obtained_on', '')}，{confirmation.get('issuer', '')}）",
            )
        )
        rows.append(("调入日期", confirmation.get("transferred_on", "")))
    postdoc = cover.get("postdoc")
    if postdoc:  # 博士后认定 (rule 13): the station and what qualifies
        get = postdoc.get
        rows.append(("博士后工作站", f"{get('station', '')}（出站日期 {get('exit_on', '')}）"))
        achievements = [
            f"中国博士后科学基金资助（{get('funding_reference', '')}）" if get("funded") else "",
            f"主持省部级以上科研项目（{get('project_name', '')}）" if get("led_project") else "",
        ]
        rows.append(("资助或主持项目", "；".join(a for a in achievements if a) or "无"))
    if cover.get("committee_month_label"):
        rows.append(("评审月份", cover["committee_month_label"]))
    rows.append(("提交时间", _taken_at(data.view, application)))
    label_width, value_width = 32 * mm, 100 * mm
    table = Table(
        [[para(label, st.cover_label), para(value, st.cover_value)] for label, value in rows],
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
    return [
        Spacer(1, 30 * mm),
        para(TITLE, st.title),
        para(f"（{cover.get('year') or application.year}年度）", st.subtitle),
        Spacer(1, 22 * mm),
        table,
        Spacer(1, 30 * mm),
        para(
            "本表由职称申报评审系统根据申报人提交时的申报信息生成。"
            f"{PRINT_NOTE}（打印设置中选择“实际大小”，不要选择“适合页面”）；"
            "纸质材料按申报流程逐级审核，审核人签名、填写日期并加盖审核单位公章。",
            st.note,
        ),
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
    rows = [(r["label"], r["text"]) for r in data.view["basic"]]
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
    return [para("一、基本信息", st.h1), grid]


def _section_table(view_section: dict, raw_section: dict) -> Table:
    """One section: a header row (序号 and the short fields, repeated on every page), one row per
    entry, each long field (textarea or a long value) in full-width rows under its entry."""
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
                rows.append([para((prefix if n == 0 else "") + piece, st.cell)] + [""] * (len(widths) - 1))
                commands.append(("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)))
            if first != start:
                commands.append(("LINEABOVE", (0, first), (-1, first), 0.25, colors.HexColor("#999999")))
                if n_key == 0:  # an entry's row and the start of its long text stay on one page
                    commands.append(("NOSPLIT", (0, start), (-1, first)))
        if start > 1:
            commands.append(("LINEABOVE", (0, start), (-1, start), 0.6, GRID))
    return styled_table(rows, widths, commands, repeat=1)


def _sections(data: FormData) -> list:
    st = styles()
    raw_by_key = {s.get("key"): s for s in data.raw_sections}
    story: list = [para("二、申报信息", st.h1)]
    for number, section in enumerate(data.view["sections"], start=1):
        heading = para(f"（{chinese_number(number)}）{section['label']}", st.h2)
        if not section["entries"]:
            story.append(KeepTogether([heading, nothing()]))
            continue
        # A heading never ends a page alone: with less than ORPHAN left, the section starts anew.
        story += [CondPageBreak(ORPHAN), heading, _section_table(section, raw_by_key.get(section["key"], {}))]
    return story


def _unit_records(data: FormData) -> list:
    from recommend.models import UnitPublicity
    from recommend.selectors import RECOMMENDATION_PARTS, assessment_only

    st = styles()
    if assessment_only(data.application):
        # 考核认定, 职称确认: the employer assesses (seed questions 16 and 18); no 基层意见 or 单位公示.
        return [
            CondPageBreak(ORPHAN),
            para("三、用人单位考核", st.h1),
            para(
                f"{data.application.get_kind_display()}经用人单位考核合格后上报，无需基层意见和单位公示；"
                "用人单位的考核意见见“四、审核意见”中的单位审核。",
                st.body,
            ),
        ]
    story: list = [CondPageBreak(ORPHAN), para("三、单位推荐意见", st.h1), para("（一）基层意见", st.h2)]
    rec = data.recommendation
    if rec is None:
        story.append(nothing())
    else:
        pairs = [(label, str(getattr(rec, key, "") or "")) for key, label in RECOMMENDATION_PARTS]
        if rec.unit_id:
            pairs.insert(0, ("填写单位", str(rec.unit)))
        pairs.append(("填写时间", _local(rec.updated_at)))
        story.append(kv_table(pairs))
    story += [CondPageBreak(ORPHAN), para("（二）单位公示", st.h2)]
    pub = data.publicity
    if pub is None:
        story.append(nothing())
    else:
        meta = UnitPublicity._meta

        def label(name: str) -> str:
            return str(meta.get_field(name).verbose_name)

        pairs = [
            (label("unit"), str(pub.unit) if pub.unit_id else ""),
            ("公示期", f"{pub.start_date:%Y-%m-%d} 至 {pub.end_date:%Y-%m-%d}（{pub.workdays} 个工作日）"),
            (label("place"), pub.place),
            (label("result"), pub.get_result_display()),
        ]
        if pub.handling:
            pairs.append((label("handling"), pub.handling))
        story.append(kv_table(pairs))
    return story


# 审核人签名 | blank | 日期 | blank | 盖章 | blank (the stamp's box the widest).
REVIEW_WIDTHS = [18 * mm, 36 * mm, 15 * mm, 27 * mm, 12 * mm]
SIGNATURE_HEIGHT = 32 * mm
BLANK_OPINION_HEIGHT = 20 * mm


def _review_block(*, step_label: str, place: str, result: str, date: str, opinion: str, extra: list[str]):
    """One review opinion (or a step still to review: blank) and, under it, the blank boxes the
    paper copy is signed, dated and stamped in (rule 24)."""
    st = styles()
    font = st.font
    widths = [*REVIEW_WIDTHS, FRAME_WIDTH - sum(REVIEW_WIDTHS)]
    right = sum(widths[3:])
    rows: list = [
        ["审核环节", cell(step_label, widths[1], font), "审核单位", cell(place, right, font), "", ""],
        ["审核结果", cell(result, widths[1], font, blank=""), "日期", cell(date, right, font, blank="")],
    ]
    rows[1] += ["", ""]
    commands: list = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BOX", (0, 0), (-1, -1), 0.6, GRID),
        ("SPAN", (3, 0), (5, 0)),
        ("SPAN", (3, 1), (5, 1)),
        ("BACKGROUND", (0, 0), (0, -1), SHADE),
        ("BACKGROUND", (2, 0), (2, 1), SHADE),
    ]
    first = len(rows)
    for n, piece in enumerate(chunks(opinion) if opinion else [""]):
        rows.append(["审核意见" if n == 0 else "", para(piece, st.cell) if piece else "", "", "", "", ""])
        commands.append(("SPAN", (1, len(rows) - 1), (-1, len(rows) - 1)))
    if len(rows) - first > 1:
        commands.append(("SPAN", (0, first), (0, len(rows) - 1)))
    for text in extra:
        rows.append(["", para(text, st.cell), "", "", "", ""])
        commands.append(("SPAN", (1, len(rows) - 1), (-1, len(rows) - 1)))
    sign = len(rows)
    rows.append(["审核人签名", "", "日期", "", "盖章", ""])
    commands += [("BACKGROUND", (2, sign), (2, sign), SHADE), ("BACKGROUND", (4, sign), (4, sign), SHADE)]
    heights = [None] * len(rows)
    heights[sign] = SIGNATURE_HEIGHT
    if not opinion:
        heights[first] = BLANK_OPINION_HEIGHT
    return KeepTogether([styled_table(rows, widths, commands, heights=heights), Spacer(1, 4 * mm)])


def _event_result(event) -> str:
    if event.action == "pass" and event.to_status == ApplicationStatus.APPROVED:
        return "通过（电子材料审核完成）"
    return ACTION_LABELS.get(event.action, event.action)


def _reviews(data: FormData) -> list:
    st = styles()
    story: list = [
        CondPageBreak(ORPHAN * 2),
        para("四、审核意见", st.h1),
        para(
            "以下为网上审核记录，尚未审核的环节留空。纸质材料按申报流程逐级审核：审核人在对应栏内签名、"
            "填写日期，并加盖审核单位公章。",
            st.note,
        ),
        Spacer(1, 3 * mm),
    ]
    for event in data.events:
        extra = []
        request = getattr(event, "return_request", None) if event.action == "return" else None
        if request is not None:
            from applications.review_input import return_section_label

            for item in request.items or []:
                label = return_section_label(item.get("section", ""))
                extra.append(f"需补正：{label}：{item.get('comment', '')}")
            extra.append(f"补正截止日期：{request.deadline:%Y-%m-%d}")
        story.append(
            _review_block(
                step_label=event.step.get_kind_display() if event.step_id else "",
                place=(str(event.organisation) if event.organisation_id else step_place(event.step)),
                result=_event_result(event),
                date=_local(event.created_at),
                opinion=event.opinion,
                extra=extra,
            )
        )
    for step in data.pending_steps:
        story.append(
            _review_block(
                step_label=step.get_kind_display(),
                place=step_place(step),
                result="",
                date="",
                opinion="",
                extra=[],
            )
        )
    if not data.events and not data.pending_steps:
        story.append(nothing())
    return story


# --- The document ---------------------------------------------------------------------------------


def form_header(data: FormData) -> str:
    applicant = data.view["cover"].get("applicant") or {}
    name = applicant.get("name") or data.application.applicant.name
    number = applicant.get("id_number") or ""
    return f"{TITLE} · {data.application.year}年 · {name} {number}".strip()


def review_form_story(data: FormData) -> list:
    return [*_cover(data), *_basic(data), *_sections(data), *_unit_records(data), *_reviews(data)]


def review_form_pdf(*, application: Application) -> bytes:
    """The review form of a submitted application (its snapshot) as PDF bytes."""
    data = form_data(application=application)
    applicant = data.view["cover"].get("applicant") or {}
    name = applicant.get("name") or application.applicant.name
    return build_pdf(
        review_form_story(data),
        title=f"{TITLE}（{application.year}年 {name}）",
        subject=TITLE,
        header=form_header(data),
    )


def review_form_filename(application: Application) -> str:
    return f"{TITLE}_{application.year}_{application.applicant.name}.pdf"
