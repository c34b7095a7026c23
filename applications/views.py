"""职称申报 (个人申报: 保存封面, 申报, 提交) and 申报记录 pages. Thin: collect input, call the
service or the state machine, show its messages. The kinds no committee decides (考核认定, 职称确认,
博士后认定) show their own form on the same page (recognition/views.py, through their registration
in applications/kinds.py), with `applicant_only`, `own_application`, `unless_ended` and
`page_context` from here."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import rulebook
from core.errors import ServiceError
from core.forms import add_service_error, focus_field, focus_first_error, preselect_single
from core.http import client_ip
from orgs.windows import current_year

from . import selectors
from .completeness import application_missing
from .eligibility.checks import eligibility_problems
from .forms import CoverForm
from .kinds import committee_free_kind
from .models import (
    COMMITTEE_KINDS,
    COMMITTEE_LESS_KINDS,
    EDITABLE_STATUSES,
    ENDED_BEFORE_DECISION,
    ApplicationStatus,
)
from .permissions import can_apply
from .services import NO_COMMITTEE_NOTE, application_save_cover, application_years
from .state import AlreadyDone, application_submit, committee_free_submit_problems

COVER_FIELDS = ("year", "kind", "series_id", "track_id", "level", "specialty", "committee_id", "changed_on")


def applicant_only(view):
    """Signed-in applicants only; for anyone else the pages do not exist (404)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        allowed, reason = can_apply(request.user)
        if not allowed:
            raise Http404(reason)
        return view(request, *args, **kwargs)

    return wrapper


def _year_param(request: HttpRequest) -> int:
    years = application_years()
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return years[0]
    return year if year in years else years[0]


def _hx_attrs(form: CoverForm) -> None:
    """The dependent selects refresh the fields block with htmx (the 刷新选项 button does the same
    without JavaScript). While a refresh is in flight the inputs are disabled, so an answer can
    never overwrite a choice made after its request left, and so are the form's buttons: a 保存封面
    clicked then would post the form without its disabled fields."""
    for name in ("year", "kind", "series_id", "track_id", "level", "committee_id"):
        form.fields[name].widget.attrs.update(
            {
                "hx-get": reverse("applications:cover_options"),
                "hx-trigger": "change",
                "hx-target": "#cover-fields",
                "hx-swap": "outerHTML",
                "hx-include": "#cover-form",
                "hx-disabled-elt": "#cover-fields select, #cover-fields input, #cover-form button",
            }
        )


def _fill_choices(form: CoverForm, *, user, values: dict, application=None) -> dict:
    locked = application.committee if application is not None and application.status == "returned" else None
    options = selectors.cover_options(
        year=_as_int(values.get("year")),
        series_id=values.get("series_id"),
        track_id=values.get("track_id"),
        level=values.get("level") or None,
        committee_id=values.get("committee_id"),
        committee_locked=locked is not None,
        user=user,
    )
    form.set_choices(
        years=application_years(),
        series=options["series"],
        tracks=options["tracks"],
        levels=options["levels"],
        committees=options["committees"],
        locked_committee=locked,
    )
    preselect_single(form, "series_id", "track_id", "level", "committee_id")
    _hx_attrs(form)
    options["no_committee"] = bool(
        values.get("series_id") and values.get("level") and not options["committees"]
    )
    return options


def own_application(user, application_id):
    """One of the user's own applications, else 404."""
    try:
        return selectors.application_get(user=user, application_id=application_id)
    except ServiceError as exc:
        raise Http404(exc.detail) from None


def _as_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def unless_ended(application):
    """(the application the form edits, the ended one): an application ended before any
    committee's decision (审核不通过, 视为放弃) is not edited again; the page shows its status and
    offers a new cover (decision 0008: the person may apply again that year)."""
    if application is not None and application.status in ENDED_BEFORE_DECISION:
        return None, application
    return application, None


def _initial(application, year: int) -> dict:
    if application is None:
        return {"year": str(year)}
    return {
        "application_id": str(application.pk),
        "year": str(application.year),
        "kind": application.kind,
        "series_id": str(application.series_id),
        "track_id": str(application.track_id),
        "level": application.level,
        "specialty": application.specialty,
        "committee_id": str(application.committee_id or ""),
        "changed_on": application.series_changed_on.isoformat() if application.series_changed_on else "",
    }


