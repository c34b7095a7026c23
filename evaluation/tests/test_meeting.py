"""The meeting and its secret ballot (rules 29, 30): quorum, the 2/3 at every boundary the issue
names, every refusal with its Chinese message, paper counts, closing, who may do what."""

from __future__ import annotations

import pytest

from accounts.models import Role
from core.errors import Conflict, Forbidden, NotFound, ServiceError
from core.models import AuditLog
from evaluation import conflicts, draw, meeting, rounds
from evaluation.meeting_models import Attendance, BallotReceipt, Meeting, Outcome, Tally, TallyMethod
from evaluation.models import Assignment, RoundApplication, RoundStatus
from tests import factories

from .factories import make_expert, make_office_user, make_setting

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_pools")]


def drawn_round(*, members: int = 3, applications: int = 2, pool: int | None = None):
    """A round with `members` experts drawn and `applications` applications, not yet opened."""
    committee, _series, office, _experts, _apps = make_setting(
        experts=pool or members, applications=applications
    )
    row = rounds.round_create(
        actor=office, name="2026年第一批", year=2026, meeting_date="2026-10-20", experts_to_draw=members
    )
    draw.round_draw(actor=office, round_id=row.pk)
    drawn = [a.expert for a in Assignment.objects.filter(round=row).select_related("expert__user")]
    entries = list(RoundApplication.objects.filter(round=row).order_by("pk"))
    return committee, office, row, drawn, entries


def opened(*, members: int = 3, present: int | None = None, applications: int = 2):
    committee, office, row, drawn, entries = drawn_round(members=members, applications=applications)
    meeting.meeting_open(actor=office, round_id=row.pk, chair_id=drawn[0].pk)
    here = drawn[: members if present is None else present]
    meeting.meeting_attendance(actor=office, round_id=row.pk, present=[e.pk for e in here])
    return committee, office, row, drawn, entries


def test_open_sets_members_chair_tallies_and_status():
    _c, office, row, drawn, entries = drawn_round(members=4)
    m = meeting.meeting_open(actor=office, round_id=row.pk, chair_id=drawn[1].pk)
    row.refresh_from_db()
    assert row.status == RoundStatus.MEETING
    assert m.members == 4 and m.chair == drawn[1]
    assert Tally.objects.filter(meeting=m).count() == len(entries)
    assert Attendance.objects.filter(meeting=m, present=False).count() == 4
    assert AuditLog.objects.filter(action="evaluation_meeting_open", target_id=str(m.pk)).exists()


def test_open_refusals():
    _c, office, row, drawn, _e = drawn_round(members=3)
    outsider = make_expert()
    with pytest.raises(ServiceError) as err:
        meeting.meeting_open(actor=office, round_id=row.pk, chair_id=outsider.pk)
    assert err.value.errors["chair"] == ["主持评审会议的专家须是本批次抽取的评审专家。"]
    meeting.meeting_open(actor=office, round_id=row.pk, chair_id=drawn[0].pk)
    with pytest.raises(Conflict, match="评审会议已开始"):
        meeting.meeting_open(actor=office, round_id=row.pk, chair_id=drawn[0].pk)


def test_open_before_draw_refused():
    _c, _s, office, _e, _a = make_setting(experts=3)
    row = rounds.round_create(actor=office, name="批次", year=2026, meeting_date="2026-10-20")
    with pytest.raises(Conflict, match="尚未抽取评审专家"):
        meeting.meeting_open(actor=office, round_id=row.pk, chair_id=1)


def test_only_the_committee_office_manages_the_meeting():
    _c, office, row, drawn, _e = drawn_round(members=3)
    other_office = make_office_user(factories.make_committee())
    with pytest.raises(NotFound):
        meeting.meeting_open(actor=other_office, round_id=row.pk, chair_id=drawn[0].pk)
    applicant = factories.make_user(role=Role.APPLICANT)
    with pytest.raises(Forbidden):
        meeting.meeting_open(actor=applicant, round_id=row.pk, chair_id=drawn[0].pk)
    with pytest.raises(Forbidden):
        meeting.meeting_open(actor=drawn[0].user, round_id=row.pk, chair_id=drawn[0].pk)
    meeting.meeting_open(actor=office, round_id=row.pk, chair_id=drawn[0].pk)
    with pytest.raises(NotFound):
        meeting.meeting_state(actor=other_office, round_id=row.pk)
    with pytest.raises(Forbidden):
        meeting.meeting_state(actor=drawn[0].user, round_id=row.pk)


