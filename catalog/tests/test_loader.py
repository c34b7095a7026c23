"""load_catalog: counts, cleanliness, facts from the seed, idempotency, --check, deactivation."""

from __future__ import annotations

import re
import shutil
from io import StringIO

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.forms.models import model_to_dict

from catalog.loader import CITY_BUREAU_REF, CatalogDataError, catalog_load
from catalog.models import Contact, FaqEntry, FaqKind, HelpPage, Level, Series, Title, Track
from orgs.models import (
    Committee,
    CommitteeCoverage,
    CommitteePlan,
    CommitteeTier,
    OfficeBranch,
    Organisation,
    OrgKind,
)
from tests.factories import make_committee, make_department

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalog_data")]

CJK = r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"
CJK_SPACE = re.compile(f"{CJK} +{CJK}")
TABLES = [
    Series,
    Track,
    Title,
    FaqEntry,
    HelpPage,
    Contact,
    Organisation,
    OfficeBranch,
    Committee,
    CommitteeCoverage,
    CommitteePlan,
]


def snapshot() -> dict:
    """Every row of every loaded table, with all its values (updated_at included)."""
    return {
        model.__name__: {obj.pk: model_to_dict(obj) | _times(obj) for obj in model.objects.all()}
        for model in TABLES
    }


def _times(obj) -> dict:
    return {name: getattr(obj, name) for name in ("created_at", "updated_at") if hasattr(obj, name)}


def run_command(*args: str) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("load_catalog", *args, stdout=out)
    except SystemExit as exc:
        return int(exc.code), out.getvalue()
    return 0, out.getvalue()


# --------------------------------------------------------------------------- counts


def test_counts_after_loading():
    assert Series.objects.count() == 29
    assert Committee.objects.filter(tier=CommitteeTier.SENIOR).count() == 11
    assert Committee.objects.filter(tier=CommitteeTier.INTERMEDIATE).count() == 47
    # Part 四's 22 rows are 20 offices: 西山区's two rows are one office, row 22 is no office.
    assert Organisation.objects.filter(kind=OrgKind.DISTRICT_BUREAU).count() == 20
    assert FaqEntry.objects.filter(kind=FaqKind.KNOWLEDGE).count() == 25
    assert FaqEntry.objects.filter(kind=FaqKind.SITE).count() == 7
    plans_2021 = CommitteePlan.objects.filter(year=2021)
    assert plans_2021.filter(committee__tier=CommitteeTier.SENIOR).count() == 11
    assert plans_2021.filter(committee__tier=CommitteeTier.INTERMEDIATE).count() == 44
    assert set(HelpPage.objects.values_list("slug", flat=True)) >= {"must-read", "filling-guide"}
    assert Contact.objects.filter(value="12333").exists()


def test_first_load_report_counts_every_row_as_new(catalog_data):
    by_label = {t.label: t for t in catalog_data.tables}
    assert by_label["职称系列"].created == 29
    assert by_label["评审委员会"].created == 58
    assert all(t.updated == 0 and t.removed == 0 for t in catalog_data.tables)


def test_city_bureau_departments_and_offices():
    city = Organisation.objects.get(ref=CITY_BUREAU_REF)
    assert (city.kind, city.name, city.phone) == (OrgKind.CITY_BUREAU, "昆明市人力资源和社会保障局", "12333")

    dept = Organisation.objects.get(ref="dept:中共昆明市委党校")
    assert dept.kind == OrgKind.DEPARTMENT
    assert dept.aliases == ["中国共产党昆明市委员会党校"]
    assert Organisation.objects.get(ref="dept:盘龙区教育体育局人事科").area == "盘龙区"
    assert Organisation.objects.get(ref="dept:昆明市教育体育局").area == ""

    assert not Organisation.objects.filter(ref="office:3").exists()
    office = Organisation.objects.get(ref="office:2")
    assert office.kind == OrgKind.DISTRICT_BUREAU
    assert (office.name, office.branch, office.area) == ("西山区人力资源和社会保障局", "", "西山区")
    assert office.phone == "0871-68046909、0871-68367604、0871-68158354"
    assert office.sort_order == 2
    branches = list(OfficeBranch.objects.filter(office=office).values_list("order", "name", "phone"))
    assert branches == [
        (1, "事业单位人事管理科", "0871-68046909"),
        (2, "区人才服务中心", "0871-68367604、0871-68158354"),
    ]
    assert all(b.address and b.services for b in OfficeBranch.objects.filter(office=office))
    assert Organisation.objects.get(ref="office:4").sort_order == 3  # 盘龙区, third in the list


