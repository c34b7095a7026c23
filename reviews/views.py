"""申报审核 pages: the queue (待审核 / 已审核, filters, search, sorting, counts, 批量通过), the review
page (申报表, 审核记录, 基层意见, 审核) and the 花名册 export. Thin: collect input, call the selectors
and the state machine, show their messages. Anything outside the viewer's scope is a 404."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.errors import ServiceError
from core.forms import add_service_error
from core.http import client_ip

from . import queue, selectors
from .act import act_result, latest_act_id, return_places
from .detail import review_detail
from .export import export_response
from .forms import ActForm, BatchPassForm, QueueFilterForm
from .permissions import can_batch_pass, can_review
from .selectors import filter_years, queue_row
from .services import is_late_warning, review_act, review_batch_pass

PAGE_SIZE = 20


def reviewer_only(view):
    """Signed-in reviewing organisations only; for anyone else the pages do not exist (404)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        allowed, reason = can_review(request.user)
        if not allowed:
            raise Http404(reason)
        return view(request, *args, **kwargs)

    return wrapper


def _in_scope(request: HttpRequest, application_id):
    try:
        return selectors.review_get(actor=request.user, application_id=application_id)
    except ServiceError as exc:
        raise Http404(exc.detail) from None


def _filters(request: HttpRequest, options) -> tuple[QueueFilterForm, queue.QueueFilters]:
    """The filter form as typed and the checked filters (on a mistake: the messages next to the
    inputs, and the queue without filters)."""
    form = QueueFilterForm(request.GET, options=options, years=filter_years(), tab=request.GET.get("tab", ""))
    form.is_valid()
    try:
        filters = queue.queue_filters(**form.raw())
    except ServiceError as exc:
        add_service_error(form, exc)
        tab = form.raw()["tab"]
        filters = queue.QueueFilters(tab=tab if tab in dict(queue.TABS) else queue.TAB_PENDING)
    return form, filters


def _tab_links(filters: queue.QueueFilters, counts: dict) -> list[dict]:
    links = []
    for key, label in queue.TABS:
        query = {**filters.as_query(), "tab": key}
        links.append(
            {
                "key": key,
                "label": label,
                "count": counts.get(key, 0),
                "url": f"{reverse('reviews:queue')}?{urlencode(query)}",
                "active": filters.tab == key,
            }
        )
    return links


def _render_queue(request: HttpRequest, *, batch_form=None, checked=(), status: int = 200) -> HttpResponse:
    user = request.user
    options = selectors.filter_options(actor=user)
    form, filters = _filters(request, options)
    counts = queue.review_counts(actor=user, filters=filters)
    page = queue.review_page(
        actor=user, filters=filters, number=request.GET.get("page"), size=PAGE_SIZE, count=counts["selected"]
    )
    can_batch = can_batch_pass(user)[0] and filters.tab == queue.TAB_PENDING
    context = {
        "form": form,
        "filters": filters,
        "options": options,
        "page": page,
        "rows": [queue_row(application, actor=user) for application in page.object_list],
        "tabs": _tab_links(filters, counts),
        "counts": counts,
        "time_label": "办理时间" if filters.tab == queue.TAB_HANDLED else "送达时间",
        "can_batch": can_batch,
        "batch_form": batch_form or BatchPassForm(),
        "checked": {str(pk) for pk in checked},
        "query": urlencode(filters.as_query()),
        "title": "单位审核" if user.role == "unit_admin" else "申报审核",
    }
    return render(request, "reviews/queue.html", context, status=status)


@reviewer_only
@require_GET
def queue_view(request: HttpRequest) -> HttpResponse:
    """申报审核 (单位审核 for units): 待审核 and 已审核 with filters, search, sorting and counts."""
    return _render_queue(request)


@reviewer_only
@require_POST
def batch_pass_view(request: HttpRequest) -> HttpResponse:
    """批量通过 (units): each chosen application through the state machine, each result shown."""
    allowed, reason = can_batch_pass(request.user)
    if not allowed:
        raise Http404(reason)
    form = BatchPassForm(request.POST)
    form.is_valid()
    ids = request.POST.getlist("ids")
    try:
        results = review_batch_pass(
            actor=request.user, ids=ids, opinion=request.POST.get("opinion", ""), ip=client_ip(request)
        )
    except ServiceError as exc:
        if exc.status == 404:
            raise Http404(exc.detail) from None
        add_service_error(form, exc)
        return _render_queue(request, batch_form=form, checked=ids, status=400)
    return render(
        request,
        "reviews/batch_result.html",
        {
            "results": results,
            "passed": sum(1 for r in results if r.ok),
            "failed": sum(1 for r in results if not r.ok),
            "back": f"{reverse('reviews:queue')}?{request.GET.urlencode()}",
        },
    )


