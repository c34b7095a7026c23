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
