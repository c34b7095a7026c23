"""Removing an expert who broke the rules from every pool (人社部令第40号, rule 35 of docs/domain.md;
issue 13 item 10). A committee office disqualifies an expert in its own pool (pool.expert_disqualify);
the city bureau (市人社局) removes one everywhere:

- every PoolMembership of the expert becomes 取消资格 with the reason;
- the expert is taken out of the rounds that are drawn but whose meeting has not opened (their
  Assignment goes, and with it their opinions there: an expert removed for breaking the rules does
  not inform the vote). Decision: the removal is not refused when a 评议组 then has fewer experts
  than rule 28's minimum — keeping a rule-breaking expert on it would be worse; the answer names
  each such group so that the committee office can act (docs/decisions, noted in the report);
- rounds whose meeting is open or closed keep their record as it is (attendance and receipts are
  the meeting's minutes);
- Expert.removed_at marks the person, so no pool can take them again (pool._add_member) and no
  draw can pick them (every membership is 取消资格, the draw reads 在库 only)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone

from core import rulebook
from core.audit import audit
from core.dates import date_label
from core.errors import Conflict, Forbidden, NotFound, id_or_not_found
from core.sources import cite
from core.validators import search_text

from .models import Assignment, Expert, MembershipStatus, PoolMembership, Round, RoundStatus
from .pool import clean_reason
from .revocation import is_city_bureau

MSG_NOT_CITY = (
    "只有市人社局可以取消评审专家在全部评审专家库中的资格；"
    "各评委会办事机构可在本评委会评审专家库中取消专家资格。"
)


@dataclass
class Removal:
    expert: Expert
    pools: list[str] = field(default_factory=list)  # committees whose membership became 取消资格
    rounds: list[str] = field(default_factory=list)  # rounds the expert was taken out of
    short_groups: list[str] = field(default_factory=list)  # groups now below rule 28's minimum
    open_meetings: list[str] = field(default_factory=list)  # rounds in meeting, left as they are

    @property
    def message(self) -> str:
        text = f"已取消{self.expert.name}在全部评审专家库中的资格"
        text += f"（{'、'.join(self.pools)}）。" if self.pools else "。"
        if self.rounds:
            text += f"已将其从尚未开始评审会议的评审批次中移出：{'、'.join(self.rounds)}。"
        if self.short_groups:
            text += (
                f"以下评议组专家人数已少于{rulebook.group_min_experts()}人，请评委会办事机构处理（{cite(28)}）："
                f"{'；'.join(self.short_groups)}。"
            )
        if self.open_meetings:
            text += f"以下评审批次的评审会议已开始，请评委会办事机构处理：{'、'.join(self.open_meetings)}。"
        return text


def _require_city(actor) -> None:
    if not is_city_bureau(actor):
        raise Forbidden(MSG_NOT_CITY)


def experts_search(*, actor, q: str = "") -> QuerySet[Expert]:
    """The city bureau's list of experts across pools (name, unit or mobile)."""
    _require_city(actor)
    qs = Expert.objects.prefetch_related("memberships__pool__committee").order_by("name", "pk")
    q = search_text(q)
    if q:
        qs = qs.filter(name__contains=q) | qs.filter(unit_name__contains=q) | qs.filter(phone__contains=q)
    return qs


def expert_remove_everywhere(*, actor, expert_id, reason, ip: str | None = None) -> Removal:
    """取消全部评审专家库资格 (rule 35), by the city bureau, with the reason."""
    _require_city(actor)
    pk = id_or_not_found(expert_id, "未找到该评审专家。")
    text = clean_reason(reason, "取消资格原因")
    with transaction.atomic():
        expert = Expert.objects.select_for_update().filter(pk=pk).first()
        if expert is None:
            raise NotFound("未找到该评审专家。")
        if expert.removed_at is not None:
            raise Conflict(
                f"{expert.name}已于{date_label(timezone.localdate(expert.removed_at))}被取消全部评审专家库资格"
                f"（{expert.removed_reason}）。"
            )
        now = timezone.now()
        result = Removal(expert=expert)
        memberships = list(
            PoolMembership.objects.select_for_update(of=("self",))
            .filter(expert=expert)
            .select_related("pool__committee")
            .order_by("pk")
        )
        for membership in memberships:
            old = membership.status
            membership.status, membership.reason, membership.changed_at = (
                MembershipStatus.DISQUALIFIED,
                text,
                now,
            )
            result.pools.append(membership.pool.committee.name)
            audit(
                actor=actor,
                action="pool_expert_disqualify",
                target=membership,
                detail={"from": old, "to": MembershipStatus.DISQUALIFIED, "reason": text, "everywhere": True},
                ip=ip,
            )
        PoolMembership.objects.bulk_update(memberships, ["status", "reason", "changed_at"])
        # The rounds the expert is drawn for, locked as meeting_open locks them: a meeting cannot
        # open on a round while its experts change.
        round_ids = list(Assignment.objects.filter(expert=expert).values_list("round_id", flat=True))
        rows = list(
            Round.objects.select_for_update(of=("self",))
            .filter(pk__in=round_ids)
            .select_related("committee")
            .order_by("pk")
        )
        for row in rows:
            if row.status == RoundStatus.MEETING:
                result.open_meetings.append(f"{row.name}（{row.committee.name}）")
            if row.status != RoundStatus.DRAWN:
                continue
            assignment = Assignment.objects.select_related("group").get(round=row, expert=expert)
            group = assignment.group
            assignment.delete()  # its opinions go with it (Opinion.assignment: CASCADE)
            result.rounds.append(f"{row.name}（{row.committee.name}）")
            left = Assignment.objects.filter(group=group).aggregate(n=Count("pk"))["n"]
            if left < rulebook.group_min_experts():
                result.short_groups.append(f"{row.name}“{group.name}”现有{left}名专家")
        expert.removed_at, expert.removed_reason, expert.removed_by = now, text, actor
        expert.save(update_fields=["removed_at", "removed_reason", "removed_by", "updated_at"])
        audit(
            actor=actor,
            action="evaluation_expert_remove_everywhere",
            target=expert,
            detail={
                "reason": text,
                "memberships": [m.pk for m in memberships],
                "rounds": result.rounds,
                "short_groups": result.short_groups,
                "open_meetings": result.open_meetings,
            },
            ip=ip,
        )
    return result


__all__ = ["Removal", "expert_remove_everywhere", "experts_search"]