def detail_context(
    request: HttpRequest, application, *, form: ActForm | None = None, late_warning: str = "", result=None
) -> dict:
    detail = review_detail(actor=request.user, application=application)
    if form is None:
        step = detail.acting_step
        form = ActForm(initial={"expected_step_id": str(step.pk) if step is not None else ""})
    # 返回修改: the places that apply to this application first, the others folded away.
    applicable, others = return_places(application=application, snapshot=detail.snapshot)
    chosen = form.value("action") if form.is_bound else ""
    return {
        "application": application,
        "detail": detail,
        "snapshot": detail.snapshot,
        "form": form,
        "late_warning": late_warning,
        "today": timezone.localdate(),
        "result": result,
        "checklist": form.checklist_rows(applicable),
        "checklist_others": form.checklist_rows(others),
        "checklist_open": chosen == "return" or bool(form.errors.get("items") or form.errors.get("deadline")),
        "others_open": form.touched(others),
        # 重置流程 and 不通过 are confirmed before they are sent (form[data-confirm]).
        "confirm": next((a.confirm for a in detail.actions if a.value == chosen and a.enabled), ""),
    }


@reviewer_only
@require_GET
def detail_view(request: HttpRequest, application_id: int) -> HttpResponse:
    """申报表 (the submitted snapshot), the route, 审核记录, 基层意见 and the 审核 form."""
    application = _in_scope(request, application_id)
    # Right after the reviewer's action (act_view), its result replaces the 审核 form.
    done = request.GET.get("done")
    result = act_result(actor=request.user, application=application, event_id=done) if done else None
    return render(request, "reviews/detail.html", detail_context(request, application, result=result))


@reviewer_only
@require_http_methods(["GET", "POST"])
def act_view(request: HttpRequest, application_id: int) -> HttpResponse:
    """审核: 通过 / 返回修改 / 重置流程 / 不通过 through the state machine. A late return (rule 6)
    asks for confirmation first; any refusal re-renders the page with the input kept."""
    application = _in_scope(request, application_id)
    if request.method == "GET":
        return redirect(reverse("reviews:detail", args=[application.pk]) + "#act")
    form = ActForm(request.POST)
    form.is_valid()
    action = form.value("action")
    try:
        review_act(
            actor=request.user,
            application_id=application.pk,
            action=action,
            opinion=form.value("opinion"),
            items=form.return_items(),
            deadline=form.value("deadline"),
            expected_step_id=form.value("expected_step_id"),
            confirm_late=form.value("confirm_late"),
            ip=client_ip(request),
        )
    except ServiceError as exc:
        if exc.status == 404:
            raise Http404(exc.detail) from None
        late = is_late_warning(exc) and action == "return"
        if not late:
            if any(name not in form.fields for name in exc.errors):
                form.add_error(None, exc.detail)  # the summary first, then each message
            add_service_error(form, exc)
        application = _in_scope(request, application_id)
        context = detail_context(request, application, form=form, late_warning=exc.detail if late else "")
        return render(request, "reviews/detail.html", context, status=409 if exc.status == 409 else 400)
    done = latest_act_id(actor=request.user, application_id=application.pk)
    query = f"?{urlencode({'done': done})}" if done else ""
    return redirect(reverse("reviews:detail", args=[application.pk]) + query + "#act")


@reviewer_only
@require_GET
def export_view(request: HttpRequest) -> HttpResponse:
    """花名册: the filtered queue as .xlsx (streamed from a temporary file)."""
    options = selectors.filter_options(actor=request.user)
    form, filters = _filters(request, options)
    if form.errors:
        messages.error(request, "筛选条件有误，请按提示修改后再导出花名册。")
        return redirect(f"{reverse('reviews:queue')}?{request.GET.urlencode()}")
    return export_response(actor=request.user, filters=filters)
