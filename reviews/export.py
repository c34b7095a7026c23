"""花名册: the filtered queue as an .xlsx file. One writer (`roster_write`) serves the direct
download (/reviews/export/ and the API operation reviews_export, from a temporary file) and the
export job (exports.tasks, into the storage): openpyxl's write-only workbook streams the rows to
its own temporary file as they come, and the rows are read from the database `CHUNK` at a time
(`review_queue_batches`), so memory stays flat however long the list (bench/roster_export.py).

The columns are those a bureau works with (issue 11.24): 联系电话 (the applicant's registered
mobile), and from the submitted snapshot — what the reviewers review — 最高学历 (学历情况, rule 10:
a 技工院校 class counts as its equivalent), 现有职称及取得时间 (the highest title of 现有职称情况)
and 从事专业年限 (counted to the committee's month as eligibility counted it, rule 8), read for a
chunk of rows in one more query that takes only those parts of the snapshot.

Full ID numbers only for the roles that need them (permissions.sees_full_id_number); every export
that contains them writes an AuditLog row (who, when, which list and filters, how many rows). A
text that starts like a formula ("=", "+", "-", "@") stays text in Excel. 提交时间 and 送达时间 /
办理时间 are real date cells in the one date style ("2026年12月9日 01:14")."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import IO

from django.db.models.fields.json import KT
from django.http import FileResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from applications.models import Application, step_label
from catalog.models import LEVEL_ORDER
from core.audit import audit_full_id_export
from core.dates import XLSX_DATETIME, excel_value, iso_month_label
from core.validators import mask_id_number
from dossier.rules import counted_as_label, highest_education_entry
from dossier.sections import SECTIONS

from .permissions import sees_full_id_number
from .queue import TAB_HANDLED, TABS, QueueFilters, review_queue_batches

HEADERS = (
    "序号",
    "姓名",
    "身份证号",
    "联系电话",
    "工作单位",
    "最高学历",
    "现有职称及取得时间",
    "从事专业年限",
    "申报系列",
    "申报层级",
    "申报职称",
    "评委会",
    "当前环节",
    "状态",
    "提交时间",
)
WIDTHS = (6, 10, 21, 13, 30, 16, 22, 12, 16, 8, 16, 36, 26, 16, 18, 18)
CHUNK = 2000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell whose text starts with one of these would be read as a formula when edited in Excel.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_SECTION_INDEX = {section.key: index for index, section in enumerate(SECTIONS)}
TITLES, EDUCATION = "current_titles", "education"


def _time(sheet, value):
    """A moment as a real date cell (sorts and filters as a date) shown in the one date style,
    "2026年12月9日 01:14" (core.dates.XLSX_DATETIME); empty when there is none."""
    if value is None:
        return ""
    cell = WriteOnlyCell(sheet, value=excel_value(value))
    cell.number_format = XLSX_DATETIME
    return cell


def time_label(filters: QueueFilters) -> str:
    return "办理时间" if filters.tab == TAB_HANDLED else "送达时间"


# --- what the snapshot says --------------------------------------------------------------------


def _values(entry: dict) -> dict:
    return {f.get("key"): f.get("value") for f in entry.get("fields") or []}


def highest_title(section: dict | None) -> str:
    """The highest level of 现有职称情况 (the latest of that level): "工程师（2015年6月）"."""
    best, best_key = None, None
    for entry in (section or {}).get("entries") or []:
        values = _values(entry)
        level = values.get("level")
        rank = LEVEL_ORDER.index(level) if level in LEVEL_ORDER else len(LEVEL_ORDER)
        key = (-rank, str(values.get("obtained_on") or ""))
        if best_key is None or key > best_key:
            best, best_key = values, key
    if best is None:
        return "无"
    name = str(best.get("title_name") or "")
    month = iso_month_label(best.get("obtained_on"))
    return f"{name}（{month}）" if month else name


def highest_education(section: dict | None) -> str:
    """The highest schooling of 学历情况 by what it counts as (rule 10; the latest to end of equals):
    "本科（学士）", or a 技工院校 class with its equivalent: "高级工班（视同大专）"."""
    best, level = highest_education_entry(_values(entry) for entry in (section or {}).get("entries") or [])
    if best is None or not level:
        return ""
    education = str(best.get("education") or "")
    degree = str(best.get("degree") or "")
    if education:
        return f"{education}（{degree}）" if degree and degree != "无" else education
    return counted_as_label(best.get("technical_class"), level)


def _section(raw: str | None, key: str) -> dict | None:
    if not raw:
        return None
    section = json.loads(raw) if isinstance(raw, str) else raw
    return section if isinstance(section, dict) and section.get("key") == key else None


def _sections_by_key(snapshot: dict | None) -> dict:
    return {s.get("key"): s for s in ((snapshot or {}).get("dossier") or {}).get("sections") or []}


def roster_details(ids: list[int]) -> dict[int, dict]:
    """联系电话, 最高学历, 现有职称及取得时间 and 从事专业年限 of these applications in one query: only
    the two sections and the cover's count are taken out of each snapshot (the database extracts
    them), never the whole dossier. The snapshots whose sections are in another order (an older
    version) are read whole, in one more query for all of them."""
    rows = (
        Application.objects.filter(pk__in=ids)
        .annotate(
            z_titles=KT(f"snapshot__dossier__sections__{_SECTION_INDEX[TITLES]}"),
            z_education=KT(f"snapshot__dossier__sections__{_SECTION_INDEX[EDUCATION]}"),
            z_years=KT("snapshot__cover__service_years"),
        )
        .values_list("pk", "applicant__phone", "z_titles", "z_education", "z_years")
    )
    found, older = [], []
    for pk, phone, titles_raw, education_raw, years in rows:
        titles, education = _section(titles_raw, TITLES), _section(education_raw, EDUCATION)
        if titles_raw and (titles is None or education is None):
            older.append(pk)
        found.append((pk, phone, bool(titles_raw), titles, education, years))
    whole: dict[int, dict] = {pk: {} for pk in older}  # by section key; {} if the row is gone
    if older:
        for pk, snapshot in Application.objects.filter(pk__in=older).values_list("pk", "snapshot"):
            whole[pk] = _sections_by_key(snapshot)
    details = {}
    for pk, phone, has_titles, titles, education, years in found:
        if pk in whole:
            titles, education = whole[pk].get(TITLES), whole[pk].get(EDUCATION)
        details[pk] = {
            "phone": phone or "",
            "education": highest_education(education),
            "title": highest_title(titles) if has_titles else "",
            "years": years or "",
        }
    return details


def _with_details(batches: Iterable[list]) -> Iterator[tuple[object, dict]]:
    """The rows in order, each with its roster_details (one query per batch)."""
    for batch in batches:
        details = roster_details([a.pk for a in batch])
        yield from ((a, details.get(a.pk, {})) for a in batch)


# --- the workbook ------------------------------------------------------------------------------


def _text(sheet, value):
    """A value as the cell writes it: a text that Excel would take for a formula stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    return value


