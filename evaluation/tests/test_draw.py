"""The draw: reproducible from its seed, own-unit and declared-conflict exclusions with their
reasons, too few eligible experts refused with the numbers, twice refused; conflicts after the
draw and the expert's own list."""

from __future__ import annotations

from datetime import date

import pytest

from core.errors import Conflict, Forbidden, NotFound, ServiceError
from core.models import AuditLog
from evaluation import conflicts, draw, rounds
from evaluation.models import (
    Assignment,
    ConflictSource,
    Draw,
    MembershipStatus,
    ReviewGroup,
    RoundApplication,
    RoundStatus,
)
from evaluation.models import Conflict as Recusal
from tests import factories

from .factories import make_approved, make_expert, make_office_user, make_setting

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_pools")]


def _round(office, **changes):
    values = {"name": "2026年第一批", "year": 2026, "meeting_date": "2026-10-20"}
    values.update(changes)
    return rounds.round_create(actor=office, **values)


def test_draw_selects_assigns_and_is_reproducible():
    _committee, _s, office, experts, _apps = make_setting(experts=8)
    row = _round(office)
    record = draw.round_draw(actor=office, round_id=row.pk)
    row.refresh_from_db()
    assert row.status == RoundStatus.DRAWN
    group = ReviewGroup.objects.get(round=row)
    chosen = record.selected[str(group.pk)]
    assert len(chosen) == 3 and len(set(chosen)) == 3
    assert record.candidates[str(group.pk)] == sorted(e.pk for e in experts)
    assert list(Assignment.objects.filter(round=row).values_list("expert_id", flat=True)) == chosen
    assert len(record.seed) == 32
    assert draw.draw_verify(actor=office, round_id=row.pk)["same"] is True
    audit_row = AuditLog.objects.get(action="evaluation_draw", target_id=str(row.pk))
    assert audit_row.actor == office and audit_row.detail["seed"] == record.seed


def test_same_seed_same_experts():
    results = []
    for _ in range(2):
        _c, _s, office, experts, _a = make_setting(experts=9)
        row = _round(office)
        record = draw.round_draw(actor=office, round_id=row.pk, seed="abc123")
        # positions in the sorted candidate list are what the seed decides
        order = sorted(e.pk for e in experts)
        results.append([order.index(i) for i in next(iter(record.selected.values()))])
    assert results[0] == results[1]
    assert draw.draw_run(seed="abc123", groups=[(1, list(range(9)), {}, 3)]) == {"1": results[0]}


def test_drawing_twice_is_refused():
    _c, _s, office, _e, _a = make_setting(experts=5)
    row = _round(office)
    draw.round_draw(actor=office, round_id=row.pk)
    with pytest.raises(Conflict, match="不能重复抽取"):
        draw.round_draw(actor=office, round_id=row.pk)
    assert Draw.objects.filter(round=row).count() == 1


def test_own_unit_and_declared_conflicts_are_excluded_with_reasons():
    committee, series, office, experts, apps = make_setting(experts=3, applications=1)
    colleague = make_expert(committee, series=[series], unit=apps[0].unit)
    declared = make_expert(committee, series=[series])
    row = _round(office)
    entry = RoundApplication.objects.get(round=row)
    conflicts.conflict_declare(actor=office, entry_id=entry.pk, expert_id=declared.pk, reason="亲属关系")
    record = draw.round_draw(actor=office, round_id=row.pk)
    key = str(entry.group_id)
    assert set(record.selected[key]) == {e.pk for e in experts}
    assert "同一单位" in record.excluded[key][str(colleague.pk)]
    assert "已登记" in record.excluded[key][str(declared.pk)]
    own = Recusal.objects.get(entry=entry, expert=colleague)
    assert own.source == ConflictSource.OWN_UNIT


def test_an_expert_is_drawn_for_one_group_only():
    committee, series, office, _experts, _apps = make_setting(experts=4, applications=1)
    make_approved(committee, series, specialty="土木工程")
    row = _round(office)
    rounds.group_create(
        actor=office, round_id=row.pk, name="土木组", specialties="土木工程", experts_to_draw=3
    )
    with pytest.raises(Conflict) as exc:
        draw.round_draw(actor=office, round_id=row.pk)
    # the civil group needs 土木工程 experts; it is drawn first, the catch-all group from the rest
    assert "评议组“土木组”需抽取3名专家，符合条件的在库专家只有0名" in exc.value.detail
    for _ in range(3):
        make_expert(committee, series=[series], specialties="土木工程")
    record = draw.round_draw(actor=office, round_id=row.pk)
    picked = [i for ids in record.selected.values() for i in ids]
    assert len(picked) == len(set(picked)) == 6
    catch_all = ReviewGroup.objects.get(round=row, name="评议组")
    civil = ReviewGroup.objects.get(round=row, name="土木组")
    taken = record.excluded[str(catch_all.pk)]
    assert {int(i) for i in taken} == set(record.selected[str(civil.pk)])
    assert set(taken.values()) == {"已抽入本批次其他评议组"}
    assert draw.draw_verify(actor=office, round_id=row.pk)["same"] is True


