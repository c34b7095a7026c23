"""dossier_snapshot: a JSON-safe, labelled copy that later edits do not change."""

from __future__ import annotations

import json

import pytest

from dossier.sections import SECTIONS
from dossier.selectors import dossier_get_or_create
from dossier.services import dossier_basic_update, dossier_entry_create, dossier_entry_update
from dossier.snapshot import dossier_snapshot
from tests import factories

from .factories import good

pytestmark = pytest.mark.django_db


def test_snapshot_content():
    unit = factories.make_unit(name="昆明市某参公中心", civil_servant_managed=True)
    user = factories.make_applicant(name="王芳", id_number=factories.id_number(birth="19900101", female=True))
    dossier_basic_update(
        user=user,
        unit_id=unit.pk,
        work_start_date="2012-07-01",
        professional_start_date="2012-07-01",
        employment_form="contract",
        current_post="编辑岗位",
        original_retirement_age="55",
        delayed_retirement_until="2046-03",
    )
    paper = dossier_entry_create(user=user, section="papers", data=good("papers"))
    work = dossier_entry_create(user=user, section="work", data=good("work"))
    user.refresh_from_db()
    snapshot = dossier_snapshot(dossier=dossier_get_or_create(user=user))
    assert json.loads(json.dumps(snapshot)) == snapshot  # JSON-safe
    values = snapshot["basic_values"]
    assert values["name"] == "王芳"
    assert values["id_number"] == user.id_number
    assert values["phone"] == user.phone
    assert values["sex"] == "female"
    assert values["birth_date"] == "1990-01-01"
    assert values["unit"] == unit.pk
    assert values["unit_civil_servant_managed"] is True
    assert values["delayed_retirement_until"] == "2046-03"
    rows = {row["key"]: row for row in snapshot["basic"]}
    assert rows["unit"]["text"] == "昆明市某参公中心"
    assert rows["unit_civil_servant_managed"] == {
        "key": "unit_civil_servant_managed",
        "label": "单位是否参照公务员法管理（参公）",
        "value": True,
        "text": "是",
    }
    assert rows["employment_form"]["text"] == "编外聘用"
    assert rows["original_retirement_age"]["text"] == "女干部 55 周岁"
    assert [s["key"] for s in snapshot["sections"]] == [s.key for s in SECTIONS]
    papers = next(s for s in snapshot["sections"] if s["key"] == "papers")
    assert papers["label"] == "撰写论文情况"
    assert {"key": "journal_number", "label": "ISSN/CN 刊号", "kind": "text"} in papers["fields"]
    [entry] = papers["entries"]
    assert entry["id"] == paper.pk
    assert {"key": "rank", "label": "本人排名", "value": 1, "text": "1"} in entry["fields"]
    work_entry = next(s for s in snapshot["sections"] if s["key"] == "work")["entries"][0]
    assert work_entry["id"] == work.pk
    fields = {f["key"]: f for f in work_entry["fields"]}
    assert fields["end"]["text"] == "至今"
    assert fields["professional"]["text"] == "是"
    assert fields["seconded"]["text"] == "否"


def test_snapshot_does_not_follow_later_edits():
    user = factories.make_applicant()
    entry = dossier_entry_create(user=user, section="awards", data=good("awards"))
    snapshot = dossier_snapshot(dossier=dossier_get_or_create(user=user))
    frozen = json.dumps(snapshot, ensure_ascii=False)
    dossier_entry_update(user=user, entry_id=entry.pk, data=good("awards", name="改过的奖项"))
    assert json.dumps(snapshot, ensure_ascii=False) == frozen
    assert "昆明市科学技术进步奖" in frozen and "改过的奖项" not in frozen
    later = dossier_snapshot(dossier=dossier_get_or_create(user=user))
    assert "改过的奖项" in json.dumps(later, ensure_ascii=False)


def test_undeclared_keys_are_kept_under_their_key():
    user = factories.make_applicant()
    entry = dossier_entry_create(user=user, section="awards", data=good("awards"))
    entry.data["old_field"] = "旧内容"
    entry.save()
    snapshot = dossier_snapshot(dossier=dossier_get_or_create(user=user))
    awards = next(s for s in snapshot["sections"] if s["key"] == "awards")
    assert {"key": "old_field", "label": "old_field", "value": "旧内容", "text": "旧内容"} in awards[
        "entries"
    ][0]["fields"]


def test_snapshot_carries_the_skill_grade():
    """Rule 16: the reviewer reads the grade and its date among 基本信息."""
    user = factories.make_applicant(id_number=factories.id_number(birth="19850312"))
    dossier_basic_update(user=user, skill_grade="technician", skill_grade_obtained_on="2020-05-01")
    snapshot = dossier_snapshot(dossier=dossier_get_or_create(user=user))
    rows = {row["key"]: row for row in snapshot["basic"]}
    assert rows["skill_grade"]["label"] == "职业资格（职业技能等级）"
    assert rows["skill_grade"]["text"] == "技师"
    assert rows["skill_grade_obtained_on"]["text"] == "2020年5月1日"
    assert rows["skill_grade_obtained_on"]["value"] == "2020-05-01"
