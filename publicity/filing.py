"""Reads of the 评前公示's filing (seed 必读 (三)2: "经各高、中级评委会资格审查，拟同意提交评委会评审
的申报人员，在报送省、市人力资源和社会保障部门备案前，须……进行公示……公示无异议的方可提交备案").

`prereview_filed` is what the committee's decision asks (issue 13's evaluation; today the
评审结果公示, publicity.services.notices): an application may be decided only once its pre-review
notice ended without an unresolved or upheld objection and the office recorded the filing.
Re-exported by publicity.selectors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from core.dates import deadline_label

from .models import (
    OPEN_STATUSES,
    Objection,
    PreReviewFiledApplication,
    PreReviewFiling,
    Publicity,
    PublicityEntry,
    PublicityKind,
)

# Where people read the rule (seed part 一, 职称申报必读 (三)2): cited as it is, and quoted.
FILING_CITE = "见《职称申报必读》（三）2"
SOURCE = (
    f"{FILING_CITE}：经资格审查拟提交评委会评审的申报人员，在报送省、市人力资源和社会保障部门"
    "备案前须进行评前公示，公示期不少于5个工作日，公示无异议的方可提交备案"
)


def application_for_viewer(*, actor, application_id):
    """An application its applicant or a reviewer with it in scope may read the filing of
    (anyone else, or an unknown id: NotFound)."""
    from applications.models import Application
    from core.errors import NotFound
    from reviews.selectors import review_scope

    try:
        pk = int(str(application_id).strip())
    except (TypeError, ValueError):
        raise NotFound("未找到该申报。") from None
    application = Application.objects.defer("snapshot").filter(pk=pk).first()
    if application is None or not (
        application.applicant_id == getattr(actor, "pk", None)
        or review_scope(actor=actor).filter(pk=pk).exists()
    ):
        raise NotFound("未找到该申报。")
    return application


def filing_of(*, application) -> PreReviewFiledApplication | None:
    """The filing of the application (None while not filed)."""
    return (
        PreReviewFiledApplication.objects.select_related(
            "filing", "filing__notice", "filing__filed_by", "entry"
        )
        .filter(application=application)
        .first()
    )


def prereview_filed(*, application, today: date | None = None) -> tuple[bool, str]:
    """(True, "") once the application's 评前公示 has been filed; else (False, why not) — not yet
    publicised, the notice still running, an objection unresolved or upheld, or not filed yet."""
    item, reason = prereview_filing_state(application=application, today=today)
    return item is not None, reason


def prereview_filing_state(
    *, application, today: date | None = None
) -> tuple[PreReviewFiledApplication | None, str]:
    """prereview_filed with the filing itself: (the filing, "") once filed, else (None, why not),
    for the pages that show the filing (one query when it is filed)."""
    item = filing_of(application=application)
    if item is not None:
        return item, ""
    today = today or timezone.localdate()
    entry = (
        PublicityEntry.objects.filter(application=application, publicity__kind=PublicityKind.PRE_REVIEW)
        .select_related("publicity")
        .order_by("-publicity__end_date", "-id")
        .first()
    )
    if entry is None:
        return None, f"尚未进行评前公示（{SOURCE}）。"
    notice = entry.publicity
    if notice.end_date >= today:
        return (
            None,
            f"评前公示“{notice.title}”尚未结束（{deadline_label(notice.end_date)} 结束），"
            "公示结束后方可报送备案。",
        )
    objections = Objection.objects.filter(application=application, publicity__kind=PublicityKind.PRE_REVIEW)
    if objections.filter(upheld=True).exists():
        return None, f"评前公示期间对该申报人的异议经核实成立，不能报送备案和提交评审（{SOURCE}）。"
    if Objection.objects.filter(application=application, handling_status__in=OPEN_STATUSES).exists():
        return None, "该申报人有尚未办结的公示异议，异议办结后方可报送备案。"
    return (
        None,
        f"评前公示“{notice.title}”已结束，尚未登记报送省、市人社部门备案"
        "（由评委会办事机构在“公示管理”中登记）。",
    )


@dataclass(frozen=True)
class EntryFilingRow:
    entry: PublicityEntry
    state: str  # "filed", "eligible", "waiting", "blocked"
    reason: str
    item: PreReviewFiledApplication | None = None

    @property
    def state_label(self) -> str:
        return {"filed": "已备案", "eligible": "可报送备案", "waiting": "公示中", "blocked": "不能备案"}[
            self.state
        ]


def notice_filing_rows(*, notice: Publicity, today: date | None = None) -> list[EntryFilingRow]:
    """Each applicant of a pre-review notice with where its filing stands (four queries)."""
    from applications.models import ApplicationStatus

    today = today or timezone.localdate()
    entries = list(
        notice.entries.select_related("application").defer("application__snapshot").order_by("order", "pk")
    )
    ids = [e.application_id for e in entries]
    filed = {
        item.application_id: item
        for item in PreReviewFiledApplication.objects.filter(application_id__in=ids).select_related(
            "filing", "filing__filed_by"
        )
    }
    unresolved = set(
        Objection.objects.filter(application_id__in=ids, handling_status__in=OPEN_STATUSES).values_list(
            "application_id", flat=True
        )
    )
    upheld = set(
        Objection.objects.filter(publicity=notice, upheld=True).values_list("application_id", flat=True)
    )
    rows = []
    for entry in entries:
        pk = entry.application_id
        status = entry.application.status
        if pk in filed:
            rows.append(EntryFilingRow(entry, "filed", "", filed[pk]))
        elif notice.end_date >= today:
            rows.append(
                EntryFilingRow(
                    entry, "waiting", f"公示 {deadline_label(notice.end_date)} 结束后方可报送备案。"
                )
            )
        elif pk in upheld:
            rows.append(EntryFilingRow(entry, "blocked", "异议经核实成立，不能报送备案。"))
        elif pk in unresolved:
            rows.append(EntryFilingRow(entry, "blocked", "有尚未办结的异议，办结后方可报送备案。"))
        elif status != ApplicationStatus.APPROVED:
            label = ApplicationStatus(status).label
            rows.append(EntryFilingRow(entry, "blocked", f"申报当前状态为“{label}”，不能报送备案。"))
        else:
            rows.append(EntryFilingRow(entry, "eligible", ""))
    return rows


def filings_of_notice(*, notice: Publicity) -> list[PreReviewFiling]:
    return list(notice.filings.select_related("filed_by").prefetch_related("items__entry").order_by("id"))
