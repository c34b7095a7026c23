"""/api/v1/evaluation/: the office creates a round, adds a group, draws; the draw is confidential
(an expert, a reviewer, an applicant, another office get 403/404); the expert declares a conflict
and reads their own list."""

from __future__ import annotations

import pytest

from accounts.models import Role
from evaluation.models import Assignment, RoundApplication
from tests import factories
from tests.factories import bearer

from .factories import make_office_user, make_setting

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_pools")]

BASE = "/api/v1/evaluation"


def _post(client, user, url, body=None):
    return client.post(url, body or {}, content_type="application/json", **bearer(user))


def _get(client, user, url):
    return client.get(url, **bearer(user))


def _setup(client):
    _committee, _series, office, experts, apps = make_setting(experts=7, applications=2)
    created = _post(
        client, office, f"{BASE}/rounds/", {"name": "第一批", "year": 2026, "meeting_date": "2026-10-20"}
    )
    assert created.status_code == 201, created.json()
    return office, experts, apps, created.json()


def test_office_runs_a_round_through_the_api(client):
    office, _experts, _apps, body = _setup(client)
    rid = body["id"]
    assert body["status"] == "preparing" and body["applications"] == 2 and body["draw"] is None
    bad = _post(client, office, f"{BASE}/rounds/{rid}/groups/", {"name": "二组", "experts_to_draw": 2})
    assert bad.status_code == 400 and "experts_to_draw" in bad.json()["errors"]
    group = _post(
        client,
        office,
        f"{BASE}/rounds/{rid}/groups/",
        {"name": "二组", "specialties": "土木工程", "experts_to_draw": 3},
    )
    assert group.status_code == 201
    entry = body["entries"][0]["id"]
    moved = _post(
        client, office, f"{BASE}/rounds/{rid}/entries/{entry}/group", {"group_id": group.json()["id"]}
    )
    assert moved.status_code == 200 and moved.json()["group_id"] == group.json()["id"]
    drawn = _post(client, office, f"{BASE}/rounds/{rid}/draw")
    # the new group wants 土木工程 experts; the pool has none
    assert drawn.status_code == 409 and "符合条件的在库专家只有0名" in drawn.json()["detail"]
    _post(client, office, f"{BASE}/rounds/{rid}/entries/{entry}/group", {"group_id": body["groups"][0]["id"]})
    assert (
        client.delete(f"{BASE}/rounds/{rid}/groups/{group.json()['id']}", **bearer(office)).status_code == 204
    )
    drawn = _post(client, office, f"{BASE}/rounds/{rid}/draw")
    assert drawn.status_code == 200, drawn.json()
    record = drawn.json()["draw"]
    assert len(record["seed"]) == 32 and len(record["groups"][0]["selected"]) == 3
    assert len(record["groups"][0]["candidates"]) == 7
    again = _post(client, office, f"{BASE}/rounds/{rid}/draw")
    assert again.status_code == 409 and "不能重复抽取" in again.json()["detail"]
    verify = _get(client, office, f"{BASE}/rounds/{rid}/draw/verify")
    assert verify.status_code == 200 and verify.json()["same"] is True
    listed = _get(client, office, f"{BASE}/rounds/")
    assert [r["id"] for r in listed.json()] == [rid]


def test_the_draw_is_confidential(client):
    office, _experts, apps, body = _setup(client)
    rid = body["id"]
    _post(client, office, f"{BASE}/rounds/{rid}/draw")
    drawn_expert = Assignment.objects.filter(round_id=rid).first().expert
    others = {
        "expert": drawn_expert.user,
        "reviewer": factories.make_user(role=Role.CITY_REVIEWER),
        "applicant": apps[0].applicant,
        "unit": factories.make_unit_admin(apps[0].unit),
        "support": factories.make_support(),
    }
    for label, user in others.items():
        for url in (f"{BASE}/rounds/{rid}", f"{BASE}/rounds/", f"{BASE}/rounds/{rid}/draw/verify"):
            response = _get(client, user, url)
            assert response.status_code == 403, (label, url, response.status_code)
        assert _post(client, user, f"{BASE}/rounds/{rid}/draw").status_code == 403
    other_office = make_office_user(factories.make_committee())
    assert _get(client, other_office, f"{BASE}/rounds/{rid}").status_code == 404
    assert _get(client, other_office, f"{BASE}/rounds/").json() == []
    assert client.get(f"{BASE}/rounds/{rid}").status_code == 401


def test_expert_declares_and_lists_through_the_api(client):
    office, experts, apps, body = _setup(client)
    rid = body["id"]
    _post(client, office, f"{BASE}/rounds/{rid}/draw")
    expert = Assignment.objects.filter(round_id=rid).first().expert
    tasks = _get(client, expert.user, f"{BASE}/assignments/")
    assert tasks.status_code == 200 and len(tasks.json()[0]["entries"]) == 2
    assert set(tasks.json()[0]["entries"][0]) == {"entry_id", "name", "unit", "series", "title"}
    entry = RoundApplication.objects.filter(round_id=rid).first()
    made = _post(client, expert.user, f"{BASE}/conflicts/", {"entry_id": entry.pk, "reason": "同学关系"})
    assert made.status_code == 201 and made.json()["source"] == "declared"
    tasks = _get(client, expert.user, f"{BASE}/assignments/")
    assert [e["entry_id"] for e in tasks.json()[0]["entries"]] != [entry.pk]
    assert len(tasks.json()[0]["entries"]) == 1
    office_made = _post(
        client,
        office,
        f"{BASE}/conflicts/",
        {"entry_id": entry.pk, "expert_id": experts[-1].pk, "reason": "办事机构核实"},
    )
    assert office_made.status_code in (201, 409)
    assert _get(client, office, f"{BASE}/assignments/").status_code == 403
    applicant = _post(client, apps[0].applicant, f"{BASE}/conflicts/", {"entry_id": entry.pk, "reason": "x"})
    assert applicant.status_code == 403
