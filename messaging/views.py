"""站内消息 (any signed-in person) and the SMS outbox (technical support only)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.errors import ServiceError

from . import services
from .forms import OutboxFilterForm
from .permissions import can_view_sms_outbox
from .selectors import (
    INBOX_PAGE_SIZE,
    OUTBOX_PAGE_LIMIT,
    site_message_get,
    site_message_unread_count,
    site_messages_for,
    sms_outbox_list,
    sms_purpose_label,
    sms_status_label,
)


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    page = Paginator(site_messages_for(user=request.user, unread_only=unread_only), INBOX_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "unread_only": unread_only,
        "unread": site_message_unread_count(user=request.user),
    }
    return render(request, "messaging/message_list.html", context)


@login_required
def message_detail(request: HttpRequest, message_id: int) -> HttpResponse:
    try:
        message = site_message_get(user=request.user, message_id=message_id)
    except ServiceError:
        raise Http404("未找到该消息。") from None
    if message.read_at is None:  # opening a message reads it
        message = services.site_message_mark_read(user=request.user, message_id=message.pk)
    return render(request, "messaging/message_detail.html", {"message": message})


@login_required
@require_POST
def message_read(request: HttpRequest, message_id: int) -> HttpResponse:
    try:
        services.site_message_mark_read(user=request.user, message_id=message_id)
    except ServiceError:
        raise Http404("未找到该消息。") from None
    messages.success(request, "已标记为已读。")
    return redirect("messaging:inbox")


@login_required
@require_POST
def message_read_all(request: HttpRequest) -> HttpResponse:
    count = services.site_message_mark_all_read(user=request.user)
    messages.success(request, f"已将 {count} 条消息标记为已读。" if count else "没有未读消息。")
    return redirect("messaging:inbox")


@login_required
def sms_outbox(request: HttpRequest) -> HttpResponse:
    if not can_view_sms_outbox(request.user)[0]:
        raise Http404("只有技术支持可以查看短信发件箱。")
    form = OutboxFilterForm(request.GET or None)
    phone = form.cleaned_data["phone"] if form.is_valid() else ""
    try:
        rows = list(sms_outbox_list(actor=request.user, phone=phone, limit=OUTBOX_PAGE_LIMIT))
        for row in rows:
            row.purpose_label = sms_purpose_label(row.purpose)
            row.status_label = sms_status_label(row.status)
    except ServiceError as exc:
        for field, errors in exc.errors.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
        rows = []
    context = {"form": form, "rows": rows, "phone": phone, "limit": OUTBOX_PAGE_LIMIT}
    return render(request, "messaging/sms_outbox.html", context)
