"""导出文件: the signed-in user's export jobs with their progress (refreshed by htmx while one is
pending), the download of a finished file (owner only: anyone else gets 404), and the POST that
creates a job (from the review queue's buttons). Thin: the services and selectors decide."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from core.errors import ServiceError
from reviews.permissions import sees_full_id_number

from .models import PENDING_STATUSES, ExportKind
from .selectors import export_get, export_list
from .services import KEEP_DAYS, export_create

PAGE_SIZE = 20
# What the create form sends that is not a parameter of the export.
NOT_PARAMS = {"csrfmiddlewaretoken", "kind", "next"}
STARTED = {
    ExportKind.ROSTER: "花名册",
    ExportKind.PHOTOS: "全部照片（ZIP）",
    ExportKind.REVIEW_FORMS: "全部申报评审表（ZIP）",
}


def _jobs_context(request: HttpRequest) -> dict:
    page = Paginator(export_list(actor=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "page": page,
        "jobs": page.object_list,
        "polling": any(job.status in PENDING_STATUSES for job in page.object_list),
        "keep_days": KEEP_DAYS,
        "full_id_numbers": sees_full_id_number(request.user),
    }


@login_required
@require_GET
def export_list_view(request: HttpRequest) -> HttpResponse:
    """导出文件: the user's jobs, newest first."""
    return render(request, "exports/list.html", _jobs_context(request))


@login_required
@require_GET
def export_rows_view(request: HttpRequest) -> HttpResponse:
    """The jobs table alone (htmx polls it every 2 s while a job is queued or running)."""
    return render(request, "exports/includes/jobs.html", _jobs_context(request))


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("exports:list")


@login_required
@require_POST
def export_create_view(request: HttpRequest) -> HttpResponse:
    """Create an export job: `kind` and the export's parameters (the queue's filters for a
    花名册; committee and year for photos and review forms). Back to the list on success, to
    the page it came from with the messages on a mistake; not allowed: 404."""
    kind = request.POST.get("kind", "")
    params = {key: request.POST.get(key) for key in request.POST if key not in NOT_PARAMS}
    try:
        export_create(actor=request.user, kind=kind, params=params)
    except ServiceError as exc:
        if exc.status in (403, 404):
            raise Http404(exc.detail) from None
        messages.error(request, exc.detail)
        for field_messages in exc.errors.values():
            for message in field_messages:
                messages.error(request, message)
        return redirect(_back(request))
    messages.success(request, f"已开始生成{STARTED.get(kind, '导出文件')}，完成后可在下表下载。")
    return redirect("exports:list")


@login_required
@require_GET
def export_download_view(request: HttpRequest, job_id: int) -> FileResponse:
    """The finished file with its Chinese name (Content-Disposition filename*); owner only."""
    try:
        job = export_get(actor=request.user, job_id=job_id)
    except ServiceError as exc:
        raise Http404(exc.detail) from None
    if not job.is_ready:
        raise Http404("导出文件尚未生成。")
    return file_response(job)


def file_response(job) -> FileResponse:
    """Shared by the page and the API (exports_file)."""
    try:
        handle = job.file.storage.open(job.file.name, "rb")
    except FileNotFoundError:
        raise Http404("导出文件已过期或被删除，请重新导出。") from None
    response = FileResponse(handle, as_attachment=True, filename=job.filename, content_type=job.content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
