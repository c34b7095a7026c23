"""评议 pages: the expert's read-only view of one application of their group (申报表, 基层意见,
the reviewers' opinions) with their own opinion form. Thin: evaluation/opinions.py decides."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.errors import ServiceError
from core.forms import add_service_error
from core.http import client_ip, page_refusals
from recommend.selectors import publicity_for, recommendation_for
from reviews.snapshot import snapshot_view

from . import opinions
from .models import RoundStatus
from .opinions_forms import OpinionForm


def _found(request: HttpRequest, entry_id: int) -> opinions.ExpertEntry:
    with page_refusals():
        return opinions.expert_entry(actor=request.user, entry_id=entry_id)


def _initial(opinion, criteria) -> dict:
    if opinion is None:
        return {}
    values = {"text": opinion.text, "recommendation": opinion.recommendation}
    for c in criteria:
        if c.key in (opinion.scores or {}):
            values[f"score_{c.key}"] = str(opinion.scores[c.key])
    return values


@login_required
@require_http_methods(["GET", "POST"])
def opinion_edit(request: HttpRequest, entry_id: int) -> HttpResponse:
    """评议: the application read-only and the expert's own opinion (written or edited while the
    round is 已抽取专家)."""
    found = _found(request, entry_id)
    entry = found.entry
    application = entry.application
    criteria = opinions.criteria_of(entry)
    own = opinions.own_opinion(expert=found.expert, entry=entry)
    status = 200
    if request.method == "POST":
        form = OpinionForm(request.POST, criteria=criteria)
        form.is_valid()
        try:
            _row, created = opinions.opinion_put(
                actor=request.user,
                entry_id=entry.pk,
                text=form.cleaned_data.get("text"),
                recommendation=form.cleaned_data.get("recommendation") or None,
                scores=form.scores(),
                ip=client_ip(request),
            )
        except ServiceError as exc:
            add_service_error(form, exc)
            status = exc.status
        else:
            messages.success(
                request,
                f"已{'提交' if created else '修改'}对{application.applicant.name}的评议意见；"
                "评审会议开始前可以修改。",
            )
            return redirect("evaluation:opinion", entry.pk)
    else:
        form = OpinionForm(initial=_initial(own, criteria), criteria=criteria)
    context = {
        "entry": entry,
        "application": application,
        "snapshot": snapshot_view(application.snapshot, full_id_number=False),
        "recommendation": recommendation_for(application=application),
        "publicity": publicity_for(application=application),
        "reviewer_opinions": opinions.reviewers_opinions(application=application),
        "own": own,
        "form": form,
        "criteria": criteria,
        "open": entry.round.status == RoundStatus.DRAWN,
    }
    return render(request, "evaluation/opinion_form.html", context, status=status)
