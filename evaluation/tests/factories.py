"""Test data for the evaluation: experts in a committee's pool. Real rows, no mocks.
(The rounds engineer's copy adds approved applications and rounds; the two merge.)"""

from __future__ import annotations

import itertools
from datetime import date

from accounts.models import Role
from catalog.models import Level
from evaluation.models import Expert, MembershipStatus, Pool, PoolMembership
from tests import factories

_seq = itertools.count(1)


def make_office_user(committee):
    return factories.make_user(role=Role.COMMITTEE_OFFICE, committee=committee)


def make_expert(
    committee=None,
    *,
    series=(),
    specialties: str = "软件工程",
    unit=None,
    status: str = MembershipStatus.ACTIVE,
    term_start: date = date(2024, 1, 1),
    term_end: date = date(2030, 12, 31),
) -> Expert:
    """An expert account with its profile, in `committee`'s pool when given."""
    n = next(_seq)
    user = factories.make_user(role=Role.EXPERT, username=f"expert_t{n}", name=f"专家{n}")
    expert = Expert.objects.create(
        user=user,
        name=user.name,
        unit=unit,
        unit_name=unit.name if unit else f"昆明某研究院{n}",
        title="高级工程师",
        level=Level.SENIOR_ASSOCIATE,
        specialties=specialties,
        phone=factories.mobile(7000 + n),
    )
    expert.series.set(list(series))
    if committee is not None:
        pool, _ = Pool.objects.get_or_create(committee=committee)
        PoolMembership.objects.create(
            pool=pool, expert=expert, term_start=term_start, term_end=term_end, status=status
        )
    return expert
