"""复查 (人社部令第40号, rule 34 of docs/domain.md; issue 13 item 9): an applicant who disputes the
meeting's fixed result asks, within its period, for a review with reasons; the committee office
decides 维持原评审结果 or 重新评议 (the application goes back to 电子材料审核通过 and joins the
committee's next round, evaluation/rounds.py `_eligible_applications`).

The period runs from the meeting's close to the last day of the round's 评审结果公示
(Round.result_notice.end_date, inclusive); before a notice exists the applicant may already ask.
One appeal per result (Appeal.tally is unique). Both steps go through the state machine
(applications.state: application_appeal, application_appeal_decide): the application's row lock
serialises concurrent clicks, the guard re-checks under it, one ReviewEvent each in the trail."""

from __future__ import annotations

from datetime import date

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone

from accounts.models import Role
from applications.models import Application, ApplicationStatus
from applications.state import AlreadyDone, application_appeal, application_appeal_decide
from core.audit import audit
from core.dates import date_label, period_label
from core.errors import Conflict, FieldErrors, Forbidden, NotFound, id_or_not_found
from core.fields import line_field
from core.sources import cite

from .meeting_models import Tally
from .result_models import Appeal, AppealDecision, ResultConfirmation

REASONS_MAX = 2000
NOTE_MAX = 1000
SOURCE_34 = cite(34)
RESULT_STATUSES = (ApplicationStatus.PASSED, ApplicationStatus.FAILED)


# --- reads ----------------------------------------------------------------------------------------


def latest_tally(*, application_id: int) -> Tally | None:
    """The application's latest fixed result (a 重新评议 leads to a later one)."""
    return (
        Tally.objects.filter(entry__application_id=application_id, fixed_at__isnull=False)
        .select_related("entry__round__result_notice", "entry__round__committee")
        .order_by("-fixed_at", "-pk")
        .first()
    )


def appeal_period(tally: Tally) -> tuple[date, date | None]:
    """(first day, last day or None while no result notice exists) of the 复查 period."""
    notice = tally.entry.round.result_notice
    start = timezone.localdate(tally.fixed_at)
    return start, (notice.end_date if notice is not None else None)


def appeal_period_label(tally: Tally) -> str:
    start, end = appeal_period(tally)
    if end is None:
        return f"自{date_label(start)}评审会议结束起，至评审结果公示期结束"
    return period_label(start, end)


def appeal_period_problem(*, tally: Tally, today: date) -> str | None:
    """Why the period is over (None: the applicant may still ask)."""
    start, end = appeal_period(tally)
    if end is not None and today > end:
        notice = tally.entry.round.result_notice
        return (
            f"评审结果公示期为{period_label(notice.start_date, end)}，复查申请须在公示期内"
            f"（{date_label(end)}前）提出，现已截止，不能再申请复查（{SOURCE_34}）。"
        )
    if today < start:  # pragma: no cover - a result is fixed at the meeting's close, today or before
        return "评审会议尚未结束，不能申请复查。"
    return None


def my_results(*, actor) -> list[dict]:
    """The applicant's page 评审结果: each fixed result of their applications (the latest first),
    with the counts, the 复查 period and the appeal if any; a constant number of queries."""
    if getattr(actor, "role", None) != Role.APPLICANT:
        raise Forbidden("只有申报人可以查看本人的评审结果。")
    tallies = list(
        Tally.objects.filter(entry__application__applicant=actor, fixed_at__isnull=False)
        .select_related(
            "entry__application__title",
            "entry__application__committee",
            "entry__round__committee",
            "entry__round__result_notice",
        )
        .order_by("-fixed_at", "-pk")
    )
    appeals = {a.tally_id: a for a in Appeal.objects.filter(tally__in=[t.pk for t in tallies])}
    today = timezone.localdate()
    seen: set[int] = set()
    rows = []
    for tally in tallies:
        application = tally.entry.application
        latest = application.pk not in seen
        seen.add(application.pk)
        appeal = appeals.get(tally.pk)
        problem = appeal_period_problem(tally=tally, today=today)
        rows.append(
            {
                "tally": tally,
                "application": application,
                "round": tally.entry.round,
                "latest": latest,
                "appeal": appeal,
                "period": appeal_period_label(tally),
                "period_problem": problem,
                "can_appeal": latest
                and appeal is None
                and problem is None
                and application.status in RESULT_STATUSES,
            }
        )
    return rows


def has_result(user) -> bool:
    """Whether the applicant has a fixed result (the menu shows 评审结果 then)."""
    return Tally.objects.filter(entry__application__applicant=user, fixed_at__isnull=False).exists()


def _office(actor):
    if getattr(actor, "role", None) != Role.COMMITTEE_OFFICE:
        raise Forbidden("只有评委会办事机构可以办理复查申请。")
    if not getattr(actor, "committee_id", None):
        raise NotFound("您的账号尚未关联评委会，请联系技术支持。")
    return actor.committee_id


