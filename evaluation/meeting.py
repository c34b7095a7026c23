"""评审会议 and its secret ballot (人社部令第40号《职称评审管理暂行规定》, rules 29, 30 of
docs/domain.md; docs/decisions/0011-evaluation.md).

The committee office opens the meeting of a drawn round (members: the experts drawn for it),
records who is present, and closes it (or the chair does). The vote needs a quorum: the experts
present are at least 2/3 of the members (`rules.quorum_met`). Each present expert not recused from
an application votes 同意 / 不同意 / 弃权 once on it, or the office enters a paper count for it.
At closing the result of each application is fixed: it passes when 同意 ≥ 2/3 of the experts
present who are not recused from it (`rules.passes`; decision 0011: an expert who stepped aside
takes no part in that application, so counting them would make passing harder for no vote).

Secrecy: a vote is a `BallotReceipt` (that the expert voted, never what) and an F() increment of
one counter of the `Tally`, in one transaction under the Tally's row lock. The choice is written
nowhere else: not in the audit row, not in a log line, not in a response beyond "已投票"."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone

from accounts.models import Role
from core.audit import audit
from core.errors import Conflict, FieldErrors, Forbidden, NotFound, ServiceError, id_or_not_found
from core.sources import cite

from . import rules
from .conflicts import expert_of
from .meeting_models import Attendance, BallotReceipt, Meeting, Outcome, Tally, TallyMethod
from .models import Assignment, Round, RoundApplication, RoundStatus
from .models import Conflict as Recusal
from .result_record import record_results
from .rounds import round_for_office

CHOICES = {"agree": "同意", "disagree": "不同意", "abstain": "弃权"}
SOURCE_30 = cite(30)


# --- helpers --------------------------------------------------------------------------------------


def _meeting_of(row: Round) -> Meeting:
    meeting = Meeting.objects.filter(round=row).select_related("chair").first()
    if meeting is None:
        raise Conflict(f"评审批次“{row.name}”的评审会议尚未开始。")
    return meeting


def _open(meeting: Meeting, row: Round) -> None:
    if meeting.closed_at is not None or row.status == RoundStatus.CLOSED:
        raise Conflict(f"评审批次“{row.name}”的评审会议已结束，表决结果已确定，不能再投票或修改。")


def _present_ids(meeting: Meeting) -> set[int]:
    return set(Attendance.objects.filter(meeting=meeting, present=True).values_list("expert_id", flat=True))


def _quorum(meeting: Meeting, present: int) -> None:
    problem = rules.quorum_problem(present=present, members=meeting.members)
    if problem:
        raise Conflict(problem)


def _recused_present(row: Round, present_ids: set[int]) -> dict[int, int]:
    """{entry id: how many present experts are recused from it} — one query for the round."""
    return dict(
        Recusal.objects.filter(entry__round=row, expert_id__in=present_ids)
        .values("entry_id")
        .annotate(n=Count("id"))
        .values_list("entry_id", "n")
    )


def voters_for(*, row: Round, meeting: Meeting, entry_id: int, present_ids: set[int] | None = None) -> int:
    """The experts present and not recused from one application: the number its 2/3 counts."""
    present_ids = _present_ids(meeting) if present_ids is None else present_ids
    return len(present_ids) - _recused_present(row, present_ids).get(entry_id, 0)


def _entry_of_round(row: Round, entry_id) -> RoundApplication:
    pk = id_or_not_found(entry_id, "未找到该评审对象。")
    entry = RoundApplication.objects.select_related("application__applicant").filter(pk=pk, round=row).first()
    if entry is None:
        raise NotFound("未找到该评审对象。")
    return entry


def _int(value, field: str, label: str, errors: FieldErrors) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        errors.add(field, f"请填写{label}票数（整数）。")
        return None


# --- the office: open, attendance, paper count, close ---------------------------------------------


def meeting_open(*, actor, round_id, chair_id, ip: str | None = None) -> Meeting:
    """开始评审会议: the round goes 已抽取专家 → 评审会议中; members are the experts drawn for it;
    the chair is one of them, chosen by the office; every application gets its tally."""
    with transaction.atomic():
        row = round_for_office(actor=actor, round_id=round_id, lock=True)
        if row.status == RoundStatus.PREPARING:
            raise Conflict(f"评审批次“{row.name}”尚未抽取评审专家，不能开始评审会议。")
        if row.status != RoundStatus.DRAWN:
            raise Conflict(
                f"评审批次“{row.name}”的评审会议已{'开始' if row.status == RoundStatus.MEETING else '结束'}。"
            )
        drawn = list(Assignment.objects.filter(round=row).values_list("expert_id", flat=True))
        try:
            chair_pk = int(chair_id)
        except (TypeError, ValueError):
            raise ServiceError.fields({"chair": ["请选择主持评审会议的专家。"]}) from None
        if chair_pk not in drawn:
            raise ServiceError.fields({"chair": ["主持评审会议的专家须是本批次抽取的评审专家。"]})
        meeting = Meeting.objects.create(round=row, members=len(drawn), chair_id=chair_pk, opened_by=actor)
        Attendance.objects.bulk_create(
            [Attendance(meeting=meeting, expert_id=pk, present=False, recorded_by=actor) for pk in drawn]
        )
        Tally.objects.bulk_create(
            [
                Tally(meeting=meeting, entry_id=pk)
                for pk in RoundApplication.objects.filter(round=row).values_list("pk", flat=True)
            ]
        )
        row.status = RoundStatus.MEETING
        row.save(update_fields=["status"])
        audit(
            actor=actor,
            action="evaluation_meeting_open",
            target=meeting,
            detail={"round": row.pk, "members": len(drawn), "chair": chair_pk},
            ip=ip,
        )
    return meeting


def meeting_attendance(*, actor, round_id, present, ip: str | None = None) -> Meeting:
    """登记出席: `present` is the ids of the drawn experts who are present; the others are absent.
    An expert who has voted cannot be marked absent (their ballot is in the counts)."""
    try:
        wanted = {int(pk) for pk in (present or [])}
    except (TypeError, ValueError):
        raise ServiceError.fields({"present": ["出席专家填写有误。"]}) from None
    with transaction.atomic():
        row = round_for_office(actor=actor, round_id=round_id, lock=True)
        meeting = _meeting_of(row)
        _open(meeting, row)
        # Locked: a vote locks its expert's row before checking presence, so a voter cannot be
        # marked absent while their ballot is being counted.
        rows = {
            a.expert_id: a
            for a in Attendance.objects.select_for_update(of=("self",))
            .filter(meeting=meeting)
            .select_related("expert")
        }
        strangers = wanted - set(rows)
        if strangers:
            raise ServiceError.fields(
                {"present": ["只能登记本批次抽取的评审专家出席；未抽取的专家不能参加评审会议。"]}
            )
        voted = set(BallotReceipt.objects.filter(meeting=meeting).values_list("expert_id", flat=True))
        leaving = [rows[pk].expert.name for pk in sorted(voted - wanted)]
        if leaving:
            raise Conflict(f"{'、'.join(leaving)}已投票，不能登记为缺席。")
        changed = [a for pk, a in rows.items() if a.present != (pk in wanted)]
        now = timezone.now()
        for a in changed:
            a.present, a.recorded_by, a.recorded_at = a.expert_id in wanted, actor, now
        Attendance.objects.bulk_update(changed, ["present", "recorded_by", "recorded_at"])
        audit(
            actor=actor,
            action="evaluation_meeting_attendance",
            target=meeting,
            detail={"present": sorted(wanted), "members": meeting.members},
            ip=ip,
        )
    return meeting


def ballots_paper_count(
    *, actor, round_id, entry_id, agree, disagree, abstain, ip: str | None = None
) -> Tally:
    """录入纸质选票: the office enters the counts of an application voted on paper, once; checked
    against the experts present and not recused from it (`rules.ballot_count_problems`)."""
    errors = FieldErrors()
    counts = {
        "agree": _int(agree, "agree", "同意", errors),
        "disagree": _int(disagree, "disagree", "不同意", errors),
        "abstain": _int(abstain, "abstain", "弃权", errors),
    }
    if errors:
        raise ServiceError.fields(errors.errors)
    with transaction.atomic():
        row = round_for_office(actor=actor, round_id=round_id, lock=True)
        meeting = _meeting_of(row)
        _open(meeting, row)
        entry = _entry_of_round(row, entry_id)
        tally = Tally.objects.select_for_update().get(meeting=meeting, entry=entry)
        present_ids = _present_ids(meeting)
        _quorum(meeting, len(present_ids))
        name = entry.application.applicant.name
        if tally.method == TallyMethod.PAPER:
            raise Conflict(f"申报人{name}的纸质选票计票结果已录入，不能重复录入。")
        if BallotReceipt.objects.filter(tally=tally).exists():
            raise Conflict(f"申报人{name}已有专家电子投票，不能再录入纸质选票计票结果。")
        voters = voters_for(row=row, meeting=meeting, entry_id=entry.pk, present_ids=present_ids)
        problems = rules.ballot_count_problems(present=voters, **counts)
        if problems:
            raise ServiceError.fields({"agree": problems})
        Tally.objects.filter(pk=tally.pk).update(method=TallyMethod.PAPER, **counts)
        audit(
            actor=actor,
            action="evaluation_ballot_paper_count",
            target=tally,
            detail={"entry": entry.pk, "voters": voters, **counts},
            ip=ip,
        )
        tally.refresh_from_db()
    return tally


def meeting_close(*, actor, round_id, ip: str | None = None) -> Meeting:
    """结束评审会议 (the office or the chair): every application's result is fixed — 通过 when 同意
    ≥ 2/3 of the experts present and not recused from it — and the round is 会议已结束."""
    with transaction.atomic():
        row = _round_for_closer(actor=actor, round_id=round_id)
        meeting = _meeting_of(row)
        _open(meeting, row)
        present_ids = _present_ids(meeting)
        _quorum(meeting, len(present_ids))
        recused = _recused_present(row, present_ids)
        tallies = list(
            Tally.objects.select_for_update(of=("self",))
            .filter(meeting=meeting)
            .select_related("entry")
            .order_by("pk")
        )
        now = timezone.now()
        passed = 0
        for tally in tallies:
            voters = len(present_ids) - recused.get(tally.entry_id, 0)
            ok = voters >= 1 and rules.passes(agree=tally.agree, present=voters)
            tally.present, tally.fixed_at = voters, now
            tally.outcome = Outcome.PASSED if ok else Outcome.FAILED
            passed += ok
        Tally.objects.bulk_update(tallies, ["present", "outcome", "fixed_at"], batch_size=500)
        # Item 7: each result moves its application (电子材料审核通过 → 评审通过 / 评审未通过) through
        # the state machine, one ReviewEvent each carrying the counts, never who voted.
        record_results(meeting=meeting, row=row, tallies=tallies, actor=actor, now=now)
        meeting.closed_at, meeting.closed_by = now, actor
        meeting.save(update_fields=["closed_at", "closed_by"])
        row.status = RoundStatus.CLOSED
        row.save(update_fields=["status"])
        audit(
            actor=actor,
            action="evaluation_meeting_close",
            target=meeting,
            detail={
                "round": row.pk,
                "present": len(present_ids),
                "passed": passed,
                "applications": len(tallies),
            },
            ip=ip,
        )
    return meeting


def _round_for_closer(*, actor, round_id) -> Round:
    """The round locked, for its office or for the meeting's chair; 404 otherwise (403 for roles
    that never close a meeting)."""
    if getattr(actor, "role", None) != Role.EXPERT:
        return round_for_office(actor=actor, round_id=round_id, lock=True)
    expert = expert_of(actor)
    pk = id_or_not_found(round_id, "未找到该评审批次。")
    row = Round.objects.select_for_update(of=("self",)).select_related("committee").filter(pk=pk).first()
    if row is None or not Meeting.objects.filter(round=row, chair=expert).exists():
        raise Forbidden("只有评委会办事机构或会议主持人可以结束评审会议。")
    return row


# --- the expert: the ballot -----------------------------------------------------------------------


def ballots_cast(*, actor, entry_id, choice, ip: str | None = None) -> None:
    """投票: a present expert, not recused, votes once on an application of the meeting. Stored: a
    receipt (that they voted) and one counter incremented — nothing that says what they chose."""
    expert = expert_of(actor)
    if choice not in CHOICES:
        raise ServiceError.fields({"choice": ["请选择同意、不同意或弃权。"]})
    pk = id_or_not_found(entry_id, "未找到该评审对象。")
    entry = RoundApplication.objects.select_related("round", "application__applicant").filter(pk=pk).first()
    if entry is None or not Assignment.objects.filter(round_id=entry.round_id, expert=expert).exists():
        raise NotFound("未找到该评审对象。")
    with transaction.atomic():
        tally = Tally.objects.select_for_update().filter(entry=entry).first()
        row = Round.objects.get(pk=entry.round_id)
        meeting = Meeting.objects.filter(round=row).first()
        if meeting is None or tally is None:
            raise Conflict("评审会议尚未开始，不能投票。")
        _open(meeting, row)
        name = entry.application.applicant.name
        mine = Attendance.objects.select_for_update().filter(meeting=meeting, expert=expert).first()
        present_ids = _present_ids(meeting)
        if mine is None or not mine.present:
            raise Forbidden(
                "您未登记出席本次评审会议，不能投票；未出席评审会议的评审专家不得委托他人投票或者补充投票。"
                f"{SOURCE_30}"
            )
        _quorum(meeting, len(present_ids))
        if Recusal.objects.filter(entry=entry, expert=expert).exists():
            raise Forbidden(f"您已对申报人{name}回避，不能对其投票。")
        if tally.method == TallyMethod.PAPER:
            raise Conflict(f"申报人{name}采用纸质选票表决，请在纸质选票上投票。")
        try:
            with transaction.atomic():
                BallotReceipt.objects.create(meeting=meeting, expert=expert, tally=tally)
        except IntegrityError:
            raise Conflict(f"您已对申报人{name}投过票，每位专家对每位申报人只能投票一次。") from None
        Tally.objects.filter(pk=tally.pk).update(**{choice: F(choice) + 1})
        # The audit names who voted on which application — never the choice.
        audit(actor=actor, action="evaluation_ballot_cast", target=tally, detail={"entry": entry.pk}, ip=ip)


# --- reads ----------------------------------------------------------------------------------------


def meeting_state(*, actor, round_id) -> dict:
    """The office's meeting page / `meetings_get`: the meeting, attendance, quorum and per
    application how many have voted; the counts only once the meeting is closed (or entered from
    paper ballots) — a constant number of queries."""
    row = round_for_office(actor=actor, round_id=round_id)
    return _state(row)


def _state(row: Round) -> dict:
    meeting = Meeting.objects.filter(round=row).select_related("chair").first()
    drawn = list(
        Assignment.objects.filter(round=row).select_related("expert").order_by("group__position", "position")
    )
    if meeting is None:
        return {
            "round": row,
            "meeting": None,
            "drawn": [a.expert for a in drawn],
            "attendance": [],
            "tallies": [],
        }
    attendance = list(
        Attendance.objects.filter(meeting=meeting)
        .select_related("expert")
        .order_by("expert__name", "expert_id")
    )
    present_ids = {a.expert_id for a in attendance if a.present}
    recused = _recused_present(row, present_ids)
    tallies = list(
        Tally.objects.filter(meeting=meeting)
        .select_related("entry__application__applicant", "entry__application__unit", "entry__group")
        .annotate(voted=Count("receipts"))
        .order_by("entry__group__position", "entry_id")
    )
    closed = meeting.closed_at is not None
    for tally in tallies:
        # Rule 30: while electronic voting is open the office sees only how many have voted, never
        # the counts (watching them move as one expert votes would tell that expert's choice).
        tally.counts_shown = closed or tally.method == TallyMethod.PAPER
        tally.voters = len(present_ids) - recused.get(tally.entry_id, 0)
        tally.needed = rules.votes_needed(present=tally.voters) if tally.voters >= 1 else None
    present = len(present_ids)
    return {
        "round": row,
        "meeting": meeting,
        "drawn": [a.expert for a in drawn],
        "attendance": attendance,
        "present": present,
        "quorum_needed": rules.quorum_needed(members=meeting.members) if meeting.members else 0,
        "quorum_problem": rules.quorum_problem(present=present, members=meeting.members)
        if meeting.members
        else None,
        "tallies": tallies,
    }


def expert_ballot(*, actor, round_id) -> dict:
    """The expert's ballot page: the meeting's applications minus those they are recused from,
    each with whether they have voted (never what)."""
    expert = expert_of(actor)
    pk = id_or_not_found(round_id, "未找到该评审批次。")
    if not Assignment.objects.filter(round_id=pk, expert=expert).exists():
        raise NotFound("未找到该评审批次。")
    row = Round.objects.select_related("committee").get(pk=pk)
    meeting = Meeting.objects.filter(round=row).first()
    recused = set(Recusal.objects.filter(entry__round=row, expert=expert).values_list("entry_id", flat=True))
    voted: set[int] = set()
    tallies: list[Tally] = []
    present = False
    if meeting is not None:
        voted = set(
            BallotReceipt.objects.filter(meeting=meeting, expert=expert).values_list("tally_id", flat=True)
        )
        present = Attendance.objects.filter(meeting=meeting, expert=expert, present=True).exists()
        tallies = [
            t
            for t in Tally.objects.filter(meeting=meeting)
            .select_related(
                "entry__application__applicant",
                "entry__application__unit",
                "entry__application__title",
                "entry__group",
            )
            .order_by("entry__group__position", "entry_id")
            if t.entry_id not in recused
        ]
        for t in tallies:
            t.has_voted = t.pk in voted
    return {"round": row, "meeting": meeting, "present": present, "tallies": tallies, "expert": expert}


__all__ = [
    "CHOICES",
    "ballots_cast",
    "ballots_paper_count",
    "expert_ballot",
    "meeting_attendance",
    "meeting_close",
    "meeting_open",
    "meeting_state",
    "voters_for",
]