def roster_write_rows(
    batches: Iterable[list],
    *,
    fileobj: IO[bytes],
    full_id_number: bool,
    time_header: str,
    on_progress: Callable[[int], None] | None = None,
) -> int:
    """Write the 花名册 of `batches` (lists of applications with `queue_time`, in order, as
    `review_queue_batches` yields them; each list's roster_details are read in one query) to the
    binary file object `fileobj`; returns the number of rows. `on_progress(n)` is
    called after each row with the rows written so far (the caller decides how often to report)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title="花名册")
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    header = []
    for text in (*HEADERS, time_header):
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    number = 0
    for number, (application, details) in enumerate(_with_details(batches), start=1):
        id_number = application.applicant.id_number or ""
        values = [
            application.applicant.name,
            id_number if full_id_number else mask_id_number(id_number),
            details.get("phone", ""),
            application.unit.name,
            details.get("education", ""),
            details.get("title", ""),
            details.get("years", ""),
            application.series.name,
            application.get_level_display(),
            application.title.name,
            application.committee_label,
            step_label(application.current_step),
            application.get_status_display(),
            _time(sheet, application.submitted_at),
            _time(sheet, application.queue_time),
        ]
        sheet.append([number, *(_text(sheet, value) for value in values)])
        if on_progress is not None:
            on_progress(number)
    book.save(fileobj)
    return number


def roster_write(
    *,
    actor,
    filters: QueueFilters,
    fileobj: IO[bytes],
    on_progress: Callable[[int], None] | None = None,
    via: str = "download",
    audit_target=None,
) -> int:
    """The 花名册 of the actor's filtered queue written to `fileobj`; returns the number of rows.
    ID numbers are masked except for the roles of `sees_full_id_number`; an export with them in
    full is audited (`via`: "download" for the page and the API, "job" for an export job, whose
    row is `audit_target`)."""
    full = sees_full_id_number(actor)
    count = roster_write_rows(
        review_queue_batches(actor=actor, filters=filters, chunk=CHUNK),
        fileobj=fileobj,
        full_id_number=full,
        time_header=time_label(filters),
        on_progress=on_progress,
    )
    if full:
        audit_full_id_export(
            actor=actor,
            target=audit_target if audit_target is not None else actor,
            list_label=f"花名册（{dict(TABS).get(filters.tab, filters.tab)}）",
            filters=filters.as_query(),
            rows=count,
            via=via,
        )
    return count


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
