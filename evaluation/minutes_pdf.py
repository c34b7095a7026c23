"""The 评审会议纪要 PDF (rule 32), from `evaluation.minutes_data.MinutesData`: the shared A4 layout, CJK
font and footer "第 N 页 共 M 页" of documents/pdf.py, the tables of documents/tables.py.

Contents: the title "<评审委员会>评审会议纪要" and the copy, the meeting (round, date, time, members,
the experts present and the quorum, rule 29), the experts present (names and units in the office's
存档本 only; the 公开本 says how many, rule 31), one row per application — 序号, 姓名, 工作单位, 申报职称,
评议组, the 评议组's opinion summary (evaluation.opinions.opinion_summary), 同意 / 不同意 / 弃权,
有效出席, 表决结果 (rule 30) — and the chair's signature box and the committee's stamp box. Nothing
in it links an expert to a vote: the counts are per application only."""

from __future__ import annotations

from fractions import Fraction

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Spacer

from core import rulebook
from core.dates import date_label, datetime_label, time_label
from core.sources import cite
from documents.linebreak import CJKParagraph
from documents.pdf import FRAME_WIDTH, GRID, SHADE, build_pdf, cell_text, para, styles
from documents.tables import (
    PADDING,
    cell,
    column_widths,
    head_height,
    keep_heading,
    kv_table,
    styled_table,
    word_floor,
)

from .minutes_data import MinutesData, MinutesRow
from .minutes_models import MinutesCopy

TITLE = "评审会议纪要"
DIGITS = "零一二三四五六七八九十"
# 序号 | 姓名 | 工作单位 | 申报职称 | 评议组 | 评议意见 | 同意 | 不同意 | 弃权 | 有效出席 | 表决结果
HEADER = (
    "序号",
    "姓名",
    "工作单位",
    "申报职称",
    "评议组",
    "评议意见汇总",
    "同意",
    "不同意",
    "弃权",
    "有效\n出席",
    "表决\n结果",
)
FIXED = {0: 9 * mm, 6: 9 * mm, 7: 11.5 * mm, 8: 9 * mm, 9: 9 * mm, 10: 11.5 * mm}
TEXT_CAPS = {1: 22 * mm, 2: 40 * mm, 3: 26 * mm, 4: 24 * mm, 5: 60 * mm}
OPINION_FLOOR = 36 * mm  # the opinion summary is never squeezed below this
SIGN_WIDTHS = [32 * mm, 68 * mm, 16 * mm]
SIGN_HEIGHT = 20 * mm
STAMP_HEIGHT = 48 * mm


def share_words(share: Fraction) -> str:
    """2/3 → "三分之二" (numbers up to ten in Chinese numerals, else "3/4" as written)."""
    if share.denominator <= 10 and 0 < share.numerator <= 10:
        return f"{DIGITS[share.denominator]}分之{DIGITS[share.numerator]}"
    return f"{share.numerator}/{share.denominator}"


def quorum_sentence(data: MinutesData) -> str:
    """ "出席 18 人，达到评审委员会人数 25 人的三分之二（至少 17 人）" (rule 29)."""
    members, present = data.meeting.members, len(data.present)
    words = share_words(rulebook.quorum_share())
    reached = "达到" if data.quorum_met else "未达到"
    return f"出席 {present} 人，{reached}评审委员会人数 {members} 人的{words}（至少 {data.quorum_needed} 人）"


def _meeting_time(data: MinutesData) -> str:
    opened, closed = data.meeting.opened_at, data.meeting.closed_at
    if closed is not None and date_label(opened) == date_label(closed):
        return f"{date_label(opened)} {time_label(opened)} 至 {time_label(closed)}"
    return f"{datetime_label(opened)} 至 {datetime_label(closed)}"


