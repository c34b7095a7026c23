"""Public pages (no sign-in): home, notices, committee directory, district offices, series table,
policy help, support contacts. Thin: reads come from catalog/selectors.py and public/selectors.py."""

from __future__ import annotations

import re

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from catalog import selectors as catalog
from catalog.models import FaqKind
from core.errors import NotFound, ServiceError
from core.forms import add_service_error

from . import selectors
from .forms import CommitteeFilterForm, FaqSearchForm

HOME_NOTICES = 5
NOTICES_PER_PAGE = 20
SEE_LINKS = {
    "series": ("public:series", "查看职称系列及名称表"),
    "committees": ("public:committees", "查看评委会目录及计划评审时间"),
}


def home(request: HttpRequest) -> HttpResponse:
    context = {
        "windows": list(selectors.window_list_open()),
        "notices": list(selectors.notice_list_published()[:HOME_NOTICES]),
    }
    return render(request, "public/home.html", context)


def notice_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notice_list_published(), NOTICES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "public/notice_list.html", {"page": page})


def notice_detail(request: HttpRequest, notice_id: int) -> HttpResponse:
    try:
        notice = selectors.notice_get(notice_id=notice_id)
    except NotFound as exc:
        raise Http404(exc.detail) from exc
    return render(request, "public/notice_detail.html", {"notice": notice})


def committee_list(request: HttpRequest) -> HttpResponse:
    form = CommitteeFilterForm(
        request.GET,
        levels=catalog.committee_levels_in_use(),
        organisers=list(catalog.department_list(organising_only=True)),
        series=list(catalog.series_plain_list()),
    )
    committees = []
    filtered = False
    try:
        filters = catalog.committee_filters_parse(**form.values())
        committees = catalog.committee_list(filters=filters)
        filtered = filters.any
    except ServiceError as exc:
        form.is_valid()  # binds cleaned data so the errors can be added next to the inputs
        add_service_error(form, exc)
    context = {"form": form, "committees": committees, "filtered": filtered}
    # htmx refreshes only the results; a history restore (back button, cache miss) gets the full page.
    partial = request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request")
    template = "public/includes/committee_results.html" if partial else "public/committee_list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def office_list(request: HttpRequest) -> HttpResponse:
    return render(request, "public/office_list.html", {"offices": catalog.office_list()})


def series_list(request: HttpRequest) -> HttpResponse:
    return render(request, "public/series_list.html", {"series_list": catalog.series_list()})


def help_list(request: HttpRequest) -> HttpResponse:
    form = FaqSearchForm(request.GET)
    query = form.values()["q"]
    entries = []
    try:
        entries = list(catalog.faq_list(q=query))
    except ServiceError as exc:
        form.is_valid()
        add_service_error(form, exc)
    for entry in entries:
        entry.tag_list = [tag for tag in entry.tags.split("、") if tag]
        entry.anchor = f"q{entry.number}" if entry.kind == FaqKind.KNOWLEDGE else f"site-{entry.number}"
        entry.see_link = SEE_LINKS.get(entry.see)
    context = {
        "form": form,
        "query": query,
        "knowledge": [e for e in entries if e.kind == FaqKind.KNOWLEDGE],
        "site": [e for e in entries if e.kind == FaqKind.SITE],
        "count": len(entries),
        "pages": list(catalog.help_page_list()),
    }
    return render(request, "public/help_list.html", context)


def help_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        page = catalog.help_page_get(slug=slug)
    except NotFound as exc:
        raise Http404(exc.detail) from exc
    return render(request, "public/help_detail.html", {"page": page, "pages": list(catalog.help_page_list())})


MATERIALS_RE = re.compile(r"需将(?P<items>.+?)发送至")


def support(request: HttpRequest) -> HttpResponse:
    contacts = list(catalog.contact_list())
    for contact in contacts:
        contact.is_email = "@" in contact.value
        # The e-mail route lists its materials joined by "+" (seed 五(四)2): shown as a list.
        match = MATERIALS_RE.search(contact.note)
        if match and "+" in match.group("items"):
            contact.materials = match.group("items").split("+")
            contact.materials_intro = contact.note[: match.start()]
        else:
            contact.materials = []
    return render(request, "public/support.html", {"contacts": contacts})
