"""申报信息 pages: 基本信息, one page per section (list with 新增 / 编辑 / 删除), the entry form,
and an overview of the whole dossier with what is still missing. Thin: the services check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import Role, User
from accounts.selectors import unit_choices, unit_get_choosable
from core.errors import ServiceError
from core.forms import add_service_error, focus_field, focus_first_error, preselect_single
from core.http import client_ip

from . import hooks, rules, services
from .basic import retirement_ages_for
from .completeness import dossier_missing
from .display import (
    display_value,
    entry_display,
    entry_summary,
    form_initial,
    locked_reason,
    revoked_label,
)
from .employment import employment_unit_problems
from .forms import FACT_FIELDS, MAJOR_FIELDS, POST_CHANGE_FIELDS, BasicForm, EntryForm
from .sections import SECTIONS_BY_KEY, SEED_SECTION_NOTE, Section
from .selectors import dossier_get_or_create, dossier_sections, entry_get_own, section_entries


def _applicant(request: HttpRequest) -> User:
    user = request.user
    if user.role != Role.APPLICANT:
        raise Http404("只有申报人可以填写申报信息。")
    return user


def _section_or_404(key: str) -> Section:
    section = SECTIONS_BY_KEY.get(key)
    if section is None:
        raise Http404("没有这个栏目。")
    return section


def _frozen(user: User) -> bool:
    return hooks.dossier_frozen.any(user=user)


def _rows(section: Section, entries, attachments: dict) -> list[dict]:
    rows = []
    for entry in entries:
        cells = []
        for f in section.columns:
            text = display_value(f, entry.data.get(f.key))
            cells.append({"label": f.label, "text": text, "long": f.kind == "textarea" and len(text) > 80})
        rows.append(
            {
                "entry": entry,
                "cells": cells,
                "attachments": attachments.get(entry.pk, []),
                "revoked": revoked_label(entry.data),
                "locked": locked_reason(entry.data),
            }
        )
    return rows


def _attachments(entry_ids: list[int]) -> dict:
    from attachments.selectors import attachments_by_entry

    return attachments_by_entry(entry_ids=entry_ids)


# --- 基本信息 --------------------------------------------------------------------------------


def _set_unit_choices(form: BasicForm, *, q: str, selected_id) -> None:
    """Units and agencies, and the district offices a freelancer may choose (question 5 (1) d)."""
    selected = unit_get_choosable(unit_id=selected_id, household=True) if selected_id else None
    form.set_unit_choices(unit_choices(q=q, household=True), selected)


def _set_retirement_ages(form: BasicForm, *, dossier) -> None:
    """原法定退休年龄: the ages of the person's sex; a man's one comes chosen (issue 11 item 21)."""
    form.set_retirement_ages(retirement_ages_for(dossier.sex))
    preselect_single(form, "original_retirement_age")


@login_required
@require_http_methods(["GET", "POST"])
def basic(request: HttpRequest) -> HttpResponse:
    user = _applicant(request)
    dossier = dossier_get_or_create(user=user)
    if request.method == "POST":
        form = BasicForm(request.POST)
        form.is_valid()
        _set_retirement_ages(form, dossier=dossier)
        data = form.cleaned_data
        _set_unit_choices(
            form, q=data.get("unit_q", ""), selected_id=data.get("unit_id") or user.organisation_id
        )
        if request.POST.get("action") != "search_unit":
            try:
                services.dossier_basic_update(
                    user=user, ip=client_ip(request), **{key: data.get(key, "") for key in BasicForm.EDITABLE}
                )
            except ServiceError as exc:
                add_service_error(form, exc)
                focus_first_error(form)
            else:
                messages.success(request, "基本信息已保存。")
                return redirect("dossier:basic")
        elif data.get("unit_q"):
            # 检索: one unit found is the one meant (issue 11 item 21).
            preselect_single(form, "unit_id")
    else:
        delayed = dossier.delayed_retirement_until
        form = BasicForm(
            initial={
                "unit_id": str(user.organisation_id or ""),
                "work_start_date": dossier.work_start_date.isoformat() if dossier.work_start_date else "",
                "professional_start_date": (
                    dossier.professional_start_date.isoformat() if dossier.professional_start_date else ""
                ),
                "employment_form": dossier.employment_form,
                "current_post": dossier.current_post,
                "is_civil_servant": "true" if dossier.is_civil_servant else "false",
                "original_retirement_age": str(dossier.original_retirement_age or ""),
                "delayed_retirement_until": delayed.strftime("%Y-%m") if delayed else "",
                "skill_grade": dossier.skill_grade,
                "skill_grade_obtained_on": (
                    dossier.skill_grade_obtained_on.isoformat() if dossier.skill_grade_obtained_on else ""
                ),
                **_fact_initial(dossier),
            }
        )
        _set_unit_choices(form, q="", selected_id=user.organisation_id)
        _set_retirement_ages(form, dossier=dossier)
        # A 去完善 link names the input to fill (dossier.completeness.basic_anchor).
        focus_field(form, request.GET.get("focus"))
    return render(
        request,
        "dossier/basic.html",
        {
            "form": form,
            "dossier": dossier,
            "profile": user,
            "unit": user.organisation,
            # Questions 5 and 14: what the saved 用工形式 rules out with the chosen unit.
            "employment_problems": employment_unit_problems(
                unit=user.organisation, employment_form=dossier.employment_form
            ),
            # Issue 11 item 21: the uploads marked required are those 申报 asks for.
            "required_uploads": _required_uploads(user, dossier),
            "fact_fields": FACT_FIELDS,
            "post_change_fields": [form[name] for name in POST_CHANGE_FIELDS],
            "major_fields": [form[name] for name in MAJOR_FIELDS],
        },
    )


def _required_uploads(user: User, dossier) -> set[str]:
    return hooks.editing_basic_kinds.first(user=user, dossier=dossier, default=set())


def _fact_initial(dossier) -> dict:
    """Seed question 10 and rule 12 as the page's inputs show them."""

    def iso(value) -> str:
        return value.isoformat() if value else ""

    def number(value) -> str:
        return "" if value is None else str(value)

    return {
        "moved_from_post": dossier.moved_from_post,
        "post_changed_on": iso(dossier.post_changed_on),
        "appointed_with_pay_on": iso(dossier.appointed_with_pay_on),
        "major_matches": "true" if dossier.major_matches else "false",
        "mismatch_training_months": number(dossier.mismatch_training_months),
        "mismatch_course_certificates": number(dossier.mismatch_course_certificates),
        "mismatch_study_months": number(dossier.mismatch_study_months),
        "mismatch_city_training": "true" if dossier.mismatch_city_training else "false",
    }


