"""Pages of 复查 (rule 34), 撤销职称 (rules 1, 35) and removing an expert from every pool (rule 35):
the applicant's 评审结果 with the 复查 form, the committee office's 复查申请 with the decide form,
the city bureau's / organiser's 撤销职称, the city bureau's 评审专家（全市）. Thin: they call
evaluation/appeals.py, revocation.py and expert_removal.py and show their messages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from core.errors import ServiceError
from core.http import client_ip, page_refusals

from . import appeals, expert_removal, revocation
from .result_models import AppealDecision

LIST_LIMIT = 100


def _call(request: HttpRequest, action, success: str) -> bool:
    """Run a service; 403 / 404 as pages do, any other refusal as a message (every field's text)."""
    try:
        with page_refusals():
            result = action()
    except ServiceError as exc:
        problems = [m for field_messages in (exc.errors or {}).values() for m in field_messages]
        messages.error(request, "；".join(problems) if problems else exc.detail)
        return False
    messages.success(request, success if not callable(success) else success(result))
    return True


def _read(action):
    with page_refusals():
        return action()


# --- the applicant: 评审结果 and 申请复查 ---------------------------------------------------------


@login_required
@require_GET
def my_results(request: HttpRequest) -> HttpResponse:
    rows = _read(lambda: appeals.my_results(actor=request.user))
    return render(
        request,
        "evaluation/my_results.html",
        {"rows": rows, "reasons_max": appeals.REASONS_MAX, "source": appeals.SOURCE_34},
    )


@login_required
@require_POST
def appeal_create(request: HttpRequest, application_id: int) -> HttpResponse:
    _call(
        request,
        lambda: appeals.appeals_create(
            actor=request.user,
            application_id=application_id,
            reasons=request.POST.get("reasons", ""),
            ip=client_ip(request),
        ),
        "复查申请已提交，评委会办事机构办理后将通知您。",
    )
    return redirect("evaluation:my_results")


# --- the committee office: 复查申请 -----------------------------------------------------------------


@login_required
@require_GET
def appeal_list(request: HttpRequest) -> HttpResponse:
    rows = list(_read(lambda: appeals.appeals_list(actor=request.user)))
    return render(
        request,
        "evaluation/appeal_list.html",
        {"rows": rows, "decisions": AppealDecision.choices, "note_max": appeals.NOTE_MAX},
    )


@login_required
@require_POST
def appeal_decide(request: HttpRequest, appeal_id: int) -> HttpResponse:
    _call(
        request,
        lambda: appeals.appeals_decide(
            actor=request.user,
            appeal_id=appeal_id,
            decision=request.POST.get("decision", ""),
            note=request.POST.get("note", ""),
            ip=client_ip(request),
        ),
        lambda appeal: f"复查申请已办结：{appeal.get_decision_display()}。",
    )
    return redirect("evaluation:appeals")


# --- the city bureau / the organiser: 撤销职称 -------------------------------------------------------


@login_required
@require_GET
def title_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")
    qs = _read(lambda: revocation.confirmed_titles(actor=request.user, q=q))
    rows = list(qs[:LIST_LIMIT])
    return render(
        request,
        "evaluation/title_list.html",
        {"rows": rows, "q": q, "limit": LIST_LIMIT, "today": timezone.localdate()},
    )


@login_required
@require_POST
def title_revoke(request: HttpRequest, application_id: int) -> HttpResponse:
    _call(
        request,
        lambda: revocation.titles_revoke(
            actor=request.user,
            application_id=application_id,
            reason=request.POST.get("reason", ""),
            document_number=request.POST.get("document_number", ""),
            revoked_on=request.POST.get("revoked_on", ""),
            ip=client_ip(request),
        ),
        lambda done: f"职称已撤销（{done.document_number}），已记入诚信档案。",
    )
    return redirect("evaluation:titles")


# --- the city bureau: 评审专家（全市） and 取消全部专家库资格 -------------------------------------------


@login_required
@require_GET
def expert_list_all(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")
    qs = _read(lambda: expert_removal.experts_search(actor=request.user, q=q))
    return render(
        request,
        "evaluation/expert_list_all.html",
        {"rows": list(qs[:LIST_LIMIT]), "q": q, "limit": LIST_LIMIT},
    )


@login_required
@require_POST
def expert_remove(request: HttpRequest, expert_id: int) -> HttpResponse:
    _call(
        request,
        lambda: expert_removal.expert_remove_everywhere(
            actor=request.user,
            expert_id=expert_id,
            reason=request.POST.get("reason", ""),
            ip=client_ip(request),
        ),
        lambda removal: removal.message,
    )
    return redirect("evaluation:experts_all")
