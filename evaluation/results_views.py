"""评审结果 page (issue 13 item 8): the fixed results with their notice, objections, appeals and
confirmations; for the round's committee office the form 生成评审结果公示; for whoever confirms
(the office, or the city bureau for a provincial committee) the form 核准/备案 with checkboxes.
Thin: collect input, call evaluation/results.py, show its messages next to the inputs (the
page is shown again with the input kept and the status of the refusal)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from core.dates import date_label
from core.errors import ServiceError
from core.forms import add_service_error
from core.http import client_ip, page_refusals

from . import results
from .models import Round, RoundStatus
from .results_forms import ResultConfirmForm, ResultNoticeForm
from .rounds import is_office_of


def _rows(request: HttpRequest, round_id):
    with page_refusals():
        return results.results_list(actor=request.user, round_id=round_id)


def _page(
    request: HttpRequest,
    round_id=None,
    *,
    notice_form: ResultNoticeForm | None = None,
    confirm_form: ResultConfirmForm | None = None,
    chosen: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    rows = _rows(request, round_id)
    row = None
    if round_id not in (None, ""):
        row = Round.objects.select_related("committee", "result_notice").get(pk=round_id)
    can_notice = (
        row is not None
        and is_office_of(request.user, row.committee_id)
        and row.status == RoundStatus.CLOSED
        and row.result_notice_id is None
    )
    if can_notice and notice_form is None:
        notice_form = ResultNoticeForm(initial=results.notice_defaults(row=row))
    confirmable = [
        r for r in rows if r.confirmable and not results.confirm_refusal(request.user, r.round.committee)
    ]
    if confirm_form is None:
        confirm_form = ResultConfirmForm(initial={"confirmed_on": timezone.localdate().isoformat()})
    context = {
        "row": row,
        "rows": rows,
        "can_notice": can_notice,
        "notice_form": notice_form,
        "confirm_form": confirm_form,
        "confirmable_ids": {r.application.pk for r in confirmable},
        "chosen": set(chosen or []),
        "action": reverse("evaluation:results_confirm") + (f"?round={row.pk}" if row else ""),
    }
    return render(request, "evaluation/results.html", context, status=status)


@login_required
@require_GET
def results_page(request: HttpRequest) -> HttpResponse:
    """评审结果 (of one round with ?round=, else every round the viewer may see)."""
    return _page(request, request.GET.get("round") or None)


@login_required
@require_POST
def result_notice_create(request: HttpRequest, round_id: int) -> HttpResponse:
    form = ResultNoticeForm(request.POST)
    form.is_valid()
    try:
        with page_refusals():
            notice = results.result_notice_create(
                actor=request.user,
                round_id=round_id,
                title=request.POST.get("title", ""),
                body=request.POST.get("body", ""),
                start_date=request.POST.get("start_date", ""),
                end_date=request.POST.get("end_date", ""),
                ip=client_ip(request),
            )
    except ServiceError as exc:
        add_service_error(form, exc)
        return _page(request, round_id, notice_form=form, status=exc.status)
    messages.success(
        request,
        f"评审结果公示已生成：{date_label(notice.start_date)}至{date_label(notice.end_date)}，"
        f"共{notice.workdays}个工作日，列评审通过的申报人{notice.entries.count()}人。",
    )
    return redirect(f"{reverse('evaluation:results')}?round={round_id}")


@login_required
@require_POST
def results_confirm(request: HttpRequest) -> HttpResponse:
    round_id = request.GET.get("round") or None
    form = ResultConfirmForm(request.POST)
    form.is_valid()
    chosen = request.POST.getlist("application_ids")
    try:
        with page_refusals():
            made = results.results_confirm(
                actor=request.user,
                application_ids=chosen,
                document_number=request.POST.get("document_number", ""),
                confirmed_on=request.POST.get("confirmed_on", ""),
                ip=client_ip(request),
            )
    except ServiceError as exc:
        add_service_error(form, exc)
        return _page(request, round_id, confirm_form=form, chosen=chosen, status=exc.status)
    messages.success(request, f"已核准（备案）{len(made)}项评审结果，职称已记入申报人的现有职称情况。")
    return redirect(f"{reverse('evaluation:results')}" + (f"?round={round_id}" if round_id else ""))
