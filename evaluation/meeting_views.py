"""评审会议 pages: the committee office's meeting page on a round (开始会议, 登记出席 with the
quorum, per application the counts so far — 已投票 x / y — the paper count, 结束会议) and the
expert's ballot (会议投票: each application with 同意 / 不同意 / 弃权, once), and the minutes
(会议纪要) for the office and the chair once the meeting is closed. Thin: they call
evaluation/meeting.py and show its messages. A vote's confirmation never repeats the choice (a
flash message lives in the session, next to the voter's identity)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from core.errors import NotFound, ServiceError
from core.http import client_ip, page_refusals
from documents.responses import pdf_response

from . import meeting, minutes
from .conflicts import expert_of
from .meeting_models import Meeting
from .models import Assignment, RoundStatus
from .rounds_views import _office_round


def _expert(request: HttpRequest):
    with page_refusals():
        return expert_of(request.user)


def _error(request: HttpRequest, exc: ServiceError) -> None:
    if isinstance(exc, NotFound):
        raise Http404(exc.detail)
    text = exc.detail
    for problems in (exc.errors or {}).values():
        text = "；".join(problems)
    messages.error(request, text)


@login_required
@require_GET
def meeting_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    row = _office_round(request, round_id)
    state = meeting.meeting_state(actor=request.user, round_id=row.pk)
    state["can_open"] = row.status == RoundStatus.DRAWN
    state["is_open"] = row.status == RoundStatus.MEETING
    return render(request, "evaluation/meeting_detail.html", state)


@login_required
@require_POST
def meeting_open(request: HttpRequest, round_id: int) -> HttpResponse:
    row = _office_round(request, round_id)
    try:
        meeting.meeting_open(
            actor=request.user, round_id=row.pk, chair_id=request.POST.get("chair"), ip=client_ip(request)
        )
    except ServiceError as exc:
        _error(request, exc)
    else:
        messages.success(request, "评审会议已开始，请登记出席专家。")
    return redirect("evaluation:meeting", row.pk)


@login_required
@require_POST
def meeting_attendance(request: HttpRequest, round_id: int) -> HttpResponse:
    row = _office_round(request, round_id)
    try:
        meeting.meeting_attendance(
            actor=request.user,
            round_id=row.pk,
            present=request.POST.getlist("present"),
            ip=client_ip(request),
        )
    except ServiceError as exc:
        _error(request, exc)
    else:
        messages.success(request, "已保存出席情况。")
    return redirect("evaluation:meeting", row.pk)


@login_required
@require_POST
def meeting_paper(request: HttpRequest, round_id: int, entry_id: int) -> HttpResponse:
    row = _office_round(request, round_id)
    try:
        meeting.ballots_paper_count(
            actor=request.user,
            round_id=row.pk,
            entry_id=entry_id,
            agree=request.POST.get("agree"),
            disagree=request.POST.get("disagree"),
            abstain=request.POST.get("abstain"),
            ip=client_ip(request),
        )
    except ServiceError as exc:
        _error(request, exc)
    else:
        messages.success(request, "已录入纸质选票计票结果。")
    return redirect("evaluation:meeting", row.pk)


@login_required
@require_POST
def meeting_close(request: HttpRequest, round_id: int) -> HttpResponse:
    """The office (from the meeting page) or the chair (from the ballot page) closes."""
    is_expert = getattr(request.user, "role", None) == "expert"
    if not is_expert:
        _office_round(request, round_id)
    try:
        with page_refusals():
            meeting.meeting_close(actor=request.user, round_id=round_id, ip=client_ip(request))
    except ServiceError as exc:
        _error(request, exc)
    else:
        messages.success(request, "评审会议已结束，各申报人的表决结果已确定。")
    return redirect("evaluation:ballot" if is_expert else "evaluation:meeting", round_id)


@login_required
@require_GET
def ballot_list(request: HttpRequest) -> HttpResponse:
    """会议投票: the rounds the expert was drawn for whose meeting is open or over."""
    expert = _expert(request)
    rows = [
        a.round
        for a in Assignment.objects.filter(
            expert=expert, round__status__in=[RoundStatus.MEETING, RoundStatus.CLOSED]
        )
        .select_related("round__committee")
        .order_by("-round__meeting_date", "round_id")
    ]
    return render(request, "evaluation/ballot_list.html", {"rows": rows})


@login_required
@require_GET
def ballot_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    _expert(request)
    try:
        state = meeting.expert_ballot(actor=request.user, round_id=round_id)
    except NotFound as exc:
        raise Http404(exc.detail) from None
    m: Meeting | None = state["meeting"]
    state["is_chair"] = m is not None and m.chair_id == state["expert"].pk
    state["is_open"] = state["round"].status == RoundStatus.MEETING
    return render(request, "evaluation/ballot_detail.html", state)


@login_required
@require_POST
def ballot_cast(request: HttpRequest, round_id: int, entry_id: int) -> HttpResponse:
    _expert(request)
    try:
        meeting.ballots_cast(
            actor=request.user, entry_id=entry_id, choice=request.POST.get("choice"), ip=client_ip(request)
        )
    except ServiceError as exc:
        _error(request, exc)
    else:
        messages.success(request, "投票已记录（无记名，系统只记录您已投票）。")
    return redirect("evaluation:ballot", round_id)


@login_required
@require_GET
def minutes_pdf(request: HttpRequest, round_id: int) -> HttpResponse:
    """会议纪要 (PDF): ?copy=office (办事机构存档本, the office's default) or public (公开本, all the
    chair may have). Before the meeting is closed: back to the page with the reason."""
    is_expert = getattr(request.user, "role", None) == "expert"
    try:
        with page_refusals():
            got = minutes.minutes_download(
                actor=request.user, round_id=round_id, copy=request.GET.get("copy"), ip=client_ip(request)
            )
    except ServiceError as exc:
        _error(request, exc)
        return redirect("evaluation:ballot" if is_expert else "evaluation:meeting", round_id)
    return pdf_response(got.content, filename=got.filename)
