"""评审批次 pages for the committee office (list, 新建批次, a round's page with its groups, the
applications per group, 抽取专家, the draw record, 登记回避) and 我的评审任务 for the expert.
Thin: collect input, call rounds.py / draw.py / conflicts.py, show their messages next to the
inputs. Another committee's round is 404; a role that runs no committee gets 403."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import NotFound, ServiceError
from core.forms import add_service_error
from core.http import client_ip, page_refusals
from orgs.windows import current_year

from . import conflicts, draw, opinions, rounds
from .models import Conflict as Recusal
from .models import Expert, PoolMembership, RoundApplication, RoundStatus
from .rounds_forms import ExpertConflictForm, GroupForm, OfficeConflictForm, RoundForm, RoundUpdateForm


def _office_round(request: HttpRequest, round_id: int):
    with page_refusals():
        return rounds.round_for_office(actor=request.user, round_id=round_id)


def _office(request: HttpRequest):
    with page_refusals():
        return rounds.office_committee(actor=request.user)


@login_required
@require_http_methods(["GET", "POST"])
def round_list(request: HttpRequest) -> HttpResponse:
    """评审批次: the committee's rounds and the form to create one."""
    committee = _office(request)
    if request.method == "POST":
        form = RoundForm(request.POST)
        form.is_valid()
        data = form.cleaned_data
        try:
            row = rounds.round_create(
                actor=request.user,
                name=data.get("name"),
                year=data.get("year"),
                meeting_date=data.get("meeting_date"),
                experts_to_draw=data.get("experts_to_draw"),
                ip=client_ip(request),
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            count = RoundApplication.objects.filter(round=row).count()
            messages.success(request, f"已新建评审批次“{row.name}”，{count}份电子材料审核通过的申报已加入。")
            return redirect("evaluation:round", row.pk)
    else:
        form = RoundForm(
            initial={"year": str(current_year()), "experts_to_draw": str(rounds.min_group_experts())}
        )
    rows = rounds.rounds_list(actor=request.user).annotate(n=Count("entries"))
    return render(request, "evaluation/round_list.html", {"form": form, "rows": rows, "committee": committee})


def _detail(request: HttpRequest, row, *, status: int = 200, **forms) -> HttpResponse:
    groups = rounds.round_groups(row=row)
    entries = list(rounds.round_entries(row=row))
    by_group = [{"group": g, "entries": [e for e in entries if e.group_id == g.pk]} for g in groups]
    pool_experts = Expert.objects.filter(
        pk__in=PoolMembership.objects.filter(pool__committee_id=row.committee_id).values("expert_id")
    ).order_by("name", "pk")
    context = {
        "row": row,
        "by_group": by_group,
        "entries": entries,
        "editable": row.status == RoundStatus.PREPARING,
        "unfiled": rounds.unfiled_waiting(row=row) if row.status == RoundStatus.PREPARING else 0,
        "can_conflict": row.status not in conflicts.CLOSED_FOR_CONFLICTS,
        "update_form": forms.get("update_form")
        or RoundUpdateForm(initial={"name": row.name, "meeting_date": row.meeting_date.isoformat()}),
        "group_form": forms.get("group_form")
        or GroupForm(initial={"experts_to_draw": str(rounds.min_group_experts())}),
        "move_groups": groups,
        "conflict_form": forms.get("conflict_form")
        or OfficeConflictForm(entries=entries, experts=pool_experts),
        "draw_error": forms.get("draw_error"),
        "record": draw.draw_record(actor=request.user, round_id=row.pk),
        "recusals": Recusal.objects.filter(entry__round=row)
        .select_related("expert", "entry__application__applicant")
        .order_by("pk"),
        # 评议汇总 (evaluation/opinions.py), once the experts are drawn.
        "opinion_summary": None if row.status == RoundStatus.PREPARING else opinions.opinion_summary(row),
    }
    return render(request, "evaluation/round_detail.html", context, status=status)


@login_required
@require_http_methods(["GET"])
def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    return _detail(request, _office_round(request, round_id))


@login_required
@require_POST
def round_update(request: HttpRequest, round_id: int) -> HttpResponse:
    row = _office_round(request, round_id)
    form = RoundUpdateForm(request.POST)
    form.is_valid()
    try:
        rounds.round_update(
            actor=request.user,
            round_id=row.pk,
            name=form.cleaned_data.get("name"),
            meeting_date=form.cleaned_data.get("meeting_date"),
            ip=client_ip(request),
        )
    except ServiceError as exc:
        add_service_error(form, exc)
        return _detail(request, row, update_form=form, status=400)
    messages.success(request, "已保存批次信息。")
    return redirect("evaluation:round", row.pk)


@login_required
@require_POST
def round_refresh(request: HttpRequest, round_id: int) -> HttpResponse:
    row = _office_round(request, round_id)
    try:
        joined = rounds.round_refresh(actor=request.user, round_id=row.pk, ip=client_ip(request))
    except ServiceError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(
            request, f"已加入{joined}份新近电子材料审核通过的申报。" if joined else "没有新的可加入的申报。"
        )
    return redirect("evaluation:round", row.pk)


@login_required
@require_POST
def group_create(request: HttpRequest, round_id: int) -> HttpResponse:
    row = _office_round(request, round_id)
    form = GroupForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    try:
        group = rounds.group_create(
            actor=request.user,
            round_id=row.pk,
            name=data.get("name"),
            specialties=data.get("specialties"),
            experts_to_draw=data.get("experts_to_draw"),
            ip=client_ip(request),
        )
    except ServiceError as exc:
        add_service_error(form, exc)
        return _detail(request, row, group_form=form, status=400)
    messages.success(request, f"已新增评议组“{group.name}”。")
    return redirect("evaluation:round", row.pk)


@login_required
@require_POST
def group_delete(request: HttpRequest, round_id: int, group_id: int) -> HttpResponse:
    row = _office_round(request, round_id)
    try:
        rounds.group_delete(actor=request.user, round_id=row.pk, group_id=group_id, ip=client_ip(request))
    except NotFound as exc:
        raise Http404(exc.detail) from None
    except ServiceError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, "已删除评议组，其申报已移入未分组的评议组。")
    return redirect("evaluation:round", row.pk)


