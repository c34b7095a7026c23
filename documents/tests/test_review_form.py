"""The review form (专业技术职称申报评审表): generated from the submitted snapshot, Chinese embedded as
real text (pypdf reads it back), every section, the unit's records, every review opinion with the
blank signature boxes, "第 N 页 共 M 页" on every page, the photo, and it renders with pdftoppm."""

from __future__ import annotations

import io
import re
import shutil

import pytest
from django.utils import timezone
from pypdf import PdfReader

from applications.models import StepKind
from applications.state import application_submit
from attachments.models import Attachment
from documents.review_form import review_form_filename, review_form_pdf
from dossier.models import DossierEntry
from dossier.sections import SECTIONS
from dossier.services import dossier_entry_update
from recommend.tests.factories import RECOMMENDATION_VALUES
from reviews.tests.factories import advance_to, make_world, pass_step, return_now

from .factories import pdf_pages, pdf_text, render_png, submit_full

pytestmark = pytest.mark.django_db


def flat(text: str) -> str:
    """The extracted text without line breaks and spaces (cells wrap anywhere)."""
    return re.sub(r"\s+", "", text)


@pytest.fixture
def world(db):
    return make_world("表")


@pytest.fixture
def reviewed(world):
    """Submitted with a full dossier and photo, passed by the unit and the department."""
    application = submit_full(world, name="张三丰", entries=2)
    application = pass_step(world, application, opinion="该同志材料齐全，同意推荐。")
    application = pass_step(world, application, opinion="经主管部门审核，符合申报条件。")
    application.refresh_from_db()
    return application


def test_the_form_holds_the_applicants_data_in_chinese(world, reviewed):
    content = review_form_pdf(application=reviewed)
    assert content.startswith(b"%PDF")
    text = flat(pdf_text(content))
    applicant = reviewed.applicant
    for expected in (
        "专业技术职称申报评审表",
        applicant.name,
        applicant.id_number,
        world.unit.name,
        world.committee.name,
        f"{reviewed.year}年",
        "工程师",
        "云南大学",  # 学历情况
        "智慧园区管理平台",  # 完成主要专业技术工作情况
        "任现职以来",  # 专业技术工作总结
        "该同志材料齐全，同意推荐。",  # the unit's opinion
        "经主管部门审核，符合申报条件。",
        world.department.name,
        "审核人签名",
        "盖章",
        flat(RECOMMENDATION_VALUES["formation"]),  # 基层意见
        "单位公示栏及内网",  # 单位公示
        "请按100%实际大小打印",
    ):
        assert expected in text, expected


def test_every_section_is_there_and_empty_ones_say_none(world):
    application = submit_full(world, entries=1)
    text = flat(pdf_text(review_form_pdf(application=application)))
    for section in SECTIONS:
        assert flat(section.label) in text, section.label

    other = submit_full(world, entries=1)
    DossierEntry.objects.filter(dossier__user=other.applicant).delete()
    # The snapshot, not the live dossier: deleting entries after submission changes nothing…
    assert flat(pdf_text(review_form_pdf(application=other))).count("获得专利情况") == 1
    # …while a snapshot without patents shows the section with 无.
    snapshot = other.snapshot
    for section in snapshot["dossier"]["sections"]:
        if section["key"] == "patents":
            section["entries"] = []
    other.snapshot = snapshot
    other.save(update_fields=["snapshot"])
    text = flat(pdf_text(review_form_pdf(application=other)))
    assert "（八）获得专利情况无" in text


def test_the_snapshot_is_printed_not_the_live_dossier(world):
    application = submit_full(world, entries=1)
    entry = DossierEntry.objects.get(dossier__user=application.applicant, section="work_summary")
    submitted = entry.data["summary"][:20]
    return_now(world, application, deadline=timezone.localdate() + timezone.timedelta(days=10))
    dossier_entry_update(
        user=application.applicant, entry_id=entry.pk, data={"summary": "修改后的工作总结：全新内容。"}
    )
    application.refresh_from_db()
    text = flat(pdf_text(review_form_pdf(application=application)))
    assert flat(submitted) in text
    assert "修改后的工作总结" not in text
    assert "返回修改" in text and "请补充身份证复印件。" in text  # the return and its checklist


def test_every_page_is_numbered(reviewed):
    content = review_form_pdf(application=reviewed)
    reader = PdfReader(io.BytesIO(content))
    total = len(reader.pages)
    assert total >= 4
    for number, page in enumerate(reader.pages, start=1):
        assert f"第{number}页共{total}页" in flat(page.extract_text()), number


def test_pages_are_a4_and_ask_viewers_for_actual_size(reviewed):
    reader = PdfReader(io.BytesIO(review_form_pdf(application=reviewed)))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/PrintScaling"] == "/None"


def test_the_font_is_embedded(reviewed):
    reader = PdfReader(io.BytesIO(review_form_pdf(application=reviewed)))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    descendants = [fonts[name].get_object() for name in fonts]
    names = {str(font["/BaseFont"]) for font in descendants}
    assert any("WQY" in name or "WenQuanYi" in name for name in names), names
    # An embedded subset carries its font file.
    for font in descendants:
        if "/DescendantFonts" in font:
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        else:
            descriptor = font.get("/FontDescriptor")
        if descriptor is not None:
            assert "/FontFile2" in descriptor.get_object()


