"""The catalogue allows 初级 committees (seed part 四: the district offices' 中小学教师初级职称评审;
question 21: 助理级 reviews): tier `junior`, reviewing 助理级 and 员级, organised by a department
or a district office; a tier reviewing another tier's levels is refused."""

from __future__ import annotations

import shutil

import pytest
import yaml

from catalog.loader import CatalogDataError, catalog_load
from catalog.models import Level
from orgs.models import Committee, CommitteeTier, OrgKind

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalog_data")]

JUNIOR = {
    "tier": "junior",
    "number": 1,
    "name": "五华区中小学教师初级职称评审委员会",
    "scope": "在本区各普通中小学从事教育教学工作的在职专任教师",
    "organiser": "五华区人力资源和社会保障局",
    "phone": "0871-65189551",
    "coverage": [{"series": "中小学教师", "levels": ["assistant", "junior"]}],
}


@pytest.fixture
def dirs(tmp_path):
    from catalog.loader import CATALOG_DATA_DIR, ORGS_DATA_DIR

    catalog_dir, orgs_dir = tmp_path / "catalog", tmp_path / "orgs"
    shutil.copytree(CATALOG_DATA_DIR, catalog_dir)
    shutil.copytree(ORGS_DATA_DIR, orgs_dir)
    return catalog_dir, orgs_dir


def _add(orgs_dir, *committees):
    path = orgs_dir / "committees.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data += list(committees)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_junior_committee_organised_by_a_district_office_loads(dirs):
    catalog_dir, orgs_dir = dirs
    _add(orgs_dir, JUNIOR)
    catalog_load(catalog_dir=catalog_dir, orgs_dir=orgs_dir)
    committee = Committee.objects.select_related("organiser").get(ref="junior:1")
    assert (committee.tier, committee.get_tier_display()) == (CommitteeTier.JUNIOR, "初级")
    assert (committee.organiser.kind, committee.organiser.ref) == (OrgKind.DISTRICT_BUREAU, "office:1")
    assert set(committee.coverages.values_list("level", flat=True)) == {Level.ASSISTANT, Level.JUNIOR}
    assert not catalog_load(catalog_dir=catalog_dir, orgs_dir=orgs_dir).changed


def test_a_tier_reviews_only_its_own_levels(dirs):
    catalog_dir, orgs_dir = dirs
    wrong = {
        **JUNIOR,
        "number": 2,
        "name": "测试初级评委会",
        "coverage": [{"series": "中小学教师", "levels": ["intermediate"]}],
    }
    _add(orgs_dir, wrong)
    with pytest.raises(CatalogDataError) as caught:
        catalog_load(catalog_dir=catalog_dir, orgs_dir=orgs_dir)
    assert "测试初级评委会：初级评委会不评审中级（中小学教师）。" in caught.value.errors["committees.yaml"]
    assert not Committee.objects.filter(tier=CommitteeTier.JUNIOR).exists()
