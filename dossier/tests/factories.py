"""Dossier test data: one good entry per section (as a page or an API client would send it)."""

from __future__ import annotations

import copy

from dossier.models import DossierEntry
from dossier.sections import SECTIONS_BY_KEY
from dossier.selectors import dossier_get_or_create
from dossier.validation import clean_entry

GOOD: dict[str, dict] = {
    "current_titles": {
        "series": "工程技术",
        "title_name": "助理工程师",
        "level": "assistant",
        "obtained_on": "2012-12-20",
        "certificate_no": "YN2012-0456",
        "document_number": "昆人社评〔2012〕45号",
        "issuer": "昆明市工程技术初级职称评审委员会",
        "appointed": "true",
        "appointed_on": "2013-01-10",
    },
    "education": {
        "school": "云南大学",
        "major": "计算机科学与技术",
        "education": "本科",
        "degree": "学士",
        "study_mode": "全日制",
        "start": "2004-09",
        "end": "2008-07",
        "technical_class": "无",
    },
    "study": {
        "start": "2015-03",
        "end": "2015-09",
        "institution": "昆明理工大学",
        "content": "软件工程进修",
        "witness": "李老师",
    },
    "work": {
        "start": "2008-07",
        "end": "",
        "employer": "昆明测试科技有限公司",
        "post": "软件工程师",
        "professional": "true",
        "seconded": "false",
        "seconded_own_duties": "",
        "witness": "王经理",
    },
    "work_summary": {"summary": "任现职以来，负责公司核心系统的设计与开发。\n带领团队完成多个项目。"},
    "main_work": {
        "start": "2019-01",
        "end": "2020-06",
        "name": "智慧园区管理平台",
        "role": "项目负责人，负责总体设计",
        "results": "平台上线后服务企业 200 余家。",
    },
    "projects": {
        "name": "高原特色农业数据平台研究",
        "source": "云南省科技厅重点研发计划（省级）",
        "start": "2020-01",
        "end": "2022-12",
        "rank": "2",
        "funds": "12.5",
        "conclusion": "已结题",
    },
    "patents": {
        "name": "一种数据同步方法",
        "number": "ZL202010123456.7",
        "kind": "发明",
        "granted_on": "2022-05-10",
        "rank": "1",
    },
    "awards": {
        "name": "昆明市科学技术进步奖",
        "grade": "二等奖",
        "grantor": "昆明市人民政府",
        "awarded_on": "2021-12-01",
        "rank": "3",
    },
    "books": {
        "title": "软件测试实践",
        "publisher": "机械工业出版社",
        "isbn": "978-7-111-40701-0",
        "published_on": "2018-06",
        "own_part": "第 3–5 章，约 12 万字",
    },
    "papers": {
        "title": "基于微服务的政务系统设计",
        "journal": "计算机应用",
        "journal_number": "ISSN 1001-9081，CN 51-1307/TP",
        "published_on": "2019-08",
        "rank": "1",
    },
    "continuing_education": {
        "start": "2023-05-08",
        "end": "2023-05-12",
        "name": "专业技术人员继续教育公需科目",
        "organiser": "昆明市人力资源和社会保障局",
        "hours": "24",
        "kind": "继续教育培训",
    },
    "annual_assessments": {"year": "2023", "result": "合格", "unit": "昆明测试科技有限公司"},
}


def good(section: str, **changes) -> dict:
    data = copy.deepcopy(GOOD[section])
    data.update(changes)
    return data


def add_entries(user, section: str, count: int, **changes) -> list[DossierEntry]:
    """Stored entries straight through the ORM (cleaned like the service would), for bulk tests."""
    dossier = dossier_get_or_create(user=user)
    cleaned, errors = clean_entry(section=SECTIONS_BY_KEY[section], data=good(section, **changes))
    assert not errors, errors.errors
    start = DossierEntry.objects.filter(dossier=dossier, section=section).count()
    rows = []
    for i in range(count):
        data = dict(cleaned)
        if section == "annual_assessments":
            data["year"] = 2025 - start - i
        rows.append(DossierEntry(dossier=dossier, section=section, data=data, position=start + i + 1))
    return DossierEntry.objects.bulk_create(rows)