def test_the_photo_is_on_the_basic_info_page(world, reviewed):
    reader = PdfReader(io.BytesIO(review_form_pdf(application=reviewed)))
    assert len(reader.pages[1].images) == 1  # page 2: 基本信息 with the 1-inch photo

    without = submit_full(world, photo=False, entries=1)
    reader = PdfReader(io.BytesIO(review_form_pdf(application=without)))
    assert len(reader.pages[1].images) == 0
    assert "照片" in reader.pages[1].extract_text()


def test_a_photo_file_gone_from_storage_leaves_the_box_empty(world, reviewed):
    photo = Attachment.objects.get(owner=reviewed.applicant, kind="photo")
    photo.file.storage.delete(photo.file.name)
    reader = PdfReader(io.BytesIO(review_form_pdf(application=reviewed)))
    assert len(reader.pages[1].images) == 0


def test_steps_still_to_review_get_blank_boxes(world):
    application = advance_to(world, submit_full(world, entries=1), StepKind.DISTRICT)
    text = flat(pdf_text(review_form_pdf(application=application)))
    # Passed: unit, department; to come: district, committee — each block with its boxes.
    assert text.count("审核人签名日期盖章") == 4
    assert world.district.name in text and world.committee.name in text


def test_a_full_dossier_renders(world):
    """13 sections × 30 entries and a 5,000-character work summary: no cell taller than a page."""
    application = submit_full(world, entries=30)
    content = review_form_pdf(application=application)
    assert pdf_pages(content) > 10
    text = flat(pdf_text(content))
    assert "基于微服务的政务系统设计" in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not on PATH")
def test_the_form_renders_to_png(reviewed):
    content = review_form_pdf(application=reviewed)
    pages = render_png(content)
    assert len(pages) == pdf_pages(content)
    assert all(page.stat().st_size > 1000 for page in pages)


def test_the_file_name_is_chinese(reviewed):
    assert review_form_filename(reviewed) == f"专业技术职称申报评审表_{reviewed.year}_张三丰.pdf"


# --- Issue 11.18: a return is a line of the record; headings stay with their tables; cells hold
# their text -----------------------------------------------------------------------------------


@pytest.fixture
def returned_then_passed(world):
    """Passed by the unit, returned by the department, submitted again, passed by the unit and the
    department: at the district office's step, the committee's still to come."""
    application = submit_full(world, name="韩返修", entries=2)
    application = pass_step(world, application, opinion="初次推荐意见。")
    return_now(
        world,
        application,
        deadline=timezone.localdate() + timezone.timedelta(days=10),
        opinion="请补充继续教育证明。",
    )
    application = application_submit(application_id=application.pk, actor=application.applicant)
    application = pass_step(world, application, opinion="再次推荐意见。")
    application = pass_step(world, application, opinion="主管部门同意。")
    application.refresh_from_db()
    return application


def test_a_return_is_a_line_of_the_record_not_a_box(world, returned_then_passed):
    text = flat(pdf_text(review_form_pdf(application=returned_then_passed)))
    # One box per step of the route: unit and department (their final 通过), district and
    # committee (still to come) — not one more for the first round's unit pass or the return.
    assert text.count("审核人签名日期盖章") == 4
    assert "审核记录" in text and "审核意见及签章" in text
    # The record: both submissions, the first round's pass, the return with what to fix.
    assert text.count("申报人韩返修") == 2
    assert text.count("初次推荐意见。") == 1  # a line of the record only
    assert text.count("再次推荐意见。") == 2  # its line and the unit's box
    assert "返回修改" in text and "请补充继续教育证明。" in text and "需补正：" in text
    assert "补正截止日期" in text


HEADING = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def pages_text(content: bytes) -> list[list[str]]:
    """Each page's lines as pdftotext -layout reads them (top to bottom), spaces removed."""
    import subprocess
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "form.pdf"
        source.write_bytes(content)
        done = subprocess.run(  # noqa: S603 - a fixed command on our own file
            ["pdftotext", "-layout", "-enc", "UTF-8", str(source), "-"],  # noqa: S607
            check=True,
            capture_output=True,
            timeout=120,
        )
    return [
        [flat(line) for line in page.splitlines() if line.strip()]
        for page in done.stdout.decode().split("\f")
        if page.strip()
    ]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not on PATH")
def test_no_heading_ends_a_page(returned_then_passed):
    """Wherever the content starts on page 2 (a spacer of 0 to 240 mm pushes it down), no page
    ends with a heading whose table went on to the next page."""
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Spacer

    from documents.form_data import form_data
    from documents.pdf import build_pdf
    from documents.review_form import review_form_story

    data = form_data(application=returned_then_passed)
    stranded = []
    for offset in range(0, 241, 12):
        story = review_form_story(data)
        cut = next(i for i, f in enumerate(story) if isinstance(f, PageBreak)) + 1
        story.insert(cut, Spacer(1, offset * mm))
        for number, lines in enumerate(pages_text(build_pdf(story, title="测试")), start=1):
            body = [line for line in lines if not re.search(r"第\d+页共\d+页", line)]
            if body and HEADING.match(body[-1]):
                stranded.append((offset, number, body[-1]))
    assert stranded == []