# --------------------------------------------------------------------------- clean text


def test_names_and_phones_are_clean():
    values = []
    for model, fields in (
        (Organisation, ("name", "phone")),
        (Committee, ("name", "phone")),
        (Title, ("name",)),
    ):
        for row in model.objects.values_list(*fields):
            values += row
    assert values
    for value in values:
        assert "\n" not in value and "\r" not in value, value
        assert value == value.strip(), value
        assert not CJK_SPACE.search(value), value


def test_every_committee_has_a_department_organiser_and_coverage():
    for committee in Committee.objects.select_related("organiser").prefetch_related("coverages"):
        assert committee.organiser.kind == OrgKind.DEPARTMENT, committee.name
        assert committee.organiser.ref.startswith("dept:")
        assert committee.coverages.all(), committee.name


# --------------------------------------------------------------------------- facts from the seed


def test_spot_checks_against_the_seed():
    c = Committee.objects.select_related("organiser").get(name="昆明市机电工程高级工程师评审委员会")
    assert c.ref == "senior:4"
    assert c.organiser.name == "昆明市工业和信息化局"
    assert c.phone == "0871-63135910"
    assert c.plans.get(year=2021).month == 10
    assert list(c.coverages.values_list("series__name", "level")) == [("工程技术", Level.SENIOR_ASSOCIATE)]

    health = Track.objects.get(series__name="卫生技术")
    assert health.titles.get(level=Level.SENIOR_FULL).name == "主任医（药、护、技）师"

    news = Series.objects.get(name="新闻")
    news_full = set(
        Title.objects.filter(track__series=news, level=Level.SENIOR_FULL).values_list("name", flat=True)
    )
    assert news_full == {"高级记者", "高级编辑"}
    assert list(news.tracks.values_list("name", "order")) == [("记者", 1), ("编辑", 2)]

    # 广告 has no 正高级; 技工学校教师 has two tracks, the second without 正高级.
    assert not Title.objects.filter(track__series__name="广告", level=Level.SENIOR_FULL).exists()
    assert Track.objects.filter(series__name="技工学校教师").count() == 2

    # The organiser is named as the directory writes it (the plan table's spelling is an alias).
    party_school = Committee.objects.get(name="昆明市党校教师中级职称评审委员会")
    assert party_school.organiser.name == "中共昆明市委党校"

    # 安宁市农业技术 is not in the 2021 plan tables.
    assert not CommitteePlan.objects.filter(committee__name="安宁市农业技术中级职称评审委员会").exists()

    faq3 = FaqEntry.objects.get(kind=FaqKind.KNOWLEDGE, number=3)
    faq7 = FaqEntry.objects.get(kind=FaqKind.KNOWLEDGE, number=7)
    assert (faq3.see, faq7.see) == ("series", "committees")
    assert "退休" in FaqEntry.objects.get(kind=FaqKind.KNOWLEDGE, number=4).tags
    assert "同名单位" in FaqEntry.objects.get(kind=FaqKind.SITE, number=4).question


# --------------------------------------------------------------------------- idempotency and --check


def test_second_run_changes_nothing():
    before = snapshot()
    report = catalog_load()
    assert not report.changed
    assert report.differences == []
    assert all(t.created == t.updated == t.removed == 0 for t in report.tables)
    assert sum(t.unchanged for t in report.tables) == sum(len(rows) for rows in before.values())
    assert snapshot() == before


def test_command_says_when_nothing_changed():
    code, out = run_command()
    assert code == 0
    assert "数据已是最新，没有任何更改。" in out
    assert "职称系列：新增 0，更新 0，未变 29" in out


def test_check_is_clean_after_a_load():
    code, out = run_command("--check")
    assert code == 0
    assert "检查模式：只比较，未写入数据库。" in out
    assert "数据库与数据文件一致。" in out


