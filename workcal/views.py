"""The committee office's 网上申报时间 page (routed in workcal/urls.py, units:window). Thin: it
collects input and calls orgs.windows and workcal.windows; the service's messages go next to the
inputs."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from accounts.models import Role
from core.dates import CALENDAR_TZ, datetime_label, deadline_label, month_label
from core.errors import ServiceError
from core.forms import add_service_error
from core.http import client_ip
from orgs import windows
from orgs.models import Committee

from .forms import CityWindowForm, CommitteeChoiceForm, ProvincialWindowForm
from .windows import window_set


def _page_url(committee: Committee, year: int, is_support: bool) -> str:
    query = {"year": year}
    if is_support:
        query["committee"] = committee.pk
    return f"{reverse('units:window')}?{urlencode(query)}"


def _year(value: str | None, default: int) -> int:
    try:
        year = int(value or default)
    except ValueError:
        return default
    return year if windows.YEAR_MIN <= year <= windows.YEAR_MAX else default


def _initial(window, year: int) -> dict:
    initial: dict = {"year": str(year)}
    if window is not None:
        initial["opens_at"] = f"{window.opens_at.astimezone(CALENDAR_TZ):%Y-%m-%dT%H:%M}"
        initial["closes_at"] = f"{window.closes_at.astimezone(CALENDAR_TZ):%Y-%m-%dT%H:%M}"
        if window.collection_date:
            initial["collection_date"] = f"{window.collection_date:%Y-%m-%d}"
        if window.meeting_month:
            initial["meeting_month"] = f"{window.meeting_month:%Y-%m}"
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def window(request: HttpRequest) -> HttpResponse:
    user = request.user
    is_support = user.role == Role.SUPPORT
    if user.role not in (Role.COMMITTEE_OFFICE, Role.SUPPORT):
        raise Http404("只有评委会办事机构可以设置网上申报时间。")
    committee_id = request.GET.get("committee") or None
    if is_support and committee_id is None:
        chooser = CommitteeChoiceForm(committees=Committee.objects.order_by("tier", "number"))
        return render(request, "workcal/window_set.html", {"chooser": chooser, "is_support": True})
    try:
        committee = windows.committee_for_office(actor=user, committee_id=committee_id)
    except ServiceError:
        raise Http404("未找到该评委会。") from None

    year = _year(request.GET.get("year"), windows.current_year())
    current = windows.window_for(committee=committee, year=year)
    form_class = ProvincialWindowForm if committee.is_provincial else CityWindowForm
    form = form_class(request.POST or None, initial=_initial(current, year))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = window_set(
                actor=user,
                committee=committee,
                year=data["year"],
                opens_at=data.get("opens_at") or None,
                closes_at=data.get("closes_at") or None,
                collection_date=data.get("collection_date") or None,
                meeting_month=data.get("meeting_month") or None,
                ip=client_ip(request),
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            span = f"{datetime_label(saved.opens_at)} 至 {deadline_label(saved.closes_at)}"
            meeting = month_label(saved.meeting_month)
            messages.success(
                request, f"已保存。{saved.year}年网上申报时间为 {span}，评委会召开时间为{meeting}。"
            )
            return redirect(_page_url(committee, saved.year, is_support))

    state = windows.window_state(window=current)
    month = windows.committee_month(committee=committee, year=year)
    context = {
        "committee": committee,
        "year": year,
        "window": current,
        "state": state,
        "state_label": windows.STATE_LABELS[state],
        "opens_label": datetime_label(current.opens_at) if current else "",
        "closes_label": deadline_label(current.closes_at) if current else "",
        "planned_month": month_label(month),
        "month_entered": bool(current and current.meeting_month),
        "form": form,
        "is_support": is_support,
        "prev_url": _page_url(committee, year - 1, is_support),
        "next_url": _page_url(committee, year + 1, is_support),
    }
    return render(request, "workcal/window_set.html", context)
