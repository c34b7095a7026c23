"""Reads of the 评审专家库: the office's list with its filters, and an expert's own pools."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.models import Role
from catalog.models import Series
from core.errors import Forbidden
from core.validators import search_text

from .models import Expert, MembershipStatus, PoolMembership
from .pool import office_committee

TERM_FILTERS = {"running": "聘期内", "expired": "聘期已满", "upcoming": "聘期未开始"}


def pool_list(
    *,
    actor: Any,
    status: str = "",
    series: Any = "",
    specialty: str = "",
    term: str = "",
    q: str = "",
    today: date | None = None,
) -> QuerySet[PoolMembership]:
    """The office's pool, filtered: status (active / suspended / disqualified), series (id),
    specialty (part of it), term (running / expired / upcoming), q (name, unit or mobile). Each row
    carries `term_state` (running / expired / upcoming) once evaluated through `with_term_state`."""
    committee = office_committee(actor)
    today = today or timezone.localdate()
    qs = PoolMembership.objects.filter(pool__committee=committee).select_related("expert")
    if status in MembershipStatus.values:
        qs = qs.filter(status=status)
    if str(series).isdigit():
        qs = qs.filter(expert__series__pk=int(series))
    specialty = search_text(specialty)
    if specialty:
        qs = qs.filter(expert__specialties__icontains=specialty)
    if term == "running":
        qs = qs.filter(term_start__lte=today, term_end__gte=today)
    elif term == "expired":
        qs = qs.filter(term_end__lt=today)
    elif term == "upcoming":
        qs = qs.filter(term_start__gt=today)
    q = search_text(q)
    if q:
        qs = qs.filter(Q(expert__name__icontains=q) | Q(expert__unit_name__icontains=q) | Q(expert__phone=q))
    return (
        qs.prefetch_related(Prefetch("expert__series", queryset=Series.objects.order_by("number")))
        .order_by("expert__name", "pk")
        .distinct()
    )


def term_state(row: PoolMembership, today: date | None = None) -> str:
    today = today or timezone.localdate()
    if row.term_end < today:
        return "expired"
    if row.term_start > today:
        return "upcoming"
    return "running"


def with_term_state(rows, today: date | None = None) -> list[PoolMembership]:
    """The rows with `term_state` and its label set (聘期已满 is marked on the page)."""
    today = today or timezone.localdate()
    out = list(rows)
    for row in out:
        row.term_state = term_state(row, today)
        row.term_state_label = TERM_FILTERS[row.term_state]
    return out


def expert_self(*, user: Any) -> Expert:
    """我的信息: the signed-in expert's own profile, with their pools."""
    if getattr(user, "role", None) != Role.EXPERT:
        raise Forbidden("只有评审专家可以查看本页。")
    expert = (
        Expert.objects.filter(user=user)
        .prefetch_related(
            "series",
            Prefetch(
                "memberships",
                queryset=PoolMembership.objects.select_related("pool__committee").order_by("pk"),
            ),
        )
        .first()
    )
    if expert is None:
        raise Forbidden("您的账号尚未加入任何评审专家库，请联系评委会办事机构。")
    return expert
