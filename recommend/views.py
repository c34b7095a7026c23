"""The unit admin's 基层意见 and 单位公示 pages. Thin: collect input, call the service, show its
messages; after saving, back to `?next=` (same site only) or to the application's review page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from core.errors import NotFound, ServiceError
from core.forms import add_service_error
from core.http import client_ip

from .forms import PublicityForm, RecommendationForm
from .permissions import at_unit_step
from .selectors import (
    application_for_unit_admin,
    publicity_for,
    recommendation_for,
    unit_step_context,
)
from .services import publicity_put, recommendation_put

RECOMMENDATION_FIELDS = ("evaluation", "method", "participants", "participant_count", "opinion", "formation")
PUBLICITY_FIELDS = ("start_date", "end_date", "place", "result", "handling")


def _application(request: HttpRequest, application_id: int):
    """The unit admin's own unit's application; for anyone else the page does not exist."""
    try:
        return application_for_unit_admin(actor=request.user, application_id=application_id)
    except NotFound as exc:
        raise Http404(exc.detail) from None


def _next_url(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def review_url(application_id: int) -> str:
    """The application's review page (reviews:detail), or the queue while that page is missing."""
    try:
        return reverse("reviews:detail", args=[application_id])
    except NoReverseMatch:
        return reverse("reviews:queue")


def _render(request, template: str, *, application, form, record) -> HttpResponse:
    context = unit_step_context(application=application, actor=request.user)
    context.update(
        form=form,
        record=record,
        editable=at_unit_step(application),
        next=_next_url(request) or "",
        back_url=_next_url(request) or review_url(application.pk),
    )
    return render(request, template, context)


def _initial(record, fields: tuple[str, ...]) -> dict:
    if record is None:
        return {}
    values = {}
    for name in fields:
        value = getattr(record, name)
        values[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return values


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_view(request: HttpRequest, application_id: int) -> HttpResponse:
    """申报审核 → 基层意见: the unit's recommendation of its applicant (rule 25)."""
    application = _application(request, application_id)
    record = recommendation_for(application=application)
    if request.method == "POST":
        form = RecommendationForm(request.POST)
        form.is_valid()
        values = {name: form.cleaned_data.get(name, "") for name in RECOMMENDATION_FIELDS}
        try:
            recommendation_put(
                actor=request.user, application_id=application.pk, ip=client_ip(request), **values
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "基层意见已提交。")
            return redirect(_next_url(request) or review_url(application.pk))
    else:
        form = RecommendationForm(initial=_initial(record, RECOMMENDATION_FIELDS))
    return _render(
        request, "recommend/recommendation_edit.html", application=application, form=form, record=record
    )


@login_required
@require_http_methods(["GET", "POST"])
def publicity_view(request: HttpRequest, application_id: int) -> HttpResponse:
    """申报审核 → 单位公示: the dates, place and result of the unit's publicity (rule 2)."""
    application = _application(request, application_id)
    record = publicity_for(application=application)
    if request.method == "POST":
        form = PublicityForm(request.POST)
        form.is_valid()
        values = {name: form.cleaned_data.get(name, "") for name in PUBLICITY_FIELDS}
        try:
            publicity_put(actor=request.user, application_id=application.pk, ip=client_ip(request), **values)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "单位公示情况已保存。")
            return redirect(_next_url(request) or review_url(application.pk))
    else:
        form = PublicityForm(initial=_initial(record, PUBLICITY_FIELDS))
    return _render(
        request, "recommend/publicity_edit.html", application=application, form=form, record=record
    )