def test_check_lists_every_difference_and_writes_nothing():
    committee = Committee.objects.get(ref="senior:4")
    committee.phone = "0871-00000000"
    committee.save()
    CommitteePlan.objects.filter(committee=committee, year=2021).update(month=3)
    Title.objects.filter(track__series__name="会计", level=Level.JUNIOR).delete()
    FaqEntry.objects.filter(kind=FaqKind.KNOWLEDGE, number=1).update(question="改过的问题")
    before = snapshot()

    code, out = run_command("--check")

    assert code == 1
    assert "发现 4 处差异：" in out
    assert (
        "更新 评审委员会「昆明市机电工程高级工程师评审委员会」：联系电话 “0871-00000000” → “0871-63135910”"
        in out
    )
    assert "计划评审月份 “3” → “10”" in out
    assert "新增 职称名称「会计/会计/员级」" in out
    assert "改过的问题" in out
    assert snapshot() == before  # nothing written

    report = catalog_load()
    assert len(report.differences) == 4
    committee.refresh_from_db()
    assert committee.phone == "0871-63135910"
    assert Title.objects.get(track__series__name="会计", level=Level.JUNIOR).name == "会计员"
    assert run_command("--check")[0] == 0


def test_update_touches_only_changed_rows():
    office = Organisation.objects.get(ref="office:1")
    other = Organisation.objects.get(ref="office:2")
    Organisation.objects.filter(pk=office.pk).update(address="旧地址")
    report = catalog_load()
    assert [str(d) for d in report.differences] == [
        f"更新 组织机构「{office.name}」：地址 “旧地址” → “{office.address}”"
    ]
    office_after = Organisation.objects.get(pk=office.pk)
    assert office_after.address == office.address
    assert office_after.updated_at > office.updated_at
    assert Organisation.objects.get(pk=other.pk).updated_at == other.updated_at


# --------------------------------------------------------------------------- rows the data no longer has


def test_committees_and_organisations_missing_from_the_data_are_deactivated_not_deleted():
    old_dept = Organisation.objects.create(
        kind=OrgKind.DEPARTMENT, name="昆明市旧部门", ref="dept:昆明市旧部门"
    )
    old = Committee.objects.create(
        ref="senior:99",
        tier="senior",
        number=99,
        name="已撤销的评委会",
        scope="旧",
        organiser=old_dept,
        phone="1",
    )
    hand_made = make_committee()  # no ref: not governed by the data files
    unit_dept = make_department()

    code, out = run_command()

    assert code == 0
    assert "停用 评审委员会「已撤销的评委会」（数据文件中已没有）" in out
    assert "停用 组织机构「昆明市旧部门」（数据文件中已没有）" in out
    old.refresh_from_db()
    old_dept.refresh_from_db()
    assert (old.is_active, old_dept.is_active) == (False, False)
    hand_made.refresh_from_db()
    unit_dept.refresh_from_db()
    assert hand_made.is_active and unit_dept.is_active

    # Once deactivated, a further run has nothing to do.
    assert not catalog_load().changed


def test_deactivated_committee_in_the_data_is_reactivated():
    Committee.objects.filter(ref="intermediate:3").update(is_active=False)
    report = catalog_load()
    assert [d.action for d in report.differences] == ["update"]
    assert Committee.objects.get(ref="intermediate:3").is_active


def test_coverage_rows_are_synced_exactly_and_later_plans_kept():
    committee = Committee.objects.get(ref="senior:8")
    accounting = Series.objects.get(name="会计")
    CommitteeCoverage.objects.create(committee=committee, series=accounting, level=Level.SENIOR_ASSOCIATE)
    CommitteeCoverage.objects.filter(committee=committee, series__name="群众文化").delete()
    CommitteePlan.objects.create(committee=committee, year=2030, month=5)  # entered by an admin

    catalog_load()

    coverage = set(committee.coverages.values_list("series__name", "level"))
    assert coverage == {("图书资料", Level.SENIOR_ASSOCIATE), ("群众文化", Level.SENIOR_ASSOCIATE)}
    assert committee.plans.get(year=2030).month == 5


def test_tracks_and_titles_missing_from_the_data_are_deleted():
    series = Series.objects.get(name="新闻")
    track = Track.objects.create(series=series, name="旧方向", order=9)
    Title.objects.create(track=track, level=Level.JUNIOR, name="旧职称")
    report = catalog_load()
    assert {str(d) for d in report.differences} == {
        "删除 系列方向「新闻/旧方向」（数据文件中已没有）",
        "删除 职称名称「新闻/旧方向/员级」（数据文件中已没有）",
    }
    assert not Track.objects.filter(name="旧方向").exists()