def _facts(data: MinutesData, copy: str) -> list[tuple[str, str]]:
    row, meeting = data.round, data.meeting
    total, passed, paper = len(data.rows), data.passed, data.paper
    pairs = [
        ("评审委员会", row.committee.name),
        ("评审批次", f"{row.name}（{row.year}年度）"),
        ("评审会议日期", date_label(row.meeting_date)),
        ("会议时间", _meeting_time(data)),
        ("评审委员会人数", f"{meeting.members} 人（本批次抽取的评审专家）"),
        ("出席人数", quorum_sentence(data)),
    ]
    if copy == MinutesCopy.OFFICE and data.chair is not None:
        pairs.append(("会议主持人", f"{data.chair.name}（{data.chair.unit_name}）"))
    method = "无记名投票"
    if paper:
        method += f"（电子投票 {total - paper} 人，纸质选票 {paper} 人）" if paper < total else "（纸质选票）"
    else:
        method += "（电子投票）"
    pairs += [
        ("表决方式", method),
        ("评审结果", f"评审 {total} 人，通过 {passed} 人，未通过 {total - passed} 人"),
    ]
    return pairs


def _experts(data: MinutesData, copy: str) -> list:
    st = styles()
    heading = para("一、出席评审会议的评审专家", st.h1)
    if copy != MinutesCopy.OFFICE:
        text = CJKParagraph(
            f"出席评审会议的评审专家共 {len(data.present)} 人。评审专家名单不对外公布，本公开本不列专家姓名，"
            f"名单见评委会办事机构的存档本。{cite(31)}",
            st.body,
        )
        return [heading, text]
    font = st.font
    texts = [(str(n), e.name, e.unit_name, e.title) for n, e in enumerate(data.present, start=1)]
    header = ("序号", "姓名", "工作单位", "职称")
    natural, floors = [], []
    for column in list(zip(header, *texts, strict=False))[1:]:
        natural.append(max(stringWidth(t or "—", font, 8.5) for t in column) + 2 * PADDING + 1)
        floors.append(word_floor([t or "—" for t in column], font))
    widths = [FIXED[0], *column_widths(natural, floors, FRAME_WIDTH - FIXED[0])]
    rows = [[cell_text(h, st.head) for h in header]]
    rows += [[cell(t, w, font) for t, w in zip(r, widths, strict=True)] for r in texts]
    table = styled_table(
        rows,
        widths,
        [
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("BOX", (0, 0), (-1, -1), 0.6, GRID),
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("ALIGN", (0, 0), (0, -1), "CENTER"),
        ],
        repeat=1,
    )
    return [*keep_heading([heading], head_height(table, 2)), table]


def opinion_text(r: MinutesRow) -> str:
    """The 评议组's written opinions in brief: how many recommended 通过 / 不通过, who of those
    expected did not write, the average score per criterion that was scored."""
    s = r.summary
    if s is None or (s.expected == 0 and s.submitted == 0):
        return "无评议意见"
    text = f"建议通过 {s.passes} 人，建议不通过 {s.fails} 人"
    if s.missing:
        text += f"（应评议 {s.expected} 人，{s.missing} 人未提交）"
    scored = [a for a in s.averages if a.average is not None]
    if scored:
        text += "\n平均分：" + "，".join(f"{a.criterion.label} {a.display}" for a in scored)
    return text


def _row_texts(r: MinutesRow) -> tuple[str, ...]:
    t = r.tally
    return (
        str(r.number),
        r.name,
        r.unit,
        r.title,
        r.group,
        opinion_text(r),
        str(t.agree),
        str(t.disagree),
        str(t.abstain),
        "" if t.present is None else str(t.present),
        t.get_outcome_display() if t.outcome else "",
    )