@login_required
@require_POST
def entry_move(request: HttpRequest, round_id: int, entry_id: int) -> HttpResponse:
    row = _office_round(request, round_id)
    try:
        entry = rounds.entry_move(
            actor=request.user,
            round_id=row.pk,
            entry_id=entry_id,
            group_id=request.POST.get("group"),
            ip=client_ip(request),
        )
    except NotFound as exc:
        raise Http404(exc.detail) from None
    except ServiceError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, f"已将{entry.application.applicant.name}移至“{entry.group.name}”。")
    return redirect("evaluation:round", row.pk)


@login_required
@require_POST
def round_draw(request: HttpRequest, round_id: int) -> HttpResponse:
    row = _office_round(request, round_id)
    try:
        draw.round_draw(actor=request.user, round_id=row.pk, ip=client_ip(request))
    except ServiceError as exc:
        row.refresh_from_db()
        return _detail(request, row, draw_error=exc.detail, status=409)
    messages.success(request, "已随机抽取评审专家，抽取记录（含随机种子）已保存。专家名单须保密。")
    return redirect("evaluation:round_draw_record", row.pk)


@login_required
@require_http_methods(["GET"])
def round_draw_record(request: HttpRequest, round_id: int) -> HttpResponse:
    """专家抽取记录: who drew and when, the seed, per group the candidates, the excluded with their
    reasons and the drawn; the re-run with the recorded inputs."""
    row = _office_round(request, round_id)
    record = draw.draw_record(actor=request.user, round_id=row.pk)
    if record is None:
        raise Http404("该评审批次尚未抽取专家。")
    verify = draw.draw_verify(actor=request.user, round_id=row.pk)
    return render(request, "evaluation/round_draw.html", {"row": row, "record": record, "verify": verify})


@login_required
@require_POST
def office_conflict(request: HttpRequest, round_id: int) -> HttpResponse:
    row = _office_round(request, round_id)
    entries = list(rounds.round_entries(row=row))
    experts = Expert.objects.filter(
        pk__in=PoolMembership.objects.filter(pool__committee_id=row.committee_id).values("expert_id")
    )
    form = OfficeConflictForm(request.POST, entries=entries, experts=experts)
    form.is_valid()
    data = form.cleaned_data
    if not data.get("entry"):
        form.add_error("entry", "请选择申报人。")
        return _detail(request, row, conflict_form=form, status=400)
    try:
        conflicts.conflict_declare(
            actor=request.user,
            entry_id=data.get("entry"),
            expert_id=data.get("expert"),
            reason=data.get("reason"),
            ip=client_ip(request),
        )
    except NotFound as exc:
        form.add_error("entry", exc.detail)
        return _detail(request, row, conflict_form=form, status=400)
    except ServiceError as exc:
        add_service_error(form, exc)
        return _detail(request, row, conflict_form=form, status=400)
    messages.success(request, "已登记回避。")
    return redirect("evaluation:round", row.pk)


# --- the expert -----------------------------------------------------------------------------------


def _expert_tasks(request: HttpRequest) -> list[dict]:
    with page_refusals():
        return conflicts.expert_assignments(actor=request.user)


@login_required
@require_http_methods(["GET"])
def assignment_list(request: HttpRequest) -> HttpResponse:
    """我的评审任务: the rounds the expert was drawn for and their group's applications."""
    tasks = _expert_tasks(request)
    done = opinions.own_opinion_entry_ids(actor=request.user)
    return render(request, "evaluation/assignment_list.html", {"tasks": tasks, "opinion_done": done})


@login_required
@require_http_methods(["GET", "POST"])
def assignment_conflict(request: HttpRequest, entry_id: int) -> HttpResponse:
    """申请回避 on one application of the expert's group."""
    tasks = _expert_tasks(request)
    entry = next((e for t in tasks for e in t["entries"] if e.pk == entry_id), None)
    if entry is None:
        raise Http404("未找到该评审对象。")
    task = next(t for t in tasks if entry in t["entries"])
    if request.method == "POST":
        form = ExpertConflictForm(request.POST)
        form.is_valid()
        try:
            conflicts.conflict_declare(
                actor=request.user,
                entry_id=entry.pk,
                reason=form.cleaned_data.get("reason"),
                ip=client_ip(request),
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, f"已申请对{entry.application.applicant.name}回避，该申报不再列入您的评审任务。"
            )
            return redirect("evaluation:assignments")
    else:
        form = ExpertConflictForm()
    return render(
        request, "evaluation/assignment_conflict.html", {"entry": entry, "task": task, "form": form}
    )