def test_too_few_eligible_experts_are_refused_with_the_numbers():
    committee, series, office, _experts, _apps = make_setting(experts=2)
    make_expert(committee, series=[series], status=MembershipStatus.SUSPENDED)
    make_expert(committee, series=[series], term_end=date(2026, 6, 30))
    row = _round(office)
    with pytest.raises(Conflict) as exc:
        draw.round_draw(actor=office, round_id=row.pk)
    assert "需抽取3名专家，符合条件的在库专家只有2名" in exc.value.detail
    row.refresh_from_db()
    assert row.status == RoundStatus.PREPARING and not Draw.objects.filter(round=row).exists()


def test_draw_refused_for_an_empty_pool_and_for_others():
    _c, _s, office, _e, _a = make_setting(experts=0)
    row = _round(office)
    with pytest.raises(Conflict, match="评审专家库"):
        draw.round_draw(actor=office, round_id=row.pk)
    with pytest.raises(NotFound):
        draw.round_draw(actor=make_office_user(factories.make_committee()), round_id=row.pk)
    with pytest.raises(Forbidden):
        draw.round_draw(actor=factories.make_applicant(), round_id=row.pk)


def _drawn(experts=4, applications=2):
    _committee, _series, office, pool, apps = make_setting(experts=experts, applications=applications)
    row = _round(office)
    draw.round_draw(actor=office, round_id=row.pk)
    drawn = [a.expert for a in Assignment.objects.filter(round=row).select_related("expert__user")]
    return row, office, drawn, [e for e in pool if e not in drawn], apps


def test_expert_declares_a_conflict_and_no_longer_sees_the_application():
    row, _office, drawn, not_drawn, apps = _drawn()
    expert = drawn[0]
    tasks = conflicts.expert_assignments(actor=expert.user)
    assert len(tasks) == 1 and {e.application_id for e in tasks[0]["entries"]} == {a.pk for a in apps}
    entry = RoundApplication.objects.get(round=row, application=apps[0])
    with pytest.raises(ServiceError):
        conflicts.conflict_declare(actor=expert.user, entry_id=entry.pk, reason="")
    made = conflicts.conflict_declare(actor=expert.user, entry_id=entry.pk, reason="曾指导其论文")
    assert made.source == ConflictSource.DECLARED
    with pytest.raises(Conflict, match="已登记回避"):
        conflicts.conflict_declare(actor=expert.user, entry_id=entry.pk, reason="再次")
    tasks = conflicts.expert_assignments(actor=expert.user)
    assert [e.application_id for e in tasks[0]["entries"]] == [apps[1].pk]
    # an expert who was not drawn sees nothing and declares nothing
    assert conflicts.expert_assignments(actor=not_drawn[0].user) == []
    with pytest.raises(NotFound):
        conflicts.conflict_declare(actor=not_drawn[0].user, entry_id=entry.pk, reason="x")


def test_no_conflict_once_the_meeting_is_closed():
    row, office, drawn, _nd, apps = _drawn()
    entry = RoundApplication.objects.get(round=row, application=apps[0])
    type(row).objects.filter(pk=row.pk).update(status=RoundStatus.CLOSED)
    with pytest.raises(Conflict, match="评审会议已结束"):
        conflicts.conflict_declare(actor=drawn[0].user, entry_id=entry.pk, reason="利害关系")
    with pytest.raises(Conflict):
        conflicts.conflict_declare(actor=office, entry_id=entry.pk, expert_id=drawn[1].pk, reason="利害关系")


def test_expert_sees_nothing_before_the_draw():
    _committee, _series, office, experts, _apps = make_setting(experts=4)
    row = _round(office)
    Assignment.objects.create(
        round=row, group=ReviewGroup.objects.get(round=row), expert=experts[0], position=1
    )
    assert conflicts.expert_assignments(actor=experts[0].user) == []
    with pytest.raises(Forbidden):
        conflicts.expert_assignments(actor=office)


def test_the_pick_depends_only_on_the_seed_and_the_sorted_candidates():
    """Pinned: the draw uses random.Random(seed).random() alone (whose sequence Python keeps across
    versions), over the candidates sorted by id, so a record re-run years later gives these experts;
    the order the candidates were listed in does not matter, the excluded never come out."""
    seed = "0123456789abcdef0123456789abcdef"
    groups = [(7, list(range(1, 11)), {"4": "同一单位"}, 3), (8, [20, 11, 15, 30], {}, 2)]
    assert draw.draw_run(seed=seed, groups=groups) == {"7": [10, 7, 2], "8": [30, 20]}
    shuffled = [(7, list(range(10, 0, -1)), {"4": "同一单位"}, 3), (8, [30, 15, 11, 20], {}, 2)]
    assert draw.draw_run(seed=seed, groups=shuffled) == {"7": [10, 7, 2], "8": [30, 20]}
    assert draw.draw_run(seed="another seed", groups=groups) != {"7": [10, 7, 2], "8": [30, 20]}