def test_attendance_only_drawn_experts():
    _c, office, row, drawn, _e = drawn_round(members=3)
    meeting.meeting_open(actor=office, round_id=row.pk, chair_id=drawn[0].pk)
    stranger = make_expert()
    with pytest.raises(ServiceError) as err:
        meeting.meeting_attendance(actor=office, round_id=row.pk, present=[drawn[0].pk, stranger.pk])
    assert "只能登记本批次抽取的评审专家出席" in err.value.errors["present"][0]


def test_below_quorum_no_vote_and_no_close():
    # 9 members need 6 present; 5 is refused with the numbers and the regulation's words.
    _c, office, row, drawn, entries = opened(members=9, present=5)
    message = (
        "出席评审会议的专家5人，不足本次评审委员会9人的2/3（至少需要6人），会议不能进行表决。"
        "见《职称评审管理暂行规定》（人社部令第40号）：出席评审会议的专家人数应当不少于职称评审委员会人数的2/3"
    )
    with pytest.raises(Conflict) as err:
        meeting.ballots_cast(actor=drawn[0].user, entry_id=entries[0].pk, choice="agree")
    assert err.value.detail == message
    with pytest.raises(Conflict) as err:
        meeting.meeting_close(actor=office, round_id=row.pk)
    assert err.value.detail == message
    with pytest.raises(Conflict):
        meeting.ballots_paper_count(
            actor=office, round_id=row.pk, entry_id=entries[0].pk, agree=3, disagree=1, abstain=1
        )
    meeting.meeting_attendance(actor=office, round_id=row.pk, present=[e.pk for e in drawn[:6]])
    meeting.ballots_cast(actor=drawn[0].user, entry_id=entries[0].pk, choice="agree")


@pytest.mark.parametrize(
    "present,needed",
    [(3, 2), (6, 4), (7, 5), (9, 6), (10, 7), (11, 8)],
)
def test_two_thirds_at_every_boundary(present, needed):
    """Through the service: `needed` 同意 passes, one fewer fails (7 present need 5)."""
    _c, office, row, drawn, entries = opened(members=present, present=present)
    passing, failing = entries
    for i, expert in enumerate(drawn):
        meeting.ballots_cast(
            actor=expert.user, entry_id=passing.pk, choice="agree" if i < needed else "disagree"
        )
        meeting.ballots_cast(
            actor=expert.user, entry_id=failing.pk, choice="agree" if i < needed - 1 else "abstain"
        )
    meeting.meeting_close(actor=office, round_id=row.pk)
    ok = Tally.objects.get(entry=passing)
    ko = Tally.objects.get(entry=failing)
    assert (ok.outcome, ok.agree, ok.disagree, ok.present) == (
        Outcome.PASSED,
        needed,
        present - needed,
        present,
    )
    assert (ko.outcome, ko.agree, ko.abstain) == (Outcome.FAILED, needed - 1, present - needed + 1)
    assert ok.fixed_at is not None
    row.refresh_from_db()
    assert row.status == RoundStatus.CLOSED


def test_a_conflict_during_the_meeting_only_before_voting_on_that_applicant():
    """Issue 13 item 3: "at any time before voting": declared during the meeting, it takes the expert
    out of that applicant (no vote, not counted in its 2/3); after their vote, or after a paper
    count, it is refused."""
    _c, office, row, drawn, entries = opened(members=3, present=3)
    first, second = entries
    conflicts.conflict_declare(actor=drawn[0].user, entry_id=first.pk, reason="申报人是本人近亲属")
    with pytest.raises(Forbidden, match="回避"):
        meeting.ballots_cast(actor=drawn[0].user, entry_id=first.pk, choice="agree")
    meeting.ballots_cast(actor=drawn[0].user, entry_id=second.pk, choice="agree")
    with pytest.raises(Conflict, match="投票后不能再回避"):
        conflicts.conflict_declare(actor=drawn[0].user, entry_id=second.pk, reason="利害关系")
    with pytest.raises(Conflict, match="投票后不能再回避"):
        conflicts.conflict_declare(actor=office, entry_id=second.pk, expert_id=drawn[0].pk, reason="利害关系")
    for expert in drawn[1:]:
        meeting.ballots_cast(actor=expert.user, entry_id=first.pk, choice="agree")
    meeting.meeting_close(actor=office, round_id=row.pk)
    assert Tally.objects.get(entry=first).present == 2


