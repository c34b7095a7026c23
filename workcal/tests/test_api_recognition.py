"""The public calculator recognition_evaluate (workcal/api.py, GET /api/v1/rules/recognition):
graduate recognition, rules 14 and 15 (seed questions 18 and 19). No login."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from core.dates import CALENDAR_TZ
from rules.recognition import recognition_evaluate

client = Client()
URL = "/api/v1/rules/recognition"


def test_benke_hired_on_feb29_reaches_assistant_on_feb28():
    response = client.get(URL, {"schooling": "benke", "hired_on": "2024-02-29", "on": "2025-02-28"})
    assert response.status_code == 200
    body = response.json()
    assert (body["schooling"], body["schooling_label"], body["counts_as"]) == (
        "benke",
        "本科（学士）",
        "本科",
    )
    assert [
        (item["level"], item["level_label"], item["earliest"], item["apply_from"]) for item in body["levels"]
    ] == [
        ("junior", "员级", "2024-02-29", "2024-04-01"),
        ("assistant", "助理级", "2025-02-28", "2025-04-01"),
    ]
    assert {item["recogniser"] for item in body["levels"]} == {"district_or_department"}
    assert all("县（市）区人社局" in item["recogniser_label"] for item in body["levels"])
    assert [item["level"] for item in body["available"]] == ["junior", "assistant"]
    assert body["best"]["level"] == "assistant"
    assert (body["next_window_start"], body["window_open"], body["window_months"]) == (
        "2025-04-01",
        False,
        [1, 4, 7, 10],
    )
    assert (
        body["notes"][-1]
        == "考核认定每年 1月、4月、7月、10月 受理（见《职称知识25问》第19问），下一次受理自 2025年4月1日 起。"
    )


@pytest.mark.parametrize(
    ("query", "best", "window_open"),
    [
        pytest.param(
            {"schooling": "dazhuan", "hired_on": "2023-03-15", "on": "2024-03-14"},
            None,
            False,
            id="大专-day-before",
        ),
        pytest.param(
            {"schooling": "dazhuan", "hired_on": "2023-03-15", "on": "2024-03-15"},
            "junior",
            False,
            id="大专-day-of",
        ),
        pytest.param(
            {"schooling": "doctor", "hired_on": "2023-03-15", "on": "2023-04-01"},
            "intermediate",
            True,
            id="博士-april",
        ),
        pytest.param(
            {"schooling": "tech_advanced", "hired_on": "2023-03-15", "on": "2024-07-31"},
            "junior",
            True,
            id="高级工班",
        ),
    ],
)
def test_boundaries(query, best, window_open):
    body = client.get(URL, query).json()
    assert (body["best"]["level"] if body["best"] else None) == best
    assert body["window_open"] is window_open


def test_doctor_goes_to_the_city_bureau_and_ownership_names_the_junior_recogniser():
    body = client.get(URL, {"schooling": "doctor", "hired_on": "2023-03-15", "on": "2026-01-31"}).json()
    assert (body["best"]["recogniser"], body["best"]["recogniser_label"]) == (
        "city_bureau",
        "市人力资源和社会保障局",
    )
    body = client.get(
        URL, {"schooling": "master", "hired_on": "2023-03-15", "ownership": "city_state"}
    ).json()
    assert body["levels"][0]["recogniser_label"] == "具有评审权限的相应系列市级行业主管部门"


def test_on_defaults_to_today_in_beijing():
    today = timezone.localdate(timezone=CALENDAR_TZ)
    body = client.get(URL, {"schooling": "master", "hired_on": "2023-03-15"}).json()
    assert body["on"] == today.isoformat()
    expected = recognition_evaluate(schooling="master", hired_on=date(2023, 3, 15), on=today)
    assert body["next_window_start"] == expected.next_window_start.isoformat()


def test_months_come_from_the_setting(settings):
    settings.RECOGNITION_MONTHS = (6, 10)  # the 2021 windows
    body = client.get(URL, {"schooling": "benke", "hired_on": "2021-01-10", "on": "2021-07-01"}).json()
    assert (body["window_open"], body["next_window_start"], body["window_months"]) == (
        False,
        "2021-10-01",
        [6, 10],
    )
    assert body["levels"][0]["apply_from"] == "2021-06-01"


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        pytest.param(
            {},
            {"schooling": ["请选择学历（学位）或技工院校班次。"], "hired_on": ["请填写录用（聘用）日期。"]},
            id="nothing",
        ),
        pytest.param(
            {"schooling": "gaozhong", "hired_on": "2023-02-30", "on": "abc"},
            {
                "schooling": [
                    "学历（学位）只能是：中专、大专、本科（学士）、双学士、硕士、博士、技工院校中级工班、技工院校高级工班、技工院校预备技师（技师）班。"
                ],
                "hired_on": ["录用（聘用）日期格式应为 YYYY-MM-DD。"],
                "on": ["计算日期格式应为 YYYY-MM-DD。"],
            },
            id="all-wrong",
        ),
        pytest.param(
            {"schooling": "benke", "hired_on": "2023-03-15", "ownership": "state"},
            {
                "ownership": [
                    "单位性质只能是：市属国有企事业单位、县区国有企事业单位、非公有制经济组织、社会组织或人事代理机构。"
                ]
            },
            id="bad-ownership",
        ),
    ],
)
def test_bad_input(query, errors):
    response = client.get(URL, query)
    assert response.status_code == 400
    body = response.json()
    assert body["errors"] == errors
    assert body["detail"] == "无法计算考核认定的层级和时间，请按提示修改。"


def test_operation_id_in_the_schema():
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/rules/recognition"]["get"]
    assert operation["operationId"] == "recognition_evaluate"
    assert operation.get("security") in (None, [])
