"""评审专家库 pages for the committee office, and 我的信息 for an expert. Thin: collect input, call
evaluation/pool.py, show its messages next to the inputs with everything typed kept."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.errors import NotFound, ServiceError
from core.forms import add_service_error
from core.http import client_ip

from . import pool, pool_import, pool_selectors
from .pool_forms import ExpertForm, FormationForm, ImportForm, PoolFilterForm, ReasonForm

PAGE_SIZE = 30


def _office_or_404(request: HttpRequest) -> None:
    if not pool.can_manage_pool(request.user):
        raise Http404("未找到该页面。")


def _membership_or_404(request: HttpRequest, membership_id: int):
    _office_or_404(request)
    try:
        return pool.membership_get(actor=request.user, membership_id=membership_id)
    except NotFound as exc:
        raise Http404(exc.detail) from None


def _expert_values(form: ExpertForm) -> dict:
    data = form.cleaned_data
    return {key: data.get(key, "") for key in ExpertForm.marked}


@login_required
@require_http_methods(["GET", "POST"])
def pool_list(request: HttpRequest) -> HttpResponse:
    """评审专家库: the pool with its filters, its size against the minimum, 组建方式."""
    _office_or_404(request)
    committee = request.user.committee
    size = pool.pool_size(committee=committee)
    if request.method == "POST":
        formation_form = FormationForm(request.POST)
        formation_form.is_valid()
        try:
            pool.pool_set_formation(
                actor=request.user,
                formation=formation_form.cleaned_data.get("formation", ""),
                ip=client_ip(request),
            )
        except ServiceError as exc:
            add_service_error(formation_form, exc)
        else:
            messages.success(request, "已保存组建方式。")
            return redirect("evaluation:pool")
    else:
        formation_form = FormationForm(initial={"formation": size.formation})
    filters = PoolFilterForm(request.GET)
    filters.is_valid()
    data = filters.cleaned_data
    rows = pool_selectors.pool_list(
        actor=request.user,
        status=data.get("status", ""),
        series=data.get("series", ""),
        specialty=data.get("specialty", ""),
        term=data.get("term", ""),
        q=data.get("q", ""),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "evaluation/pool_list.html",
        {
            "committee": committee,
            "size": size,
            "size_source": pool.SIZE_SOURCE,
            "filters": filters,
            "filtered": any(data.get(k) for k in ("q", "status", "series", "specialty", "term")),
            "formation_form": formation_form,
            "page": page,
            "rows": pool_selectors.with_term_state(page.object_list),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def expert_create(request: HttpRequest) -> HttpResponse:
    """新增专家."""
    _office_or_404(request)
    if request.method == "POST":
        form = ExpertForm(request.POST)
        form.is_valid()
        try:
            row = pool.expert_add(actor=request.user, **_expert_values(form), ip=client_ip(request))
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, f"已将{row.expert.name}加入评审专家库，账号和临时密码已通过短信发送给专家本人。"
            )
            return redirect("evaluation:pool_expert", row.pk)
    else:
        form = ExpertForm()
    return render(request, "evaluation/pool_expert_form.html", {"form": form, "row": None})


@login_required
@require_http_methods(["GET", "POST"])
def expert_edit(request: HttpRequest, membership_id: int) -> HttpResponse:
    """编辑专家信息."""
    row = _membership_or_404(request, membership_id)
    if request.method == "POST":
        form = ExpertForm(request.POST)
        form.is_valid()
        try:
            pool.expert_update(
                actor=request.user, membership_id=row.pk, **_expert_values(form), ip=client_ip(request)
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "已保存专家信息。")
            return redirect("evaluation:pool_expert", row.pk)
    else:
        expert = row.expert
        form = ExpertForm(
            initial={
                "name": expert.name,
                "unit_name": expert.unit_name,
                "title": expert.title,
                "level": expert.level,
                "series": [str(s.pk) for s in expert.series.all()],
                "specialties": expert.specialties,
                "phone": expert.phone,
                "term_start": row.term_start.isoformat(),
                "term_end": row.term_end.isoformat(),
            }
        )
    return render(request, "evaluation/pool_expert_form.html", {"form": form, "row": row})


def _detail(
    request: HttpRequest, row, *, suspend=None, disqualify=None, restore_error: str = ""
) -> HttpResponse:
    return render(
        request,
        "evaluation/pool_expert_detail.html",
        {
            "row": row,
            "expert": row.expert,
            "term_state": pool_selectors.term_state(row),
            "other_pools": row.expert.memberships.exclude(pk=row.pk).select_related("pool__committee"),
            "suspend_form": suspend or ReasonForm(prefix="suspend"),
            "disqualify_form": disqualify or ReasonForm(prefix="disqualify"),
            "restore_error": restore_error,
        },
    )


@login_required
@require_GET
def expert_detail(request: HttpRequest, membership_id: int) -> HttpResponse:
    """One expert of the pool, with 暂停 / 恢复 / 取消资格."""
    return _detail(request, _membership_or_404(request, membership_id))


def _status_action(request: HttpRequest, membership_id: int, action: str) -> HttpResponse:
    row = _membership_or_404(request, membership_id)
    form = ReasonForm(request.POST, prefix=action) if action != "restore" else None
    reason = form.data.get(f"{action}-reason", "") if form is not None else ""
    try:
        if action == "suspend":
            done = pool.expert_suspend(
                actor=request.user, membership_id=row.pk, reason=reason, ip=client_ip(request)
            )
            messages.success(request, f"已暂停{done.expert.name}。")
        elif action == "disqualify":
            done = pool.expert_disqualify(
                actor=request.user, membership_id=row.pk, reason=reason, ip=client_ip(request)
            )
            messages.success(request, f"已取消{done.expert.name}的评审专家资格。")
        else:
            done = pool.expert_restore(actor=request.user, membership_id=row.pk, ip=client_ip(request))
            messages.success(request, f"已恢复{done.expert.name}为在库状态。")
    except ServiceError as exc:
        if form is None:
            return _detail(request, row, restore_error=exc.detail)
        form.is_valid()
        add_service_error(form, exc)
        return _detail(request, row, **{action: form})
    return redirect("evaluation:pool_expert", row.pk)


@login_required
@require_POST
def expert_suspend(request: HttpRequest, membership_id: int) -> HttpResponse:
    return _status_action(request, membership_id, "suspend")


@login_required
@require_POST
def expert_restore(request: HttpRequest, membership_id: int) -> HttpResponse:
    return _status_action(request, membership_id, "restore")


@login_required
@require_POST
def expert_disqualify(request: HttpRequest, membership_id: int) -> HttpResponse:
    return _status_action(request, membership_id, "disqualify")


@login_required
@require_http_methods(["GET", "POST"])
def expert_import(request: HttpRequest) -> HttpResponse:
    """批量导入: upload the .xlsx; a file with bad rows shows the report and imports nothing."""
    _office_or_404(request)
    problems = []
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        form.is_valid()
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise ServiceError.fields({"file": ["请选择要导入的 .xlsx 文件。"]})
            if upload.size > pool_import.max_bytes():
                raise ServiceError.fields(
                    {"file": [f"文件不能超过 {pool_import.max_bytes() // 1024 // 1024} MB。"]}
                )
            result = pool_import.experts_import(
                actor=request.user, content=upload.read(), filename=upload.name or "", ip=client_ip(request)
            )
        except pool_import.ImportRefused as exc:
            problems = exc.problems
            form.add_error(None, exc.detail)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                f"已导入 {len(result.created)} 位专家（其中 {result.reused} 位已在其他评委会专家库中）；"
                "新专家的账号和临时密码已通过短信发送给本人。",
            )
            return redirect("evaluation:pool")
    else:
        form = ImportForm()
    return render(request, "evaluation/pool_import.html", {"form": form, "problems": problems})


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    """导入模板 (.xlsx)."""
    _office_or_404(request)
    response = HttpResponse(
        pool_import.template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = content_disposition_header(True, "评审专家导入模板.xlsx")
    return response


@login_required
@require_GET
def expert_me(request: HttpRequest) -> HttpResponse:
    """我的信息: the expert's own profile and pools."""
    try:
        expert = pool_selectors.expert_self(user=request.user)
    except ServiceError as exc:
        if request.user.role != "expert":
            raise Http404("未找到该页面。") from None
        return render(request, "evaluation/expert_me.html", {"expert": None, "detail": exc.detail})
    return render(request, "evaluation/expert_me.html", {"expert": expert})