def _overflows(cell_value, width: float) -> list[str]:
    """The lines of a cell wider than its column (less the padding)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph

    from documents.fonts import cjk_font
    from documents.linebreak import CJKParagraph
    from documents.tables import PADDING

    room = width - 2 * PADDING
    if isinstance(cell_value, str):
        return [cell_value] if stringWidth(cell_value, cjk_font(), 8.5) > room + 0.5 else []
    if isinstance(cell_value, CJKParagraph):
        cell_value.wrap(room, 10_000)
        font, size = cell_value.style.fontName, cell_value.style.fontSize
        return [line for line, _end in cell_value.lines(room) if stringWidth(line, font, size) > room + 0.5]
    if isinstance(cell_value, Paragraph):  # reportlab hangs punctuation past the edge
        cell_value.wrap(room, 10_000)
        lines = getattr(cell_value.blPara, "lines", [])
        return [str(line) for line in lines if getattr(line, "extraSpace", 0) < -0.5]
    return []


def _tables(story):
    from reportlab.platypus import KeepTogether, Table

    for flowable in story:
        if isinstance(flowable, Table):
            yield flowable
        elif isinstance(flowable, KeepTogether):
            yield from _tables(flowable._content)


def test_every_cell_holds_its_text(returned_then_passed):
    """Long step names and statuses ("县（市）区人社局审核", "返回修改") wrap inside their cells."""
    from documents.form_data import form_data
    from documents.review_form import review_form_story

    overflowing = []
    for table in _tables(review_form_story(form_data(application=returned_then_passed))):
        widths = table._colWidths
        spans = {}  # the first cell of a span: the columns it covers
        for _name, (c0, r0), (c1, _r1) in table._spanCmds:
            spans[(c0 % len(widths), r0 % len(table._cellvalues))] = (c0 % len(widths), c1 % len(widths))
        for r, row in enumerate(table._cellvalues):
            for c, value in enumerate(row):
                first, last = spans.get((c, r), (c, c))
                overflowing += _overflows(value, sum(widths[first : last + 1]))
    assert overflowing == []
    text = flat(pdf_text(review_form_pdf(application=returned_then_passed)))
    assert "县（市）区人社局审核" in text


def test_no_internal_rule_number_is_printed(world):
    """Snapshots and events stored before issue 11 may carry "（规则 12）"; the form never prints it."""
    from applications.models import ReviewEvent

    application = submit_full(world, entries=1, photo=False)
    snapshot = application.snapshot
    snapshot["dossier"]["basic"].append(
        {
            "key": "mismatch_made_good",
            "label": "视为具备同专业能力要求（规则 12）",
            "value": True,
            "text": "是",
        }
    )
    application.snapshot = snapshot
    application.save(update_fields=["snapshot"])
    ReviewEvent.objects.filter(application=application).update(
        opinion="逾期未修改并重新提交，视为放弃（规则 5）。"
    )
    text = flat(pdf_text(review_form_pdf(application=application)))
    assert "视为具备同专业能力要求是" in text and "视为放弃。" in text
    assert "规则" not in text


def test_dates_are_printed_in_the_one_date_style(world):
    """Every date people read on the form: the entries' dates and months (kept as ISO text in the
    snapshot), 出生日期, the 单位公示 period, 提交时间, each event's time and a return's deadline
    (issue 11 item 19: "2026年7月1日", "2026年7月1日 14:30", deadlines "… 24:00")."""
    from core.dates import date_label, datetime_label

    application = submit_full(world, name="李时珍", entries=1)
    deadline = timezone.localdate() + timezone.timedelta(days=10)
    application = pass_step(world, application, opinion="同意推荐。")
    return_now(world, application, deadline=deadline)
    application.refresh_from_db()
    # A snapshot taken before issue 11 keeps its dates as ISO text: the form still reads them.
    snapshot = application.snapshot
    for row in snapshot["dossier"]["basic"]:
        if row["key"] == "birth_date":
            row["text"] = row["value"]
    application.snapshot = snapshot
    application.save(update_fields=["snapshot"])
    content = review_form_pdf(application=application)
    raw = pdf_text(content)
    text = flat(raw)
    birth = application.applicant.dossier.birth_date
    assert flat(date_label(birth)) in text  # 出生日期
    assert "2008年7月" in text  # an entry's month (学历情况 毕业时间 "2008-07")
    assert flat(datetime_label(application.submitted_at)) in text  # 提交时间
    assert flat(f"补正截止日期：{date_label(deadline)} 24:00") in text
    assert not re.search(r"(?<![\d-])(19|20)\d\d-(0[1-9]|1[0-2])(-\d\d)?(?![\d-])", raw), raw
    assert not re.search(r"\d{4}年0\d月|月0\d日", raw)
