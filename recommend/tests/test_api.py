"""/api/v1/units/applications/: units_recommendation_put and units_publicity_put — the same
services as the pages, the saved record with the remaining `problems`, Chinese 4xx errors."""

from __future__ import annotations

import pytest

from accounts.models import Role
from applications.tests.factories import make_unit_admin
from recommend.models import UnitPublicity, UnitRecommendation
from tests import factories
from tests.factories import bearer

from .factories import RECOMMENDATION_VALUES, move_past_unit_step

BASE = "/api/v1/units/applications"
PUBLICITY = {
    "start_date": "2026-09-28",
    "end_date": "2026-10-09",
    "place": "单位公示栏",
    "result": "no_objection",
    "handling": "",
}


def put(client, url, data, user):
    return client.put(url, data, content_type="application/json", **bearer(user))


@pytest.mark.django_db
def test_the_operation_ids(client):
    schema = client.get("/api/v1/openapi.json").json()
    operations = {
        op["operationId"]: (method, path)
        for path, item in schema["paths"].items()
        for method, op in item.items()
    }
    assert operations["units_recommendation_put"] == ("put", f"{BASE}/{{application_id}}/recommendation")
    assert operations["units_publicity_put"] == ("put", f"{BASE}/{{application_id}}/publicity")


def test_recommendation_then_publicity_leaves_no_problem(client, application, unit_admin):
    url = f"{BASE}/{application.pk}"
    response = put(client, f"{url}/recommendation", RECOMMENDATION_VALUES, unit_admin)
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["application_id"] == application.pk and data["participant_count"] == 9
    assert data["problems"] == ["尚未填写单位公示情况：请填写公示起止日期、公示地点和公示结果。"]

    response = put(client, f"{url}/publicity", PUBLICITY, unit_admin)
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["workdays"] == 5 and data["result_label"] == "无异议" and data["start_date"] == "2026-09-28"
    assert data["problems"] == []


def test_field_errors_come_back_in_chinese_and_nothing_is_saved(client, application, unit_admin):
    url = f"{BASE}/{application.pk}"
    response = put(client, f"{url}/recommendation", {"participant_count": "很多"}, unit_admin)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "基层意见未保存，请按提示修改。"
    assert body["errors"]["participant_count"] == ["参与推荐人数应为整数。"]
    assert body["errors"]["method"] == ["请填写推荐方式。"] and len(body["errors"]) == 6

    response = put(
        client,
        f"{url}/publicity",
        {**PUBLICITY, "end_date": "2026-10-08", "result": "objection_handled"},
        unit_admin,
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["handling"] == ["请填写异议处理情况。"]
    assert "只有4个工作日" in errors["end_date"][0]
    assert not UnitRecommendation.objects.exists() and not UnitPublicity.objects.exists()


def test_a_wrongly_typed_body_is_a_4xx_not_a_500(client, application, unit_admin):
    response = put(
        client, f"{BASE}/{application.pk}/publicity", {"start_date": 3, "place": ["x"]}, unit_admin
    )
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]


def test_others_get_404_and_anonymous_401(client, application):
    department_reviewer = factories.make_user(
        role=Role.DEPARTMENT_REVIEWER, organisation=factories.make_department()
    )
    for actor in (make_unit_admin(factories.make_unit()), department_reviewer, application.applicant):
        for path, data in (("recommendation", RECOMMENDATION_VALUES), ("publicity", PUBLICITY)):
            response = put(client, f"{BASE}/{application.pk}/{path}", data, actor)
            assert response.status_code == 404, (actor.role, path)
            assert response.json()["detail"] == "未找到该申报。"
    response = client.put(
        f"{BASE}/{application.pk}/recommendation", RECOMMENDATION_VALUES, content_type="application/json"
    )
    assert response.status_code == 401
    assert not UnitRecommendation.objects.exists() and not UnitPublicity.objects.exists()


def test_after_the_unit_step_a_409(client, application, unit_admin):
    move_past_unit_step(application)
    response = put(client, f"{BASE}/{application.pk}/recommendation", RECOMMENDATION_VALUES, unit_admin)
    assert response.status_code == 409
    assert "不在单位审核环节" in response.json()["detail"]
