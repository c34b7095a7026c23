"""评审专家库 services: add (new account, re-used expert), edit, suspend / restore / disqualify,
every refusal with its message; pool size at the boundary of rule 27."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from accounts.models import Role, User
from accounts.services import auth_login
from applications.tests.factories import make_series
from core.audit import AuditLog
from core.errors import Conflict, Forbidden, NotFound, ServiceError
from evaluation import pool
from evaluation.models import Expert, MembershipStatus, Pool, PoolFormation, PoolMembership
from messaging.models import SmsOutbox
from orgs.models import CommitteeTier
from tests import factories

from .factories import make_expert, make_office_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    series = make_series(name="工程技术测试系列")
    committee = factories.make_committee()
    office = make_office_user(committee)
    return committee, series, office


def values(catalogue_series, **changes):
    base = {
        "name": "李明",
        "unit_name": "昆明理工大学",
        "title": "教授级高级工程师",
        "level": "正高级",
        "series": [catalogue_series.pk],
        "specialties": "软件工程、计算机应用",
        "phone": "13800001111",
        "term_start": "2026-01-01",
        "term_end": "2028-12-31",
    }
    return {**base, **changes}


def test_adding_a_new_person_creates_an_expert_account_with_a_temporary_password(
    world, django_capture_on_commit_callbacks
):
    committee, series, office = world
    with django_capture_on_commit_callbacks(execute=True):
        row = pool.expert_add(actor=office, **values(series))
    expert = row.expert
    assert row.pool.committee == committee and row.status == MembershipStatus.ACTIVE
    assert (row.term_start, row.term_end) == (date(2026, 1, 1), date(2028, 12, 31))
    assert expert.level == "senior_full" and list(expert.series.all()) == [series]
    assert expert.specialties == "软件工程、计算机应用"
    user = expert.user
    assert user.role == Role.EXPERT and user.username == "zj13800001111" and user.must_change_password
    sms = SmsOutbox.objects.get(phone="13800001111", purpose="temp_password")
    temporary = sms.text.split("临时密码：")[1].split("，")[0]
    assert "zj13800001111" in sms.text and committee.name in sms.text
    # The expert signs in with the temporary password (any login tab) and must change it.
    assert auth_login(identifier="zj13800001111", password=temporary).pk == user.pk
    assert AuditLog.objects.filter(action="pool_expert_add", target_id=str(row.pk)).count() == 1


def test_an_expert_already_in_another_pool_is_reused_by_mobile(world, django_capture_on_commit_callbacks):
    _committee, series, office = world
    other_office = make_office_user(factories.make_committee())
    first = pool.expert_add(actor=other_office, **values(series))
    with django_capture_on_commit_callbacks(execute=True):
        second = pool.expert_add(actor=office, **values(series, name="李明", term_end="2027-12-31"))
    assert second.expert_id == first.expert_id
    assert Expert.objects.count() == 1 and User.objects.filter(role=Role.EXPERT).count() == 1
    sms = SmsOutbox.objects.filter(phone="13800001111").last()
    assert "临时密码" not in sms.text and "原账号" in sms.text


def test_the_same_expert_twice_in_one_pool_is_refused(world):
    _committee, series, office = world
    pool.expert_add(actor=office, **values(series))
    with pytest.raises(ServiceError) as caught:
        pool.expert_add(actor=office, **values(series, name="李明明"))
    assert "已在本评委会评审专家库中" in caught.value.errors["phone"][0]


def test_every_field_is_checked_at_once(world):
    _committee, series, office = world
    with pytest.raises(ServiceError) as caught:
        pool.expert_add(
            actor=office,
            **values(
                series,
                name="",
                unit_name="",
                title="",
                level="特级",
                series=[999999],
                specialties="",
                phone="12345",
                term_start="2026-13-01",
                term_end="",
            ),
        )
    errors = caught.value.errors
    assert errors["name"] == ["请填写姓名。"]
    assert errors["unit_name"] == ["请填写工作单位。"]
    assert errors["title"] == ["请填写职称。"]
    assert "正高级、副高级、中级、助理级或员级" in errors["level"][0]
    assert "不在系统的职称系列目录中" in errors["series"][0]
    assert "请填写评审专业" in errors["specialties"][0]
    assert "11 位" in errors["phone"][0]
    assert errors["term_start"] == ["聘期开始不是有效的日期。"]
    assert "请填写聘期结束日期" in errors["term_end"][0]
    assert not Expert.objects.exists()


def test_term_end_must_follow_start_and_a_series_is_required(world):
    _committee, series, office = world
    with pytest.raises(ServiceError) as caught:
        pool.expert_add(actor=office, **values(series, series=[], term_end="2026-01-01"))
    assert caught.value.errors["term_end"] == ["聘期结束应晚于聘期开始。"]
    assert caught.value.errors["series"] == ["请选择至少一个评审系列。"]


def test_a_staff_accounts_mobile_is_refused(world):
    _committee, series, office = world
    with pytest.raises(ServiceError) as caught:
        pool.expert_add(actor=office, **values(series, phone=office.phone))
    assert "系统工作人员账号" in caught.value.errors["phone"][0]


@pytest.mark.parametrize(
    "role", [Role.APPLICANT, Role.UNIT_ADMIN, Role.CITY_REVIEWER, Role.EXPERT, Role.SUPPORT]
)
def test_only_a_committee_office_adds(world, role):
    _committee, series, _office = world
    with pytest.raises(Forbidden) as caught:
        pool.expert_add(actor=factories.make_user(role=role), **values(series))
    assert caught.value.detail == pool.MSG_NOT_OFFICE


def test_an_office_without_committee_is_refused(world):
    _committee, series, _office = world
    with pytest.raises(Forbidden) as caught:
        pool.expert_add(actor=factories.make_user(role=Role.COMMITTEE_OFFICE), **values(series))
    assert caught.value.detail == pool.MSG_NO_COMMITTEE


def test_another_committees_office_cannot_touch_this_pool(world):
    _committee, series, office = world
    row = pool.expert_add(actor=office, **values(series))
    stranger = make_office_user(factories.make_committee())
    for call in (
        lambda: pool.expert_suspend(actor=stranger, membership_id=row.pk, reason="x"),
        lambda: pool.expert_restore(actor=stranger, membership_id=row.pk),
        lambda: pool.expert_disqualify(actor=stranger, membership_id=row.pk, reason="x"),
        lambda: pool.expert_update(actor=stranger, membership_id=row.pk, **values(series)),
    ):
        with pytest.raises(NotFound) as caught:
            call()
        assert caught.value.detail == "未找到该专家。"
    row.refresh_from_db()
    assert row.status == MembershipStatus.ACTIVE


def test_edit_changes_profile_account_and_term(world):
    _committee, series, office = world
    row = pool.expert_add(actor=office, **values(series))
    second = make_series(name="卫生测试系列")
    pool.expert_update(
        actor=office,
        membership_id=row.pk,
        **values(
            series, name="李明华", phone="13800002222", series=[series.pk, second.pk], term_end="2029-6-30"
        ),
    )
    row.refresh_from_db()
    expert = row.expert
    assert expert.name == "李明华" and expert.phone == "13800002222"
    assert set(expert.series.all()) == {series, second}
    assert row.term_end == date(2029, 6, 30)
    assert User.objects.get(pk=expert.user_id).phone == "13800002222"


def test_edit_refuses_another_experts_mobile(world):
    _committee, series, office = world
    row = pool.expert_add(actor=office, **values(series))
    pool.expert_add(actor=office, **values(series, name="王芳", phone="13800003333"))
    with pytest.raises(ServiceError) as caught:
        pool.expert_update(actor=office, membership_id=row.pk, **values(series, phone="13800003333"))
    assert "另一位专家（王芳）" in caught.value.errors["phone"][0]


def test_suspend_restore_disqualify_and_their_refusals(world):
    _committee, series, office = world
    row = pool.expert_add(actor=office, **values(series))
    with pytest.raises(ServiceError) as caught:
        pool.expert_suspend(actor=office, membership_id=row.pk, reason="  ")
    assert caught.value.errors["reason"] == ["请填写暂停原因。"]
    with pytest.raises(Conflict) as caught:
        pool.expert_restore(actor=office, membership_id=row.pk)
    assert caught.value.detail == "李明已在库，无需恢复。"

    pool.expert_suspend(actor=office, membership_id=row.pk, reason="出国访学一年")
    row.refresh_from_db()
    assert (row.status, row.reason) == (MembershipStatus.SUSPENDED, "出国访学一年")
    with pytest.raises(Conflict) as caught:
        pool.expert_suspend(actor=office, membership_id=row.pk, reason="again")
    assert caught.value.detail == "李明已处于暂停状态。"

    pool.expert_restore(actor=office, membership_id=row.pk)
    row.refresh_from_db()
    assert (row.status, row.reason) == (MembershipStatus.ACTIVE, "")

    with pytest.raises(ServiceError) as caught:
        pool.expert_disqualify(actor=office, membership_id=row.pk, reason="")
    assert caught.value.errors["reason"] == ["请填写取消资格原因。"]
    pool.expert_disqualify(actor=office, membership_id=row.pk, reason="违反评审纪律，私下接触申报人")
    row.refresh_from_db()
    assert row.status == MembershipStatus.DISQUALIFIED
    for call, message in (
        (
            lambda: pool.expert_suspend(actor=office, membership_id=row.pk, reason="x"),
            "李明已被取消资格，不能暂停。",
        ),
        (lambda: pool.expert_restore(actor=office, membership_id=row.pk), "李明已被取消资格，不能恢复；"),
        (
            lambda: pool.expert_disqualify(actor=office, membership_id=row.pk, reason="x"),
            "李明已被取消资格。",
        ),
    ):
        with pytest.raises(Conflict) as caught:
            call()
        assert caught.value.detail.startswith(message)
    actions = list(
        AuditLog.objects.filter(target_id=str(row.pk), action__startswith="pool_expert_")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "pool_expert_add",
        "pool_expert_suspend",
        "pool_expert_restore",
        "pool_expert_disqualify",
    ]


# --- pool size (rule 27) ----------------------------------------------------------------------


def fill(committee, count, **kwargs):
    for _ in range(count):
        make_expert(committee, **kwargs)


@pytest.mark.parametrize(
    ("tier", "formation", "minimum"),
    [
        (CommitteeTier.SENIOR, PoolFormation.SERIES, 25),
        (CommitteeTier.SENIOR, PoolFormation.SPECIALTY, 11),
        (CommitteeTier.INTERMEDIATE, PoolFormation.SERIES, 15),
        (CommitteeTier.INTERMEDIATE, PoolFormation.SPECIALTY, 7),
        (CommitteeTier.JUNIOR, PoolFormation.SERIES, 7),
        (CommitteeTier.JUNIOR, PoolFormation.SPECIALTY, 7),
    ],
)
def test_pool_size_flag_at_the_boundary(tier, formation, minimum):
    committee = factories.make_committee(tier=tier)
    office = make_office_user(committee)
    pool.pool_set_formation(actor=office, formation=formation)
    fill(committee, minimum - 1)
    problems = pool.pool_problems(committee=committee)
    assert len(problems) == 1
    assert f"专家 {minimum - 1} 名" in problems[0] and f"至少 {minimum} 名" in problems[0]
    assert "《职称评审管理暂行规定》（人社部令第40号）" in problems[0]
    assert "还需补充 1 名" in problems[0]
    fill(committee, 1)
    assert pool.pool_problems(committee=committee) == []


def test_only_serving_active_members_count():
    committee = factories.make_committee(tier=CommitteeTier.JUNIOR)
    today = timezone.localdate()
    minimum = pool.pool_minimum(committee=committee)
    fill(committee, minimum - 1)
    make_expert(committee, status=MembershipStatus.SUSPENDED)
    make_expert(committee, status=MembershipStatus.DISQUALIFIED)
    make_expert(committee, term_start=today - timedelta(days=800), term_end=today - timedelta(days=1))
    make_expert(committee, term_start=today + timedelta(days=1), term_end=today + timedelta(days=800))
    assert pool.serving_count(committee=committee) == minimum - 1
    assert pool.pool_problems(committee=committee)
    make_expert(committee, term_start=today, term_end=today + timedelta(days=1))
    assert pool.pool_problems(committee=committee) == []


def test_no_pool_is_a_problem_and_the_minimums_are_settings(settings):
    committee = factories.make_committee(tier=CommitteeTier.INTERMEDIATE)
    assert "尚未建立评审专家库" in pool.pool_problems(committee=committee)[0]
    settings.EVALUATION_POOL_MIN_INTERMEDIATE_SERIES = 2
    fill(committee, 2)
    assert pool.pool_problems(committee=committee) == []
    assert pool.pool_minimum(committee=committee) == 2


def test_formation_is_checked(world):
    _committee, _series, office = world
    with pytest.raises(ServiceError) as caught:
        pool.pool_set_formation(actor=office, formation="mixed")
    assert "请选择组建方式" in caught.value.errors["formation"][0]
    assert PoolMembership.objects.count() == 0


def test_a_known_mobile_under_another_name_is_refused(world):
    _committee, series, office = world
    pool.expert_add(actor=make_office_user(factories.make_committee()), **values(series))
    with pytest.raises(ServiceError) as caught:
        pool.expert_add(actor=office, **values(series, name="王刚"))
    assert caught.value.errors["phone"] == [
        "手机号码13800001111已登记为评审专家李明，与填写的姓名“王刚”不一致，请核对手机号码或姓名。"
    ]
    assert PoolMembership.objects.count() == 1


def test_the_pool_page_writes_nothing(client, world):
    committee, _series, office = world
    client.force_login(office)
    assert client.get("/evaluation/pool/").status_code == 200
    assert not Pool.objects.filter(committee=committee).exists()
