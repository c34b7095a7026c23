"""The public calculators calendar_provincial_window and rules_retirement (workcal/api.py).

Mounted by zhicheng/api.py at /api/v1/rules/."""

from __future__ import annotations

import pytest
from django.test import Client

from workcal.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db

client = Client()


def test_provincial_window_across_national_day():
    response = client.get("/api/v1/rules/provincial-window?collection_date=2026-10-08")
    assert response.status_code == 200
    assert response.json() == {
        "collection_date": "2026-10-08",
        "opens_at": "2026-09-21T00:00:00+08:00",
        "closes_at": "2026-10-08T00:00:00+08:00",
        "closes_label": "2026年10月7日 24:00",
    }


def test_provincial_window_unknown_year_then_entered():
    response = client.get("/api/v1/rules/provincial-window?collection_date=2027-10-11")
    assert response.status_code == 400
    body = response.json()
    assert "2027年" in body["detail"] and "后台管理 → 工作日历" in body["detail"]
    assert body["errors"] == {"collection_date": [body["detail"]]}
    CalendarYear.objects.create(year=2027, source="测试")
    CalendarDay.objects.create(date="2027-10-08", is_workday=False, name="国庆节")
    body = client.get("/api/v1/rules/provincial-window?collection_date=2027-10-11").json()
    # Back from Monday 10-11: 10-08 is a holiday → 07, 06, 05, 04, 01, 09-30, 09-29.
    assert body["opens_at"] == "2027-09-29T00:00:00+08:00"


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("", {"collection_date": ["请填写开始收审材料日期。"]}),
        ("?collection_date=2026-13-01", {"collection_date": ["开始收审材料日期格式应为 YYYY-MM-DD。"]}),
        ("?collection_date=abc", {"collection_date": ["开始收审材料日期格式应为 YYYY-MM-DD。"]}),
    ],
)
def test_provincial_window_bad_input(query, errors):
    response = client.get(f"/api/v1/rules/provincial-window{query}")
    assert response.status_code == 400
    assert response.json()["errors"] == errors


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "birth_date=1976-09-01&sex=male&original_age=60",
            {"years": 63, "months": 0, "label": "63岁", "reached_month": "2039-09"},
        ),
        (
            "birth_date=1965-01-15&sex=male&original_age=60",
            {"years": 60, "months": 1, "label": "60岁1个月", "reached_month": "2025-02"},
        ),
        (
            "birth_date=1984-10-31&sex=female&original_age=50",
            {"years": 54, "months": 11, "label": "54岁11个月", "reached_month": "2039-09"},
        ),
        (
            "birth_date=1969-12-31&sex=female&original_age=55",
            {"years": 55, "months": 0, "label": "55岁", "reached_month": "2024-12"},
        ),
    ],
)
def test_retirement(query, expected):
    response = client.get(f"/api/v1/rules/retirement?{query}")
    assert response.status_code == 200
    assert response.json() == expected


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        (
            "",
            {
                "birth_date": ["请填写出生日期。"],
                "sex": ["请选择性别。"],
                "original_age": ["请选择原法定退休年龄（60、55 或 50 周岁）。"],
            },
        ),
        (
            "birth_date=1970-02-30&sex=male&original_age=60",
            {"birth_date": ["出生日期格式应为 YYYY-MM-DD。"]},
        ),
        (
            "birth_date=1970-01-01&sex=male&original_age=50",
            {"original_age": ["男职工的原法定退休年龄为 60 周岁。"]},
        ),
        (
            "birth_date=1970-01-01&sex=female&original_age=abc",
            {"original_age": ["原法定退休年龄只能是 60、55 或 50 周岁。"]},
        ),
    ],
)
def test_retirement_bad_input(query, errors):
    response = client.get(f"/api/v1/rules/retirement?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "无法计算法定退休年龄，请按提示修改。"
    assert body["errors"] == errors


def test_operation_ids():
    schema = client.get("/api/v1/openapi.json").json()
    ids = {
        op["operationId"]
        for path, methods in schema["paths"].items()
        if path.startswith("/api/v1/rules/")
        for op in methods.values()
    }
    assert ids == {"calendar_provincial_window", "rules_retirement", "recognition_evaluate"}
