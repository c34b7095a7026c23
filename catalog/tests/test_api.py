"""The public catalogue API: /api/v1/catalog/…"""

from __future__ import annotations

import pytest

from catalog.models import Level, Series
from orgs.models import Committee, Organisation, OrgKind
from tests.factories import add_committees

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalog_data")]

BASE = "/api/v1/catalog"


def test_operation_ids_in_the_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    ids = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {
        "catalog_series",
        "catalog_committees",
        "catalog_offices",
        "catalog_departments",
        "catalog_faq",
    } <= ids


def test_series_with_tracks_and_titles_per_level(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get(f"{BASE}/series")
    assert response.status_code == 200
    data = response.json()
    assert len(data) == 29
    news = next(s for s in data if s["name"] == "新闻")
    assert [t["name"] for t in news["tracks"]] == ["记者", "编辑"]
    first = news["tracks"][0]["titles"][0]
    assert first == {"level": "senior_full", "level_name": "正高级", "name": "高级记者"}
    health = next(s for s in data if s["name"] == "卫生技术")
    assert [t["level"] for t in health["tracks"][0]["titles"]] == [level.value for level in Level]


def test_committees_list_and_fields(client):
    data = client.get(f"{BASE}/committees").json()
    assert len(data) == 58
    assert [c["tier"] for c in data[:11]] == ["senior"] * 11
    item = next(c for c in data if c["name"] == "昆明市机电工程高级工程师评审委员会")
    organiser = Organisation.objects.get(ref="dept:昆明市工业和信息化局")
    assert item["organiser"] == {"id": organiser.pk, "name": "昆明市工业和信息化局"}
    assert item["phone"] == "0871-63135910"
    assert item["tier_name"] == "高级"
    assert (item["plan_year"], item["planned_month"]) == (2021, 10)
    assert item["coverage"] == [
        {
            "series_id": Series.objects.get(name="工程技术").pk,
            "series": "工程技术",
            "level": "senior_associate",
            "level_name": "副高级",
        }
    ]
    anning = next(c for c in data if c["name"] == "安宁市农业技术中级职称评审委员会")
    assert anning["planned_month"] is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("level=senior_associate", 11),
        ("level=intermediate", 47),
        ("level=中级", 47),
        ("tier=senior", 11),
        ("tier=intermediate", 47),
        ("series=卫生技术", 2),
        ("series=卫生技术&level=intermediate", 0),
        ("q=机电", 2),
        ("q=昆明市工业和信息化局", 3),
        ("q=机电 中级", 1),
        ("level=senior_full", 0),
    ],
)
def test_committee_filters(client, query, expected):
    response = client.get(f"{BASE}/committees?{query}")
    assert response.status_code == 200
    assert len(response.json()) == expected


def test_committee_filters_by_series_id_and_organiser_id(client):
    series = Series.objects.get(name="新闻")
    names = [c["name"] for c in client.get(f"{BASE}/committees", {"series": series.pk}).json()]
    assert names == ["昆明市新闻专业中级职称评审委员会"]
    organiser = Organisation.objects.get(ref="dept:昆明市司法局")
    names = [c["name"] for c in client.get(f"{BASE}/committees", {"organiser": organiser.pk}).json()]
    assert names == ["昆明市三级公证员评审委员会", "昆明市律师专业中级职称评审委员会"]


def test_inactive_committees_are_not_listed(client):
    Committee.objects.filter(ref="senior:1").update(is_active=False)
    assert len(client.get(f"{BASE}/committees?tier=senior").json()) == 10


