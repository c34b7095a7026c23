"""/api/v1/evaluation/experts…: experts_list, experts_create, experts_import, experts_suspend,
experts_restore, experts_disqualify — the same rules and refusals as the pages, as JSON."""

from __future__ import annotations

import io

import pytest

from accounts.models import Role
from applications.tests.factories import make_series
from evaluation.models import MembershipStatus, PoolMembership
from orgs.models import CommitteeTier
from tests import factories
from tests.factories import bearer

from .factories import make_office_user
from .test_pool_import import good_rows, xlsx

pytestmark = pytest.mark.django_db

URL = "/api/v1/evaluation/experts"


@pytest.fixture
def world():
    series = make_series(name="工程系列")
    make_series(name="卫生系列")
    committee = factories.make_committee(tier=CommitteeTier.JUNIOR)
    office = make_office_user(committee)
    return committee, series, office


def payload(series, **changes):
    return {
        "name": "李明",
        "unit_name": "昆明理工大学",
        "title": "教授",
        "level": "senior_full",
        "series": [series.pk],
        "specialties": "软件工程、人工智能",
        "phone": "13800001111",
        "term_start": "2026-01-01",
        "term_end": "2028-12-31",
        **changes,
    }


def post(client, url, user, data=None):
    return client.post(url, data or {}, content_type="application/json", **bearer(user))


def test_create_list_suspend_restore_disqualify(client, world):
    _committee, series, office = world
    bad = post(client, URL, office, payload(series, phone="1", term_end="2025-01-01"))
    assert bad.status_code == 400 and {"phone", "term_end"} <= set(bad.json()["errors"])
    made = post(client, URL, office, payload(series))
    assert made.status_code == 201
    body = made.json()
    assert body["username"] == "zj13800001111" and body["specialties"] == ["软件工程", "人工智能"]
    assert body["status"] == "active" and body["term_state"] == "running" and body["series"] == ["工程系列"]
    listing = client.get(URL, **bearer(office)).json()
    assert listing["count"] == 1 and listing["minimum"] == 7 and listing["serving"] == 1
    assert "至少 7 名" in listing["problems"][0]
    assert client.get(URL, {"status": "suspended"}, **bearer(office)).json()["count"] == 0

    member = body["id"]
    refused = post(client, f"{URL}/{member}/suspend", office, {"reason": ""})
    assert refused.status_code == 400 and refused.json()["errors"]["reason"] == ["请填写暂停原因。"]
    suspended = post(client, f"{URL}/{member}/suspend", office, {"reason": "出国访学"})
    assert suspended.status_code == 200 and suspended.json()["status"] == "suspended"
    assert suspended.json()["reason"] == "出国访学"
    restored = post(client, f"{URL}/{member}/restore", office)
    assert restored.status_code == 200 and restored.json()["status"] == "active"
    again = post(client, f"{URL}/{member}/restore", office)
    assert again.status_code == 409 and again.json()["detail"] == "李明已在库，无需恢复。"
    gone = post(client, f"{URL}/{member}/disqualify", office, {"reason": "违反评审纪律"})
    assert gone.status_code == 200 and gone.json()["status"] == "disqualified"
    assert post(client, f"{URL}/{member}/suspend", office, {"reason": "x"}).status_code == 409


def test_import_good_and_bad_files(client, world):
    committee, _series, office = world
    bad = [
        *good_rows(),
        ["张四", "某单位", "教授", "正高级", "工程系列", "软件", "13800000001", "2026-01-01", "2027-01-01"],
    ]
    upload = io.BytesIO(xlsx(bad))
    upload.name = "专家.xlsx"
    response = client.post(f"{URL}/import", {"file": upload}, **bearer(office))
    assert response.status_code == 400
    body = response.json()
    assert body["rows"] == [
        {"row": 5, "field": "phone", "column": "手机号码", "message": "与第 2 行的手机号码重复。"}
    ]
    assert "未导入任何专家" in body["detail"] and body["errors"]["file"]
    assert not PoolMembership.objects.exists()

    not_xlsx = io.BytesIO(b"a,b\n")
    not_xlsx.name = "专家.csv"
    response = client.post(f"{URL}/import", {"file": not_xlsx}, **bearer(office))
    assert response.status_code == 400 and "请上传 Excel 文件" in response.json()["errors"]["file"][0]
    assert client.post(f"{URL}/import", {}, **bearer(office)).json()["errors"]["file"] == [
        "请选择要导入的 .xlsx 文件。"
    ]

    upload = io.BytesIO(xlsx(good_rows()))
    upload.name = "专家.xlsx"
    response = client.post(f"{URL}/import", {"file": upload}, **bearer(office))
    assert response.status_code == 200 and response.json()["created"] == 3
    assert PoolMembership.objects.filter(pool__committee=committee).count() == 3


@pytest.mark.parametrize("who", ["other_office", "applicant", "expert", "support"])
def test_others_are_refused(client, world, who):
    _committee, series, office = world
    member = post(client, URL, office, payload(series)).json()["id"]
    if who == "other_office":
        user = make_office_user(factories.make_committee())
    else:
        user = factories.make_user(
            role={"applicant": Role.APPLICANT, "expert": Role.EXPERT, "support": Role.SUPPORT}[who]
        )
    if who == "other_office":
        assert client.get(URL, **bearer(user)).json()["count"] == 0
        for action in ("suspend", "restore", "disqualify"):
            response = post(client, f"{URL}/{member}/{action}", user, {"reason": "x"})
            assert response.status_code == 404 and response.json()["detail"] == "未找到该专家。"
    else:
        assert client.get(URL, **bearer(user)).status_code == 403
        assert post(client, URL, user, payload(series, phone="13800002222")).status_code == 403
        for action in ("suspend", "restore", "disqualify"):
            assert post(client, f"{URL}/{member}/{action}", user, {"reason": "x"}).status_code == 403
        upload = io.BytesIO(xlsx(good_rows()))
        upload.name = "a.xlsx"
        assert client.post(f"{URL}/import", {"file": upload}, **bearer(user)).status_code == 403
    assert PoolMembership.objects.get(pk=member).status == MembershipStatus.ACTIVE
    assert client.get(URL).status_code == 401


def test_operation_ids_are_stable(client):
    schema = client.get("/api/v1/openapi.json").json()
    ids = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {
        "experts_list",
        "experts_create",
        "experts_import",
        "experts_suspend",
        "experts_restore",
        "experts_disqualify",
    } <= ids
