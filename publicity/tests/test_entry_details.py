"""Seed 必读 (三)1: "须将申报人员的学历、资历条件及学术、业绩成果等在本单位进行公示". A unit notice
(and a pre-review notice) carries each applicant's highest education, qualifications and
achievements from the submitted snapshot, frozen when published; shown on the public page and in
the API, never with a phone number or a full ID number. A result notice carries none."""

from __future__ import annotations

import pytest

from applications.services import application_save_cover
from applications.state import application_submit
from applications.tests.factories import cover_values, make_ready_applicant
from applications.tests.helpers import page_text
from dossier.tests.factories import add_entries
from publicity.entry_details import PER_KIND_MAX, entry_details
from publicity.models import PublicityKind

from .factories import publish

pytestmark = pytest.mark.django_db

ACHIEVEMENT_SECTIONS = ("current_titles", "papers", "books", "projects", "patents", "awards", "main_work")


def submit_with_achievements(world, *, name="周九", papers=1):
    applicant = make_ready_applicant(unit=world.unit, name=name)
    for key in ACHIEVEMENT_SECTIONS:
        add_entries(applicant, key, papers if key == "papers" else 1)
    draft = application_save_cover(user=applicant, **cover_values(world.committee, world.series))
    return application_submit(application_id=draft.pk, actor=applicant)


def test_the_unit_notice_shows_education_qualifications_and_achievements(world):
    application = submit_with_achievements(world)
    notice = publish(world.unit_admin, [application], title="2026年度职称申报单位公示")
    entry = notice.entries.get()
    assert entry.education == "本科（学士），云南大学 计算机科学与技术专业，2008年7月毕业"
    assert "现有职称：助理工程师（助理级），2012年12月取得，2013年1月聘任" in entry.qualifications
    assert any(line.startswith("从事专业技术工作：") for line in entry.qualifications)
    assert any(line.startswith("年度考核：") and "年度合格" in line for line in entry.qualifications)
    assert entry.achievements == [
        "论文：《基于微服务的政务系统设计》（《计算机应用》，2019年8月，排名第1）",
        "著作：《软件测试实践》（机械工业出版社，2018年6月，第 3–5 章，约 12 万字）",
        "课题（项目）：高原特色农业数据平台研究（云南省科技厅重点研发计划（省级），排名第2，已结题）",
        "专利：一种数据同步方法（发明专利，ZL202010123456.7，2022年5月授权，排名第1）",
        "获奖：昆明市科学技术进步奖二等奖（昆明市人民政府，2021年12月，排名第3）",
        "主要专业技术工作：智慧园区管理平台（项目负责人，负责总体设计，2019年1月—2020年6月）",
    ]


def test_the_public_page_and_the_api_carry_them_without_phone_or_full_id(client, world):
    application = submit_with_achievements(world)
    applicant = application.applicant
    notice = publish(world.unit_admin, [application])
    response = client.get(f"/publicity/{notice.pk}/")
    text = page_text(response)
    for words in (
        "学历",
        "资历条件",
        "学术、业绩成果",
        "云南大学",
        "《基于微服务的政务系统设计》",
        "ZL202010123456.7",
    ):
        assert words in text
    html = response.content.decode()
    assert applicant.id_number not in html and applicant.phone not in html
    assert "YN2012-0456" not in html  # no certificate number
    body = client.get(f"/api/v1/publicity/{notice.pk}").json()
    entry = body["entries"][0]
    assert entry["education"].startswith("本科（学士）")
    assert "专利：一种数据同步方法" in entry["achievements"][3]
    assert applicant.phone not in str(body) and applicant.id_number not in str(body)


def test_the_entry_is_frozen_when_published(world):
    application = submit_with_achievements(world)
    notice = publish(world.unit_admin, [application])
    add_entries(application.applicant, "papers", 1, title="公示后新增的论文")
    entry = notice.entries.get()
    assert not any("公示后新增的论文" in line for line in entry.achievements)


def test_many_papers_are_counted_not_all_listed(world):
    application = submit_with_achievements(world, papers=PER_KIND_MAX + 3)
    entry = publish(world.unit_admin, [application]).entries.get()
    papers = [line for line in entry.achievements if line.startswith("论文：")]
    assert len(papers) == PER_KIND_MAX + 1 and papers[-1] == f"论文：……等共 {PER_KIND_MAX + 3} 项"


def test_a_pre_review_notice_carries_them_too(world, screened):
    notice = publish(world.committee_office, [screened], kind=PublicityKind.PRE_REVIEW)
    entry = notice.entries.get()
    assert entry.education and entry.qualifications


def test_an_empty_or_missing_snapshot_gives_empty_details():
    assert entry_details(None).education == ""
    assert entry_details({"dossier": {"sections": []}, "cover": {}}).achievements == []


def test_a_technical_class_counts_as_the_education_it_equals():
    snapshot = {
        "dossier": {
            "sections": [
                {
                    "key": "education",
                    "entries": [
                        {
                            "fields": [
                                {"key": "school", "value": "云南技师学院", "text": "云南技师学院"},
                                {"key": "major", "value": "数控加工", "text": "数控加工"},
                                {"key": "education", "value": None, "text": ""},
                                {"key": "degree", "value": "无", "text": "无"},
                                {"key": "end", "value": "2010-07", "text": "2010-07"},
                                {"key": "technical_class", "value": "高级工班", "text": "高级工班"},
                            ]
                        }
                    ],
                }
            ]
        }
    }
    assert (
        entry_details(snapshot).education == "高级工班（视同大专），云南技师学院 数控加工专业，2010年7月毕业"
    )
