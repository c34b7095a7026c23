"""我能申报什么: the applicant's paths and levels (paths.selectors.application_paths). Thin: read
the optional facts from the query string, call the selector, render."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.errors import ServiceError
from core.forms import add_service_error

from .forms import FactsForm
from .results import group_by_path
from .selectors import APPLICANTS_ONLY, application_paths, path_facts, paths_allowed

FACT_FIELDS = tuple(FactsForm.base_fields)


def applicant_only(view):
    """Signed-in applicants only; for anyone else the page does not exist (404)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not paths_allowed(request.user):
            raise Http404(APPLICANTS_ONLY)
        return view(request, *args, **kwargs)

    return wrapper


@applicant_only
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    given = any(request.GET.get(name) for name in FACT_FIELDS)
    form = FactsForm(request.GET if given else None)
    facts = None
    if given:
        form.is_valid()
        try:
            facts = path_facts(**{name: form.cleaned_data.get(name) for name in FACT_FIELDS})
        except ServiceError as exc:
            add_service_error(form, exc)
    results = application_paths(user=request.user, facts=facts)
    return render(
        request,
        "paths/index.html",
        {"form": form, "cards": group_by_path(results), "facts_given": given},
    )
