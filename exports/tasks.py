"""The export job itself, run by core.tasks (inline after commit, or by `manage.py run_tasks`):
mark it running, count what it covers, write the file into a temporary file with the progress
saved every few rows (never a write per row), save the file through the storage, mark it done —
or failed with a Chinese message (the exception is logged)."""

from __future__ import annotations

import logging
import tempfile
import time

from django.core.files import File
from django.utils import timezone

from core.audit import audit_full_id_export
from core.errors import ServiceError

from .models import ExportJob, ExportKind, ExportStatus
from .permissions import can_export

logger = logging.getLogger(__name__)

# Progress is saved when this many more rows are done (and at most PROGRESS_SECONDS apart).
PROGRESS_ROWS = {ExportKind.ROSTER: 1000, ExportKind.PHOTOS: 50, ExportKind.REVIEW_FORMS: 5}
PROGRESS_SECONDS = 1.0
FAILED_MESSAGE = "生成导出文件时出错，请稍后重新导出；如仍失败，请联系技术支持。"


class Progress:
    """Called with the rows done so far; saves `done` on the job every `every` rows or once a
    second, whichever comes later (a 100,000-row 花名册 writes about 100 updates, not 100,000)."""

    def __init__(self, job_id: int, every: int) -> None:
        self.job_id = job_id
        self.every = every
        self.saved = 0
        self.saved_at = time.monotonic()

    def __call__(self, done: int, *_more) -> None:
        if done - self.saved < self.every:
            return
        now = time.monotonic()
        if now - self.saved_at < PROGRESS_SECONDS:
            return
        ExportJob.objects.filter(pk=self.job_id).update(done=done)
        self.saved, self.saved_at = done, now


def _roster(job: ExportJob, handle, progress: Progress) -> tuple[int, int]:
    from reviews.export import roster_write
    from reviews.queue import queue_ids

    from .services import roster_params

    filters = roster_params(job.params)
    total = queue_ids(actor=job.owner, filters=filters).count()
    ExportJob.objects.filter(pk=job.pk).update(total=total)
    written = roster_write(
        actor=job.owner, filters=filters, fileobj=handle, on_progress=progress, via="job", audit_target=job
    )
    return written, total


def _committee_applications(job: ExportJob):
    from .selectors import committee_applications
    from .services import committee_params

    params = committee_params(actor=job.owner, params=job.params)
    applications = committee_applications(actor=job.owner, committee=params["committee"], year=params["year"])
    total = applications.count()
    ExportJob.objects.filter(pk=job.pk).update(total=total)
    return applications, total


def _photos(job: ExportJob, handle, progress: Progress) -> tuple[int, int]:
    from .photos import photos_zip

    applications, total = _committee_applications(job)
    return photos_zip(applications=applications, fileobj=handle, on_progress=progress), total


def _review_forms(job: ExportJob, handle, progress: Progress) -> tuple[int, int]:
    from documents.bundle import review_forms_zip

    applications, total = _committee_applications(job)
    # One application (with its snapshot) in memory at a time, not the whole list: an iterator
    # in small chunks, never the queryset's cache.
    rows = applications.select_related("applicant", "unit", "series", "track", "title", "committee")
    done = review_forms_zip(applications=rows.iterator(chunk_size=20), fileobj=handle, on_progress=progress)
    return done, total


WRITERS = {ExportKind.ROSTER: _roster, ExportKind.PHOTOS: _photos, ExportKind.REVIEW_FORMS: _review_forms}
# Photos are named 身份证号+姓名 and review forms print the ID number: every such file is audited
# (a 花名册 is audited by its writer, when it carries full ID numbers).
FULL_ID_KINDS = (ExportKind.PHOTOS, ExportKind.REVIEW_FORMS)


def run_export(*, job_id: int) -> None:
    """Run one queued job (a job already taken by another worker, or gone, is left alone)."""
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.RUNNING, started_at=timezone.now(), done=0
    )
    if not claimed:
        return
    job = ExportJob.objects.select_related("owner").get(pk=job_id)
    try:
        allowed, reason = can_export(job.owner, job.kind)
        if not allowed:
            raise ServiceError(reason)
        with tempfile.TemporaryFile() as handle:
            done, _total = WRITERS[job.kind](job, handle, Progress(job.pk, PROGRESS_ROWS[job.kind]))
            size = handle.seek(0, 2)
            handle.seek(0)
            job.file.save(job.filename or f"{job.kind}", File(handle), save=False)
    except Exception as exc:
        logger.exception("导出失败：job %s (%s)", job_id, job.kind)
        message = exc.detail if isinstance(exc, ServiceError) else FAILED_MESSAGE
        if isinstance(exc, ServiceError) and exc.errors:
            message += "".join(m for messages in exc.errors.values() for m in messages)
        ExportJob.objects.filter(pk=job_id).update(
            status=ExportStatus.FAILED, error=message, finished_at=timezone.now()
        )
        return
    ExportJob.objects.filter(pk=job_id).update(
        status=ExportStatus.DONE,
        file=job.file.name,
        size=size,
        done=done,
        total=done,  # what was written (rows may have come or gone since the count)
        finished_at=timezone.now(),
    )
    if job.kind in FULL_ID_KINDS:
        audit_full_id_export(
            actor=job.owner,
            target=job,
            list_label=job.get_kind_display(),
            filters=job.params,
            rows=done,
            via="job",
        )
