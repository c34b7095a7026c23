"""The random draw of a round's experts with recusal (人社部令第40号, rules 28 and 31).

For each 评议组, in order: the candidates are the pool's 在库 members whose term covers the meeting
date and whose specialties and series match the group; a candidate is excluded, with the reason
recorded, when their unit is the unit of an applicant of the group (own unit), when they declared
or the office recorded a conflict with an application of the group before the draw, or when they
were drawn for an earlier group. `random.Random(seed)` picks `experts_to_draw` from the rest,
sorted by id; the seed (`secrets.token_hex(16)`), the candidates, the exclusions and the selection
are recorded on the `Draw`, so `draw_verify` re-runs the same inputs and shows the same experts.

One draw per round: the round's row is locked, and a second click is refused. The drawn list is
confidential (rule 31): only the committee office of the committee reads it."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass

from django.db import transaction

from core.audit import audit
from core.errors import Conflict
from core.sources import cite

from .models import (
    Assignment,
    ConflictSource,
    Draw,
    Expert,
    MembershipStatus,
    PoolMembership,
    ReviewGroup,
    Round,
    RoundApplication,
    RoundStatus,
)
from .models import Conflict as Recusal
from .pool import pool_problems
from .rounds import round_for_office, split_specialties

OWN_UNIT = "own_unit"
DECLARED = "declared"
TAKEN = "taken"


@dataclass
class GroupInputs:
    group: ReviewGroup
    candidates: list[int]  # expert ids, sorted
    excluded: dict[int, str]  # expert id → reason
    own_unit_pairs: list[tuple[int, int]]  # (entry id, expert id) to record as own-unit conflicts


def _memberships(row: Round) -> list[PoolMembership]:
    return list(
        PoolMembership.objects.filter(
            pool__committee_id=row.committee_id,
            status=MembershipStatus.ACTIVE,
            term_start__lte=row.meeting_date,
            term_end__gte=row.meeting_date,
        )
        .select_related("expert__unit")
        .prefetch_related("expert__series")
        .order_by("expert_id")
    )


def _matches(expert: Expert, group_specialties: set[str], series_ids: set[int]) -> bool:
    if group_specialties and not group_specialties & set(expert.specialty_list()):
        return False
    expert_series = {s.pk for s in expert.series.all()}
    return not series_ids or bool(expert_series & series_ids)


def draw_order(groups) -> list[ReviewGroup]:
    """The order the draw takes the groups in: those named by specialty first (their experts are
    the scarce ones), then the catch-all groups; each by position. The verification uses it too
    (a JSON object's key order is not kept by PostgreSQL)."""
    return sorted(groups, key=lambda g: (not split_specialties(g.specialties), g.position, g.pk))


def draw_inputs(row: Round) -> list[GroupInputs]:
    """What the draw reads, per group in order: the candidates and who is excluded and why
    (except the "already drawn for another group" exclusions, added as the draw goes)."""
    members = _memberships(row)
    entries = list(
        RoundApplication.objects.filter(round=row).select_related(
            "application__unit", "application__applicant"
        )
    )
    conflicts: dict[int, set[int]] = {}
    for entry_id, expert_id in Recusal.objects.filter(entry__round=row).values_list("entry_id", "expert_id"):
        conflicts.setdefault(entry_id, set()).add(expert_id)
    result = []
    for group in draw_order(ReviewGroup.objects.filter(round=row)):
        group_entries = [e for e in entries if e.group_id == group.pk]
        specialties = set(split_specialties(group.specialties))
        series_ids = {e.application.series_id for e in group_entries}
        candidates: list[int] = []
        excluded: dict[int, str] = {}
        pairs: list[tuple[int, int]] = []
        for membership in members:
            expert = membership.expert
            if not _matches(expert, specialties, series_ids):
                continue
            candidates.append(expert.pk)
            own = [e for e in group_entries if expert.unit_id and e.application.unit_id == expert.unit_id]
            if own:
                excluded[expert.pk] = (
                    f"与申报人{own[0].application.applicant.name}同一单位（{own[0].application.unit.name}），回避"
                )
                pairs.extend((e.pk, expert.pk) for e in own)
                continue
            declared = [e for e in group_entries if expert.pk in conflicts.get(e.pk, set())]
            if declared:
                excluded[expert.pk] = f"已登记对申报人{declared[0].application.applicant.name}回避"
        result.append(GroupInputs(group, candidates, excluded, pairs))
    return result


def _pick(rng: random.Random, candidates: list[int], excluded: dict, count: int) -> list[int]:
    """`count` of the eligible candidates (sorted by id) by a partial Fisher–Yates pass on
    `rng.random()`: Python keeps random()'s sequence for a seed across versions, not the algorithms
    of sample() or shuffle(), so a draw re-run years later picks the same experts."""
    eligible = [c for c in sorted(candidates) if c not in excluded and str(c) not in excluded]
    for index in range(count):
        other = index + int(rng.random() * (len(eligible) - index))
        eligible[index], eligible[other] = eligible[other], eligible[index]
    return eligible[:count]


def draw_run(*, seed: str, groups: list[tuple[int, list[int], dict, int]]) -> dict[str, list[int]]:
    """The pure draw: for each (group id, candidates, excluded, count) in order, `count` experts
    from the candidates not excluded, sorted by id, with one `random.Random(seed)`."""
    rng = random.Random(seed)
    return {str(gid): _pick(rng, candidates, excluded, count) for gid, candidates, excluded, count in groups}


def round_draw(*, actor, round_id, ip: str | None = None, seed: str | None = None) -> Draw:
    """抽取专家: one draw per round, refused with the numbers when a group has too few eligible
    experts or the pool is below its minimum. Writes the Draw, the Assignments, the own-unit
    recusals and an audit row naming who drew; the round becomes 已抽取专家."""
    with transaction.atomic():
        row = round_for_office(actor=actor, round_id=round_id, lock=True)
        if row.status != RoundStatus.PREPARING or Draw.objects.filter(round=row).exists():
            raise Conflict(f"评审批次“{row.name}”已抽取专家，不能重复抽取。")
        problems = pool_problems(committee=row.committee)
        if problems:
            raise Conflict("；".join(problems))
        inputs = draw_inputs(row)
        if not RoundApplication.objects.filter(round=row).exists():
            raise Conflict(f"评审批次“{row.name}”还没有评审对象（电子材料审核通过的申报），不能抽取专家。")
        shortages = []
        taken: set[int] = set()
        seed = seed or secrets.token_hex(16)
        rng = random.Random(seed)
        candidates: dict[str, list[int]] = {}
        excluded: dict[str, dict[str, str]] = {}
        selected: dict[str, list[int]] = {}
        empty = [gi.group.name for gi in inputs if not gi.group.entries.exists()]
        if empty:
            raise Conflict(f"评议组“{'、'.join(empty)}”没有评审对象，请删除该组或调整分组后再抽取专家。")
        for gi in inputs:
            for expert_id in gi.candidates:
                if expert_id in taken and expert_id not in gi.excluded:
                    gi.excluded[expert_id] = "已抽入本批次其他评议组"
            eligible = len([c for c in gi.candidates if c not in gi.excluded])
            need = gi.group.experts_to_draw
            if eligible < need:
                shortages.append(
                    f"评议组“{gi.group.name}”需抽取{need}名专家，符合条件的在库专家只有{eligible}名"
                    f"（候选{len(gi.candidates)}名，回避或已抽入其他组{len(gi.excluded)}名）"
                )
                continue
            chosen = _pick(rng, gi.candidates, gi.excluded, need)
            taken.update(chosen)
            key = str(gi.group.pk)
            candidates[key] = sorted(gi.candidates)
            excluded[key] = {str(k): v for k, v in sorted(gi.excluded.items())}
            selected[key] = chosen
        if shortages:
            raise Conflict(
                "；".join(shortages)
                + f"。请补充专家库或调整评议组后再抽取（每个评议组至少3名专家，{cite(28)}）。"
            )
        draw = Draw.objects.create(
            round=row, seed=seed, drawn_by=actor, candidates=candidates, excluded=excluded, selected=selected
        )
        Assignment.objects.bulk_create(
            Assignment(round=row, group_id=int(gid), expert_id=eid, position=pos)
            for gid, ids in selected.items()
            for pos, eid in enumerate(ids, start=1)
        )
        existing = set(Recusal.objects.filter(entry__round=row).values_list("entry_id", "expert_id"))
        Recusal.objects.bulk_create(
            Recusal(
                entry_id=entry_id,
                expert_id=expert_id,
                source=ConflictSource.OWN_UNIT,
                reason="与申报人同一单位，自动回避",
                declared_by=actor,
            )
            for gi in inputs
            for entry_id, expert_id in gi.own_unit_pairs
            if (entry_id, expert_id) not in existing
        )
        row.status = RoundStatus.DRAWN
        row.save(update_fields=["status"])
        audit(
            actor=actor,
            action="evaluation_draw",
            target=row,
            detail={"seed": seed, "selected": selected},
            ip=ip,
        )
    return draw


def draw_verify(*, actor, round_id) -> dict:
    """Re-run the recorded draw: the same seed and inputs give the same experts. Returns
    {"selected": recorded, "rerun": computed, "same": bool}."""
    row = round_for_office(actor=actor, round_id=round_id)
    draw = Draw.objects.filter(round=row).first()
    if draw is None:
        raise Conflict(f"评审批次“{row.name}”尚未抽取专家。")
    groups_now = list(ReviewGroup.objects.filter(round=row))
    counts = {str(g.pk): g.experts_to_draw for g in groups_now}
    order = [str(g.pk) for g in draw_order(groups_now)]
    groups = [
        (
            int(key),
            draw.candidates.get(key, []),
            draw.excluded.get(key, {}),
            len(draw.selected.get(key, [])) or counts[key],
        )
        for key in order
        if key in draw.selected
    ]
    rerun = draw_run(seed=draw.seed, groups=groups)
    return {"selected": draw.selected, "rerun": rerun, "same": rerun == draw.selected}


def draw_record(*, actor, round_id) -> dict | None:
    """The draw of a round as the office reads it: per group the candidates, the excluded with
    their reasons and the drawn, with names. None before the draw."""
    row = round_for_office(actor=actor, round_id=round_id)
    draw = Draw.objects.filter(round=row).select_related("drawn_by").first()
    if draw is None:
        return None
    ids = {int(i) for ids in draw.candidates.values() for i in ids}
    experts = {e.pk: e for e in Expert.objects.filter(pk__in=ids)}
    groups = []
    for group in ReviewGroup.objects.filter(round=row).order_by("position", "pk"):
        key = str(group.pk)
        excluded = draw.excluded.get(key, {})
        groups.append(
            {
                "group": group,
                "candidates": [experts.get(int(i)) for i in draw.candidates.get(key, [])],
                "excluded": [(experts.get(int(i)), reason) for i, reason in excluded.items()],
                "selected": [experts.get(int(i)) for i in draw.selected.get(key, [])],
            }
        )
    return {"draw": draw, "groups": groups}