# --- Overview and sections -------------------------------------------------------------------


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """The whole dossier on one page, with what is still missing (去完善)."""
    user = _applicant(request)
    dossier = dossier_get_or_create(user=user)
    pairs = dossier_sections(dossier=dossier)
    attachments = _attachments([entry.pk for _section, entries in pairs for entry in entries])
    missing = dossier_missing(dossier=dossier, entries_by_section={s.key: entries for s, entries in pairs})
    blocks = [
        {"section": section, "rows": _rows(section, entries, attachments)} for section, entries in pairs
    ]
    return render(
        request,
        "dossier/overview.html",
        {"dossier": dossier, "profile": user, "blocks": blocks, "missing": missing},
    )


@login_required
@require_GET
def section(request: HttpRequest, key: str) -> HttpResponse:
    _applicant(request)
    return section_page(request, _section_or_404(key))


def section_page(
    request: HttpRequest, sec: Section, *, entry_upload_form=None, status: int = 200
) -> HttpResponse:
    """A section's list with each entry's scans and upload form. `entry_upload_form`: a refused
    upload under one entry (attachments.views), shown at its entry with what was typed and the
    reason (issue 11 item 23)."""
    user = request.user
    dossier = dossier_get_or_create(user=user)
    entries = section_entries(dossier=dossier, section=sec)
    rows = _rows(sec, entries, _attachments([entry.pk for entry in entries]))
    full = len(entries) >= rules.MAX_ENTRIES_PER_SECTION or (sec.single and bool(entries))
    return render(
        request,
        "dossier/section.html",
        {
            "section": sec,
            "rows": rows,
            "can_add": not full,
            "single_done": sec.single and bool(entries),
            "max_entries": rules.MAX_ENTRIES_PER_SECTION,
            "editable": not _frozen(user),
            "seed_note": SEED_SECTION_NOTE,
            "entry_upload_form": entry_upload_form,
            # Why this section must be filled for the application being edited (如没有无需填写 else).
            "required_message": _required_message(user, sec),
            # The page may be shown at the upload's address after a refusal: links come back here.
            "next_url": reverse("dossier:section", args=[sec.key]),
        },
        status=status,
    )


