"""Bad input to the API never produces a 500: every error is {"detail", "errors"} with a 4xx."""

from __future__ import annotations

import json

import pytest

ENDPOINTS = [
    "/api/v1/auth/sms-code",
    "/api/v1/auth/register",
    "/api/v1/auth/login",
    "/api/v1/auth/reset-password",
    "/api/v1/units/register",
]
BAD_BODIES = [
    "not json at all",
    "[]",
    "null",
    json.dumps({"phone": 13800000000, "purpose": ["register"]}),
    json.dumps({"name": None, "id_number": {"a": 1}, "password": 12345678}),
    json.dumps({"username": "x" * 5000, "password": "y" * 5000}),
    json.dumps({"credit_code": "'; DROP TABLE users; --", "ownership": "???", "district_id": "abc"}),
    json.dumps({"id_number": "５３０１０２１９８５０３１２０１１８", "phone": "+86 138-0000-0000"}),
]


def test_every_anonymous_endpoint_exists_in_the_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for url in ENDPOINTS:
        assert url in paths, url


@pytest.mark.django_db
@pytest.mark.parametrize("url", ENDPOINTS)
@pytest.mark.parametrize("body", BAD_BODIES)
def test_bad_bodies_get_a_chinese_4xx(client, url, body):
    response = client.post(url, data=body, content_type="application/json")
    assert 400 <= response.status_code < 500, (url, body, response.status_code)
    payload = response.json()
    assert set(payload) == {"detail", "errors"}
    assert isinstance(payload["errors"], dict)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in payload["detail"]), payload["detail"]


@pytest.mark.django_db
def test_unknown_paths_and_wrong_methods_answer_in_json(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    response = client.get("/api/v1/auth/login")
    assert response.status_code == 405
    assert response.json()["detail"] == "不支持该请求方法。"