def _results(data: MinutesData) -> list:
    st = styles()
    font = st.font
    heading = para("二、评议意见和表决结果", st.h1)
    words = share_words(rulebook.pass_share())
    note = CJKParagraph(
        "评议意见汇总：各评议组评审专家书面评议的建议人数和评分的平均分，供表决参考。"
        f"表决结果：无记名投票，同意票数达到有效出席人数的{words}以上为通过；有效出席人数为出席评审会议"
        f"且未对该申报人回避的评审专家人数。{cite(30)}",
        st.note,
    )
    texts = [_row_texts(r) for r in data.rows]
    if not texts:
        empty = CJKParagraph("本批次没有评审对象。", st.body)
        return [heading, note, Spacer(1, 2 * mm), empty]
    columns = list(zip(HEADER, *texts, strict=False))
    natural, floors = [], []
    for index in TEXT_CAPS:
        column = [line for text in columns[index] for line in (text or "—").split("\n")]
        widest = max(stringWidth(line, font, 8.5) for line in column) + 2 * PADDING + 1
        natural.append(min(widest, TEXT_CAPS[index]))
        floor = min(word_floor(column, font), TEXT_CAPS[index])
        floors.append(max(floor, min(OPINION_FLOOR, natural[-1])) if index == 5 else floor)
    flexible = column_widths(natural, floors, FRAME_WIDTH - sum(FIXED.values()))
    widths = [FIXED.get(i) or flexible[list(TEXT_CAPS).index(i)] for i in range(len(HEADER))]
    rows = [[cell_text(h, st.head) for h in HEADER]]
    rows += [[cell(t, w, font) for t, w in zip(r, widths, strict=True)] for r in texts]
    table = styled_table(
        rows,
        widths,
        [
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("BOX", (0, 0), (-1, -1), 0.6, GRID),
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("ALIGN", (0, 1), (0, -1), "CENTER"),
            ("ALIGN", (6, 1), (-1, -1), "CENTER"),
        ],
        repeat=1,
    )
    return [*keep_heading([heading, note, Spacer(1, 2 * mm)], head_height(table, 2)), table]


def _signatures(data: MinutesData) -> list:
    """主持人签字 and 日期 (blank, signed on paper), and the committee's stamp box (rule 32)."""
    st = styles()
    widths = [*SIGN_WIDTHS, FRAME_WIDTH - sum(SIGN_WIDTHS)]
    rows = [
        ["主持人签字", "", "日期", ""],
        [cell_text("评审委员会（盖章）", st.head), "", "", ""],
    ]
    table = styled_table(
        rows,
        widths,
        [
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("BOX", (0, 0), (-1, -1), 0.6, GRID),
            ("BACKGROUND", (0, 0), (0, -1), SHADE),
            ("BACKGROUND", (2, 0), (2, 0), SHADE),
            ("SPAN", (1, 1), (3, 1)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ],
        heights=[SIGN_HEIGHT, STAMP_HEIGHT],
    )
    text = CJKParagraph(
        f"以上表决结果由会议主持人宣布并签字确认，加盖评审委员会印章后归档。{cite(32)}", st.body
    )
    return [KeepTogether([para("三、主持人签字和评审委员会盖章", st.h1), text, Spacer(1, 3 * mm), table])]


def minutes_story(data: MinutesData, *, copy: str) -> list:
    st = styles()
    committee = data.round.committee.name
    title_style = st.title.clone("minutes_title", fontSize=18, leading=25)
    return [
        para(f"{committee}{TITLE}", title_style),
        para(f"（{MinutesCopy(copy).label}）", st.subtitle),
        Spacer(1, 6 * mm),
        kv_table(_facts(data, copy), label_width=30 * mm),
        Spacer(1, 2 * mm),
        *_experts(data, copy),
        *_results(data),
        Spacer(1, 4 * mm),
        *_signatures(data),
        Spacer(1, 4 * mm),
        CJKParagraph(
            f"本纪要由职称申报评审系统于{datetime_label(data.generated_at)}根据评审会议结束时确定的出席情况和"
            f"表决结果生成并存档（{MinutesCopy(copy).label}），存档后不再修改。",
            st.note,
        ),
    ]


def minutes_pdf_bytes(data: MinutesData, *, copy: str) -> bytes:
    committee = data.round.committee.name
    label = MinutesCopy(copy).label
    return build_pdf(
        minutes_story(data, copy=copy),
        title=f"{committee}{TITLE}（{data.round.name}，{label}）",
        subject=TITLE,
        header=f"{committee}{TITLE} · {data.round.name} · {label}",
    )