@applicant_only
@require_http_methods(["GET", "POST"])
def cover_view(request: HttpRequest) -> HttpResponse:
    """职称申报 → 个人申报: the cover (保存封面), then 申报 (what is missing) and 提交. 申报类别
    考核认定, 职称确认 and 博士后认定 show their own forms instead (no committee; decision 0007)."""
    user = request.user
    year = _year_param(request)
    kind = (request.POST.get("kind") if request.method == "POST" else "") or request.GET.get("kind")
    if kind in (None, ""):
        current = selectors.application_current(user=user, year=year)
        kind = current.kind if current is not None else ""
    if kind in COMMITTEE_LESS_KINDS:
        # 考核认定, 职称确认, 博士后认定: the kind's own form (its registration, applications/kinds.py).
        return committee_free_kind(kind).page(request, year=year)
    application, ended = unless_ended(
        selectors.application_current(user=user, year=year, kinds=COMMITTEE_KINDS)
    )
    if request.method == "POST":
        form = CoverForm(request.POST)
        form.is_valid()
        data = form.cleaned_data
        posted_id = data.get("application_id") or None
        if posted_id and (application is None or str(application.pk) != str(posted_id)):
            application = own_application(user, posted_id)
        if request.POST.get("action") != "refresh":
            try:
                saved = application_save_cover(
                    user=user, **{name: data.get(name, "") for name in COVER_FIELDS}, application_id=posted_id
                )
            except ServiceError as exc:
                add_service_error(form, exc)
                focus_first_error(form)
            else:
                messages.success(request, "封面已保存。点击“申报”可查看未完成填写材料项。")
                return redirect(f"{reverse('applications:cover')}?year={saved.year}#check")
        values = data
    else:
        form = CoverForm(initial=_initial(application, year))
        values = form.initial
        focus_field(form, request.GET.get("focus"))  # a 去完善 link names the field
    options = _fill_choices(form, user=user, values=values, application=application)
    context = page_context(request, form, options, application, year)
    return render(request, "applications/cover.html", {**context, "ended": ended})


def page_context(request, form, options, application, year) -> dict:
    """What 职称申报 shows around the form: the application's status, its return or print notice,
    the year's chances left (rule 20) and, with ?check=1, 申报's problems and missing items."""
    user = request.user
    context = {
        "form": form,
        "options": options,
        "application": application,
        "year": year,
        "years": application_years(),
        "no_committee_note": NO_COMMITTEE_NOTE,
        "chances_total": rulebook.RETURNS_AND_RESETS_PER_YEAR,
        "chances_left": selectors.returns_remaining(
            user=user, year=application.year if application else year
        ),
        "editable": application is not None and application.status in EDITABLE_STATUSES,
        "checked": False,
        # After a return: the reviewer's checklist (rule 5); after the final approval: what to
        # print and the order of stamps (rule 24).
        "return_info": selectors.return_notice(application=application) if application else None,
        "print_items": selectors.PRINT_ITEMS,
        "copy_rule": selectors.COPY_RULE,
        "paper_steps": (
            selectors.paper_submission_steps(application=application)
            if application is not None and application.status == ApplicationStatus.APPROVED
            else None
        ),
    }
    if context["editable"] and request.GET.get("check"):
        if application.committee_id is None:
            problems = [
                message
                for _field, message in committee_free_submit_problems(
                    application=application, now=timezone.now()
                )
            ]
        else:
            problems = eligibility_problems(
                user=user,
                committee=application.committee,
                level=application.level,
                year=application.year,
                series=application.series,
                application=application,
            )
        missing = application_missing(application=application)
        context.update(
            checked=True, problems=problems, missing=missing, complete=not problems and not missing
        )
    return context


@applicant_only
@require_GET
def cover_options_view(request: HttpRequest) -> HttpResponse:
    """htmx: the cover's fields with their choices for what is chosen so far."""
    form = CoverForm(request.GET)
    form.is_valid()
    values = form.cleaned_data
    application = None
    if values.get("application_id"):
        application = own_application(request.user, values["application_id"])
    options = _fill_choices(form, user=request.user, values=values, application=application)
    return render(
        request,
        "applications/includes/cover_fields.html",
        {"form": form, "options": options, "no_committee_note": NO_COMMITTEE_NOTE},
    )


@applicant_only
@require_POST
def submit_view(request: HttpRequest) -> HttpResponse:
    """提交: the state machine does everything (a second click says 已提交 and changes nothing)."""
    application_id = request.POST.get("application_id", "")
    try:
        application = application_submit(
            application_id=application_id, actor=request.user, ip=client_ip(request)
        )
    except AlreadyDone as exc:
        messages.info(request, exc.detail)
        return redirect("applications:history")
    except ServiceError as exc:
        if exc.status == 404:
            raise Http404(exc.detail) from None
        messages.error(request, exc.detail)
        for field_messages in exc.errors.values():
            for message in field_messages:
                if message != exc.detail:
                    messages.error(request, message)
        own = own_application(request.user, application_id)
        return redirect(f"{reverse('applications:cover')}?year={own.year}&kind={own.kind}&check=1#check")
    step = application.current_step
    messages.success(
        request,
        f"申报已提交，当前环节：{step.get_kind_display()}。可在“申报记录”中查看申报流程进行到哪个环节。",
    )
    return redirect("applications:history")


@applicant_only
@require_GET
def history_view(request: HttpRequest) -> HttpResponse:
    """申报记录: where each application is (its route, the current step highlighted) and every
    event with time, organisation, action and opinion."""
    items = []
    for application in selectors.application_history(user=request.user):
        route = selectors.route_steps(application)
        paper_steps = None
        if application.status == ApplicationStatus.APPROVED:
            paper_steps = selectors.paper_submission_steps(application=application, steps=route)
        items.append(
            {
                "application": application,
                "route": route,
                "events": list(application.events.all()),
                "return_info": selectors.return_notice(application=application),
                "paper_steps": paper_steps,
            }
        )
    return render(
        request,
        "applications/history.html",
        {
            "items": items,
            "now_year": current_year(timezone.now()),
            "print_items": selectors.PRINT_ITEMS,
            "copy_rule": selectors.COPY_RULE,
        },
    )
