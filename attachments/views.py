"""附件管理 pages. Thin: collect input, call the service, show its messages (core.forms)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods

from core.errors import ServiceError
from core.forms import add_service_error, focus_field, focus_first_error
from dossier.hooks import dossier_frozen
from dossier.selectors import entry_get_own

from . import services
from .forms import AttachmentReplaceForm, AttachmentUploadForm, EntryAttachmentForm, PhotoUploadForm
from .models import Attachment, AttachmentKind
from .permissions import can_manage_attachments, can_view_attachment
from .responses import attachment_response
from .rules import PHOTO_REQUIREMENTS, photo_problems
from .selectors import manage_list


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


def _entry_sections(kind: str) -> list[dict]:
    """The sections whose entries take scans of `kind` (where else it may be uploaded), linked."""
    from dossier.sections import sections_taking

    return [
        {"label": section.label, "url": reverse("dossier:section", args=[section.key]) + "#entries"}
        for section in sections_taking(kind)
    ]


def _manage_page(
    request: HttpRequest, *, upload_form=None, photo_form=None, status: int = 200
) -> HttpResponse:
    """附件管理: the photo, the one list of every attachment (free-standing and under entries), the
    upload form. A refused upload comes back here with its category and name kept, the reason
    next to the field and that field focused (issue 11 items 4, 5 and 23)."""
    user = request.user
    frozen = dossier_frozen.any(user=user)
    photo, groups = manage_list(user=user)
    upload_form = upload_form or AttachmentUploadForm()
    photo_form = photo_form or PhotoUploadForm()
    focus_first_error(upload_form) or focus_first_error(photo_form)
    chosen = upload_form["kind"].value() or ""
    context = {
        "frozen": frozen,
        "editable": not frozen,
        "groups": groups,
        "photo": photo,
        "photo_problems": photo_problems(attachment=photo) if photo else [],
        "photo_requirements": PHOTO_REQUIREMENTS,
        "upload_form": upload_form,
        "photo_form": photo_form,
        "entry_sections": _entry_sections(chosen) if chosen else [],
        "chosen_label": dict(AttachmentKind.choices).get(chosen, ""),
        "next_url": reverse("attachments:manage"),
    }
    return render(request, "attachments/attachment_manage.html", context, status=status)


@login_required
@require_GET
def manage_view(request: HttpRequest) -> HttpResponse:
    """?kind=… (a 去完善 link): that category chosen in the upload form and the file input
    focused; ?kind=photo: the photo's file input focused."""
    _require_applicant(request)
    kind = request.GET.get("kind", "")
    upload_form = AttachmentUploadForm()
    photo_form = PhotoUploadForm()
    if kind == AttachmentKind.PHOTO:
        focus_field(photo_form, "file")
    else:
        upload_form.choose(kind)
    return _manage_page(request, upload_form=upload_form, photo_form=photo_form)


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
    """The upload form's target (附件管理, the section pages' entry forms, 基本信息's forms). A
    refusal keeps its context (issue 11 item 23): an entry's upload comes back on its section
    page at that entry, 附件管理's on 附件管理, others on a page of their own naming the category;
    each with what was typed and chosen, the reason next to the field, that field focused."""
    _require_applicant(request)
    if request.method == "GET":
        form = AttachmentUploadForm(
            initial={"kind": request.GET.get("kind", ""), "entry_id": request.GET.get("entry_id", "")},
        )
        return _upload_page(request, form)
    entry = entry_get_own(user=request.user, entry_id=request.POST.get("entry_id") or None)
    if entry is not None:
        return _entry_upload(request, entry)
    form = AttachmentUploadForm(request.POST, request.FILES)
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


def _entry_upload(request: HttpRequest, entry) -> HttpResponse:
    from dossier.sections import SECTIONS_BY_KEY
    from dossier.views import section_page

    form = EntryAttachmentForm(request.POST, request.FILES, entry=entry)
    form.is_valid()
    data = form.cleaned_data
    try:
        attachment = services.attachment_upload(
            user=request.user,
            kind=data.get("kind", ""),
            title=data.get("title", ""),
            uploaded_file=data.get("file"),
            entry_id=entry.pk,
        )
    except ServiceError as exc:
        add_service_error(form, exc)
        section = SECTIONS_BY_KEY.get(entry.section)
        if section is None:
            raise Http404("没有这个栏目。") from None
        focus_first_error(form)
        return section_page(request, section, entry_upload_form=form, status=400)
    messages.success(request, f"附件“{attachment.title}”（{attachment.get_kind_display()}）已上传。")
    target = _next_url(request) or reverse("dossier:section", args=[entry.section])
    return redirect(target if "#" in target else f"{target}#entry-{entry.pk}")


def _upload_page(request: HttpRequest, form, *, status: int = 200) -> HttpResponse:
    """The upload on a page of its own (a refusal of 基本信息's uploads): the category named in
    the heading and chosen, the name kept, the reason next to the field, that field focused."""
    focus_first_error(form)
    chosen = form["kind"].value() or ""
    return render(
        request,
        "attachments/attachment_upload.html",
        {
            "form": form,
            "next": _next_url(request) or "",
            "frozen": dossier_frozen.any(user=request.user),
            "chosen_label": dict(AttachmentKind.choices).get(chosen, ""),
        },
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
        form = AttachmentReplaceForm(request.POST, request.FILES, photo=photo)
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
        form = AttachmentReplaceForm(photo=photo)
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
            "frozen": dossier_frozen.any(user=request.user),
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