def test_bad_committee_filters_get_chinese_errors_all_at_once(client):
    response = client.get(
        f"{BASE}/committees", {"level": "top", "series": "不存在", "organiser": "abc", "tier": "provincial"}
    )
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "筛选条件有误，请按提示修改。"
    assert body["errors"] == {
        "level": ["层级不正确，应为正高级、副高级、中级、助理级、员级之一。"],
        "series": ["未找到该系列。"],
        "organiser": ["未找到该评委会组建单位。"],
        "tier": ["评委会层级不正确，应为高级、中级或初级。"],
    }


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"organiser": "99999999999999999999999999"}, "organiser"),
        ({"organiser": "0"}, "organiser"),
        ({"series": "987654321"}, "series"),
        ({"q": "长" * 51}, "q"),
    ],
)
def test_odd_filter_values_never_500(client, params, field):
    response = client.get(f"{BASE}/committees", params)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_organiser_filter_refuses_a_unit(client):
    city = Organisation.objects.get(kind=OrgKind.CITY_BUREAU)
    response = client.get(f"{BASE}/committees", {"organiser": city.pk})
    assert response.status_code == 400
    assert response.json()["errors"]["organiser"] == ["未找到该评委会组建单位。"]


def test_committee_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        assert len(client.get(f"{BASE}/committees?level=intermediate&q=工程").json()) > 0
    add_committees(200)
    with django_assert_max_num_queries(5):
        assert len(client.get(f"{BASE}/committees").json()) == 258
    with django_assert_max_num_queries(5):
        assert len(client.get(f"{BASE}/committees?level=intermediate&q=测试").json()) == 200


def test_offices(client, django_assert_max_num_queries):
    """Seed part 四: 22 rows, 20 offices — 西山区 once with its two branches, no 昆明地铁运营有限公司."""
    with django_assert_max_num_queries(2):
        data = client.get(f"{BASE}/offices").json()
    assert len(data) == 20
    assert [o["number"] for o in data] == list(range(1, 21))
    assert "昆明地铁运营有限公司" not in [o["name"] for o in data]
    xishan = data[1]
    assert (xishan["name"], xishan["branch"], xishan["area"]) == ("西山区人力资源和社会保障局", "", "西山区")
    assert xishan["phones"] == ["0871-68046909", "0871-68367604", "0871-68158354"]
    assert [(b["name"], b["phones"]) for b in xishan["branches"]] == [
        ("事业单位人事管理科", ["0871-68046909"]),
        ("区人才服务中心", ["0871-68367604", "0871-68158354"]),
    ]
    assert xishan["branches"][0]["address"] == "五华区茭菱路668号8楼事业单位人事管理科"
    assert xishan["branches"][1]["services"].startswith("本区非公企业（非在职在编）")
    assert all(o["branches"] == [] for o in data if o["number"] != 2)


def test_departments(client):
    data = client.get(f"{BASE}/departments").json()
    party_school = next(d for d in data if d["name"] == "中共昆明市委党校")
    assert party_school["aliases"] == ["中国共产党昆明市委员会党校"]
    assert all(d["phone"] for d in data)


def test_faq_search_and_kind(client):
    data = client.get(f"{BASE}/faq").json()
    assert len(data) == 32
    assert data[0]["kind"] == "knowledge" and data[0]["number"] == 1
    assert data[-1]["kind_name"] == "申报网站常见问题"
    site = client.get(f"{BASE}/faq", {"kind": "site"}).json()
    assert [f["number"] for f in site] == list(range(1, 8))
    found = client.get(f"{BASE}/faq", {"q": "退休"}).json()
    assert 4 in [f["number"] for f in found if f["kind"] == "knowledge"]
    assert all("退休" in f["question"] + f["answer"] + "".join(f["tags"]) for f in found)
    q4 = next(f for f in data if f["kind"] == "knowledge" and f["number"] == 4)
    assert "退休" in q4["tags"]
    q3 = next(f for f in data if f["kind"] == "knowledge" and f["number"] == 3)
    assert q3["see"] == "series"


def test_faq_bad_kind(client):
    response = client.get(f"{BASE}/faq", {"kind": "other"})
    assert response.status_code == 400
    assert response.json() == {
        "detail": "筛选条件有误，请按提示修改。",
        "errors": {"kind": ["类别不正确，应为 knowledge（职称知识25问）或 site（申报网站常见问题）。"]},
    }


def test_api_needs_no_sign_in(client):
    for path in ("series", "committees", "offices", "departments", "faq"):
        assert client.get(f"{BASE}/{path}").status_code == 200
