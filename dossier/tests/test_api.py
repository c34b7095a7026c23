"""申报信息 API: dossier_get, dossier_basic_update, dossier_entry_create / update / delete
(bearer token), with the services' Chinese messages; another applicant's entry is 404."""

from __future__ import annotations

import json

import pytest

from dossier.models import Dossier, DossierEntry
from dossier.sections import SECTIONS
from dossier.services import dossier_entry_create
from tests import factories
from tests.factories import bearer

from .factories import add_entries, good

BASE = "/api/v1/dossier"
pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant():
    return factories.make_applicant(
        organisation=factories.make_unit(civil_servant_managed=True),
        id_number=factories.id_number(birth="19880615", female=True),
    )


def send(client, method: str, url: str, user, body=None):
    return getattr(client, method)(
        url, data=json.dumps(body or {}), content_type="application/json", **bearer(user)
    )


def test_dossier_get(client, applicant):
    entry = dossier_entry_create(user=applicant, section="papers", data=good("papers"))
    response = client.get(f"{BASE}/", **bearer(applicant))
    assert response.status_code == 200, response.content
    body = response.json()
    basic = body["basic"]
    assert basic["sex"] == "female" and basic["sex_label"] == "女"
    assert basic["birth_date"] == "1988-06-15"
    assert basic["id_number"] == applicant.id_number
    assert basic["unit"]["civil_servant_managed"] is True
    assert [s["key"] for s in body["sections"]] == [s.key for s in SECTIONS]
    papers = next(s for s in body["sections"] if s["key"] == "papers")
    assert papers["entries"][0]["id"] == entry.pk
    assert papers["entries"][0]["data"]["rank"] == 1
    assert {"key": "rank", "label": "本人排名", "value": 1, "text": "1"} in papers["entries"][0]["fields"]
    messages = [m["message"] for m in body["missing"]]
    assert "请填写参加工作时间。" in messages
    education = [m for m in messages if m.endswith("请在“学历情况”中新增学历。")]
    assert len(education) == 1 and education[0].startswith("按《职称知识25问》第9问")


def test_dossier_get_in_constant_queries(client, applicant, django_assert_max_num_queries):
    headers = bearer(applicant)
    client.get(f"{BASE}/", **headers)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(f"{BASE}/", **headers)
    for section in SECTIONS:
        add_entries(applicant, section.key, 1 if section.single else 30)
    with django_assert_max_num_queries(len(small)):
        response = client.get(f"{BASE}/", **headers)
    assert sum(len(s["entries"]) for s in response.json()["sections"]) == 12 * 30 + 1