def appeals_list(*, actor) -> QuerySet[Appeal]:
    """The committee office's 复查申请: its committee's appeals, the open ones first, newest first."""
    committee_id = _office(actor)
    return (
        Appeal.objects.filter(application__committee_id=committee_id)
        .select_related(
            "application__applicant",
            "application__title",
            "application__unit",
            "tally__entry__round",
            "decided_by",
        )
        .annotate(
            closed=Case(When(decision="", then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .order_by("closed", "-created_at", "-pk")
    )


def appeal_get(*, actor, appeal_id) -> Appeal:
    committee_id = _office(actor)
    pk = id_or_not_found(appeal_id, "未找到该复查申请。")
    appeal = (
        Appeal.objects.select_related("application__applicant", "tally__entry__round")
        .filter(pk=pk, application__committee_id=committee_id)
        .first()
    )
    if appeal is None:
        raise NotFound("未找到该复查申请。")
    return appeal


# --- writes ---------------------------------------------------------------------------------------


def appeals_create(*, actor, application_id, reasons, ip: str | None = None) -> Appeal:
    """申请复查: the applicant, on their own application's latest fixed result, within the period,
    once per result, with reasons. Through `application_appeal` (status unchanged, event "appeal")."""
    if getattr(actor, "role", None) != Role.APPLICANT:
        raise Forbidden("只有申报人本人可以申请复查。")
    pk = id_or_not_found(application_id, "未找到该申报。")
    application = Application.objects.filter(pk=pk, applicant=actor).first()
    if application is None:
        raise NotFound("未找到该申报。")
    errors = FieldErrors()
    text = line_field(errors, "reasons", reasons, label="复查理由", max_length=REASONS_MAX)
    errors.raise_if_any()
    found: dict[str, object] = {}

    def guard(locked: Application) -> None:
        tally = latest_tally(application_id=locked.pk)
        if tally is None:
            raise Conflict("该申报尚无评审结果，不能申请复查。")
        earlier = Appeal.objects.filter(tally=tally).first()
        if earlier is not None:
            raise Conflict(
                f"您已于{date_label(timezone.localdate(earlier.created_at))}对该评审结果申请复查，"
                "每个评审结果只能申请一次复查，请等待评委会办事机构办理。"
            )
        problem = appeal_period_problem(tally=tally, today=timezone.localdate())
        if problem:
            raise Conflict(problem)
        found["tally"] = tally

    def after_event(event) -> None:
        appeal = Appeal.objects.create(
            application=application, tally=found["tally"], reasons=text, created_by=actor
        )
        found["appeal"] = appeal
        audit(
            actor=actor,
            action="evaluation_appeal_create",
            target=appeal,
            detail={"application": application.pk, "tally": appeal.tally_id, "event": event.pk},
            ip=ip,
        )

    if application.status not in RESULT_STATUSES:
        raise Conflict(
            f"该申报当前状态为“{application.get_status_display()}”，只有评审通过或评审未通过的评审结果"
            f"可以申请复查（{SOURCE_34}）。"
        )
    try:
        application_appeal(
            application_id=application.pk,
            actor=actor,
            opinion=f"申请复查。复查理由：{text}",
            ip=ip,
            guard=guard,
            after_event=after_event,
        )
    except AlreadyDone as exc:
        raise Conflict(f"{exc.detail}只有评审通过或评审未通过的评审结果可以申请复查。") from None
    return found["appeal"]  # type: ignore[return-value]


def _decided_message(appeal: Appeal) -> str:
    when = date_label(timezone.localdate(appeal.decided_at)) if appeal.decided_at else ""
    return f"该复查申请已于{when}办结（{appeal.get_decision_display()}），不能重复办理。"


def appeals_decide(*, actor, appeal_id, decision, note, ip: str | None = None) -> Appeal:
    """办理复查: the committee office records 维持原评审结果 (kept: status unchanged) or 重新评议
    (reconsider: back to 电子材料审核通过, for the next round), with its note, once."""
    appeal = appeal_get(actor=actor, appeal_id=appeal_id)
    errors = FieldErrors()
    if decision not in AppealDecision.values:
        errors.add("decision", "请选择复查结论：维持原评审结果或重新评议。")
    text = line_field(errors, "note", note, label="复查意见", max_length=NOTE_MAX)
    errors.raise_if_any()
    if appeal.decision:
        raise Conflict(_decided_message(appeal))
    reconsider = decision == AppealDecision.RECONSIDER

    def guard(locked: Application) -> None:
        fresh = Appeal.objects.select_for_update().get(pk=appeal.pk)
        if fresh.decision:
            raise Conflict(_decided_message(fresh))
        if reconsider and ResultConfirmation.objects.filter(application=locked).exists():
            raise Conflict(
                "该评审结果已核准（备案），不能再重新评议；如发现以不正当手段取得职称，"
                f"可由市人社局或评委会组建单位撤销职称（{cite(35)}）。"
            )

    def after_event(event) -> None:
        now = timezone.now()
        Appeal.objects.filter(pk=appeal.pk).update(
            decision=decision, decision_note=text, decided_by=actor, decided_at=now
        )
        audit(
            actor=actor,
            action="evaluation_appeal_decide",
            target=appeal,
            detail={"application": appeal.application_id, "decision": decision, "event": event.pk},
            ip=ip,
        )

    verdict = (
        "复查结论：重新评议，申报退回“电子材料审核通过”，参加本评委会下一次评审会议。"
        if reconsider
        else "复查结论：维持原评审结果。"
    )
    try:
        application_appeal_decide(
            application_id=appeal.application_id,
            reconsider=reconsider,
            actor=actor,
            opinion=f"{verdict}复查意见：{text}",
            ip=ip,
            guard=guard,
            after_event=after_event,
        )
    except AlreadyDone:
        # Another click decided it a moment ago (重新评议 moved the status): say so plainly.
        appeal.refresh_from_db()
        if appeal.decision:
            raise Conflict(_decided_message(appeal)) from None
        raise
    appeal.refresh_from_db()
    return appeal


__all__ = [
    "appeal_get",
    "appeal_period",
    "appeal_period_problem",
    "appeals_create",
    "appeals_decide",
    "appeals_list",
    "has_result",
    "latest_tally",
    "my_results",
]
