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