def test_basic_update(client, applicant):
    response = send(
        client,
        "patch",
        f"{BASE}/basic",
        applicant,
        {
            "work_start_date": "2010-07-01",
            "professional_start_date": "2010-07-01",
            "employment_form": "freelance",
            "current_post": "编辑",
            "original_retirement_age": 55,
            "delayed_retirement_until": "2045-01",
            "is_civil_servant": False,
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["employment_form_label"] == "自由职业"
    assert body["delayed_retirement_until"] == "2045-01"
    response = send(client, "patch", f"{BASE}/basic", applicant, {"delayed_retirement_until": ""})
    assert response.json()["delayed_retirement_until"] is None
    assert response.json()["current_post"] == "编辑"


def test_basic_update_errors(client, applicant):
    response = send(
        client,
        "patch",
        f"{BASE}/basic",
        applicant,
        {"original_retirement_age": 60, "name": "别人", "work_start_date": "2099-01-01"},
    )
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "基本信息未保存，请按提示修改。"
    assert body["errors"] == {
        "original_retirement_age": ["女性的原法定退休年龄为 55 周岁（女干部）或 50 周岁（女职工）。"],
        "name": ["姓名不能在此修改；填写有误的，请联系系统技术支持修改。"],
        "work_start_date": ["参加工作时间不能晚于今天。"],
    }
    assert Dossier.objects.get(user=applicant).original_retirement_age is None
    response = send(client, "patch", f"{BASE}/basic", applicant, {"original_retirement_age": "很老"})
    assert response.status_code == 422
    assert response.json()["errors"] == {"original_retirement_age": ["应为整数。"]}
    response = send(client, "patch", f"{BASE}/basic", applicant, {"work_start": "2010-07-01"})
    assert response.status_code == 422  # a misspelt key is refused, never ignored
    assert list(response.json()["errors"]) == ["work_start"]


def test_unit_change_through_the_api(client, applicant):
    unit = factories.make_unit()
    response = send(client, "patch", f"{BASE}/basic", applicant, {"unit_id": unit.pk})
    assert response.status_code == 200
    assert response.json()["unit"] == {"id": unit.pk, "name": unit.name, "civil_servant_managed": False}


def test_entry_create_update_delete(client, applicant):
    response = send(client, "post", f"{BASE}/sections/patents/entries", applicant, {"data": good("patents")})
    assert response.status_code == 201, response.content
    entry_id = response.json()["id"]
    assert response.json()["section"] == "patents"
    response = send(
        client, "put", f"{BASE}/entries/{entry_id}", applicant, {"data": good("patents", kind="实用新型")}
    )
    assert response.status_code == 200
    assert response.json()["data"]["kind"] == "实用新型"
    response = client.delete(f"{BASE}/entries/{entry_id}", **bearer(applicant))
    assert response.status_code == 200
    assert response.json() == {"detail": "已删除。"}
    assert not DossierEntry.objects.exists()


def test_entry_errors_come_back_in_chinese_and_nothing_is_saved(client, applicant):
    data = good("annual_assessments", year="二〇二三", result="良好")
    response = send(client, "post", f"{BASE}/sections/annual_assessments/entries", applicant, {"data": data})
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "“年度考核情况（近五年）”未保存，请按提示修改。"
    assert body["errors"]["year"][0].startswith("年度应为四位数字年份")
    assert body["errors"]["result"] == ["考核结果不是有效的选项，可选：优秀、合格、基本合格、不合格。"]
    response = send(client, "post", f"{BASE}/sections/papers/entries", applicant, {"data": "text"})
    assert response.status_code == 422
    response = send(
        client, "post", f"{BASE}/sections/papers/entries", applicant, {"data": {"rank": {"x": 1}}}
    )
    assert response.status_code == 400
    assert response.json()["errors"]["rank"] == ["本人排名应为整数。"]
    response = send(client, "post", f"{BASE}/sections/hobbies/entries", applicant, {"data": {}})
    assert response.status_code == 404
    assert response.json()["detail"] == "没有这个栏目（hobbies）。"
    assert not DossierEntry.objects.exists()


def test_single_section_conflict(client, applicant):
    url = f"{BASE}/sections/work_summary/entries"
    assert send(client, "post", url, applicant, {"data": good("work_summary")}).status_code == 201
    response = send(client, "post", url, applicant, {"data": good("work_summary")})
    assert response.status_code == 409
    assert response.json()["detail"] == "“专业技术工作总结”只需填写一份，请点击“编辑”修改已有的内容。"


def test_another_applicants_entry_is_404(client, applicant):
    other = factories.make_applicant()
    entry = dossier_entry_create(user=other, section="awards", data=good("awards"))
    response = send(
        client, "put", f"{BASE}/entries/{entry.pk}", applicant, {"data": good("awards", name="改")}
    )
    assert response.status_code == 404
    assert response.json()["detail"] == "未找到该条目，可能已被删除。"
    assert client.delete(f"{BASE}/entries/{entry.pk}", **bearer(applicant)).status_code == 404
    entry.refresh_from_db()
    assert entry.data["name"] == "昆明市科学技术进步奖"
    assert client.get(f"{BASE}/", **bearer(applicant)).json()["sections"][8]["entries"] == []


def test_authentication_and_roles(client):
    assert client.get(f"{BASE}/").status_code == 401
    staff = factories.make_unit_admin()
    response = client.get(f"{BASE}/", **bearer(staff))
    assert response.status_code == 403
    assert response.json()["detail"] == "只有申报人可以填写申报信息。"


def test_openapi_lists_operations_and_section_keys(client):
    schema = client.get("/api/v1/openapi.json").json()
    operations = {
        op["operationId"]: op
        for path in schema["paths"].values()
        for op in path.values()
        if "operationId" in op
    }
    for name in (
        "dossier_get",
        "dossier_basic_update",
        "dossier_entry_create",
        "dossier_entry_update",
        "dossier_entry_delete",
    ):
        assert name in operations
    text = operations["dossier_entry_create"]["description"]
    for section in SECTIONS:
        assert f"`{section.key}` {section.label}" in text
    assert "`journal_number` ISSN/CN 刊号" in text


BAD_BODIES = [
    "not json at all",
    "[]",
    "null",
    json.dumps({"data": None}),
    json.dumps({"data": {"year": None, "result": ["优秀"], "unit": {"a": 1}}}),
    json.dumps({"data": {"start": 2020, "end": True, "name": "x" * 5000, "hours": "NaN", "kind": 1}}),
    json.dumps({"data": {"title": "\u0000", "rank": 1e30, "published_on": "2019-08-01T00:00"}}),
    json.dumps({"work_start_date": 20100701, "original_retirement_age": "60岁", "unit_id": "abc"}),
    json.dumps({"delayed_retirement_until": ["2045-01"], "is_civil_servant": "maybe", "sex": 1}),
]


@pytest.mark.parametrize("body", BAD_BODIES)
def test_bad_bodies_get_a_chinese_4xx(client, applicant, body):
    entry = dossier_entry_create(user=applicant, section="papers", data=good("papers"))
    headers = bearer(applicant)
    for method, url in [
        ("post", f"{BASE}/sections/papers/entries"),
        ("post", f"{BASE}/sections/continuing_education/entries"),
        ("post", f"{BASE}/sections/annual_assessments/entries"),
        ("put", f"{BASE}/entries/{entry.pk}"),
        ("patch", f"{BASE}/basic"),
    ]:
        response = getattr(client, method)(url, data=body, content_type="application/json", **headers)
        assert 400 <= response.status_code < 500, (url, body, response.status_code)
        payload = response.json()
        assert set(payload) == {"detail", "errors"}
        assert any("\u4e00" <= ch <= "\u9fff" for ch in payload["detail"]), payload["detail"]
    entry.refresh_from_db()
    assert entry.data["title"] == "基于微服务的政务系统设计"


def test_skill_grade_through_the_api(client, applicant):
    """Rule 16: the grade and its date are set, shown with the label, and refused apart."""
    body = {"skill_grade": "advanced_worker", "skill_grade_obtained_on": "2021-03-01"}
    response = send(client, "patch", f"{BASE}/basic", applicant, body)
    assert response.status_code == 200, response.content
    shown = response.json()
    assert shown["skill_grade_label"] == "高级工" and shown["skill_grade_obtained_on"] == "2021-03-01"
    response = send(client, "patch", f"{BASE}/basic", applicant, {"skill_grade_obtained_on": ""})
    assert response.status_code == 400
    assert response.json()["errors"]["skill_grade_obtained_on"]
