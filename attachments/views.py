"""附件管理 pages. Thin: collect input, call the service, show its messages (core.forms)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods

from applications.selectors import dossier_frozen
from core.errors import ServiceError
from core.forms import add_service_error

from . import services
from .checks import human_size, max_upload_bytes
from .forms import AttachmentReplaceForm, AttachmentUploadForm, PhotoUploadForm
from .models import Attachment, AttachmentKind
from .permissions import can_manage_attachments, can_view_attachment
from .responses import attachment_response
from .rules import PHOTO_REQUIREMENTS, photo_problems
from .selectors import current_attachments


def _limit_text() -> str:
    return human_size(max_upload_bytes())


def _next_url(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def _require_applicant(request: HttpRequest) -> None:
    allowed, _reason = can_manage_attachments(request.user)
    if not allowed:
        raise Http404("附件管理只对申报人开放。")


def _groups(attachments: list[Attachment]) -> list[dict]:
    by_kind: dict[str, list[Attachment]] = {}
    for attachment in attachments:
        by_kind.setdefault(attachment.kind, []).append(attachment)
    return [
        {"kind": kind.value, "label": kind.label, "items": by_kind[kind.value]}
        for kind in AttachmentKind
        if kind != AttachmentKind.PHOTO and by_kind.get(kind.value)
    ]


def _manage_page(
    request: HttpRequest, *, upload_form=None, photo_form=None, status: int = 200
) -> HttpResponse:
    user = request.user
    frozen = dossier_frozen(user=user)
    attachments = current_attachments(user=user)
    photos = [a for a in attachments if a.kind == AttachmentKind.PHOTO]
    photo = photos[-1] if photos else None
    context = {
        "frozen": frozen,
        "editable": not frozen,
        "groups": _groups(attachments),
        "photo": photo,
        "photo_problems": photo_problems(attachment=photo) if photo else [],
        "photo_requirements": PHOTO_REQUIREMENTS,
        "upload_form": upload_form or AttachmentUploadForm(limit_text=_limit_text()),
        "photo_form": photo_form or PhotoUploadForm(),
        "limit_text": _limit_text(),
    }
    return render(request, "attachments/attachment_manage.html", context, status=status)


@login_required
@require_GET
def manage_view(request: HttpRequest) -> HttpResponse:
    _require_applicant(request)
    return _manage_page(request)


def _after_change(request: HttpRequest) -> HttpResponse:
    return redirect(_next_url(request) or reverse("attachments:manage"))


def _came_from_elsewhere(request: HttpRequest) -> bool:
    target = _next_url(request)
    return (
        bool(target)
        and not target.startswith(reverse("attachments:manage") + "?")
        and target != reverse("attachments:manage")
    )


@login_required
@require_http_methods(["GET", "POST"])
def upload_view(request: HttpRequest) -> HttpResponse:
    """The upload form's target (附件管理 and the section pages' entry forms). On a refusal the
    messages are shown next to the fields, on 附件管理 or on a page of its own for an entry."""
    _require_applicant(request)
    if request.method == "GET":
        form = AttachmentUploadForm(
            initial={"kind": request.GET.get("kind", ""), "entry_id": request.GET.get("entry_id", "")},
            limit_text=_limit_text(),
        )
        return _upload_page(request, form)
    form = AttachmentUploadForm(request.POST, request.FILES, limit_text=_limit_text())
    form.is_valid()
    data = form.cleaned_data
    try:
        attachment = services.attachment_upload(
            user=request.user,
            kind=data.get("kind") or request.POST.get("kind", ""),
            title=data.get("title", ""),
            uploaded_file=data.get("file"),
            entry_id=data.get("entry_id") or None,
        )
    except ServiceError as exc:
        add_service_error(form, exc)
        if _came_from_elsewhere(request) or data.get("entry_id"):
            return _upload_page(request, form, status=400)
        return _manage_page(request, upload_form=form, status=400)
    messages.success(request, f"附件“{attachment.title}”已上传。")
    return _after_change(request)


def _upload_page(request: HttpRequest, form, *, status: int = 200) -> HttpResponse:
    return render(
        request,
        "attachments/attachment_upload.html",
        {"form": form, "next": _next_url(request) or "", "frozen": dossier_frozen(user=request.user)},
        status=status,
    )


@login_required
@require_http_methods(["POST"])
def photo_upload_view(request: HttpRequest) -> HttpResponse:
    _require_applicant(request)
    form = PhotoUploadForm(request.POST, request.FILES)
    form.is_valid()
    try:
        attachment = services.photo_upload(user=request.user, uploaded_file=form.cleaned_data.get("file"))
    except ServiceError as exc:
        add_service_error(form, exc)
        if _came_from_elsewhere(request):
            return render(
                request,
                "attachments/photo_upload.html",
                {"form": form, "next": _next_url(request) or "", "photo_requirements": PHOTO_REQUIREMENTS},
                status=400,
            )
        return _manage_page(request, photo_form=form, status=400)
    messages.success(request, "1寸电子照片已上传。")
    for warning in getattr(attachment, "photo_warnings", []):
        messages.warning(request, warning)
    return _after_change(request)


def _own_current_or_404(request: HttpRequest, pk: int) -> Attachment:
    attachment = Attachment.objects.filter(pk=pk, owner=request.user, archived_at__isnull=True).first()
    if attachment is None:
        raise Http404("附件不存在或已被替换、删除。")
    return attachment


@login_required
@require_http_methods(["GET", "POST"])
def replace_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require_applicant(request)
    attachment = _own_current_or_404(request, pk)
    photo = attachment.kind == AttachmentKind.PHOTO
    if request.method == "POST":
        form = AttachmentReplaceForm(request.POST, request.FILES, limit_text=_limit_text(), photo=photo)
        form.is_valid()
        data = form.cleaned_data
        try:
            new = services.attachment_replace(
                user=request.user,
                attachment_id=attachment.pk,
                title=data.get("title", ""),
                uploaded_file=data.get("file"),
            )
        except ServiceError as exc:
            add_service_error(form, exc)
            status = 400
        else:
            messages.success(request, f"附件“{new.title}”已替换。")
            for warning in getattr(new, "photo_warnings", []):
                messages.warning(request, warning)
            return _after_change(request)
    else:
        form = AttachmentReplaceForm(limit_text=_limit_text(), photo=photo)
        status = 200
    return render(
        request,
        "attachments/attachment_replace.html",
        {
            "form": form,
            "attachment": attachment,
            "photo": photo,
            "photo_requirements": PHOTO_REQUIREMENTS,
            "next": _next_url(request) or "",
            "frozen": dossier_frozen(user=request.user),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require_applicant(request)
    attachment = _own_current_or_404(request, pk)
    error = ""
    if request.method == "POST":
        try:
            services.attachment_delete(user=request.user, attachment_id=attachment.pk)
        except ServiceError as exc:
            error = exc.detail
        else:
            messages.success(request, f"附件“{attachment.title}”已删除。")
            return _after_change(request)
    return render(
        request,
        "attachments/attachment_delete.html",
        {"attachment": attachment, "error": error, "next": _next_url(request) or ""},
        status=400 if error else 200,
    )


@login_required
@require_GET
def download_view(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = Attachment.objects.select_related("owner").filter(pk=pk).first()
    if attachment is None:
        raise Http404("附件不存在。")
    allowed, reason = can_view_attachment(request.user, attachment)
    if not allowed:
        raise Http404(reason)
    return attachment_response(attachment, inline=request.GET.get("inline") == "1")


@login_required
@require_GET
def backup_view(request: HttpRequest) -> HttpResponse:
    """备份下载: one ZIP of the whole dossier with its attachments and a readable index."""
    _require_applicant(request)
    from .backup import backup_response

    return backup_response(user=request.user)
