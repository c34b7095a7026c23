"""基本信息: derived 性别 / 出生日期, the editable fields and their rules, the unit change."""

from __future__ import annotations

import datetime as dt

import pytest

from core.errors import Forbidden, ServiceError
from core.models import AuditLog
from dossier.models import Dossier, EmploymentForm, Sex
from dossier.selectors import derived_from_id_number, dossier_get_or_create
from dossier.services import dossier_basic_update
from tests import factories

pytestmark = pytest.mark.django_db

GOOD_BASIC = {
    "work_start_date": "2008-07-01",
    "professional_start_date": "2008-07-01",
    "employment_form": "on_staff",
    "current_post": "工程师岗位",
    "is_civil_servant": "false",
    "original_retirement_age": "60",
    "delayed_retirement_until": "",
}


def test_sex_and_birth_date_come_from_the_id_number():
    man = factories.make_applicant(id_number=factories.id_number(birth="19850312"))
    woman = factories.make_applicant(id_number=factories.id_number(birth="19920229", female=True))
    d1 = dossier_get_or_create(user=man)
    d2 = dossier_get_or_create(user=woman)
    assert (d1.sex, d1.birth_date) == (Sex.MALE, dt.date(1985, 3, 12))
    assert (d2.sex, d2.birth_date) == (Sex.FEMALE, dt.date(1992, 2, 29))


def test_derived_values_by_the_17th_digit():
    number = factories.id_number(birth="19760901", seq=3)  # odd order code: male
    assert derived_from_id_number(number) == (Sex.MALE, dt.date(1976, 9, 1))
    number = factories.id_number(birth="19760901", seq=3, female=True)
    assert derived_from_id_number(number) == (Sex.FEMALE, dt.date(1976, 9, 1))
    assert derived_from_id_number(None) == ("", None)
    assert derived_from_id_number("123") == ("", None)


def test_derived_values_follow_a_corrected_id_number():
    user = factories.make_applicant(id_number=factories.id_number(birth="19850312"))
    dossier_get_or_create(user=user)
    user.id_number = factories.id_number(birth="19700101", female=True)
    user.save()
    dossier = dossier_get_or_create(user=user)
    dossier.refresh_from_db()
    assert (dossier.sex, dossier.birth_date) == (Sex.FEMALE, dt.date(1970, 1, 1))
    assert Dossier.objects.count() == 1


def test_basic_update_saves_every_field_with_an_audit_row():
    user = factories.make_applicant()
    dossier = dossier_basic_update(
        user=user, ip="10.0.0.1", **{**GOOD_BASIC, "delayed_retirement_until": "2046-06"}
    )
    dossier.refresh_from_db()
    assert dossier.work_start_date == dt.date(2008, 7, 1)
    assert dossier.employment_form == EmploymentForm.ON_STAFF
    assert dossier.current_post == "工程师岗位"
    assert dossier.is_civil_servant is False
    assert dossier.original_retirement_age == 60
    assert dossier.delayed_retirement_until == dt.date(2046, 6, 1)
    row = AuditLog.objects.get(action="dossier_basic_update")
    assert row.ip == "10.0.0.1"
    assert "work_start_date" in row.detail["fields"]


def test_labels_are_accepted_for_choices():
    user = factories.make_applicant()
    dossier = dossier_basic_update(
        user=user, **{**GOOD_BASIC, "employment_form": "派遣", "is_civil_servant": "是"}
    )
    assert dossier.employment_form == EmploymentForm.DISPATCHED
    assert dossier.is_civil_servant is True


