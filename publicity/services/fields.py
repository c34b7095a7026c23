"""Field checks shared by the notice, objection and filing services (every message in Chinese),
and the storing of their uploads."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from django.core.files.base import ContentFile

from core import rulebook
from core.dates import date_label
from core.errors import FieldErrors
from workcal.services import CalendarUnknown, workdays_between

TITLE_MAX = 100
BODY_MAX = 2000
NAME_MAX = 40
FACTS_MAX = 2000
NOTE_MAX = 1000
ENTRIES_MAX = 2000

# --- field checks ---------------------------------------------------------------------------------


def period_check(errors: FieldErrors, *, start: date | None, end: date | None, today: date) -> int | None:
    """Rules 2 and 3: a period of at least PUBLICITY_MIN_WORKDAYS working days by the official
    calendar (holidays and weekends not counted, adjusted working days counted), starting today at
    the earliest. Returns the working days (None when the dates are not usable)."""
    if start is None or end is None:
        return None
    if start < today:
        errors.add("start_date", f"公示开始日期不能早于今天（{date_label(today)}）。")
    if end < start:
        errors.add("end_date", "公示结束日期不能早于公示开始日期。")
        return None
    try:
        workdays = workdays_between(start=start, end=end)
    except CalendarUnknown as exc:
        errors.add("end_date", exc.detail)
        return None
    if workdays < rulebook.PUBLICITY_MIN_WORKDAYS:
        errors.add(
            "end_date",
            f"公示期不少于{rulebook.PUBLICITY_MIN_WORKDAYS}个工作日：{date_label(start)}至{date_label(end)}"
            f"只有{workdays}个工作日（法定节假日和周末不计，调休上班日计入），请延长公示期。",
        )
    return workdays


def parse_ids(errors: FieldErrors, values) -> list[int] | None:
    """The chosen application ids, each once and in order, from a list or a comma-separated text;
    None (with the message) when one of them is no number."""
    if isinstance(values, (str, int)):
        values = [v for v in str(values).replace("，", ",").split(",") if v.strip()]
    ids: list[int] = []
    for value in values or []:
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError):
            errors.add("application_ids", "所选申报编号不正确，请刷新页面后重新选择。")
            return None
        if number not in ids:
            ids.append(number)
    return ids


def clean_ids(errors: FieldErrors, values) -> list[int]:
    ids = parse_ids(errors, values)
    if ids is None:
        return []
    if not ids:
        errors.add("application_ids", "请选择要公示的申报人员。")
    elif len(ids) > ENTRIES_MAX:
        errors.add("application_ids", f"一次公示最多 {ENTRIES_MAX} 人。")
    return ids


# --- uploads (an objection's evidence, a filing's receipt) -------------------------------------------


def checked_upload(errors: FieldErrors, uploaded_file, *, field: str):
    """The upload checked like every attachment (attachments.checks: JPEG/PNG/PDF by content,
    re-encoded images without EXIF, PDFs without scripts); None when there is none or it is refused
    (the reason goes to `field`)."""
    if uploaded_file is None:
        return None
    from attachments.checks import FileRefused, check_upload

    try:
        return check_upload(uploaded_file)
    except FileRefused as exc:
        errors.add(field, str(exc))
        return None


def store_upload(instance, field: str, checked) -> None:
    """Store the checked upload (if any) in `instance.<field>`, with `<field>_content_type` and
    `<field>_size`; the caller saves the row, inside `upload_removed_on_failure`."""
    if checked is None:
        return
    setattr(instance, f"{field}_content_type", checked.content_type)
    setattr(instance, f"{field}_size", checked.size)
    getattr(instance, field).save(f"upload.{checked.extension}", ContentFile(checked.content), save=False)


@contextmanager
def upload_removed_on_failure(instance, field: str) -> Iterator[None]:
    """Around the block that stores an upload in `instance.<field>` and writes the rows: should the
    block fail, the stored file is deleted again."""
    try:
        yield
    except Exception:
        file = getattr(instance, field)
        if file.name:
            file.storage.delete(file.name)
        raise
