"""The pledge (承诺书): the seed's wording with the year, series, level and title filled in, the
applicant's name, ID number and unit, the four signature places and the date line."""

from __future__ import annotations

import re
import shutil

import pytest

from documents.pledge import pledge_filename, pledge_pdf, pledge_text
from reviews.tests.factories import make_world

from .factories import pdf_pages, pdf_text, render_png, submit_full

pytestmark = pytest.mark.django_db


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def application(db):
    world = make_world("诺")
    return submit_full(world, name="李四海", entries=1, photo=False)


def test_the_pledge_is_filled_in(application):
    content = pledge_pdf(application=application)
    text = flat(pdf_text(content))
    applicant = application.applicant
    assert pdf_pages(content) == 1
    assert "承诺书" in text
    assert applicant.name in text and applicant.id_number in text
    assert application.unit.name in text
    assert application.committee.name in text
    series = application.series.name
    assert f"在参加{application.year}年{series}系列中级（工程师）专业技术职称申报中" in text
    assert "第1页共1页" in text


def test_the_seed_wording_and_the_signature_places(application):
    text = flat(pdf_text(pledge_pdf(application=application)))
    data = pledge_text()
    for paragraph in data["paragraphs"]:
        assert flat(paragraph) in text
    for line in data["signatures"]:
        for label in line:
            assert f"{flat(label)}：" in text
    assert "年月日" in text
    # From the seed (二 第23问 (3)), word for word.
    assert "申报人是在昆明市企事业单位中直接从事专业技术工作的在职在岗专业技术人员" in text
    assert "若今后发现所推荐申报材料信息不实，后果由申报人所在单位自负，承担相应责任。" in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not on PATH")
def test_the_pledge_renders_to_png(application):
    pages = render_png(pledge_pdf(application=application))
    assert len(pages) == 1 and pages[0].stat().st_size > 1000


def test_the_file_name_is_chinese(application):
    assert pledge_filename(application) == f"承诺书_{application.year}_李四海.pdf"


def _pledge_lines(unit: str) -> list[str]:
    from documents.pdf import build_pdf
    from documents.pledge import pledge_story

    values = {
        "year": 2026,
        "application": "工程技术系列副高级（高级工程师）",
        "name": "李建华",
        "id_number": "530102196804150311",
        "unit": unit,
        "committee": "昆明市机电工程高级工程师评审委员会",
    }
    text = pdf_text(build_pdf(pledge_story(values), title="承诺书", subject="承诺书"))
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_a_twelve_character_unit_name_is_printed_on_one_line_under_the_seal():
    """Found by the new-applicant walk (issue 11): 昆明滇池电力设备有限公司 left 司 alone on a
    second line of 单位名称（公章）."""
    lines = _pledge_lines("昆明滇池电力设备有限公司")
    assert any("昆明滇池电力设备有限公司" in line for line in lines[-6:])  # the signature lines
    assert "司" not in lines


@pytest.mark.parametrize(
    "unit",
    ["昆明市五华城市建设投资有限公司", "昆明市五华区城市建设综合开发有限责任公司"],
)
def test_a_long_unit_name_wraps_without_an_orphan(unit):
    lines = _pledge_lines(unit)
    start = next(i for i, line in enumerate(lines) if unit[:6] in line and "工作单位" not in line)
    printed = flat("".join(lines[start : start + 3]))
    assert unit in printed
    name_lines = [line for line in lines[start:] if line and all(ch in unit for ch in flat(line))]
    assert name_lines and all(len(flat(line)) >= 2 for line in name_lines), name_lines
