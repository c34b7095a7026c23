"""基本信息 for seed question 10 (工勤技能 or management staff moved to a professional post) and
rule 12 (question 12, the major): the service's checks with their Chinese messages, the page, the
API and the snapshot."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from core.errors import ServiceError
from dossier.models import Dossier
from dossier.services import dossier_basic_update
from dossier.snapshot import dossier_snapshot
from tests import factories
from tests.factories import bearer
from tests.html import unlabelled_controls

pytestmark = pytest.mark.django_db

BASE = "/api/v1/dossier"
GOOD = {
    "work_start_date": "2008-07-01",
    "professional_start_date": "2008-07-01",
    "employment_form": "on_staff",
    "current_post": "工程师岗位",
    "original_retirement_age": "60",
}
MOVED = {
    "moved_from_post": "worker",
    "post_changed_on": "2015-03-01",
    "appointed_with_pay_on": "2018-07-01",
}


def tomorrow() -> str:
    return (timezone.localdate() + dt.timedelta(days=1)).isoformat()


@pytest.fixture
def user():
    user = factories.make_applicant(id_number=factories.id_number(birth="19850312"))
    dossier_basic_update(user=user, **GOOD)
    return user


def test_a_move_is_saved_by_value_or_label_and_cleared_together(user):
    dossier = dossier_basic_update(user=user, **MOVED)
    assert (dossier.moved_from_post, dossier.post_changed_on, dossier.appointed_with_pay_on) == (
        "worker",
        dt.date(2015, 3, 1),
        dt.date(2018, 7, 1),
    )
    dossier = dossier_basic_update(user=user, moved_from_post="管理岗位")
    assert dossier.moved_from_post == "management"
    dossier = dossier_basic_update(
        user=user, moved_from_post="", post_changed_on="", appointed_with_pay_on=""
    )
    assert (dossier.moved_from_post, dossier.post_changed_on, dossier.appointed_with_pay_on) == (
        "",
        None,
        None,
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        pytest.param(
            {"moved_from_post": "工人"},
            "moved_from_post",
            "转岗前岗位只能是工勤技能岗位或管理岗位；未转岗的不选。",
            id="unknown-post",
        ),
        pytest.param(
            {"moved_from_post": "worker"},
            "post_changed_on",
            "由工勤技能岗位或管理岗位转到专业技术岗位的，请填写单位行文确定的岗位变更时间。",
            id="moved-without-the-date",
        ),
        pytest.param(
            {"post_changed_on": "2015-03-01"},
            "moved_from_post",
            "填写了岗位变更时间或受聘并享有相应职务工资时间的，请选择转岗前岗位；未转岗的请清空这两个时间。",
            id="date-without-the-move",
        ),
        pytest.param(
            {**MOVED, "appointed_with_pay_on": ""},
            None,
            None,
            id="appointment-may-wait",
        ),
        pytest.param(
            {**MOVED, "post_changed_on": "2008-06-30", "appointed_with_pay_on": ""},
            "post_changed_on",
            "单位行文确定的岗位变更时间不能早于参加工作时间。",
            id="post-change-a-day-before-work-start",
        ),
        pytest.param(
            {**MOVED, "post_changed_on": "2008-07-01", "appointed_with_pay_on": ""},
            None,
            None,
            id="post-change-on-the-work-start",
        ),
        pytest.param(
            {**MOVED, "appointed_with_pay_on": "2015-02-28"},
            "appointed_with_pay_on",
            "取得职称资格受聘并享有相应职务工资时间不能早于单位行文确定的岗位变更时间。",
            id="appointment-a-day-before-the-post-change",
        ),
        pytest.param(
            {**MOVED, "appointed_with_pay_on": "2015-03-01"},
            None,
            None,
            id="appointment-on-the-post-change",
        ),
        pytest.param(
            {**MOVED, "post_changed_on": "tomorrow", "appointed_with_pay_on": ""},
            "post_changed_on",
            "单位行文确定的岗位变更时间不能晚于今天。",
            id="post-change-in-the-future",
        ),
        pytest.param(
            {**MOVED, "appointed_with_pay_on": "tomorrow"},
            "appointed_with_pay_on",
            "取得职称资格受聘并享有相应职务工资时间不能晚于今天。",
            id="appointment-in-the-future",
        ),
        pytest.param(
            {**MOVED, "post_changed_on": "2015/03/01"},
            "post_changed_on",
            "单位行文确定的岗位变更时间格式应为 YYYY-MM-DD，如 2010-07-01。",
            id="bad-date",
        ),
    ],
)
def test_post_change_checks(user, changes, field, message):
    changes = {k: (tomorrow() if v == "tomorrow" else v) for k, v in changes.items()}
    if field is None:
        dossier_basic_update(user=user, **changes)
        return
    with pytest.raises(ServiceError) as caught:
        dossier_basic_update(user=user, **changes)
    assert caught.value.errors[field] == [message]
    assert Dossier.objects.get(user=user).moved_from_post == ""


def test_a_work_start_moved_after_the_post_change_is_refused(user):
    dossier_basic_update(user=user, **MOVED)
    with pytest.raises(ServiceError) as caught:
        dossier_basic_update(user=user, work_start_date="2016-01-01", professional_start_date="2016-01-01")
    assert caught.value.errors["post_changed_on"] == ["单位行文确定的岗位变更时间不能早于参加工作时间。"]


def test_a_mismatch_with_what_made_it_good_is_saved(user):
    dossier = dossier_basic_update(
        user=user,
        major_matches="false",
        mismatch_training_months="6",
        mismatch_course_certificates=2,
        mismatch_study_months="",
        mismatch_city_training="否",
    )
    assert dossier.major_matches is False
    assert (dossier.mismatch_training_months, dossier.mismatch_course_certificates) == (6, 2)
    assert (dossier.mismatch_study_months, dossier.mismatch_city_training) == (None, False)
    dossier = dossier_basic_update(user=user, major_matches="不相符", mismatch_city_training="是")
    assert dossier.mismatch_city_training is True


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        pytest.param(
            {"major_matches": "maybe"},
            "major_matches",
            "所学专业与从事、申报专业是否相符应选择“相符”或“不相符”。",
            id="neither-answer",
        ),
        pytest.param(
            {"major_matches": "false", "mismatch_training_months": "-1"},
            "mismatch_training_months",
            "参加所从事专业的专业培训累计（月）不能为负数。",
            id="negative-months",
        ),
        pytest.param(
            {"major_matches": "false", "mismatch_training_months": "5.5"},
            "mismatch_training_months",
            "参加所从事专业的专业培训累计（月）应为整数，如 6。",
            id="not-a-whole-number",
        ),
        pytest.param(
            {"major_matches": "false", "mismatch_study_months": "481"},
            "mismatch_study_months",
            "参加大专院校本专业学习累计（月）最多为 480，请核对。",
            id="months-beyond-the-bound",
        ),
        pytest.param(
            {"major_matches": "false", "mismatch_course_certificates": "51"},
            "mismatch_course_certificates",
            "大专院校本专业主要科目进修结业证书（门）最多为 50，请核对。",
            id="certificates-beyond-the-bound",
        ),
        pytest.param(
            {"major_matches": "false", "mismatch_course_certificates": True},
            "mismatch_course_certificates",
            "大专院校本专业主要科目进修结业证书（门）应为整数，如 6。",
            id="a-bool-is-not-a-number",
        ),
        pytest.param(
            {"major_matches": "false", "mismatch_city_training": "maybe"},
            "mismatch_city_training",
            "参加市级行业主管部门统一组织的业务培训应选择“是”或“否”。",
            id="city-training-neither",
        ),
        pytest.param(
            {"major_matches": "true", "mismatch_training_months": "6"},
            "mismatch_training_months",
            "所学专业与从事、申报专业相符的，不填写“参加所从事专业的专业培训累计（月）”。",
            id="details-only-when-mismatched",
        ),
        pytest.param(
            {"mismatch_city_training": "true"},
            "mismatch_city_training",
            "所学专业与从事、申报专业相符的，不填写“参加市级行业主管部门统一组织的业务培训”。",
            id="details-with-the-default-match",
        ),
    ],
)
def test_major_checks(user, changes, field, message):
    with pytest.raises(ServiceError) as caught:
        dossier_basic_update(user=user, **changes)
    assert caught.value.errors[field] == [message]
    assert Dossier.objects.get(user=user).major_matches is True


def test_back_to_a_match_needs_the_details_cleared(user):
    dossier_basic_update(user=user, major_matches="false", mismatch_study_months="12")
    with pytest.raises(ServiceError) as caught:
        dossier_basic_update(user=user, major_matches="true")
    assert list(caught.value.errors) == ["mismatch_study_months"]
    dossier = dossier_basic_update(user=user, major_matches="true", mismatch_study_months="")
    assert (dossier.major_matches, dossier.mismatch_study_months) == (True, None)


# --- The page ----------------------------------------------------------------------------------


PAGE = {
    "action": "save",
    **GOOD,
    "is_civil_servant": "false",
    "delayed_retirement_until": "",
    "skill_grade": "",
    "skill_grade_obtained_on": "",
    "moved_from_post": "",
    "post_changed_on": "",
    "appointed_with_pay_on": "",
    "major_matches": "true",
    "mismatch_training_months": "",
    "mismatch_course_certificates": "",
    "mismatch_study_months": "",
    "mismatch_city_training": "false",
}


def test_the_page_shows_the_fields_the_seeds_help_and_the_uploads(client, user):
    client.force_login(user)
    response = client.get(reverse("dossier:basic"))
    html = response.content.decode()
    assert unlabelled_controls(html) == []
    for name in (
        "moved_from_post",
        "post_changed_on",
        "appointed_with_pay_on",
        "major_matches",
        "mismatch_training_months",
        "mismatch_course_certificates",
        "mismatch_study_months",
        "mismatch_city_training",
    ):
        assert f'id="id_{name}"' in html, name
    assert "以单位正式行文形式确定其工作岗位变更时间" in html
    assert "《事业单位工作人员岗位（职务）变动工资审批表》" in html
    assert "取得大专院校本专业主要科目三门以上进修结业证书（含专业证书班）" in html
    for kind in ("post_change_document", "pay_approval_form", "mismatch_evidence"):
        assert f'id="attachments-{kind}"' in html, kind


def test_the_page_saves_the_facts_and_shows_an_error_by_its_input(client, user):
    client.force_login(user)
    data = {**PAGE, **MOVED, "appointed_with_pay_on": "2015-01-01"}
    response = client.post(reverse("dossier:basic"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "取得职称资格受聘并享有相应职务工资时间不能早于单位行文确定的岗位变更时间。" in html
    assert 'value="2015-01-01"' in html  # the input is kept
    data = {
        **PAGE,
        **MOVED,
        "major_matches": "false",
        "mismatch_study_months": "12",
    }
    response = client.post(reverse("dossier:basic"), data)
    assert response.status_code == 302
    dossier = Dossier.objects.get(user=user)
    assert dossier.appointed_with_pay_on == dt.date(2018, 7, 1)
    assert (dossier.major_matches, dossier.mismatch_study_months) == (False, 12)
    html = client.get(reverse("dossier:basic")).content.decode()
    assert 'value="worker" selected' in html and 'value="2015-03-01"' in html
    assert 'value="false" selected' in html and 'value="12"' in html


# --- The API -----------------------------------------------------------------------------------


def patch(client, user, body):
    return client.patch(
        f"{BASE}/basic", data=json.dumps(body), content_type="application/json", **bearer(user)
    )


def test_the_api_sets_and_shows_the_facts(client, user):
    response = patch(client, user, {**MOVED, "major_matches": False, "mismatch_course_certificates": 3})
    assert response.status_code == 200, response.content
    shown = response.json()
    assert shown["moved_from_post"] == "worker" and shown["moved_from_post_label"] == "工勤技能岗位"
    assert shown["post_changed_on"] == "2015-03-01" and shown["appointed_with_pay_on"] == "2018-07-01"
    assert shown["major_matches"] is False and shown["mismatch_course_certificates"] == 3
    assert shown["mismatch_made_good"] is True
    basic = client.get(f"{BASE}/", **bearer(user)).json()["basic"]
    assert basic["mismatch_course_certificates"] == 3 and basic["mismatch_made_good"] is True
    response = patch(client, user, {"mismatch_course_certificates": 2})
    assert response.json()["mismatch_made_good"] is False


def test_the_api_refuses_with_the_services_messages(client, user):
    response = patch(client, user, {"moved_from_post": "worker", "mismatch_training_months": -3})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["post_changed_on"] == [
        "由工勤技能岗位或管理岗位转到专业技术岗位的，请填写单位行文确定的岗位变更时间。"
    ]
    assert errors["mismatch_training_months"] == ["参加所从事专业的专业培训累计（月）不能为负数。"]
    assert Dossier.objects.get(user=user).moved_from_post == ""
    response = patch(client, user, {"major_match": False})  # misspelt: refused, never ignored
    assert response.status_code == 422


# --- The snapshot ------------------------------------------------------------------------------


def test_the_snapshot_carries_the_facts_for_reviewers(user):
    dossier_basic_update(user=user, **MOVED)
    dossier = Dossier.objects.get(user=user)
    dossier.user = user
    rows = {row["key"]: row for row in dossier_snapshot(dossier=dossier)["basic"]}
    assert rows["moved_from_post"]["text"] == "工勤技能岗位"
    assert rows["post_changed_on"]["label"] == "单位行文确定的岗位变更时间"
    assert rows["post_changed_on"]["text"] == "2015年3月1日"  # the value stays "2015-03-01"
    assert rows["post_changed_on"]["value"] == "2015-03-01"
    assert rows["appointed_with_pay_on"]["text"] == "2018年7月1日"
    assert rows["major_matches"]["text"] == "相符"
    assert "mismatch_training_months" not in rows
    dossier = dossier_basic_update(
        user=user, major_matches="false", mismatch_training_months="5", mismatch_city_training="false"
    )
    rows = {row["key"]: row for row in dossier_snapshot(dossier=dossier)["basic"]}
    assert rows["major_matches"]["text"] == "不相符"
    assert rows["mismatch_training_months"]["text"] == "5"
    assert rows["mismatch_made_good"]["text"] == "否"
