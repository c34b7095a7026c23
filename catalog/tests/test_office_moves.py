"""load_catalog brings a database loaded with the old reference data in line (issue 11 point 15):
西山区's second row folded into the one office, the metro company no longer an office, and the
organisers renamed as the directory writes them — keeping every row that points to them."""

from __future__ import annotations

import pytest

from accounts.models import Role
from catalog.loader import catalog_load
from orgs.models import Committee, OfficeBranch, Organisation, OrgKind, Ownership
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalog_data")]

XISHAN = "西山区人力资源和社会保障局"


def _old_shape() -> dict:
    """The rows the loader wrote before: 西山区 as two offices (rows 2 and 3), row 22 an office, the
    party school under the plan table's name; with a unit, a reviewer and a unit pointing at each."""
    office2 = Organisation.objects.get(ref="office:2")
    OfficeBranch.objects.filter(office=office2).delete()
    office2.branch = "事业单位人事管理科"
    office2.save()
    office3 = Organisation.objects.create(
        kind=OrgKind.DISTRICT_BUREAU, ref="office:3", name=XISHAN, branch="区人才服务中心", area="西山区"
    )
    office22 = Organisation.objects.create(
        kind=OrgKind.DISTRICT_BUREAU, ref="office:22", name="昆明地铁运营有限公司", area="轨道交通"
    )
    school = Organisation.objects.get(ref="dept:中共昆明市委党校")
    school.name, school.aliases = "中国共产党昆明市委员会党校", []
    school.ref = "dept:中国共产党昆明市委员会党校"
    school.save()
    return {
        "office2": office2,
        "office3": office3,
        "office22": office22,
        "school": school,
        "unit3": factories.make_unit(ownership=Ownership.NON_PUBLIC, district=office3),
        "unit22": factories.make_unit(ownership=Ownership.NON_PUBLIC, district=office22),
        "school_unit": factories.make_unit(
            ownership=Ownership.CITY_STATE, district=office2, department=school
        ),
        "reviewer3": factories.make_user(role=Role.DISTRICT_REVIEWER, organisation=office3),
    }


def test_check_lists_the_moves_and_writes_nothing():
    old = _old_shape()
    report = catalog_load(check=True)
    texts = [str(d) for d in report.differences]
    merge = f"合并 组织机构「{XISHAN}（区人才服务中心）」到「{XISHAN}（事业单位人事管理科）」"
    assert f"{merge}：2 条记录将改为指向后者" in texts
    release = f"单位「{old['unit22'].name}」的属地县（市）区人社部门「昆明地铁运营有限公司」"
    assert any(t.startswith(release) for t in texts)
    assert Organisation.objects.filter(pk=old["office3"].pk).exists()
    old["unit22"].refresh_from_db()
    assert old["unit22"].district_id == old["office22"].pk


def test_load_moves_everything_to_the_one_xishan_office_and_frees_the_metro_rows():
    old = _old_shape()
    report = catalog_load()
    texts = [str(d) for d in report.differences]

    # 西山区: one office, its second row's unit and reviewer moved to it, the old record gone.
    xishan = Organisation.objects.get(ref="office:2")
    assert (xishan.pk, xishan.branch) == (old["office2"].pk, "")
    assert list(xishan.branches.values_list("name", flat=True)) == ["事业单位人事管理科", "区人才服务中心"]
    assert not Organisation.objects.filter(pk=old["office3"].pk).exists()
    for key in ("unit3", "reviewer3"):
        old[key].refresh_from_db()
    assert old["unit3"].district_id == xishan.pk
    assert old["reviewer3"].organisation_id == xishan.pk
    assert Organisation.objects.filter(kind=OrgKind.DISTRICT_BUREAU, name=XISHAN).count() == 1

    # Row 22: not an office; the unit that had chosen it is asked again, the record deactivated.
    old["unit22"].refresh_from_db()
    assert old["unit22"].district_id is None
    assert any("请单位在“单位信息”中重新选择" in t for t in texts)
    assert not Organisation.objects.get(pk=old["office22"].pk).is_active

    # The party school: the same row, renamed as the directory writes it; its unit keeps it.
    school = Organisation.objects.get(pk=old["school"].pk)
    assert (school.name, school.ref, school.aliases) == (
        "中共昆明市委党校",
        "dept:中共昆明市委党校",
        ["中国共产党昆明市委员会党校"],
    )
    old["school_unit"].refresh_from_db()
    assert old["school_unit"].department_id == school.pk
    assert Committee.objects.get(tier="intermediate", number=1).organiser_id == school.pk

    # And a second run has nothing left to do.
    assert not catalog_load().changed
