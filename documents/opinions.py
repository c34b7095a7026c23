"""四、审核意见 of the review form: the 审核记录 — one line per event of the trail (提交, 通过, 返回修改
with what to fix and by when, 重置流程, 不通过, 视为放弃), each round a line, never a box — and then
one box per step of the route as it stands: the step's final decision (通过 or 不通过) with the
blank places for the paper copy's reviewer signature, date and stamp (rule 24; seed question 24:
审核人员姓名、审核意见及审核日期，加盖审核单位公章), or an empty box for a step still to come.

Every cell is in a column sized to its content; a text longer than its column is a wrapping
paragraph (CJK), so a long step name ("县（市）区人社局审核", "省人社厅审核（市人社局录入结果）") or
status wraps inside its cell, and a text that fits is a plain string (tables.cell)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Spacer

from applications.models import ApplicationStatus, StepState
from applications.state import ACTION_LABELS
from core.dates import date_label, datetime_label, deadline_label, time_label
from core.people import for_people
from reviews.selectors import step_place

from .form_data import FormData
from .linebreak import CJKParagraph
from .pdf import FRAME_WIDTH, GRID, SHADE, cell_text, para, styles
from .tables import (
    PADDING,
    cell,
    chunks,
    flowable_height,
    head_height,
    keep_heading,
    nothing,
    styled_table,
    word_floor,
)

# The decisions that close a step: only these get the box for signature, date and stamp.
DECISIONS = ("pass", "reject")
RECORD_HEADER = ("时间", "环节", "办理单位", "办理结果", "意见")
RECORD_CAPS = (None, 27 * mm, 34 * mm, 17 * mm)  # None: never wrapped

# 审核人签名 | blank | 日期 | blank | 盖章 | blank (the stamp's box the widest).
REVIEW_WIDTHS = [18 * mm, 36 * mm, 15 * mm, 27 * mm, 12 * mm]
SIGNATURE_HEIGHT = 32 * mm
BLANK_OPINION_HEIGHT = 20 * mm


def event_result(event) -> str:
    if event.action == "pass" and event.to_status == ApplicationStatus.APPROVED:
        return "通过（电子材料审核通过）"
    return ACTION_LABELS.get(event.action, event.action)


def _step_label(event) -> str:
    if event.step_id:
        return event.step.get_kind_display()
    return "个人申报" if event.action == "submit" else ""


def _place(event, application) -> str:
    if event.action == "submit":
        return f"申报人 {application.applicant.name}"
    if event.organisation_id:
        return str(event.organisation)
    return step_place(event.step) if event.step_id else ""


def _opinion(event) -> str:
    """The opinion, and for a return everything to fix and the deadline (rule 5)."""
    lines = [for_people(event.opinion or "")]
    request = getattr(event, "return_request", None) if event.action == "return" else None
    if request is not None:
        from applications.review_input import return_section_label

        for item in request.items or []:
            label = return_section_label(item.get("section", ""))
            lines.append(f"需补正：{label}：{item.get('comment', '')}")
        lines.append(f"补正截止日期：{deadline_label(request.deadline)}")
    return "\n".join(line for line in lines if line)


def record_table(data: FormData):
    """审核记录: time, step, organisation, result, opinion — one row per event, oldest first."""
    st = styles()
    font = st.font
    application = data.application
    texts = [
        (
            f"{date_label(event.created_at)}\n{time_label(event.created_at)}",  # the day above the time
            _step_label(event),
            _place(event, application),
            event_result(event),
            _opinion(event),
        )
        for event in data.events  # the trail's events only (form_data.TRAIL_ACTIONS)
    ]
    if not texts:
        return nothing("尚无审核记录。")
    columns = list(zip(RECORD_HEADER, *texts, strict=False))
    # Each column as wide as its longest line, up to its cap (a longer step name or organisation
    # wraps inside its cell; the day and the time are never broken); the opinion takes the rest.
    widths = []
    for column, cap in zip(columns[:4], RECORD_CAPS, strict=True):
        widest = max(stringWidth(line, font, 8.5) for text in column for line in (text or "—").split("\n"))
        floor = word_floor([t or "—" for t in column], font) if cap else 0.0
        widths.append(max(floor, min(widest + 2 * PADDING + 1, cap or widest + 2 * PADDING + 1)))
    widths.append(FRAME_WIDTH - sum(widths))
    rows = [[cell_text(text, st.head) for text in RECORD_HEADER]]
    for row in texts:
        rows.append([cell(text, width, font) for text, width in zip(row, widths, strict=True)])
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BOX", (0, 0), (-1, -1), 0.6, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
    ]
    return styled_table(rows, widths, commands, repeat=1)


def decision_block(*, step_label: str, place: str, result: str, date: str, opinion: str):
    """One step's final decision (or a step still to come: blank) with the blank boxes the paper
    copy is signed, dated and stamped in (rule 24)."""
    st = styles()
    font = st.font
    widths = [*REVIEW_WIDTHS, FRAME_WIDTH - sum(REVIEW_WIDTHS)]
    right = sum(widths[3:])
    rows: list = [
        [
            "审核环节",
            cell(step_label, widths[1], font, blank=""),
            "审核单位",
            cell(place, right, font),
            "",
            "",
        ],
        [
            "审核结果",
            cell(result, widths[1], font, blank=""),
            "日期",
            cell(date, right, font, blank=""),
            "",
            "",
        ],
    ]
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
        rows.append(
            ["审核意见" if n == 0 else "", cell_text(piece, st.cell) if piece else "", "", "", "", ""]
        )
        commands.append(("SPAN", (1, len(rows) - 1), (-1, len(rows) - 1)))
    if len(rows) - first > 1:
        commands.append(("SPAN", (0, first), (0, len(rows) - 1)))
    sign = len(rows)
    rows.append(["审核人签名", "", "日期", "", "盖章", ""])
    commands += [("BACKGROUND", (2, sign), (2, sign), SHADE), ("BACKGROUND", (4, sign), (4, sign), SHADE)]
    heights: list = [None] * len(rows)
    heights[sign] = SIGNATURE_HEIGHT
    if not opinion:
        heights[first] = BLANK_OPINION_HEIGHT
    return styled_table(rows, widths, commands, heights=heights)


def decision_blocks(data: FormData) -> list:
    """One box per step of the current route: its last 通过 or 不通过, or blank while it is still
    to come; a step whose last word was 返回修改 or 重置流程 has no box (that round is a line of the
    record, and the resubmission starts a new route)."""
    decided: dict[int, object] = {}
    for event in data.events:
        if event.action in DECISIONS and event.step_id:
            decided[event.step_id] = event  # oldest first: the last one stays
    in_review = data.application.status == ApplicationStatus.IN_REVIEW
    blocks = []
    for step in data.route:
        event = decided.get(step.pk)
        if event is not None:
            blocks.append(
                decision_block(
                    step_label=step.get_kind_display(),
                    place=str(event.organisation) if event.organisation_id else step_place(step),
                    result=event_result(event),
                    date=datetime_label(event.created_at),
                    opinion=for_people(event.opinion),
                )
            )
        elif in_review and step.state in (StepState.WAITING, StepState.CURRENT):
            blocks.append(
                decision_block(
                    step_label=step.get_kind_display(), place=step_place(step), result="", date="", opinion=""
                )
            )
    return blocks


def reviews_part(data: FormData) -> list:
    st = styles()
    record = record_table(data)
    story = keep_heading(
        [
            para("四、审核意见", st.h1),
            para("（一）审核记录", st.h2),
            CJKParagraph("网上审核的每一次办理（含返回修改、重置流程）按时间先后列出。", st.note),
            Spacer(1, 2 * mm),
        ],
        head_height(record, 2),
    )
    story.append(record)
    blocks = decision_blocks(data)
    heading = [
        para("（二）审核意见及签章", st.h2),
        CJKParagraph(
            "每个审核环节的最终审核意见；尚未审核的环节留空。纸质材料按申报流程逐级审核：审核人在对应栏内"
            "签名、填写日期，并加盖审核单位公章。",
            st.note,
        ),
        Spacer(1, 2 * mm),
    ]
    if not blocks:
        empty = nothing("无")
        return [*story, *keep_heading(heading, head_height(empty, 1)), empty]
    story += keep_heading(heading, flowable_height(blocks[0]))
    return story + [KeepTogether([block, Spacer(1, 4 * mm)]) for block in blocks]
