"""Reads of public notices (公示) and objections (异议): the public list and page, the publisher's
own notices (the one place that decides who publishes what: `publisher_for`), the applications a
publisher may put on a notice, the hold an unresolved objection puts on an application (rule 4),
and the outcome of a unit's online publicity for the unit step (rule 2)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from accounts.models import Role
from core.dates import deadline_label
from core.errors import NotFound
from core.sources import UNIT_PUBLICITY_SOURCE

# 评前公示备案 (seed 必读 (三)2) lives in publicity/filing.py; its reads are offered here too.
from .filing import (  # noqa: F401
    EntryFilingRow,
    application_for_viewer,
    filing_of,
    filings_of_notice,
    notice_filing_rows,
    prereview_filed,
    prereview_filing_state,
)
from .models import (
    OPEN_STATUSES,
    Objection,
    ObjectionStatus,
    Publicity,
    PublicityEntry,
    PublicityKind,
)

NOTICE_NOT_FOUND = "未找到该公示。"
OBJECTION_NOT_FOUND = "未找到该异议。"
# The public list shows closed notices of the last this many days.
RECENTLY_CLOSED_DAYS = 365


def _pk(value, message: str) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        raise NotFound(message) from None


# --- who publishes ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Publisher:
    """What the actor publishes as: an organisation (a unit, the city bureau) or a committee, and
    the kinds of notice it may publish."""

    org: object | None
    committee: object | None
    kinds: tuple[str, ...]

    @property
    def name(self) -> str:
        return str(self.committee or self.org or "")

    def notices(self) -> QuerySet[Publicity]:
        if self.committee is not None:
            return Publicity.objects.filter(publisher_committee=self.committee, kind__in=self.kinds)
        return Publicity.objects.filter(publisher_org=self.org, kind__in=self.kinds)


def publisher_for(actor) -> Publisher | None:
    """A unit admin publishes its unit's 单位公示 (rule 2); a committee office publishes its
    committee's 评前公示 and 评审结果公示 (rule 3), and so may the city bureau's reviewer for the
    applications in its scope. Anyone else publishes nothing (None)."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return None
    role = actor.role
    if role == Role.UNIT_ADMIN and actor.organisation_id:
        return Publisher(org=actor.organisation, committee=None, kinds=(PublicityKind.UNIT,))
    committee_kinds = (PublicityKind.PRE_REVIEW, PublicityKind.RESULT)
    if role == Role.COMMITTEE_OFFICE and actor.committee_id:
        return Publisher(org=None, committee=actor.committee, kinds=committee_kinds)
    if role == Role.CITY_REVIEWER and actor.organisation_id:
        return Publisher(org=actor.organisation, committee=None, kinds=committee_kinds)
    return None


def candidates_for(*, actor, kind: str) -> QuerySet:
    """The applications the actor may put on a notice of `kind`, from its jurisdiction
    (reviews.selectors.review_scope): a unit's own staff's applications in review at its unit step;
    for a committee (or the city bureau) its applications that passed 资格审查 (the electronic
    review: approved, with a committee) — seed 必读 (三)2: the pre-review notice is for those the
    committee "拟同意提交评委会评审"; for a result notice its 评审通过 applications (issue 13 item 8:
    results only; the notice itself is generated from a round, evaluation/results.py)."""
    from applications.models import Application, ApplicationStatus, StepKind
    from reviews.selectors import review_scope

    publisher = publisher_for(actor)
    if publisher is None or kind not in publisher.kinds:
        return Application.objects.none()
    scope = review_scope(actor=actor)
    if kind == PublicityKind.UNIT:
        scope = scope.filter(
            status=ApplicationStatus.IN_REVIEW,
            current_step__kind=StepKind.UNIT,
            current_step__organisation_id=actor.organisation_id,
        )
    elif kind == PublicityKind.RESULT:
        scope = scope.filter(status=ApplicationStatus.PASSED, committee__isnull=False)
    else:
        scope = scope.filter(status=ApplicationStatus.APPROVED, committee__isnull=False)
    return (
        scope.defer("snapshot")
        .select_related("applicant", "unit", "series", "title")
        .order_by("unit__name", "applicant__name", "pk")
    )


