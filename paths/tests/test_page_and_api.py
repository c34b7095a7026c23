"""The page /paths/ and GET /api/v1/paths/eligibility list the same items (the selector's), to
applicants only; every control of the page is labelled."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from applications.tests.factories import make_open_committee, make_series
from catalog.models import Level
from core.rulebook import recognition_months
from core.sources import cite, source
from paths.selectors import application_paths, path_facts
from rules.periods import months_after
from tests import factories
from tests.html import unlabelled_controls

from .factories import applicant_with, title

pytestmark = pytest.mark.django_db

URL = "/paths/"
API = "/api/v1/paths/eligibility"
ITEM = re.compile(r'data-path="([a-z_]+)" data-level="([a-z_]*)" data-status="([a-z_]+)"')


@pytest.fixture
def applicant():
    series = make_series(name="测试工程技术")
    make_open_committee(series, Level.SENIOR_ASSOCIATE, now=timezone.now())
    hired = timezone.localdate() - timedelta(days=200)
    return applicant_with(
        titles=(title(series.name, Level.INTERMEDIATE, "2018-06-30"),),
        education={"education": "本科", "degree": "学士", "technical_class": "无"},
        work_start=hired,
    )


def page_items(html: str) -> list[tuple[str, str, str]]:
    return ITEM.findall(html)


def api_items(body: list[dict]) -> list[tuple[str, str, str]]:
    return [(item["path"], item["level"], item["status"]) for item in body]


@pytest.mark.parametrize(
    "query",
    [
        {},
        {
            "hired_on": "2025-01-10",
            "changed_on": "2026-01-01",
            "skill_grade": "technician",
            "skill_obtained_on": "2020-01-01",
        },
        {"transferred_on": "2025-01-01", "moved_from": "outside"},
    ],
    ids=["dossier only", "with recognition, series change and skill facts", "with a transfer"],
)
def test_page_and_api_list_the_same_items_as_the_selector(client, applicant, query):
    expected = [
        (r.path, r.level, r.status)
        for r in application_paths(user=applicant, facts=path_facts(**query) if query else None)
    ]
    client.force_login(applicant)
    page = client.get(URL, query)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<title>我能申报什么" in html or "我能申报什么" in html
    assert page_items(html) == expected
    response = client.get(API, query, **factories.bearer(applicant))
    assert response.status_code == 200, response.content
    assert api_items(response.json()) == expected


def test_page_shows_each_path_with_levels_conditions_and_rules(client, applicant):
    client.force_login(applicant)
    html = client.get(URL).content.decode()
    for label in ("评审晋升", "考核认定", "转系列评审", "职称确认", "技能人才申报评审"):
        assert label in html
    assert "副高级 · 高级工程师" in html
    assert cite(14) in html  # the 助理级 internship or the 员级 window
    results = application_paths(user=applicant)
    for condition in (c for r in results for c in r.conditions if c.met_on):
        assert condition.met_on_label in html


def test_api_schema_carries_conditions_with_rule_and_date(client):
    """本科 hired a month ago, no title: 员级 now (or from the next window month), 助理级 a year later."""
    user = applicant_with(education={"education": "本科", "degree": "学士", "technical_class": "无"})
    hired = timezone.localdate() - timedelta(days=30)
    body = client.get(API, {"hired_on": hired.isoformat()}, **factories.bearer(user)).json()
    recognition = {item["level"]: item for item in body if item["path"] == "recognition"}
    assert list(recognition) == [Level.JUNIOR, Level.ASSISTANT]
    junior, assistant = recognition[Level.JUNIOR], recognition[Level.ASSISTANT]
    window_open = timezone.localdate().month in recognition_months()
    assert junior["status"] == ("can_apply" if window_open else "not_yet")
    assert [c["source"] for c in junior["conditions"]] == ([] if window_open else [source(15).label])
    assert assistant["status"] == "not_yet"
    assert assistant["conditions"][0]["source"] == source(14).label
    assert assistant["conditions"][0]["met_on"] == months_after(hired, 12).isoformat()
    promotion = next(item for item in body if item["path"] == "promotion")
    assert promotion["status"] == "missing" and promotion["conditions"][0]["link"]
    client.force_login(user)
    html = client.get(URL, {"hired_on": hired.isoformat()}).content.decode()
    assert ("recognition", Level.JUNIOR, junior["status"]) in page_items(html)
    assert ("recognition", Level.ASSISTANT, "not_yet") in page_items(html)
    assert assistant["conditions"][0]["met_on_label"] in html


def test_bad_facts_are_shown_next_to_their_field_and_refused_by_the_api(client, applicant):
    client.force_login(applicant)
    html = client.get(URL, {"hired_on": "2026-02-30", "skill_grade": "technician"}).content.decode()
    assert "录用（聘用）时间格式应为 YYYY-MM-DD" in html
    assert "请填写取得等级时间" in html
    assert unlabelled_controls(html) == []
    response = client.get(API, {"hired_on": "2026-02-30"}, **factories.bearer(applicant))
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"hired_on"}


def test_every_control_is_labelled(client, applicant):
    client.force_login(applicant)
    html = client.get(URL).content.decode()
    assert unlabelled_controls(html) == []
    assert 'name="hired_on"' in html and 'name="skill_grade"' in html


def test_applicants_only(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/login" in response["Location"]
    assert client.get(API).status_code == 401
    for user in (factories.make_unit_admin(), factories.make_support()):
        client.force_login(user)
        assert client.get(URL).status_code == 404
        response = client.get(API, **factories.bearer(user))
        assert response.status_code == 403
        assert response.json()["detail"] == "“我能申报什么”只对申报人开放。"


def test_operation_id_is_eligibility_check(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["paths"]["/api/v1/paths/eligibility"]["get"]["operationId"] == "eligibility_check"


def test_a_refusal_that_names_its_source_is_not_followed_by_it_again(client):
    """Found by the new-applicant walk: after 提交, 我能申报什么 read "…只能向一个评委会申报
    （见《职称知识25问》第25问）。（见《职称知识25问》第25问）"."""
    from applications.tests.factories import make_draft

    series = make_series(name="测试工程技术")
    committee = make_open_committee(series, Level.SENIOR_ASSOCIATE, now=timezone.now())
    user = applicant_with(titles=(title(series.name, Level.INTERMEDIATE, "2012-12-20"),))
    make_draft(user, committee, series, Level.SENIOR_ASSOCIATE)
    client.force_login(user)
    html = client.get(URL).content.decode()
    refusal = re.search(r"<li>\s*(您\d{4}年已向[^<]*只能向一个评委会申报.*?)</li>", html, re.S).group(1)
    assert refusal.count(source(19).cite) == 1
    assert f'<a href="{source(19).url}">{source(19).cite}</a>' in refusal  # the one left is linked