def _required_message(user: User, sec: Section) -> str:
    return hooks.editing_requirements.first(user=user, default={}).get(sec.key, "")


# --- Entries ---------------------------------------------------------------------------------


def _section_url(section: Section, entry_id: int | None = None) -> str:
    url = reverse("dossier:section", args=[section.key])
    return f"{url}#entry-{entry_id}" if entry_id else url


def _own_entry(request: HttpRequest, entry_id: int):
    entry = entry_get_own(user=request.user, entry_id=entry_id)
    if entry is None or entry.section not in SECTIONS_BY_KEY:
        raise Http404("未找到该条目。")
    return entry


@login_required
@require_http_methods(["GET", "POST"])
def entry_create(request: HttpRequest, key: str) -> HttpResponse:
    user = _applicant(request)
    sec = _section_or_404(key)
    if request.method == "POST":
        form = EntryForm(request.POST, section=sec)
        form.is_valid()
        try:
            entry = services.dossier_entry_create(
                user=user, section=sec.key, data=form.entry_data(), ip=client_ip(request)
            )
        except ServiceError as exc:
            add_service_error(form, exc)
            focus_first_error(form)
        else:
            note = "可在该条目下方的“附件”处上传扫描件。" if sec.attachment_hint else ""
            messages.success(request, f"已新增“{sec.label}”：{entry_summary(sec, entry.data)}。{note}")
            return redirect(_section_url(sec, entry.pk))
    else:
        form = EntryForm(section=sec)
        focus_field(form, sec.fields[0].key)  # 新增 (and 去完善 of a required section) starts typing
    return render(request, "dossier/entry_form.html", {"section": sec, "form": form, "entry": None})


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, entry_id: int) -> HttpResponse:
    user = _applicant(request)
    entry = _own_entry(request, entry_id)
    sec = SECTIONS_BY_KEY[entry.section]
    if request.method == "POST":
        form = EntryForm(request.POST, section=sec)
        form.is_valid()
        try:
            entry = services.dossier_entry_update(
                user=user, entry_id=entry.pk, data=form.entry_data(), ip=client_ip(request)
            )
        except ServiceError as exc:
            add_service_error(form, exc)
            focus_first_error(form)
        else:
            messages.success(request, f"已保存“{sec.label}”：{entry_summary(sec, entry.data)}。")
            return redirect(_section_url(sec, entry.pk))
    elif request.GET.get("check"):
        form = _checked_entry_form(sec, entry)
    else:
        form = EntryForm(section=sec, initial=form_initial(sec, entry.data))
    return render(request, "dossier/entry_form.html", {"section": sec, "form": form, "entry": entry})


def _checked_entry_form(sec: Section, entry) -> EntryForm:
    """The 编辑 form of a stored entry with what no longer fits its declaration shown next to each
    field and the first such field focused (the 去完善 of dossier.completeness)."""
    from .validation import entry_problems

    form = EntryForm(form_initial(sec, entry.data), section=sec)
    form.is_valid()
    problems = entry_problems(section=sec, entry=entry, birth_date=entry.dossier.birth_date)
    for key, field_messages in problems.items():
        for message in field_messages:
            form.add_error(key if key in form.fields else None, message)
    focus_first_error(form)
    return form


@login_required
@require_http_methods(["GET", "POST"])
def entry_delete(request: HttpRequest, entry_id: int) -> HttpResponse:
    user = _applicant(request)
    entry = _own_entry(request, entry_id)
    sec = SECTIONS_BY_KEY[entry.section]
    if request.method == "POST":
        try:
            services.dossier_entry_delete(user=user, entry_id=entry.pk, ip=client_ip(request))
        except ServiceError as exc:
            messages.error(request, exc.detail)
            return redirect(_section_url(sec, entry.pk))
        messages.success(request, f"已删除“{sec.label}”中的一条：{entry_summary(sec, entry.data)}。")
        return redirect(_section_url(sec))
    attachments = _attachments([entry.pk]).get(entry.pk, [])
    return render(
        request,
        "dossier/entry_delete.html",
        {
            "section": sec,
            "entry": entry,
            "fields": entry_display(sec, entry.data),
            "attachments": attachments,
            "back": _section_url(sec, entry.pk),
        },
    )