def notices_for_publisher(*, actor) -> QuerySet[Publicity]:
    """The actor's own notices, newest first, with their entry and objection counts."""
    publisher = publisher_for(actor)
    if publisher is None:
        return Publicity.objects.none()
    return (
        publisher.notices()
        .annotate(
            entry_count=Count("entries", distinct=True),
            objection_count=Count("objections", distinct=True),
            open_objection_count=Count(
                "objections", filter=Q(objections__handling_status__in=OPEN_STATUSES), distinct=True
            ),
        )
        .order_by("-created_at", "-id")
    )


def notice_for_publisher(*, actor, notice_id) -> Publicity:
    """One of the actor's own notices; anyone else's (or an unknown id): NotFound."""
    pk = _pk(notice_id, NOTICE_NOT_FOUND)
    publisher = publisher_for(actor)
    notice = (
        publisher.notices().select_related("publisher_org", "publisher_committee").filter(pk=pk).first()
        if publisher is not None
        else None
    )
    if notice is None:
        raise NotFound(NOTICE_NOT_FOUND)
    return notice


def objection_for_publisher(*, actor, objection_id) -> Objection:
    """An objection to one of the actor's own notices (the organisation that handles it, rule 4)."""
    pk = _pk(objection_id, OBJECTION_NOT_FOUND)
    publisher = publisher_for(actor)
    objection = None
    if publisher is not None:
        objection = (
            Objection.objects.select_related("publicity", "entry", "handled_by")
            .filter(pk=pk, publicity__in=publisher.notices())
            .first()
        )
    if objection is None:
        raise NotFound(OBJECTION_NOT_FOUND)
    return objection


def objections_of_notice(*, notice: Publicity) -> QuerySet[Objection]:
    return notice.objections.select_related("entry", "handled_by").order_by("-created_at", "-id")


# --- the public side --------------------------------------------------------------------------------