def test_no_conflict_after_the_paper_count():
    _c, office, row, drawn, entries = opened(members=3, present=3)
    meeting.ballots_paper_count(
        actor=office, round_id=row.pk, entry_id=entries[0].pk, agree=3, disagree=0, abstain=0
    )
    with pytest.raises(Conflict, match="纸质选票计票结果已录入"):
        conflicts.conflict_declare(actor=drawn[1].user, entry_id=entries[0].pk, reason="利害关系")


def test_recused_expert_is_not_counted_for_that_application():
    # 7 present; one recused from A: A counts 6 present, so 4 同意 pass it (of 7 it would need 5).
    _c, office, row, drawn, entries = drawn_round(members=7)
    conflicts.conflict_declare(actor=drawn[6].user, entry_id=entries[0].pk, reason="同事")
    meeting.meeting_open(actor=office, round_id=row.pk, chair_id=drawn[0].pk)
    meeting.meeting_attendance(actor=office, round_id=row.pk, present=[e.pk for e in drawn])
    for expert in drawn[:4]:
        meeting.ballots_cast(actor=expert.user, entry_id=entries[0].pk, choice="agree")
    with pytest.raises(Forbidden) as err:
        meeting.ballots_cast(actor=drawn[6].user, entry_id=entries[0].pk, choice="agree")
    assert err.value.detail.startswith("您已对申报人") and "回避，不能对其投票" in err.value.detail
    meeting.meeting_close(actor=office, round_id=row.pk)
    tally = Tally.objects.get(entry=entries[0])
    assert (tally.present, tally.outcome) == (6, Outcome.PASSED)
    assert Tally.objects.get(entry=entries[1]).present == 7


def test_vote_refusals():
    _c, office, row, drawn, entries = drawn_round(members=4)
    entry = entries[0]
    voter = drawn[0].user
    with pytest.raises(Conflict, match="评审会议尚未开始，不能投票"):
        meeting.ballots_cast(actor=voter, entry_id=entry.pk, choice="agree")
    meeting.meeting_open(actor=office, round_id=row.pk, chair_id=drawn[0].pk)
    meeting.meeting_attendance(actor=office, round_id=row.pk, present=[e.pk for e in drawn[:3]])
    # absent: no late vote, no proxy
    with pytest.raises(Forbidden) as err:
        meeting.ballots_cast(actor=drawn[3].user, entry_id=entry.pk, choice="agree")
    assert err.value.detail.startswith(
        "您未登记出席本次评审会议，不能投票；未出席评审会议的评审专家不得委托他人投票"
    )
    # not drawn
    outsider = make_expert()
    with pytest.raises(NotFound):
        meeting.ballots_cast(actor=outsider.user, entry_id=entry.pk, choice="agree")
    # not an expert at all
    with pytest.raises(Forbidden):
        meeting.ballots_cast(actor=office, entry_id=entry.pk, choice="agree")
    # a bad choice
    with pytest.raises(ServiceError) as err:
        meeting.ballots_cast(actor=voter, entry_id=entry.pk, choice="yes")
    assert err.value.errors["choice"] == ["请选择同意、不同意或弃权。"]
    # twice
    meeting.ballots_cast(actor=voter, entry_id=entry.pk, choice="agree")
    with pytest.raises(Conflict) as err:
        meeting.ballots_cast(actor=voter, entry_id=entry.pk, choice="disagree")
    assert "投过票，每位专家对每位申报人只能投票一次" in err.value.detail
    assert Tally.objects.get(entry=entry).agree == 1 and Tally.objects.get(entry=entry).disagree == 0
    # a voter cannot be marked absent afterwards
    with pytest.raises(Conflict, match="已投票，不能登记为缺席"):
        meeting.meeting_attendance(actor=office, round_id=row.pk, present=[e.pk for e in drawn[1:3]])
    # a paper-counted application
    meeting.ballots_paper_count(
        actor=office, round_id=row.pk, entry_id=entries[1].pk, agree=2, disagree=1, abstain=0
    )
    with pytest.raises(Conflict, match="采用纸质选票表决"):
        meeting.ballots_cast(actor=drawn[1].user, entry_id=entries[1].pk, choice="agree")
    # after closing
    meeting.meeting_close(actor=office, round_id=row.pk)
    with pytest.raises(Conflict, match="评审会议已结束，表决结果已确定"):
        meeting.ballots_cast(actor=drawn[1].user, entry_id=entry.pk, choice="agree")
    with pytest.raises(Conflict, match="评审会议已结束"):
        meeting.meeting_close(actor=office, round_id=row.pk)
    with pytest.raises(Conflict, match="评审会议已结束"):
        meeting.meeting_attendance(actor=office, round_id=row.pk, present=[])


