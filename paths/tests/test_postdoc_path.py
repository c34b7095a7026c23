"""企业博士后直接认定副高级 on 我能申报什么 (rule 13, seed question 13) from what the dossier holds:
the doctorate (学历情况), the enterprise (the unit), the foundation's grant or a provincial project
led (承担课题（项目）情况), retirement (rule 9), 副高级 already held, and rules 1 / 9 / 19 (the
person); the page and the API show the path."""

from __future__ import annotations

import pytest
from stdnum.cn import uscc

from applications.models import IntegrityRecord
from applications.tests.factories import city_bureau, make_unit
from catalog.models import Level
from core.sources import cite, source
from dossier.tests.factories import add_entries
from orgs.models import Ownership
from paths.results import CAN_APPLY, MISSING, NEED, NEVER, NOT_ELIGIBLE, NOT_YET, POSTDOC, WAIT
from paths.selectors import application_paths
from paths.special import postdoc_projects
from recognition.postdoc import DOCTORATE_PROBLEM, RETIRED_PROBLEM
from recognition.tests.postdoc_factories import DOCTORATE, save_postdoc
from recognition.tests.recognition_factories import years_ago
from rules.facts import POSTDOC_ACHIEVEMENT_PROBLEM
from tests import factories
from tests.factories import id_number

from .factories import applicant_with, title

pytestmark = pytest.mark.django_db

FUNDED = {"name": "高温合金组织调控研究", "source": "中国博士后科学基金面上资助", "rank": "1"}
LED = {"name": "稀贵金属新材料研发", "source": "云南省科技厅重点研发计划（省级）", "rank": "1"}


def postdoc_person(*, education=DOCTORATE, projects=(FUNDED,), unit=None, titles=()):
    city_bureau()  # 副高级 goes through the city bureau to the province
    user = applicant_with(education=education, titles=titles, unit=unit or make_unit(Ownership.NON_PUBLIC))
    for project in projects:
        add_entries(user, "projects", 1, **project)
    return user


def postdoc_path(user):
    found = [r for r in application_paths(user=user) if r.path == POSTDOC]
    assert len(found) == 1
    return found[0]


def test_a_doctor_of_an_enterprise_with_a_funded_project_can_apply():
    user = postdoc_person()
    result = postdoc_path(user)
    assert result.status == CAN_APPLY and result.level == Level.SENIOR_ASSOCIATE
    assert result.level_label == "副高级" and result.path_label == "企业博士后直接认定副高级"
    assert result.source == cite(13) and "云南省人力资源和社会保障厅" in result.authority
    assert result.link.endswith("?kind=postdoc") and result.link_label == "去职称申报（申报类别：博士后认定）"
    assert any("第13问" in note for note in result.notes)
    assert any("高温合金组织调控研究" in note for note in result.notes)
    assert any(user.organisation.name in note for note in result.notes)


def test_no_doctorate_is_said_with_where_to_fill_it():
    user = postdoc_person(education={"education": "硕士研究生", "degree": "硕士", "technical_class": "无"})
    result = postdoc_path(user)
    assert result.status == MISSING
    [condition] = result.conditions
    assert condition.text == DOCTORATE_PROBLEM and condition.kind == NEED
    assert condition.link.endswith("/education/") and condition.source == source(13)


@pytest.mark.parametrize(
    ("projects", "ok"),
    [
        ((FUNDED,), True),
        ((LED,), True),
        (({**LED, "source": "国家自然科学基金青年项目"},), True),
        (({**LED, "rank": "2"},), False),  # took part, did not lead
        (({**LED, "source": "昆明市科技计划项目（市级）"},), False),  # below provincial
        ((), False),
    ],
)
def test_the_grant_or_a_provincial_project_led_is_read_from_the_projects(projects, ok):
    result = postdoc_path(postdoc_person(projects=projects))
    if ok:
        assert result.status == CAN_APPLY
        return
    assert result.status == MISSING
    [condition] = result.conditions
    assert condition.text.startswith(POSTDOC_ACHIEVEMENT_PROBLEM) and condition.kind == NEED
    assert "承担课题（项目）情况" in condition.text and condition.link.endswith("/projects/")


def test_postdoc_projects_names_each_kind():
    class Entry:
        def __init__(self, data):
            self.data = data

    funded, led = postdoc_projects([Entry(FUNDED), Entry(LED), Entry({**LED, "rank": 3})])
    assert funded == ["高温合金组织调控研究"] and led == ["稀贵金属新材料研发"]


def test_a_unit_whose_route_cannot_be_computed_must_complete_its_information():
    unit = make_unit(Ownership.NON_PUBLIC)
    unit.district = None
    unit.save(update_fields=["district"])
    result = postdoc_path(postdoc_person(unit=unit))
    assert result.status == MISSING
    [condition] = result.conditions
    assert "博士后认定须经属地县（市）区人社部门" in condition.text and condition.kind == NEED


def test_a_public_institution_can_never_apply():
    body = "12530100MB0000777"
    unit = make_unit(Ownership.CITY_STATE, credit_code=body + uscc.calc_check_digit(body))
    result = postdoc_path(postdoc_person(unit=unit))
    assert result.status == NOT_ELIGIBLE
    [condition] = result.conditions
    assert condition.kind == NEVER and "不是企业" in condition.text and not result.link


def test_retired_or_holding_senior_associate_can_never_apply():
    user = postdoc_person(titles=(title("工程技术", Level.SENIOR_ASSOCIATE, "2020-01-01", "高级工程师"),))
    user.id_number = id_number(birth="19500101")
    user.save(update_fields=["id_number"])
    result = postdoc_path(user)
    texts = [condition.text for condition in result.conditions]
    assert RETIRED_PROBLEM in texts
    assert "您已有副高级职称，不需要再申报博士后认定副高级职称。" in texts
    assert result.status == NOT_ELIGIBLE


def test_an_integrity_record_waits_until_it_expires():
    user = postdoc_person()
    expires = years_ago(-1)
    IntegrityRecord.objects.create(
        id_number=user.id_number,
        name=user.name,
        reason="伪造学历",
        recorded_on=years_ago(2),
        expires_on=expires,
    )
    result = postdoc_path(user)
    assert result.status == NOT_YET
    [condition] = result.conditions
    assert condition.kind == WAIT and condition.met_on == expires and condition.source == source(1)


def test_the_own_draft_does_not_count_against_itself():
    user = postdoc_person()
    save_postdoc(user)
    assert postdoc_path(user).status == CAN_APPLY


def test_the_page_and_the_api_show_the_path(client):
    user = postdoc_person()
    client.force_login(user)
    html = client.get("/paths/").content.decode()
    assert 'id="path-postdoc"' in html and "企业博士后直接认定副高级" in html
    assert 'data-path="postdoc" data-level="senior_associate" data-status="can_apply"' in html
    assert "承担课题（项目）情况" in html
    body = client.get("/api/v1/paths/eligibility", **factories.bearer(user)).json()
    [item] = [item for item in body if item["path"] == "postdoc"]
    assert item["level"] == "senior_associate" and item["status"] == "can_apply"
