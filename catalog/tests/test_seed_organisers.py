"""Seed part 三: every committee's organiser (评委会组建单位) exactly as the directory writes it, the
PDF's line breaks removed; the 22 rows of part 四 are 20 offices (issue 11 point 15)."""

from __future__ import annotations

import pytest

from orgs.models import Committee, Organisation, OrgKind
from orgs.selectors import district_offices

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalog_data")]

# (tier, 序号, 评委会组建单位) as the seed's directory prints them, line breaks included.
SEED_ORGANISERS = [
    ("senior", 1, "昆明市教育体育局"),
    ("senior", 2, "昆明市卫生健康委员会"),
    ("senior", 3, "昆明市卫生健康委员会"),
    ("senior", 4, "昆明市工业\n和信息化局"),
    ("senior", 5, "昆明市住房和城乡建设局"),
    ("senior", 6, "昆明市交通运输局"),
    ("senior", 7, "昆明市农业农村局"),
    ("senior", 8, "昆明市文化和旅游局"),
    ("senior", 9, "昆明市工业\n和信息化局"),
    ("senior", 10, "昆明市文化和\n旅游局"),
    ("senior", 11, "昆明市教育体育局"),
    ("intermediate", 1, "中共昆明市委党校"),
    ("intermediate", 2, "云南师范大学\n附属小学"),
    ("intermediate", 3, "昆明市司法局"),
    ("intermediate", 4, "昆明市司法局"),
    ("intermediate", 5, "昆明市教育体育局"),
    ("intermediate", 6, "昆明市社会科学院"),
    ("intermediate", 7, "昆明市科技局"),
    ("intermediate", 8, "昆明市广播电视局"),
    ("intermediate", 9, "昆明市生态环境局"),
    ("intermediate", 10, "昆明市工业和信息化局"),
    ("intermediate", 11, "昆明市住房和城乡建设局"),
    ("intermediate", 12, "昆明市交通运输局"),
    ("intermediate", 13, "昆明地铁运营有限公司"),
    ("intermediate", 14, "昆明市林业和草原局"),
    ("intermediate", 15, "昆明市水务局"),
    ("intermediate", 16, "昆明市城市管理局"),
    ("intermediate", 17, "昆明市农业农村局"),
    ("intermediate", 18, "中共昆明市委宣传部"),
    ("intermediate", 19, "昆明市文化和旅游局"),
    ("intermediate", 20, "昆明市文化和旅游局"),
    ("intermediate", 21, "昆明市档案局办公室"),
    ("intermediate", 22, "昆明市教育体育局"),
    ("intermediate", 23, "昆明市文化和旅游局"),
    ("intermediate", 24, "昆明市教育体育局"),
    ("intermediate", 25, "盘龙区教育体育局人事科"),
    ("intermediate", 26, "五华区教育体育局人事科"),
    ("intermediate", 27, "官渡区教育体育局"),
    ("intermediate", 28, "西山区教育体育局"),
    ("intermediate", 29, "东川区教育体育局"),
    ("intermediate", 30, "东川区工业和科技信息化局"),
    ("intermediate", 31, "东川区农业农村局"),
    ("intermediate", 32, "安宁市教育体育局"),
    ("intermediate", 33, "安宁市农业农村局"),
    ("intermediate", 34, "呈贡区教育体育局"),
    ("intermediate", 35, "晋宁区教育体育局"),
    ("intermediate", 36, "富民县教育体育局"),
    ("intermediate", 37, "宜良县教育体育局"),
    ("intermediate", 38, "嵩明县教育体育局"),
    ("intermediate", 39, "禄劝县教育体育局"),
    ("intermediate", 40, "石林县教育体育局"),
    ("intermediate", 41, "寻甸县教育体育局"),
    ("intermediate", 42, "寻甸县农业农村局"),
    ("intermediate", 43, "昆明经济技术开发区社会事务局"),
    ("intermediate", 44, "阳宗海风景名胜区社会事业局"),
    ("intermediate", 45, "中共昆明经济技术开发区工作委员会党群工作部"),
    ("intermediate", 46, "昆明市市场监督管理局"),
    ("intermediate", 47, "昆明建设咨询管理有限公司"),
]

# Seed part 四's rows as offices: (the office's position in the list, name, its rows in the seed).
SEED_OFFICES = [
    "五华区人力资源和社会保障局",
    "西山区人力资源和社会保障局",  # rows 2 and 3: two branches of one office
    "盘龙区人力资源和社会保障局",
    "官渡区人力资源和社会保障局",
    "呈贡区人力资源和社会保障局",
    "东川区人力资源和社会保障局",
    "晋宁区人力资源和社会保障局",
    "安宁市人力资源和社会保障局",
    "富民县人力资源和社会保障局",
    "宜良县人力资源和社会保障局",
    "石林县人力资源和社会保障局",
    "嵩明县人力资源和社会保障局",
    "寻甸县人力资源和社会保障局",
    "禄劝县人力资源和社会保障局",
    "阳宗海风景名胜区人力资源和社会保障局",
    "中共昆明经济技术开发区工作委员会党群工作部",
    "昆明高新技术产业开发区企业综合服务部",
    "滇池旅游度假区党群工作部",
    "云南滇中新区党群工作部",
    "昆明空港经济区党群工作部",
    # row 22, 昆明地铁运营有限公司, is the rail committee's organiser (intermediate 13), not an office
]


@pytest.mark.parametrize(("tier", "number", "seed_text"), SEED_ORGANISERS)
def test_every_organiser_is_named_as_the_directory_writes_it(tier, number, seed_text):
    committee = Committee.objects.select_related("organiser").get(tier=tier, number=number)
    assert committee.organiser.name == seed_text.replace("\n", "")


def test_the_directory_and_the_api_show_the_organisers_as_written(client):
    html = client.get("/committees/").content.decode()
    for name in ("中共昆明市委党校", "昆明市科技局", "昆明市档案局办公室", "五华区教育体育局人事科"):
        assert f'<td data-label="组建单位">{name}</td>' in html
    data = client.get("/api/v1/catalog/committees?tier=intermediate").json()
    assert [c["organiser"]["name"] for c in data] == [
        text.replace("\n", "") for tier, _, text in SEED_ORGANISERS if tier == "intermediate"
    ]


def test_the_district_offices_a_unit_may_choose_are_the_twenty_offices():
    from orgs.forms import UnitRegisterForm

    assert [o.name for o in district_offices()] == SEED_OFFICES
    choices = UnitRegisterForm().fields["district_id"].widget.choices
    labels = [label for value, label in choices if value]
    assert labels == SEED_OFFICES
    # The metro company is the rail committee's organiser, choosable nowhere as an office.
    metro = Organisation.objects.get(name="昆明地铁运营有限公司")
    assert metro.kind == OrgKind.DEPARTMENT
    assert Committee.objects.get(tier="intermediate", number=13).organiser == metro


def test_the_office_page_shows_xishan_once_with_both_branches(client):
    html = client.get("/offices/").content.decode()
    xishan = html.split('id="office-2"')[1].split('id="office-3"')[0]
    assert xishan.count("西山区人力资源和社会保障局") == 1
    for text in (
        "事业单位人事管理科",
        "五华区茭菱路668号8楼事业单位人事管理科",
        "0871-68046909",
        "区人才服务中心",
        "五华区茭菱路668号3楼区人才服务中心",
        "0871-68158354",
        "本区非公企业（非在职在编）",
    ):
        assert text in xishan
