"""Rule 35: the city bureau removes an expert who broke the rules from every pool: every membership
取消资格 with the reason, out of the drawn rounds whose meeting has not opened (a group left short
is named, not refused), never drawn or added to a pool again; rounds in meeting are left alone."""

from __future__ import annotations

import pytest

from accounts.models import Role
from core.errors import Conflict, Forbidden, NotFound, ServiceError
from core.models import AuditLog
from evaluation import draw, expert_removal, pool, rounds
from evaluation.models import Assignment, Draw, MembershipStatus, Pool, PoolMembership
from tests import factories

from .factories import make_approved, make_office_user
from .test_meeting import drawn_round, opened

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_pools")]


def city_user():
    return factories.make_user(role=Role.CITY_REVIEWER, organisation=factories.make_city_bureau())


def test_removed_everywhere_out_of_drawn_rounds_and_never_drawn_again():
    committee, office, row, drawn, entries = drawn_round(members=3, pool=4)
    bad = drawn[0]
    other = factories.make_committee()
    other_pool = Pool.objects.create(committee=other)
    PoolMembership.objects.create(
        pool=other_pool,
        expert=bad,
        term_start="2024-01-01",
        term_end="2030-12-31",
        status=MembershipStatus.SUSPENDED,
    )
    city = city_user()
    result = expert_removal.expert_remove_everywhere(actor=city, expert_id=bad.pk, reason="泄露评审信息")
    rows = PoolMembership.objects.filter(expert=bad)
    assert rows.count() == 2
    assert {(m.status, m.reason) for m in rows} == {(MembershipStatus.DISQUALIFIED, "泄露评审信息")}
    assert set(result.pools) == {committee.name, other.name}
    assert not Assignment.objects.filter(round=row, expert=bad).exists()
    assert result.rounds == [f"{row.name}（{committee.name}）"]
    # Rule 28: the group now has 2 experts; named so the office can act, not refused.
    assert result.short_groups == [f"{row.name}“评议组”现有2名专家"]
    assert "专家人数已少于3人" in result.message and "《职称评审管理暂行规定》" in result.message
    bad.refresh_from_db()
    assert bad.removed_at is not None and bad.removed_by == city and bad.removed_reason == "泄露评审信息"
    assert AuditLog.objects.filter(
        action="evaluation_expert_remove_everywhere", target_id=str(bad.pk)
    ).exists()
    assert AuditLog.objects.filter(action="pool_expert_disqualify").count() == 2

    # A new round of the committee: the remaining experts are drawn, never the removed one.
    make_approved(committee, entries[0].application.series)
    later = rounds.round_create(
        actor=office, name="2026年第二批", year=2026, meeting_date="2026-10-21", experts_to_draw=3
    )
    draw.round_draw(actor=office, round_id=later.pk)
    picked = set(Assignment.objects.filter(round=later).values_list("expert_id", flat=True))
    assert len(picked) == 3 and bad.pk not in picked
    assert all(bad.pk not in ids for ids in Draw.objects.get(round=later).candidates.values())

    # No pool takes them again.
    third_office = make_office_user(factories.make_committee())
    with pytest.raises(Conflict, match="已被市人社局取消全部评审专家库资格"):
        pool.expert_add(
            actor=third_office,
            name=bad.name,
            unit_name=bad.unit_name,
            title=bad.title,
            level="副高级",
            series=[entries[0].application.series_id],
            specialties=bad.specialties,
            phone=bad.phone,
            term_start="2026-01-01",
            term_end="2028-12-31",
        )
    with pytest.raises(Conflict, match=r"已于.*被取消全部评审专家库资格"):
        expert_removal.expert_remove_everywhere(actor=city, expert_id=bad.pk, reason="再次")


def test_rounds_in_meeting_are_left_as_they_are():
    _committee, _office, row, drawn, _entries = opened(members=3)
    result = expert_removal.expert_remove_everywhere(
        actor=city_user(), expert_id=drawn[1].pk, reason="违反纪律"
    )
    assert Assignment.objects.filter(round=row, expert=drawn[1]).exists()
    assert result.rounds == [] and result.open_meetings == [f"{row.name}（{row.committee.name}）"]
    assert "评审会议已开始" in result.message


def test_only_the_city_bureau_removes_everywhere():
    _committee, office, _row, drawn, _entries = drawn_round(members=3)
    for actor in (office, drawn[1].user, factories.make_user(role=Role.DEPARTMENT_REVIEWER)):
        with pytest.raises(Forbidden, match="只有市人社局"):
            expert_removal.expert_remove_everywhere(actor=actor, expert_id=drawn[0].pk, reason="原因")
    city = city_user()
    with pytest.raises(ServiceError) as err:
        expert_removal.expert_remove_everywhere(actor=city, expert_id=drawn[0].pk, reason=" ")
    assert err.value.errors == {"reason": ["请填写取消资格原因。"]}
    with pytest.raises(NotFound):
        expert_removal.expert_remove_everywhere(actor=city, expert_id=999999, reason="原因")
    assert not PoolMembership.objects.filter(status=MembershipStatus.DISQUALIFIED).exists()