def test_only_given_keys_change():
    user = factories.make_applicant()
    dossier_basic_update(user=user, **GOOD_BASIC)
    dossier = dossier_basic_update(user=user, current_post="高级工程师岗位")
    assert dossier.current_post == "高级工程师岗位"
    assert dossier.work_start_date == dt.date(2008, 7, 1)
    dossier = dossier_basic_update(user=user, delayed_retirement_until="")
    assert dossier.delayed_retirement_until is None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"work_start_date": ""}, "work_start_date", "请填写参加工作时间。"),
        (
            {"work_start_date": "2008/07/01"},
            "work_start_date",
            "参加工作时间格式应为 YYYY-MM-DD，如 2010-07-01。",
        ),
        ({"work_start_date": "2008-02-30"}, "work_start_date", "参加工作时间不是有效的日期。"),
        ({"work_start_date": "2099-01-01"}, "work_start_date", "参加工作时间不能晚于今天。"),
        (
            {"work_start_date": "2001-03-11", "professional_start_date": "2008-07-01"},
            "work_start_date",
            "参加工作时间不能早于年满 16 周岁的日期（2001年3月12日）。",
        ),
        (
            {"professional_start_date": "2008-06-30"},
            "professional_start_date",
            "从事专业技术工作时间不能早于参加工作时间。",
        ),
        (
            {"professional_start_date": "2099-01-01"},
            "professional_start_date",
            "从事专业技术工作时间不能晚于今天。",
        ),
        (
            {"work_start_date": "2000-01-01", "professional_start_date": "2000-01-01"},
            "professional_start_date",
            "从事专业技术工作时间不能早于年满 16 周岁的日期（2001年3月12日）。",
        ),
        (
            {"employment_form": "临时工"},
            "employment_form",
            "用工形式不是有效的选项，可选：在编、编外聘用、派遣、自由职业。",
        ),
        ({"employment_form": ""}, "employment_form", "请选择用工形式。"),
        ({"current_post": ""}, "current_post", "请填写现任专业技术岗位。"),
        ({"current_post": "岗" * 101}, "current_post", "现任专业技术岗位最多 100 个字，当前 101 个字。"),
        ({"is_civil_servant": "也许"}, "is_civil_servant", "本人为公务员或参公人员应选择“是”或“否”。"),
        (
            {"original_retirement_age": "65"},
            "original_retirement_age",
            "原法定退休年龄应为 60、55 或 50 周岁。",
        ),
        ({"original_retirement_age": "55"}, "original_retirement_age", "男性的原法定退休年龄为 60 周岁。"),
        ({"original_retirement_age": ""}, "original_retirement_age", "请选择原法定退休年龄。"),
        (
            {"delayed_retirement_until": "2046"},
            "delayed_retirement_until",
            "批准延迟退休至（月）格式应为 YYYY-MM，如 2026-12。",
        ),
        (
            {"delayed_retirement_until": "2045-02"},
            "delayed_retirement_until",
            "批准延迟退休的月份应晚于年满原法定退休年龄的月份（2045年3月）。",
        ),
        ({"unit_id": "999999"}, "unit_id", "所选工作单位不存在或已停用，请重新选择。"),
        ({"name": "别人"}, "name", "姓名不能在此修改；填写有误的，请联系系统技术支持修改。"),
        (
            {"id_number": "530102198503120011"},
            "id_number",
            "身份证号不能在此修改；填写有误的，请联系系统技术支持修改。",
        ),
        ({"sex": "female"}, "sex", "性别由身份证号自动生成，不能修改。"),
        ({"birth_date": "1990-01-01"}, "birth_date", "出生日期由身份证号自动生成，不能修改。"),
        ({"phone": "13900000000"}, "phone", "手机号码不能在此修改；更换手机号码请联系系统技术支持。"),
        ({"colour": "red"}, "colour", "基本信息没有此项（colour）。"),
    ],
)
def test_basic_update_errors_and_nothing_saved(changes, field, message):
    user = factories.make_applicant(id_number=factories.id_number(birth="19850312"))
    with pytest.raises(ServiceError) as caught:
        dossier_basic_update(user=user, **{**GOOD_BASIC, **changes})
    assert message in caught.value.errors.get(field, []), caught.value.errors
    assert caught.value.detail == "基本信息未保存，请按提示修改。"
    dossier = Dossier.objects.get(user=user)
    assert dossier.work_start_date is None and dossier.current_post == ""
    user.refresh_from_db()
    assert user.organisation_id is None
    assert not AuditLog.objects.filter(action="dossier_basic_update").exists()


def test_women_choose_55_or_50():
    woman = factories.make_applicant(id_number=factories.id_number(birth="19850312", female=True))
    with pytest.raises(ServiceError) as caught:
        dossier_basic_update(user=woman, **GOOD_BASIC)
    assert caught.value.errors["original_retirement_age"] == [
        "女性的原法定退休年龄为 55 周岁（女干部）或 50 周岁（女职工）。"
    ]
    for age in (55, 50):
        assert (
            dossier_basic_update(
                user=woman, **{**GOOD_BASIC, "original_retirement_age": age}
            ).original_retirement_age
            == age
        )


def test_work_start_may_not_pass_the_stored_professional_start():
    user = factories.make_applicant()
    dossier_basic_update(user=user, **GOOD_BASIC)
    with pytest.raises(ServiceError) as caught:
        dossier_basic_update(user=user, work_start_date="2009-01-01")
    assert caught.value.errors["work_start_date"] == ["参加工作时间不能晚于已填写的从事专业技术工作时间。"]


def test_all_basic_errors_at_once():
    user = factories.make_applicant()
    with pytest.raises(ServiceError) as caught:
        dossier_basic_update(
            user=user, work_start_date="x", employment_form="x", original_retirement_age="x", unit_id="0"
        )
    assert set(caught.value.errors) == {
        "work_start_date",
        "employment_form",
        "original_retirement_age",
        "unit_id",
    }


