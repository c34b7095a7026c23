"""The evaluation's long work, queued with core.tasks.enqueue (after commit)."""

from __future__ import annotations

from messaging.notify import notify

from .meeting_models import Outcome, Tally


def results_notify(*, meeting_id: int) -> int:
    """After a meeting closes: each applicant is told their result and the counts (never who voted,
    rule 30), once, by site message and SMS. Returns how many were told."""
    tallies = (
        Tally.objects.filter(meeting_id=meeting_id, fixed_at__isnull=False)
        .select_related(
            "entry__application__applicant", "entry__application__title", "meeting__round__committee"
        )
        .order_by("pk")
    )
    told = 0
    for tally in tallies:
        application = tally.entry.application
        verdict = "评审通过" if tally.outcome == Outcome.PASSED else "评审未通过"
        committee = tally.meeting.round.committee.name
        notify(
            user=application.applicant,
            title=f"职称评审结果：{verdict}",
            body=(
                f"您的{application.year}年{application.title.name}申报经{committee}评审会议无记名投票表决："
                f"同意 {tally.agree} 票，不同意 {tally.disagree} 票，弃权 {tally.abstain} 票"
                f"（有效出席 {tally.present} 人），{verdict}。评审结果将在评审结果公示中公布，"
                "对评审结果有异议的，可在公示期内在“申报记录”中申请复查。"
            ),
            sms_text=f"您的职称申报评审结果为{verdict}，请登录系统在“申报记录”中查看。",
        )
        told += 1
    return told
