"""花名册: the filtered queue as an .xlsx file. One writer (`roster_write`) serves the direct
download (/reviews/export/ and the API operation reviews_export, from a temporary file) and the
export job (exports.tasks, into the storage): openpyxl's write-only workbook streams the rows to
its own temporary file as they come, and the rows are read from the database `CHUNK` at a time
(`review_queue_rows`), so memory stays flat however long the list (bench/roster_export.py)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from typing import IO

from django.http import FileResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from core.validators import mask_id_number

from .permissions import sees_full_id_number
from .queue import TAB_HANDLED, TABS, QueueFilters, review_queue_rows

HEADERS = (
    "序号",
    "姓名",
    "身份证号",
    "工作单位",
    "系列",
    "申报职称",
    "评委会",
    "状态",
    "当前环节",
    "提交时间",
)
WIDTHS = (6, 10, 21, 30, 14, 18, 36, 16, 20, 18, 18)
CHUNK = 2000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _step_label(application) -> str:
    step = application.current_step
    if step is None:
        return ""
    place = (
        str(step.organisation) if step.organisation_id else (step.committee.name if step.committee_id else "")
    )
    return f"{step.get_kind_display()}（{place}）" if place else step.get_kind_display()


def _time(value) -> str:
    return "" if value is None else f"{timezone.localtime(value):%Y-%m-%d %H:%M}"


def time_label(filters: QueueFilters) -> str:
    return "办理时间" if filters.tab == TAB_HANDLED else "送达时间"


def roster_write_rows(
    rows: Iterable,
    *,
    fileobj: IO[bytes],
    full_id_number: bool,
    time_header: str,
    on_progress: Callable[[int], None] | None = None,
) -> int:
    """Write the 花名册 of `rows` (applications with `queue_time`, as `review_queue_rows` yields
    them) to the binary file object `fileobj`; returns the number of rows. `on_progress(n)` is
    called after each row with the rows written so far (the caller decides how often to report)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title="花名册")
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    bold = Font(bold=True)
    header = []
    for text in (*HEADERS, time_header):
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    number = 0
    for number, application in enumerate(rows, start=1):
        id_number = application.applicant.id_number or ""
        sheet.append(
            [
                number,
                application.applicant.name,
                id_number if full_id_number else mask_id_number(id_number),
                application.unit.name,
                application.series.name,
                application.title.name,
                application.committee_label,
                application.get_status_display(),
                _step_label(application),
                _time(application.submitted_at),
                _time(application.queue_time),
            ]
        )
        if on_progress is not None:
            on_progress(number)
    book.save(fileobj)
    return number


def roster_write(
    *, actor, filters: QueueFilters, fileobj: IO[bytes], on_progress: Callable[[int], None] | None = None
) -> int:
    """The 花名册 of the actor's filtered queue written to `fileobj`; returns the number of rows.
    ID numbers are masked except for a unit admin (its own staff)."""
    return roster_write_rows(
        review_queue_rows(actor=actor, filters=filters, chunk=CHUNK),
        fileobj=fileobj,
        full_id_number=sees_full_id_number(actor),
        time_header=time_label(filters),
        on_progress=on_progress,
    )


def queue_workbook(*, actor, filters: QueueFilters):
    """The 花名册 of the actor's filtered queue as an open temporary file, positioned at 0."""
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it
    roster_write(actor=actor, filters=filters, fileobj=handle)
    handle.seek(0)
    return handle


def export_filename(filters: QueueFilters) -> str:
    tab = dict(TABS).get(filters.tab, "")
    return f"花名册_{tab}_{timezone.localdate():%Y%m%d}.xlsx"


def export_response(*, actor, filters: QueueFilters) -> FileResponse:
    handle = queue_workbook(actor=actor, filters=filters)
    response = FileResponse(handle, as_attachment=True, filename=export_filename(filters), content_type=XLSX)
    response["Cache-Control"] = "no-store"
    return response