def test_unit_change_goes_through_applicant_set_unit():
    unit = factories.make_unit(civil_servant_managed=True)
    user = factories.make_applicant()
    dossier_basic_update(user=user, ip="10.0.0.2", **{**GOOD_BASIC, "unit_id": str(unit.pk)})
    user.refresh_from_db()
    assert user.organisation == unit
    assert AuditLog.objects.filter(action="applicant_set_unit", target_id=str(user.pk)).count() == 1
    # The same unit again changes nothing; an empty choice keeps the unit.
    dossier_basic_update(user=user, **{**GOOD_BASIC, "unit_id": str(unit.pk)})
    dossier_basic_update(user=user, **{**GOOD_BASIC, "unit_id": ""})
    user.refresh_from_db()
    assert user.organisation == unit
    assert AuditLog.objects.filter(action="applicant_set_unit").count() == 1


def test_unit_error_saves_nothing_else():
    user = factories.make_applicant()
    inactive = factories.make_unit(is_active=False)
    with pytest.raises(ServiceError):
        dossier_basic_update(user=user, **{**GOOD_BASIC, "unit_id": inactive.pk})
    assert Dossier.objects.get(user=user).current_post == ""


def test_only_applicants_have_a_dossier_to_edit():
    staff = factories.make_unit_admin()
    with pytest.raises(Forbidden) as caught:
        dossier_basic_update(user=staff, **GOOD_BASIC)
    assert caught.value.detail == "只有申报人可以填写申报信息。"


def test_echoing_the_shown_read_only_values_is_fine():
    user = factories.make_applicant(id_number=factories.id_number(birth="19850312"))
    dossier = dossier_basic_update(
        user=user,
        name=user.name,
        id_number=user.id_number,
        phone=user.phone,
        sex="male",
        birth_date="1985-03-12",
        current_post="岗位",
    )
    assert dossier.current_post == "岗位"


# --- rule 16: 职业资格（职业技能等级） ---------------------------------------------------------------


def test_skill_grade_saved_by_value_or_label_and_cleared_together():
    user = factories.make_applicant(id_number=factories.id_number(birth="19850312"))
    dossier = dossier_basic_update(
        user=user, **GOOD_BASIC, skill_grade="技师", skill_grade_obtained_on="2020-05-01"
    )
    assert (dossier.skill_grade, dossier.skill_grade_obtained_on) == ("technician", dt.date(2020, 5, 1))
    dossier = dossier_basic_update(user=user, skill_grade="senior_technician")
    assert dossier.skill_grade == "senior_technician"
    dossier = dossier_basic_update(user=user, skill_grade="", skill_grade_obtained_on="")
    assert (dossier.skill_grade, dossier.skill_grade_obtained_on) == ("", None)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"skill_grade": "技术员"}, "skill_grade", "职业资格（职业技能等级）只能是高级工、技师或高级技师。"),
        (
            {"skill_grade": "technician"},
            "skill_grade_obtained_on",
            "选择了职业资格（职业技能等级）的，请填写取得等级时间。",
        ),
        (
            {"skill_grade_obtained_on": "2020-05-01"},
            "skill_grade",
            "填写了取得等级时间的，请选择职业资格（职业技能等级）。",
        ),
        (
            {"skill_grade": "technician", "skill_grade_obtained_on": "2099-01-01"},
            "skill_grade_obtained_on",
            "取得等级时间不能晚于今天。",
        ),
        (
            {"skill_grade": "technician", "skill_grade_obtained_on": "2020/05/01"},
            "skill_grade_obtained_on",
            "取得等级时间格式应为 YYYY-MM-DD，如 2010-07-01。",
        ),
    ],
)
def test_skill_grade_errors(changes, field, message):
    user = factories.make_applicant(id_number=factories.id_number(birth="19850312"))
    with pytest.raises(ServiceError) as caught:
        dossier_basic_update(user=user, **{**GOOD_BASIC, **changes})
    assert message in caught.value.errors.get(field, []), caught.value.errors
    assert Dossier.objects.get(user=user).skill_grade == ""


def test_clearing_the_grade_alone_keeps_its_date_and_is_refused():
    user = factories.make_applicant(id_number=factories.id_number(birth="19850312"))
    dossier_basic_update(
        user=user, **GOOD_BASIC, skill_grade="technician", skill_grade_obtained_on="2020-05-01"
    )
    with pytest.raises(ServiceError) as caught:
        dossier_basic_update(user=user, skill_grade="")
    assert "skill_grade" in caught.value.errors
