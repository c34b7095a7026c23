"""暂停推荐 pages for the city bureau (seed 必读 (一)2): the list of suspensions with the form to
suspend a unit, and lifting one early. Thin: collect input, call orgs/suspension.py, show its
messages next to the inputs with everything typed kept."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts import selectors as account_selectors
from core.errors import NotFound, ServiceError
from core.forms import add_service_error
from core.http import client_ip

from . import suspension
from .suspension_forms import SuspensionFilterForm, SuspensionForm, SuspensionLiftForm

PAGE_SIZE = 20


def _manager_or_404(request: HttpRequest) -> None:
    if not suspension.can_manage_suspensions(request.user):
        raise Http404("未找到该页面。")


def _unit_choices(form: SuspensionForm, *, q: str, selected_id) -> None:
    selected = account_selectors.unit_get_choosable(unit_id=selected_id) if selected_id else None
    form.set_unit_choices(account_selectors.unit_choices(q=q), selected)


@login_required
@require_http_methods(["GET", "POST"])
def suspension_list(request: HttpRequest) -> HttpResponse:
    """暂停推荐: every suspension (filter by year and state) and the form to suspend a unit."""
    _manager_or_404(request)
    years = suspension.suspension_years()
    if request.method == "POST":
        form = SuspensionForm(request.POST, years=years)
        form.is_valid()
        data = form.cleaned_data
        _unit_choices(form, q=data.get("unit_q", ""), selected_id=data.get("unit_id"))
        if request.POST.get("action") != "search_unit":
            try:
                created = suspension.suspension_create(
                    actor=request.user,
                    unit_id=data.get("unit_id"),
                    year=data.get("year"),
                    reason=data.get("reason", ""),
                    document=data.get("document", ""),
                    rectify_by=data.get("rectify_by", ""),
                    ip=client_ip(request),
                )
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(
                    request,
                    f"已暂停{created.unit.name}{created.year}年度职称申报推荐工作，已通知该单位管理员。",
                )
                return redirect("units:suspensions")
    else:
        form = SuspensionForm(initial={"year": str(years[0])}, years=years)
        _unit_choices(form, q="", selected_id=None)
    filters = SuspensionFilterForm(request.GET)
    filters.is_valid()
    page = Paginator(
        suspension.suspensions_list(
            actor=request.user,
            year=request.GET.get("year", ""),
            state=request.GET.get("state", ""),
        ),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "orgs/suspension_list.html",
        {"form": form, "filters": filters, "page": page, "source": suspension.SOURCE},
    )


@login_required
@require_http_methods(["GET", "POST"])
def suspension_lift(request: HttpRequest, suspension_id: int) -> HttpResponse:
    """解除暂停 (the unit has rectified): the rectification and, optionally, the document."""
    _manager_or_404(request)
    try:
        row = suspension.suspension_get(actor=request.user, suspension_id=suspension_id)
    except NotFound as exc:
        raise Http404(exc.detail) from None
    if request.method == "POST":
        form = SuspensionLiftForm(request.POST)
        form.is_valid()
        try:
            suspension.suspension_lift(
                actor=request.user,
                suspension_id=row.pk,
                reason=request.POST.get("reason", ""),
                document=request.POST.get("document", ""),
                ip=client_ip(request),
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"已解除{row.unit.name}{row.year}年度职称申报推荐工作的暂停。")
            return redirect("units:suspensions")
    else:
        form = SuspensionLiftForm()
    return render(request, "orgs/suspension_lift.html", {"row": row, "form": form})