def test_paper_count():
    _c, office, row, drawn, entries = opened(members=7, present=7)
    with pytest.raises(ServiceError) as err:
        meeting.ballots_paper_count(
            actor=office, round_id=row.pk, entry_id=entries[0].pk, agree=5, disagree=2, abstain=1
        )
    assert "合计8票，超过出席评审会议的专家人数7人" in err.value.errors["agree"][0]
    with pytest.raises(ServiceError) as err:
        meeting.ballots_paper_count(
            actor=office, round_id=row.pk, entry_id=entries[0].pk, agree="x", disagree=0, abstain=0
        )
    assert err.value.errors["agree"] == ["请填写同意票数（整数）。"]
    tally = meeting.ballots_paper_count(
        actor=office, round_id=row.pk, entry_id=entries[0].pk, agree=5, disagree=1, abstain=1
    )
    assert (tally.method, tally.agree, tally.disagree, tally.abstain) == (TallyMethod.PAPER, 5, 1, 1)
    with pytest.raises(Conflict, match="纸质选票计票结果已录入，不能重复录入"):
        meeting.ballots_paper_count(
            actor=office, round_id=row.pk, entry_id=entries[0].pk, agree=5, disagree=1, abstain=1
        )
    meeting.ballots_cast(actor=drawn[0].user, entry_id=entries[1].pk, choice="abstain")
    with pytest.raises(Conflict, match="已有专家电子投票"):
        meeting.ballots_paper_count(
            actor=office, round_id=row.pk, entry_id=entries[1].pk, agree=1, disagree=0, abstain=0
        )
    meeting.meeting_close(actor=office, round_id=row.pk)
    assert Tally.objects.get(entry=entries[0]).outcome == Outcome.PASSED
    assert Tally.objects.get(entry=entries[1]).outcome == Outcome.FAILED


def test_chair_may_close_other_experts_may_not():
    _c, _office, row, drawn, _entries = opened(members=3)
    with pytest.raises(Forbidden, match="只有评委会办事机构或会议主持人可以结束评审会议"):
        meeting.meeting_close(actor=drawn[1].user, round_id=row.pk)
    meeting.meeting_close(actor=drawn[0].user, round_id=row.pk)
    m = Meeting.objects.get(round=row)
    assert m.closed_by == drawn[0].user and m.closed_at is not None


def test_expert_ballot_shows_voted_never_choice():
    _c, _office, row, drawn, entries = opened(members=3)
    meeting.ballots_cast(actor=drawn[0].user, entry_id=entries[0].pk, choice="disagree")
    page = meeting.expert_ballot(actor=drawn[0].user, round_id=row.pk)
    assert [t.has_voted for t in page["tallies"]] == [True, False]
    assert BallotReceipt.objects.filter(expert=drawn[0]).count() == 1
    with pytest.raises(NotFound):
        meeting.expert_ballot(actor=make_expert().user, round_id=row.pk)
