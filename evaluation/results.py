"""评审结果 after the meeting (issue 13 item 8; 人社部令第40号, rule 33; rules 3 and 4): the results
list, the 评审结果公示 generated from a closed round's fixed results, and their 核准/备案.

- `results_list`: every fixed result the viewer may see — the committee office its committee's, the
  city bureau (市人社局审核员) the provincial committees' — with the counts, the result notice, the
  objection state on the person's entry of that notice (rule 4), the appeal (rule 34), the
  confirmation and any revocation. A constant number of queries.
- `result_notice_create`: the office of a closed round publishes its 评审结果公示 once: the round's
  评审通过 applications only (decision 0011: the failed are not listed publicly), at least
  PUBLICITY_MIN_WORKDAYS working days (publicity.services.result_notice_publish, rule 3).
- `results_confirm`: 核准/备案 of 评审通过 results whose notice has ended with no objection open
  or upheld and no appeal open, by the committee office — or, for a provincial committee, by the
  city bureau. All or nothing: every problem of the chosen applications is listed at once. Each
  goes through the state machine (applications.state.application_confirm: one ReviewEvent
  "confirm" under the application's row lock) and adds the title to the person's 现有职称情况 with
  the date and document number."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import Role
from applications.models import Application, ApplicationStatus
from applications.state import application_confirm
from core.audit import audit
from core.dates import date_label
from core.errors import Conflict, FieldErrors, Forbidden, NotFound, id_or_not_found
from core.fields import date_field, text_field
from core.sources import cite
from publicity.models import OPEN_STATUSES, Objection, Publicity, PublicityState
from publicity.services import result_notice_publish
from publicity.services.fields import parse_ids
from recognition.recognition import current_title_add
from workcal.services import add_workdays

from .meeting_models import Outcome, Tally
from .models import Round, RoundStatus
from .result_models import Appeal, ResultConfirmation
from .rounds import round_for_office

DOCUMENT_MAX = 100
SOURCE_CONFIRM = cite(33)
NOT_FOUND = "未找到该评审结果。"

OBJECTION_LABELS = {"open": "异议办理中", "upheld": "异议成立", "none": "无异议"}
APPEAL_LABELS = {"open": "复查办理中", "decided": "复查已办结", "none": "—"}


# --- who sees and who confirms ----------------------------------------------------------------------


def _visible_rounds(actor) -> Q:
    """The committee office sees its committee's results; the city bureau's reviewer those of the
    provincial committees (their results are confirmed by the city bureau, rule 33)."""
    role = getattr(actor, "role", None)
    if role == Role.COMMITTEE_OFFICE and getattr(actor, "committee_id", None):
        return Q(committee_id=actor.committee_id)
    if role == Role.CITY_REVIEWER and getattr(actor, "organisation_id", None):
        return Q(committee__is_provincial=True)
    raise Forbidden("只有评委会办事机构和市人社局审核员（省级评委会的评审结果）可以查看评审结果。")


def confirm_refusal(actor, committee) -> str:
    """Why the actor may not confirm this committee's results ("" when they may): the committee
    office confirms its own committee's results; a provincial committee's are confirmed by the
    city bureau (市人社局)."""
    role = getattr(actor, "role", None)
    if committee.is_provincial:
        if role == Role.CITY_REVIEWER:
            return ""
        return (
            f"{committee.name}为省级评委会，其评审结果由市人社局核准（备案），评委会办事机构不能核准（备案）"
            f"（{SOURCE_CONFIRM}）。"
        )
    if role == Role.COMMITTEE_OFFICE and getattr(actor, "committee_id", None) == committee.pk:
        return ""
    return f"{committee.name}的评审结果由本评委会办事机构核准（备案）（{SOURCE_CONFIRM}）。"


# --- the rows -----------------------------------------------------------------------------------------


@dataclass
class ResultRow:
    tally: Tally
    round: Round
    application: Application
    notice: Publicity | None
    notice_state: str  # "" (no notice), upcoming, open, closed
    objection: str  # open / upheld / none (on the person's entry of the result notice)
    appeal: str  # open / decided / none
    confirmation: ResultConfirmation | None
    revoked: bool
    problem: str = ""  # why it cannot be confirmed now ("" when it can)
    confirmable: bool = False

    @property
    def name(self) -> str:
        return self.application.applicant.name

    @property
    def notice_state_label(self) -> str:
        return PublicityState(self.notice_state).label if self.notice_state else "未公示"

    @property
    def objection_label(self) -> str:
        return OBJECTION_LABELS[self.objection]

    @property
    def appeal_label(self) -> str:
        return APPEAL_LABELS[self.appeal]


def _tallies(round_filter: Q, *, application_ids: list[int] | None = None) -> list[Tally]:
    qs = Tally.objects.filter(fixed_at__isnull=False, entry__round__in=Round.objects.filter(round_filter))
    if application_ids is not None:
        qs = qs.filter(entry__application_id__in=application_ids)
    return list(
        qs.select_related(
            "entry__round__committee",
            "entry__round__result_notice",
            "entry__application__applicant",
            "entry__application__unit",
            "entry__application__series",
            "entry__application__title",
            "entry__application__revocation",
            "confirmation",
        ).order_by("-entry__round__meeting_date", "entry__round_id", "-outcome", "entry_id")
    )


def _objection_states(pairs: set[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """{(notice id, application id): "open" / "upheld"} for the objections lodged on a person's
    entry of a result notice (one query)."""
    if not pairs:
        return {}
    notices = {n for n, _a in pairs}
    apps = {a for _n, a in pairs}
    states: dict[tuple[int, int], str] = {}
    for notice_id, app_id, status, upheld in Objection.objects.filter(
        publicity_id__in=notices, application_id__in=apps
    ).values_list("publicity_id", "application_id", "handling_status", "upheld"):
        key = (notice_id, app_id)
        if key not in pairs:
            continue
        if status in OPEN_STATUSES:
            states[key] = "open"
        elif upheld and states.get(key) != "open":
            states[key] = "upheld"
    return states


def _rows(tallies: list[Tally], *, today: date) -> list[ResultRow]:
    """The rows of these fixed results: two more queries (objections, appeals) whatever their number."""
    pairs = {
        (t.entry.round.result_notice_id, t.entry.application_id)
        for t in tallies
        if t.entry.round.result_notice_id
    }
    objections = _objection_states(pairs)
    appeals = {
        tally_id: ("decided" if decision else "open")
        for tally_id, decision in Appeal.objects.filter(tally_id__in=[t.pk for t in tallies]).values_list(
            "tally_id", "decision"
        )
    }
    rows = []
    for t in tallies:
        application = t.entry.application
        row = t.entry.round
        notice = row.result_notice
        confirmation = t.confirmation if _has(t, "confirmation") else None
        result = ResultRow(
            tally=t,
            round=row,
            application=application,
            notice=notice,
            notice_state=notice.state_on(today) if notice else "",
            objection=objections.get((row.result_notice_id, application.pk), "none"),
            appeal=appeals.get(t.pk, "none"),
            confirmation=confirmation,
            revoked=_has(application, "revocation"),
        )
        result.problem = confirm_problem(result, today=today)
        result.confirmable = not result.problem
        rows.append(result)
    return rows


def _has(obj, name: str) -> bool:
    """Whether a reverse one-to-one (read with select_related) is there, without a query."""
    try:
        return getattr(obj, name) is not None
    except ObjectDoesNotExist:
        return False


def confirm_problem(row: ResultRow, *, today: date) -> str:
    """Why this result cannot be confirmed (核准/备案) today, in the words of its source; "" when it
    can. Rule 33: published for at least 5 working days, no objection upheld; rule 4: an objection
    being handled holds the result; rule 34: an appeal being handled holds it too."""
    application, notice = row.application, row.notice
    if row.confirmation is not None:
        c = row.confirmation
        return (
            f"评审结果已于{date_label(c.confirmed_on)}核准（备案）（文号 {c.document_number}），"
            "不能重复核准（备案）。"
        )
    if row.tally.outcome != Outcome.PASSED or application.status != ApplicationStatus.PASSED:
        return (
            f"当前状态为“{application.get_status_display()}”，只有评审通过的评审结果可以核准（备案）"
            f"（{SOURCE_CONFIRM}）。"
        )
    if notice is None:
        return f"评审结果尚未公示：评审结果公示期满且无异议后方可核准（备案）（{cite(3, 33)}）。"
    if today <= notice.end_date:
        return (
            f"评审结果公示“{notice.title}”至{date_label(notice.end_date)}结束，"
            f"公示期满后方可核准（备案）（{cite(3, 33)}）。"
        )
    if row.objection == "open":
        return (
            f"评审结果公示期间对该申报人提出的异议尚未办结，该评审结果暂缓核准（备案），"
            f"异议办结后方可办理（{cite(4)}）。"
        )
    if row.objection == "upheld":
        return (
            f"评审结果公示期间对该申报人提出的异议经核实成立，不能核准（备案）"
            f"（{cite(4, 33)}：公示无异议的评审结果方可核准或者备案）。"
        )
    if row.appeal == "open":
        return f"申报人已申请复查，复查尚未办结，办结前不能核准（备案）（{cite(34)}）。"
    return ""


# --- reads --------------------------------------------------------------------------------------------


def results_list(*, actor, round_id=None, today: date | None = None) -> list[ResultRow]:
    """评审结果: every fixed result the actor may see (optionally of one round), newest round
    first, the passed before the failed. 404 for a round the actor may not see."""
    today = today or timezone.localdate()
    visible = _visible_rounds(actor)
    if round_id not in (None, ""):
        pk = id_or_not_found(round_id, "未找到该评审批次。")
        if not Round.objects.filter(visible, pk=pk).exists():
            raise NotFound("未找到该评审批次。")
        visible &= Q(pk=pk)
    return _rows(_tallies(visible), today=today)


def notice_defaults(*, row: Round, today: date | None = None) -> dict:
    """The form's prefilled period: from the next working day, PUBLICITY_MIN_WORKDAYS working days
    (rule 3), and a title."""
    from core import rulebook

    today = today or timezone.localdate()
    start = add_workdays(start=today, days=1)
    end = add_workdays(start=start, days=rulebook.PUBLICITY_MIN_WORKDAYS - 1)
    return {
        "title": f"{row.committee.name}{row.year}年度职称评审结果公示（{row.name}）"[:100],
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
    }


# --- writes -------------------------------------------------------------------------------------------


def result_notice_create(
    *,
    actor,
    round_id,
    title: str | None,
    body: str | None = "",
    start_date,
    end_date,
    ip: str | None = None,
    today: date | None = None,
) -> Publicity:
    """生成评审结果公示 of a closed round, once: its 评审通过 applications only, a period of at
    least PUBLICITY_MIN_WORKDAYS working days (rule 3). The round's row lock makes a second notice
    (two clicks at once) wait and then be refused."""
    with transaction.atomic():
        row = round_for_office(actor=actor, round_id=round_id, lock=True)
        if row.status != RoundStatus.CLOSED:
            raise Conflict(f"评审批次“{row.name}”的评审会议尚未结束，表决结果确定后方可生成评审结果公示。")
        if row.result_notice_id is not None:
            notice = Publicity.objects.get(pk=row.result_notice_id)
            raise Conflict(
                f"评审批次“{row.name}”已生成评审结果公示“{notice.title}”"
                f"（{date_label(notice.start_date)}至{date_label(notice.end_date)}），每个评审批次只生成一次。"
            )
        passed = list(
            Tally.objects.filter(
                entry__round=row,
                fixed_at__isnull=False,
                outcome=Outcome.PASSED,
                entry__application__status=ApplicationStatus.PASSED,
            )
            .order_by("entry_id")
            .values_list("entry__application_id", flat=True)
        )
        if not passed:
            raise Conflict(f"评审批次“{row.name}”没有评审通过的申报人，无需生成评审结果公示。")
        notice = result_notice_publish(
            actor=actor,
            title=title,
            body=body,
            start_date=start_date,
            end_date=end_date,
            application_ids=passed,
            ip=ip,
            today=today,
        )
        row.result_notice = notice
        row.save(update_fields=["result_notice"])
        audit(
            actor=actor,
            action="evaluation_result_notice_create",
            target=row,
            detail={"notice": notice.pk, "applications": passed},
            ip=ip,
        )
    return notice


def _parse_ids(errors: FieldErrors, values) -> list[int]:
    """The chosen applications, read as the notices read theirs (publicity's `parse_ids`)."""
    ids = parse_ids(errors, values)
    if ids is None:
        return []
    if not ids:
        errors.add("application_ids", "请选择要核准（备案）的评审结果。")
    return ids


def _latest(rows: list[ResultRow]) -> dict[int, ResultRow]:
    """Per application its latest fixed result (重新评议 may give an application a second one)."""
    latest: dict[int, ResultRow] = {}
    for row in rows:
        known = latest.get(row.application.pk)
        if known is None or row.tally.fixed_at > known.tally.fixed_at:
            latest[row.application.pk] = row
    return latest


def results_confirm(
    *,
    actor,
    application_ids,
    document_number: str | None,
    confirmed_on,
    ip: str | None = None,
    today: date | None = None,
) -> list[ResultConfirmation]:
    """核准/备案 (rule 33) of the chosen 评审通过 results, all or nothing: when one of them cannot be
    confirmed, nothing is, and every problem is listed at once (`errors["application_ids"]`). Each
    is confirmed through the state machine (one ReviewEvent "confirm", the applicant told) with a
    ResultConfirmation, and the title joins the person's 现有职称情况 (obtained on the confirmation
    date, issued by the committee, with the document number). Audited."""
    today = today or timezone.localdate()
    visible = _visible_rounds(actor)
    errors = FieldErrors()
    ids = _parse_ids(errors, application_ids)
    document = text_field(
        errors, "document_number", document_number, label="核准（备案）文号", max_length=DOCUMENT_MAX
    )
    day = date_field(errors, "confirmed_on", confirmed_on, label="核准（备案）日期")
    if day is not None and day > today:
        errors.add("confirmed_on", f"核准（备案）日期不能晚于今天（{date_label(today)}）。")
    errors.raise_if_any("未核准（备案），请按提示修改。")

    with transaction.atomic():
        # The applications locked in one order: a concurrent confirm of any of them waits here and
        # then finds the confirmation (double clicks confirm once).
        list(
            Application.objects.select_for_update(of=("self",))
            .filter(pk__in=ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        latest = _latest(_rows(_tallies(visible, application_ids=ids), today=today))
        missing = [pk for pk in ids if pk not in latest]
        if missing:
            raise NotFound(NOT_FOUND)
        chosen = [latest[pk] for pk in ids]
        refused = [r for r in chosen if confirm_refusal(actor, r.round.committee)]
        if refused:
            raise Forbidden(confirm_refusal(actor, refused[0].round.committee))
        problems = [
            f"{r.name}：{problem}" for r in chosen if (problem := _problem_with_date(r, day=day, today=today))
        ]
        if problems:
            detail = (
                f"未核准（备案）：{problems[0]}"
                if len(problems) == 1
                else f"所选的{len(problems)}项评审结果不能核准（备案），本次均未办理，请按提示处理。"
            )
            raise Conflict(detail, {"application_ids": problems})
        return [_confirm_one(r, actor=actor, document=document, day=day, ip=ip) for r in chosen]


def _problem_with_date(row: ResultRow, *, day: date, today: date) -> str:
    problem = confirm_problem(row, today=today)
    if problem:
        return problem
    if day <= row.notice.end_date:
        return (
            f"核准（备案）日期（{date_label(day)}）须在评审结果公示结束（{date_label(row.notice.end_date)}）之后"
            f"（{cite(3, 33)}）。"
        )
    return ""


def _confirm_one(row: ResultRow, *, actor, document: str, day: date, ip) -> ResultConfirmation:
    # `row` was read under the application's row lock, which every change of what it says takes
    # too (an objection handled, an appeal lodged or decided, another confirmation): no second read.
    committee = row.round.committee
    made: list[ResultConfirmation] = []

    def after_event(event) -> None:
        confirmation = ResultConfirmation.objects.create(
            tally=row.tally,
            application=row.application,
            document_number=document,
            confirmed_on=day,
            confirmed_by=actor,
        )
        entry = current_title_add(
            application=row.application,
            issuer=committee.name,
            now=timezone.now(),
            action="evaluation_title_added",
            obtained_on=day,
            document_number=document,
            actor=actor,
            granted=True,
        )
        confirmation.title_entry = entry
        confirmation.save(update_fields=["title_entry"])
        audit(
            actor=actor,
            action="evaluation_result_confirm",
            target=confirmation,
            detail={
                "application": row.application.pk,
                "tally": row.tally.pk,
                "round": row.round.pk,
                "document_number": document,
                "confirmed_on": day.isoformat(),
                "title_entry": entry.pk,
            },
            ip=ip,
        )
        made.append(confirmation)

    application_confirm(
        application_id=row.application.pk,
        actor=actor,
        opinion=(
            f"{row.round.committee.name}评审结果经评审结果公示（{date_label(row.notice.start_date)}至"
            f"{date_label(row.notice.end_date)}）无异议，予以核准（备案），文号 {document}，"
            f"日期 {date_label(day)}；{row.application.title.name}记入现有职称情况。"
        ),
        ip=ip,
        after_event=after_event,
    )
    return made[0]


__all__ = [
    "ResultRow",
    "confirm_problem",
    "confirm_refusal",
    "notice_defaults",
    "result_notice_create",
    "results_confirm",
    "results_list",
]
