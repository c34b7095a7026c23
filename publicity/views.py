"""公示公告 pages. Public (no sign-in): the list of notices and one notice with its objection form.
Signed in (the publisher only, anyone else gets 404): 公示管理 — its notices with objection counts,
publishing a notice, a notice's objections and the handling form. Thin: collect input, call the
service, show its messages with the input kept."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from attachments.responses import secure_file_headers
from core.dates import date_label
from core.errors import NotFound, ServiceError
from core.forms import add_service_error
from core.http import client_ip

from . import selectors
from .forms import (
    KindFilterForm,
    ObjectionForm,
    ObjectionHandleForm,
    PreReviewFilingForm,
    PublicityCreateForm,
)
from .models import PreReviewFiling, PublicityKind, PublicityState
from .services import (
    RESULT_VIA_ROUND,
    default_authority,
    objection_create,
    objection_handle,
    prereview_filing_create,
    publicity_create,
    unit_publicity_settle,
)

NOTICES_PER_PAGE = 20
OBJECTION_FIELDS = ("entry_id", "objector_name", "objector_phone", "facts")
HANDLE_FIELDS = ("status", "acceptance_note", "verification", "outcome", "finding")


def _or_404(func, **kwargs):
    try:
        return func(**kwargs)
    except NotFound as exc:
        raise Http404(exc.detail) from None


def _download(file, *, name: str, content_type: str) -> FileResponse:
    """A stored upload as a download (never inline), named `name` with the stored extension."""
    ext = file.name.rsplit(".", 1)[-1]
    response = FileResponse(
        file.storage.open(file.name, "rb"),
        as_attachment=True,
        filename=f"{name}.{ext}",
        content_type=content_type or "application/octet-stream",
    )
    return secure_file_headers(response)


def _publisher_or_404(request: HttpRequest):
    publisher = selectors.publisher_for(request.user)
    if publisher is None:
        raise Http404("未找到该页面。")
    return publisher


# --- public -----------------------------------------------------------------------------------------


def notice_list(request: HttpRequest) -> HttpResponse:
    """公示公告: open notices first, then upcoming, then recently closed; filter by kind."""
    form = KindFilterForm(request.GET)
    kind = request.GET.get("kind", "")
    today = timezone.localdate()
    page = Paginator(selectors.public_list(kind=kind, today=today), NOTICES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [
        {"notice": n, "state": n.state_on(today), "state_label": PublicityState(n.state_on(today)).label}
        for n in page.object_list
    ]
    return render(request, "publicity/notice_list.html", {"page": page, "rows": rows, "form": form})


@require_http_methods(["GET", "POST"])
def notice_detail(request: HttpRequest, notice_id: int) -> HttpResponse:
    """One notice: its applicants (ID numbers masked), period, working days and state; while it is
    open, the objection form (rule 4)."""
    notice = _or_404(selectors.public_get, notice_id=notice_id)
    today = timezone.localdate()
    state = notice.state_on(today)
    entries = selectors.entries_of(notice=notice)
    file_lost = False
    if request.method == "POST":
        form = ObjectionForm(request.POST, request.FILES, entries=entries)
        form.is_valid()
        values = {name: request.POST.get(name, "") for name in OBJECTION_FIELDS}
        try:
            objection = objection_create(
                notice_id=notice.pk,
                attachment=request.FILES.get("attachment"),
                ip=client_ip(request),
                today=today,
                **values,
            )
        except ServiceError as exc:
            add_service_error(form, exc)
            file_lost = bool(request.FILES.get("attachment"))
        else:
            messages.success(
                request,
                f"异议已提交（异议编号 {objection.pk}），{notice.publisher_name}将核实处理，"
                "必要时通过您留下的电话联系您。",
            )
            return redirect("publicity:detail", notice.pk)
    else:
        form = ObjectionForm(entries=entries)
    context = {
        "notice": notice,
        "entries": entries,
        "state": state,
        "state_label": PublicityState(state).label,
        "is_open": state == PublicityState.OPEN,
        "form": form,
        "file_lost": file_lost,
    }
    return render(request, "publicity/notice_detail.html", context)


# --- the publisher ----------------------------------------------------------------------------------


@login_required
def manage_list(request: HttpRequest) -> HttpResponse:
    """公示管理: the publisher's own notices with their objection counts."""
    publisher = _publisher_or_404(request)
    today = timezone.localdate()
    page = Paginator(selectors.notices_for_publisher(actor=request.user), NOTICES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [{"notice": n, "state_label": PublicityState(n.state_on(today)).label} for n in page.object_list]
    return render(request, "publicity/manage_list.html", {"publisher": publisher, "page": page, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def manage_create(request: HttpRequest) -> HttpResponse:
    """发布公示: choose applications of the publisher's jurisdiction, the period, title and text."""
    publisher = _publisher_or_404(request)
    kind = request.POST.get("kind") or request.GET.get("kind") or publisher.kinds[0]
    if kind not in publisher.kinds:
        kind = publisher.kinds[0]
    # A 评审结果公示 is generated from a round (评审批次 → 评审结果), never chosen here: the page
    # says where, a POST is refused by the service with the same words.
    result_via_round = RESULT_VIA_ROUND if kind == PublicityKind.RESULT else ""
    candidates = [] if result_via_round else list(selectors.candidates_for(actor=request.user, kind=kind))
    if request.method == "POST":
        form = PublicityCreateForm(request.POST, kinds=publisher.kinds, candidates=candidates)
        form.is_valid()
        try:
            notice = publicity_create(
                actor=request.user,
                kind=kind,
                title=request.POST.get("title", ""),
                body=request.POST.get("body", ""),
                start_date=request.POST.get("start_date", ""),
                end_date=request.POST.get("end_date", ""),
                application_ids=request.POST.getlist("application_ids"),
                ip=client_ip(request),
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                f"公示已发布：{date_label(notice.start_date)}至{date_label(notice.end_date)}，共{notice.workdays}个工作日。",
            )
            return redirect("publicity:manage_detail", notice.pk)
    else:
        year = timezone.localdate().year
        form = PublicityCreateForm(
            initial={"kind": kind, "title": f"{publisher.name}{year}年度职称申报{PublicityKind(kind).label}"},
            kinds=publisher.kinds,
            candidates=candidates,
        )
    return render(
        request,
        "publicity/manage_create.html",
        {
            "publisher": publisher,
            "form": form,
            "kind": kind,
            "kind_label": PublicityKind(kind).label,
            "candidates": candidates,
            "result_via_round": result_via_round,
        },
    )


@login_required
def manage_detail(request: HttpRequest, notice_id: int) -> HttpResponse:
    """One of the publisher's notices: its applicants and the objections received."""
    notice = _or_404(selectors.notice_for_publisher, actor=request.user, notice_id=notice_id)
    today = timezone.localdate()
    unit_publicity_settle(notice=notice, today=today)
    context = {
        "notice": notice,
        "state_label": PublicityState(notice.state_on(today)).label,
        "entries": selectors.entries_of(notice=notice),
        "objections": list(selectors.objections_of_notice(notice=notice)),
    }
    if notice.kind == PublicityKind.PRE_REVIEW:
        rows = selectors.notice_filing_rows(notice=notice, today=today)
        context.update(
            filing_rows=rows,
            filings=selectors.filings_of_notice(notice=notice),
            can_file=any(row.state == "eligible" for row in rows),
        )
    return render(request, "publicity/manage_detail.html", context)


FILING_FIELDS = ("filed_with", "document_number", "filed_on", "note")


@login_required
@require_http_methods(["GET", "POST"])
def manage_filing(request: HttpRequest, notice_id: int) -> HttpResponse:
    """报送备案 of a closed 评前公示: department, date, document number, receipt, applicants."""
    notice = _or_404(selectors.notice_for_publisher, actor=request.user, notice_id=notice_id)
    if notice.kind != PublicityKind.PRE_REVIEW:
        raise Http404("只有评前公示需要报送备案。")
    today = timezone.localdate()
    rows = selectors.notice_filing_rows(notice=notice, today=today)
    file_lost = False
    if request.method == "POST":
        form = PreReviewFilingForm(request.POST, request.FILES, rows=rows)
        form.is_valid()
        try:
            filing = prereview_filing_create(
                actor=request.user,
                notice_id=notice.pk,
                receipt=request.FILES.get("receipt"),
                application_ids=request.POST.getlist("application_ids"),
                ip=client_ip(request),
                today=today,
                **{name: request.POST.get(name, "") for name in FILING_FIELDS},
            )
        except ServiceError as exc:
            add_service_error(form, exc)
            file_lost = bool(request.FILES.get("receipt"))
        else:
            messages.success(
                request,
                f"已登记备案（{filing.document_number}）：{filing.items.count()} 名申报人可提交评委会评审。",
            )
            return redirect("publicity:manage_detail", notice.pk)
    else:
        form = PreReviewFilingForm(
            initial={
                "filed_with": default_authority(notice),
                "filed_on": today.isoformat(),
                "application_ids": [str(r.entry.application_id) for r in rows if r.state == "eligible"],
            },
            rows=rows,
        )
    context = {
        "notice": notice,
        "rows": rows,
        "form": form,
        "can_file": notice.end_date < today and any(r.state == "eligible" for r in rows),
        "file_lost": file_lost,
        "today": today,
    }
    return render(request, "publicity/manage_filing.html", context)


@login_required
def filing_receipt(request: HttpRequest, filing_id: int):
    """The filing's scanned receipt, for the notice's publisher only (downloaded, never inline)."""
    publisher = _publisher_or_404(request)
    filing = PreReviewFiling.objects.filter(pk=filing_id, notice__in=publisher.notices()).first()
    if filing is None or not filing.receipt:
        raise Http404("未找到该备案回执。")
    return _download(filing.receipt, name=f"备案回执{filing.pk}", content_type=filing.receipt_content_type)


@login_required
@require_http_methods(["GET", "POST"])
def manage_objection(request: HttpRequest, objection_id: int) -> HttpResponse:
    """One objection and its handling form (受理、核实、处理结果)."""
    objection = _or_404(selectors.objection_for_publisher, actor=request.user, objection_id=objection_id)
    if request.method == "POST":
        form = ObjectionHandleForm(request.POST)
        form.is_valid()
        try:
            objection_handle(
                actor=request.user,
                objection_id=objection.pk,
                ip=client_ip(request),
                **{name: request.POST.get(name, "") for name in HANDLE_FIELDS},
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "异议办理情况已保存。")
            return redirect("publicity:manage_detail", objection.publicity_id)
    else:
        form = ObjectionHandleForm(
            initial={
                "status": objection.handling_status if objection.handling_status != "received" else "",
                "acceptance_note": objection.acceptance_note,
                "verification": objection.verification,
                "outcome": objection.outcome,
                "finding": {True: "upheld", False: "not_upheld"}.get(objection.upheld, ""),
            }
        )
    return render(
        request,
        "publicity/manage_objection.html",
        {"objection": objection, "notice": objection.publicity, "form": form, "editable": objection.is_open},
    )


@login_required
def objection_attachment(request: HttpRequest, objection_id: int):
    """The objection's evidence file, for the publisher only (downloaded, never shown inline)."""
    objection = _or_404(selectors.objection_for_publisher, actor=request.user, objection_id=objection_id)
    if not objection.attachment:
        raise Http404("该异议没有证明材料。")
    return _download(
        objection.attachment,
        name=f"异议{objection.pk}证明材料",
        content_type=objection.attachment_content_type,
    )
