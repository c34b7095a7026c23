"""花名册: the filtered queue as an .xlsx file. openpyxl's write-only workbook streams the rows to
a temporary file (rows are read from the database in chunks, never all in memory); the page and
the API send that file with a Chinese file name (Content-Disposition filename*)."""

from __future__ import annotations

import tempfile

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


def queue_workbook(*, actor, filters: QueueFilters):
    """The 花名册 of the actor's filtered queue as an open temporary file, positioned at 0. ID
    numbers are masked except for a unit admin (its own staff)."""
    full = sees_full_id_number(actor)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title="花名册")
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    bold = Font(bold=True)
    header = []
    for text in (*HEADERS, "办理时间" if filters.tab == TAB_HANDLED else "送达时间"):
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    rows = review_queue_rows(actor=actor, filters=filters, chunk=CHUNK)
    for number, application in enumerate(rows, start=1):
        id_number = application.applicant.id_number or ""
        sheet.append(
            [
                number,
                application.applicant.name,
                id_number if full else mask_id_number(id_number),
                application.unit.name,
                application.series.name,
                application.title.name,
                application.committee.name,
                application.get_status_display(),
                _step_label(application),
                _time(application.submitted_at),
                _time(application.queue_time),
            ]
        )
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it
    book.save(handle)
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
