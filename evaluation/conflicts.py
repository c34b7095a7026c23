"""回避 (人社部令第40号, rule 31) after the draw, and the expert's own list of tasks.

An expert drawn for a round declares a conflict on an application of their group, with a reason,
any time before voting on it (during the meeting too, until they have voted on that applicant or
the office has entered its paper count); the committee office may record one for any expert of its
pool (source 办事机构认定). The expert then no longer sees that application, cannot vote on it and
is not counted in its 2/3. Own-unit conflicts are written by the draw itself (evaluation.draw)."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from accounts.models import Role
from core.audit import audit
from core.errors import Conflict, Forbidden, NotFound, ServiceError, id_or_not_found

from .meeting_models import BallotReceipt, Tally, TallyMethod
from .models import Assignment, ConflictSource, Expert, PoolMembership, RoundApplication, RoundStatus
from .models import Conflict as Recusal
from .rounds import is_office_of

REASON_MAX = 300
CLOSED_FOR_CONFLICTS = (RoundStatus.CLOSED,)


def expert_of(actor) -> Expert:
    """The signed-in expert's profile; 403 for anyone else."""
    if getattr(actor, "role", None) != Role.EXPERT:
        raise Forbidden("只有评审专家可以查看评审任务。")
    expert = Expert.objects.filter(user=actor).first()
    if expert is None:
        raise NotFound("您的账号尚未登记为评审专家，请联系评委会办事机构。")
    return expert


def _entry(entry_id) -> RoundApplication:
    pk = id_or_not_found(entry_id, "未找到该评审对象。")
    entry = (
        RoundApplication.objects.select_related("round__committee", "application__applicant", "group")
        .filter(pk=pk)
        .first()
    )
    if entry is None:
        raise NotFound("未找到该评审对象。")
    return entry


def conflict_declare(
    *, actor, entry_id, reason: str | None, expert_id=None, ip: str | None = None
) -> Recusal:
    """申请回避 (an expert on an application of their group) or 登记回避 (the committee office,
    naming the expert). Refused once the expert has voted on the applicant, once its paper count is
    entered, and after the meeting."""
    reason = (reason or "").strip()
    entry = _entry(entry_id)
    if getattr(actor, "role", None) == Role.EXPERT:
        expert = expert_of(actor)
        assigned = Assignment.objects.filter(round_id=entry.round_id, group_id=entry.group_id, expert=expert)
        if not assigned.exists():
            raise NotFound("未找到该评审对象。")
        source = ConflictSource.DECLARED
    elif is_office_of(actor, entry.round.committee_id):
        if expert_id in (None, ""):
            raise ServiceError.fields({"expert": ["请选择需回避的专家。"]})
        try:
            expert = Expert.objects.get(pk=int(expert_id))
        except (TypeError, ValueError, Expert.DoesNotExist):
            raise ServiceError.fields({"expert": ["未找到该专家。"]}) from None
        in_pool = PoolMembership.objects.filter(pool__committee_id=entry.round.committee_id, expert=expert)
        if not in_pool.exists():
            raise ServiceError.fields({"expert": [f"{expert.name}不在本评委会评审专家库中。"]})
        source = ConflictSource.OFFICE
    elif getattr(actor, "role", None) == Role.COMMITTEE_OFFICE:
        raise NotFound("未找到该评审对象。")
    else:
        raise Forbidden("只有抽取的评审专家或评委会办事机构可以登记回避。")
    if not reason:
        raise ServiceError.fields({"reason": ["请填写回避原因。"]})
    if len(reason) > REASON_MAX:
        raise ServiceError.fields({"reason": [f"回避原因不能超过{REASON_MAX}个字。"]})
    with transaction.atomic():
        round_row = type(entry.round).objects.select_for_update().get(pk=entry.round_id)
        if round_row.status in CLOSED_FOR_CONFLICTS:
            raise Conflict(
                f"评审批次“{round_row.name}”的评审会议已结束，"
                "不能再登记回避；如有利害关系，请向评委会办事机构说明。"
            )
        if round_row.status == RoundStatus.MEETING:
            _still_before_voting(entry=entry, expert=expert)
        try:
            with transaction.atomic():
                row = Recusal.objects.create(
                    entry=entry, expert=expert, source=source, reason=reason, declared_by=actor
                )
        except IntegrityError:
            raise Conflict(f"{expert.name}对申报人{entry.application.applicant.name}已登记回避。") from None
        audit(
            actor=actor,
            action="evaluation_conflict_declare",
            target=row,
            detail={"round": round_row.pk, "entry": entry.pk, "source": source},
            ip=ip,
        )
    return row


def _still_before_voting(*, entry: RoundApplication, expert: Expert) -> None:
    """During the meeting, a conflict removes the expert from one applicant only before they vote on
    it: under the applicant's Tally lock, the lock a ballot takes, so the two cannot cross."""
    tally = Tally.objects.select_for_update().filter(entry=entry).first()
    if tally is None:
        return
    name = entry.application.applicant.name
    if BallotReceipt.objects.filter(tally=tally, expert=expert).exists():
        raise Conflict(
            f"{expert.name}已对申报人{name}投票，投票后不能再回避；如有利害关系，请向评委会办事机构说明。"
        )
    if tally.method == TallyMethod.PAPER:
        raise Conflict(
            f"申报人{name}的纸质选票计票结果已录入，不能再登记回避；如有利害关系，请向评委会办事机构说明。"
        )


def expert_assignments(*, actor) -> list[dict]:
    """我的评审任务: the rounds the expert was drawn for (only after the draw), each with their
    group's applications minus the ones they are recused from."""
    expert = expert_of(actor)
    assignments = list(
        Assignment.objects.filter(expert=expert)
        .exclude(round__status=RoundStatus.PREPARING)
        .select_related("round__committee", "group")
        .order_by("-round__meeting_date", "round_id")
    )
    recused = set(Recusal.objects.filter(expert=expert).values_list("entry_id", flat=True))
    entries_by_group: dict[int, list[RoundApplication]] = {}
    for entry in (
        RoundApplication.objects.filter(group_id__in=[a.group_id for a in assignments])
        .select_related(
            "application__applicant", "application__unit", "application__series", "application__title"
        )
        .order_by("pk")
    ):
        if entry.pk not in recused:
            entries_by_group.setdefault(entry.group_id, []).append(entry)
    return [
        {"round": a.round, "group": a.group, "entries": entries_by_group.get(a.group_id, [])}
        for a in assignments
    ]