def test_a_row_still_referenced_is_kept_and_reported():
    extra = Series.objects.create(number=99, name="旧系列")
    old_committee = make_committee(ref="intermediate:99")  # not in the data: deactivated, keeps coverage
    CommitteeCoverage.objects.create(committee=old_committee, series=extra, level=Level.INTERMEDIATE)

    report = catalog_load()

    assert Series.objects.filter(pk=extra.pk).exists()
    assert "保留 职称系列「99 旧系列」：仍被其他记录引用，未删除" in [str(d) for d in report.differences]
    by_label = {t.label: t for t in report.tables}
    assert by_label["职称系列"].kept == 1


# --------------------------------------------------------------------------- bad data files


@pytest.fixture
def data_copy(tmp_path):
    from catalog.loader import CATALOG_DATA_DIR, ORGS_DATA_DIR

    catalog_dir = tmp_path / "catalog"
    orgs_dir = tmp_path / "orgs"
    shutil.copytree(CATALOG_DATA_DIR, catalog_dir)
    shutil.copytree(ORGS_DATA_DIR, orgs_dir)
    return catalog_dir, orgs_dir


def _edit_yaml(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_bad_data_is_reported_all_at_once_and_nothing_is_written(data_copy):
    catalog_dir, orgs_dir = data_copy

    def break_committees(data):
        data[0]["organiser"] = "不存在的部门"
        data[0]["phone"] = "0871-6516 5786\n"
        data[1]["coverage"] = [{"series": "不存在的系列", "levels": ["senior_associate"]}]
        data[2]["coverage"] = [{"series": "卫生技术", "levels": ["top"]}]
        data[3]["name"] = "昆明市 机电工程高级工程师评审委员会"
        data[4]["plans"] = {2021: 13}

    def break_series(data):
        data[0]["tracks"][0]["titles"]["chief"] = "首席"

    _edit_yaml(orgs_dir / "committees.yaml", break_committees)
    _edit_yaml(catalog_dir / "series.yaml", break_series)
    (catalog_dir / "contacts.yaml").unlink()
    Committee.objects.filter(ref="senior:1").update(phone="0871-00000000")
    before = snapshot()

    with pytest.raises(CatalogDataError) as caught:
        catalog_load(catalog_dir=catalog_dir, orgs_dir=orgs_dir)

    errors = caught.value.errors
    committee_errors = " ".join(errors["committees.yaml"])
    assert "组建单位 不存在的部门 不在 departments.yaml 或 offices.yaml 中" in committee_errors
    assert "phone 含换行或制表符" in committee_errors
    assert "评审范围的系列 '不存在的系列' 不在 series.yaml 中" in committee_errors
    assert "未知层级 'top'" in committee_errors
    assert "name 的汉字之间有空格" in committee_errors
    assert "评审计划 2021: 13 不正确" in committee_errors
    assert "未知层级 'chief'" in " ".join(errors["series.yaml"])
    assert "找不到数据文件" in errors["contacts.yaml"][0]
    assert caught.value.detail.startswith("数据文件有 ")
    assert snapshot() == before


def test_command_reports_bad_data_in_chinese(data_copy, monkeypatch):
    _, orgs_dir = data_copy
    _edit_yaml(orgs_dir / "offices.yaml", lambda data: data[0].update(address=" 前面有空格"))
    monkeypatch.setattr("catalog.loader.ORGS_DATA_DIR", orgs_dir)
    with pytest.raises(CommandError) as caught:
        call_command("load_catalog", stdout=StringIO())
    assert "数据文件有 1 处问题，未写入数据库。" in str(caught.value)
    assert "offices.yaml：address 首尾有空格" in str(caught.value)


def test_check_mode_on_an_empty_database_lists_new_rows():
    """With --check nothing is written even when every row is missing."""
    from catalog.tests.loaded import unload

    unload()
    code, out = run_command("--check")
    assert code == 1
    assert "职称系列：应新增 29，应更新 0，未变 0" in out
    assert "新增 评审委员会「昆明市机电工程高级工程师评审委员会」" in out
    assert Series.objects.count() == 0


# --------------------------------------------------------------------------- the data files change


def _renumber(data, tier):
    number = 0
    for item in data:
        if item["tier"] == tier:
            number += 1
            item["number"] = number


def test_a_committee_inserted_mid_list_keeps_the_others_rows(data_copy):
    catalog_dir, orgs_dir = data_copy
    building = Committee.objects.get(name="昆明市建筑工程高级工程师评审委员会")
    assert building.ref == "senior:5"

    def insert(data):
        new = dict(data[4], name="昆明市新设高级职称评审委员会", plans={2021: 12})
        data.insert(4, new)
        _renumber(data, "senior")

    _edit_yaml(orgs_dir / "committees.yaml", insert)
    catalog_load(catalog_dir=catalog_dir, orgs_dir=orgs_dir)

    building.refresh_from_db()
    assert building.ref == "senior:6"  # same row, moved down
    assert building.plans.get(year=2021).month == 10
    new = Committee.objects.get(ref="senior:5")
    assert new.name == "昆明市新设高级职称评审委员会"
    assert new.plans.get(year=2021).month == 12
    assert Committee.objects.filter(tier="senior", is_active=True).count() == 12
    assert not catalog_load(catalog_dir=catalog_dir, orgs_dir=orgs_dir).changed


def test_a_committee_removed_mid_list_is_deactivated_and_gives_up_its_ref(data_copy):
    catalog_dir, orgs_dir = data_copy
    building = Committee.objects.get(ref="senior:5")
    transport = Committee.objects.get(ref="senior:6")

    def drop(data):
        del data[4]
        _renumber(data, "senior")

    _edit_yaml(orgs_dir / "committees.yaml", drop)
    report = catalog_load(catalog_dir=catalog_dir, orgs_dir=orgs_dir)

    assert f"停用 评审委员会「{building.name}」（数据文件中已没有）" in [str(d) for d in report.differences]
    building.refresh_from_db()
    transport.refresh_from_db()
    assert not building.is_active and building.ref == f"retired:{building.pk}"
    assert transport.ref == "senior:5" and transport.is_active
    assert Committee.objects.filter(tier="senior", is_active=True).count() == 10
    assert not catalog_load(catalog_dir=catalog_dir, orgs_dir=orgs_dir).changed


def test_a_committee_renamed_in_place_keeps_its_row(data_copy):
    catalog_dir, orgs_dir = data_copy
    committee = Committee.objects.get(ref="senior:4")
    _edit_yaml(
        orgs_dir / "committees.yaml", lambda data: data[3].update(name="昆明市机电工程高级职称评审委员会")
    )
    report = catalog_load(catalog_dir=catalog_dir, orgs_dir=orgs_dir, check=True)
    assert [str(d) for d in report.differences] == [
        "更新 评审委员会「昆明市机电工程高级工程师评审委员会」："
        "评审委员会名称 “昆明市机电工程高级工程师评审委员会” → “昆明市机电工程高级职称评审委员会”"
    ]
    catalog_load(catalog_dir=catalog_dir, orgs_dir=orgs_dir)
    committee.refresh_from_db()
    assert committee.name == "昆明市机电工程高级职称评审委员会"


def test_swapped_series_numbers_keep_their_tracks_and_titles(data_copy):
    catalog_dir, orgs_dir = data_copy
    title_pks = set(Title.objects.values_list("pk", flat=True))

    def swap(data):
        data[0]["number"], data[1]["number"] = data[1]["number"], data[0]["number"]

    _edit_yaml(catalog_dir / "series.yaml", swap)
    report = catalog_load(catalog_dir=catalog_dir, orgs_dir=orgs_dir)

    assert [d.action for d in report.differences] == ["update", "update"]
    assert Series.objects.get(name="高等学校教师").number == 2
    assert Series.objects.get(name="中等专业学校教师").number == 1
    assert set(Title.objects.values_list("pk", flat=True)) == title_pks


def test_an_organiser_change_is_reported_by_name(data_copy):
    catalog_dir, orgs_dir = data_copy
    _edit_yaml(
        orgs_dir / "committees.yaml", lambda data: data[3].update(organiser="昆明市科学技术局")
    )  # an alias
    report = catalog_load(catalog_dir=catalog_dir, orgs_dir=orgs_dir)
    assert [str(d) for d in report.differences] == [
        "更新 评审委员会「昆明市机电工程高级工程师评审委员会」："
        "评委会组建单位 “昆明市工业和信息化局” → “昆明市科技局”"
    ]
    assert Committee.objects.get(ref="senior:4").organiser.name == "昆明市科技局"