def public_list(*, kind: str = "", today: date | None = None) -> QuerySet[Publicity]:
    """The notices the public sees: open first, then upcoming, then those closed in the last
    RECENTLY_CLOSED_DAYS days (most recently closed first)."""
    today = today or timezone.localdate()
    qs = Publicity.objects.filter(end_date__gte=today - timedelta(days=RECENTLY_CLOSED_DAYS))
    if kind in PublicityKind.values:
        qs = qs.filter(kind=kind)
    return (
        qs.select_related("publisher_org", "publisher_committee")
        .annotate(
            state_rank=Case(
                When(start_date__lte=today, end_date__gte=today, then=Value(0)),
                When(start_date__gt=today, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
            entry_count=Count("entries"),
        )
        .order_by("state_rank", "-end_date", "-id")
    )


def public_get(*, notice_id) -> Publicity:
    """One notice with its entries (anyone may read it)."""
    pk = _pk(notice_id, NOTICE_NOT_FOUND)
    notice = Publicity.objects.select_related("publisher_org", "publisher_committee").filter(pk=pk).first()
    if notice is None:
        raise NotFound(NOTICE_NOT_FOUND)
    return notice


def entries_of(*, notice: Publicity) -> list[PublicityEntry]:
    return list(notice.entries.order_by("order", "pk"))


# --- the hold (rule 4) ------------------------------------------------------------------------------


def objection_hold(*, application_id) -> str:
    """Why the application cannot be passed now because of an unresolved objection ("" when it is
    free). Asked by applications.state.application_pass under the application's row lock."""
    objection = (
        Objection.objects.filter(application_id=application_id, handling_status__in=OPEN_STATUSES)
        .select_related("publicity")
        .order_by("created_at", "id")
        .first()
    )
    if objection is None:
        return ""
    notice = objection.publicity
    return (
        f"该申报人在“{notice.title}”（{notice.get_kind_display()}）期间被提出异议，"
        f"异议尚未办结（{objection.get_handling_status_display()}），"
        f"须由{notice.publisher_name}核实处理办结后方可审核通过"
        f"（见《职称申报必读》（三）4：公示期内任何单位或者个人有异议均可反映，由对应层级作出相应处理）。"
    )


def application_objections(*, application) -> list[Objection]:
    """Every objection about the application, from any notice, oldest first (the review page)."""
    return list(
        Objection.objects.filter(application=application)
        .select_related(
            "publicity", "publicity__publisher_org", "publicity__publisher_committee", "handled_by"
        )
        .order_by("created_at", "id")
    )


# --- the unit's online publicity (rule 2) -----------------------------------------------------------


@dataclass(frozen=True)
class UnitNoticeOutcome:
    result: str  # recommend.models.PublicityResult value, "" while not settled
    handling: str
    problems: list[str]  # what the unit waits for (the period, unresolved objections)
    blocks: list[str] = field(default_factory=list)  # an upheld objection: no recommendation


def handling_text(objections) -> str:
    """The objections' outcomes as the 单位公示's 异议处理情况."""
    lines = []
    for number, objection in enumerate(objections, start=1):
        if objection.handling_status == ObjectionStatus.NOT_ACCEPTED:
            lines.append(f"{number}. 异议不予受理：{objection.acceptance_note}")
        else:
            finding = f"{objection.finding_label}。" if objection.finding_label else ""
            lines.append(
                f"{number}. 经核实，{finding}核实情况：{objection.verification} 处理结果：{objection.outcome}"
            )
    return "\n".join(lines)


def upheld_message(objection: Objection) -> str:
    notice = objection.publicity
    return (
        f"单位公示“{notice.title}”期间对该申报人的异议（编号 {objection.pk}）经核实成立，"
        f"不能推荐（{UNIT_PUBLICITY_SOURCE}）。请将申报返回修改或重置流程；"
        "申报人修改后须重新进行单位公示，公示无异议的方可推荐。"
    )


def unit_notice_outcome(*, notice: Publicity, application_id, today: date) -> UnitNoticeOutcome:
    """The result of a unit's online notice for one applicant: 无异议 once the notice has closed
    without objection; 有异议，经核实不成立 (with the outcomes as handling) once it has closed and
    every objection about this applicant is resolved and none upheld; 有异议，经核实成立 when one
    was upheld, which keeps the unit from recommending (`blocks`); otherwise the problems that
    keep the unit waiting."""
    from recommend.models import PublicityResult

    objections = list(
        Objection.objects.filter(publicity=notice, application_id=application_id)
        .select_related("publicity")
        .order_by("created_at", "id")
    )
    problems = []
    if notice.end_date >= today:
        problems.append(
            f"网上单位公示“{notice.title}”尚未结束（{deadline_label(notice.end_date)} 结束），"
            "公示结束后方可推荐。"
        )
    unresolved = [o for o in objections if o.is_open]
    if unresolved:
        problems.append(f"网上单位公示有 {len(unresolved)} 条异议尚未办结，异议办结后方可推荐。")
    if problems:
        return UnitNoticeOutcome(result="", handling="", problems=problems)
    if not objections:
        return UnitNoticeOutcome(result=PublicityResult.NO_OBJECTION, handling="", problems=[])
    upheld = [o for o in objections if o.upheld]
    if upheld:
        return UnitNoticeOutcome(
            result=PublicityResult.OBJECTION_UPHELD,
            handling=handling_text(objections),
            problems=[],
            blocks=[upheld_message(upheld[0])],
        )
    return UnitNoticeOutcome(
        result=PublicityResult.OBJECTION_HANDLED, handling=handling_text(objections), problems=[]
    )


def upheld_unit_objection(*, application_id) -> Objection | None:
    """The latest objection found 成立 on a unit notice about the application (None without one).
    The unit step asks it so that replacing the notice by a hand-filled record cannot pass over
    it: only a 单位公示 held after it was resolved counts (recommend.selectors.publicity_check)."""
    return (
        Objection.objects.filter(
            application_id=application_id, publicity__kind=PublicityKind.UNIT, upheld=True
        )
        .select_related("publicity")
        .order_by("-resolved_at", "-id")
        .first()
    )
