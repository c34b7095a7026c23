"""The demo's 考核认定, 职称确认 and 博士后认定 (issue 6; the people and their data in
demo.path_specs), loaded by `load_paths` from demo.season through the same services a person uses on
the pages, and the words load_demo and demo_accounts print about them.

Rule 15 accepts recognitions only in the months of settings.RECOGNITION_MONTHS; outside them the
draft is saved and submitted on a working day of the latest window month of the year
(`recognition_moments`: the services take `now=`), which the printed notes say (`path_notes`).

Idempotent as the rest of the demo: an applicant who has anything already is left alone, and the
delegation is written only on a unit that has none."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from accounts.models import Role, User
from applications.models import Application, ApplicationKind, ApplicationStatus
from applications.state import application_submit
from catalog.models import Series
from core.dates import CALENDAR_TZ, date_label
from core.errors import ServiceError
from core.rulebook import recognition_months
from core.sources import cite
from orgs.models import Organisation
from recognition.confirmation import confirmation_save
from recognition.postdoc import postdoc_save
from recognition.recognition import recognition_save
from rules.recognition import next_window_start
from workcal.services import CalendarUnknown, is_workday

from .common import DemoRefused, DemoResult, get_or_create_user, service_error_text
from .dossiers import fill_dossier, touched
from .path_specs import (
    DELEGATED_SERIES,
    DELEGATED_UNIT,
    DELEGATION_DOCUMENT,
    PATH_APPLICANTS,
    PathApplication,
    path_applications,
)
from .people import demo_user
from .states import demo_application_state

# --- rule 15: the day the recognition is made ------------------------------------------------------

RECOGNITION_SAVED_AT = time(9, 30)  # outside a window month: saved at 09:30 (Beijing time)
RECOGNITION_SUBMITTED_AT = time(10, 0)  # and submitted at 10:00, the same day


def _workday(day: date) -> bool:
    try:
        return is_workday(day)
    except CalendarUnknown:  # a year the calendar does not hold yet: Monday to Friday
        return day.weekday() < 5


def recognition_moments(now: datetime | None = None) -> tuple[datetime | None, datetime | None] | None:
    """Rule 15: when the demo saves and submits the recognition, as the services' `now`. In a
    window month (None, None): as it happens. Otherwise 09:30 and 10:00 of the last working day
    of the year's latest window month before today. None when the year has had no window month yet
    (only with settings.RECOGNITION_MONTHS changed: January is one by default)."""
    today = (now or timezone.now()).astimezone(CALENDAR_TZ).date()
    months = recognition_months()
    if today.month in months:
        return None, None
    earlier = [month for month in months if month < today.month]
    if not earlier:
        return None
    month = max(earlier)  # before today's month, so at most November
    day = date(today.year, month + 1, 1) - timedelta(days=1)
    while not _workday(day) and day.day > 1:
        day -= timedelta(days=1)
    return (
        datetime.combine(day, RECOGNITION_SAVED_AT, tzinfo=CALENDAR_TZ),
        datetime.combine(day, RECOGNITION_SUBMITTED_AT, tzinfo=CALENDAR_TZ),
    )


def _next_window(today: date) -> date:
    return next_window_start(on=today, months=recognition_months())


# --- loading -------------------------------------------------------------------------------------

SAVERS: dict[str, Callable[..., Application]] = {
    ApplicationKind.RECOGNITION: recognition_save,
    ApplicationKind.CONFIRMATION: confirmation_save,
    ApplicationKind.POSTDOC: postdoc_save,
}


def _path_user(name: str) -> User:
    return demo_user(next(p for p in PATH_APPLICANTS if p.name == name))


def _label(spec: PathApplication) -> str:
    state = "已提交" if spec.submit else "草稿"
    return f"{spec.applicant}的{ApplicationKind(spec.kind).label}（{state}）"


def _load_delegation(result: DemoResult, unit: Organisation) -> None:
    """Seed question 16 (3): the province's delegated senior review of DELEGATED_SERIES, written on
    the unit as the city bureau does in the admin; a unit with any delegation is left alone."""
    label = f"{unit.name}：已下放{DELEGATED_SERIES}系列高级职称评审权限（{DELEGATION_DOCUMENT}）"
    if unit.senior_delegated_series.exists() or unit.senior_delegation_document:
        result.existing.append(label)
        return
    unit.senior_delegated_series.add(Series.objects.get(name=DELEGATED_SERIES))
    unit.senior_delegation_document = DELEGATION_DOCUMENT
    unit.save(update_fields=["senior_delegation_document", "updated_at"])
    result.created.append(label)


def _load_path(result: DemoResult, spec: PathApplication, *, stored: list[str]) -> None:
    """One application through the services, as the applicant would make it on the pages."""
    user = _path_user(spec.applicant)
    label = _label(spec)
    if touched(user):
        result.existing.append(label)
        return
    saved_at = submitted_at = None  # now
    if spec.kind == ApplicationKind.RECOGNITION:
        moments = recognition_moments()
        if moments is None:
            start = _next_window(timezone.now().astimezone(CALENDAR_TZ).date())
            result.skipped.append(
                f"{label}：今年尚未到考核认定受理月（{cite(15)}），未创建；{date_label(start)}起可申报。"
            )
            return
        saved_at, submitted_at = moments
    series = Series.objects.get(name=spec.series)
    track = series.tracks.order_by("order", "id").first()
    try:
        fill_dossier(user, basic=spec.basic, entries=spec.entries, files=spec.files, stored=stored)
        application = SAVERS[spec.kind](
            user=user,
            series_id=series.pk,
            track_id=track.pk,
            specialty=spec.specialty,
            now=saved_at,
            **spec.facts,
        )
        if spec.submit:
            application_submit(application_id=application.pk, actor=user, now=submitted_at)
    except ServiceError as exc:
        raise DemoRefused(f"演示申报“{label}”未能创建：{service_error_text(exc)}") from exc
    result.created.append(label)


def load_paths(result: DemoResult, *, units: dict[str, Organisation], year: int, stored: list[str]) -> None:
    """The issue 6 applicants, the delegation and their applications (called from demo.season,
    inside its transaction; `units` by demo username, `stored` collects the files written)."""
    for person in PATH_APPLICANTS:
        get_or_create_user(
            result,
            person.id_number,
            f"申报人 {person.name}",
            role=Role.APPLICANT,
            name=person.name,
            id_number=person.id_number,
            phone=person.phone,
            organisation=units.get(person.unit),
        )
    _load_delegation(result, units[DELEGATED_UNIT])  # before the 高级 confirmation is routed
    for spec in path_applications(year):
        _load_path(result, spec, stored=stored)


# --- what demo_accounts and load_demo print ---------------------------------------------------------


def _application_of(user: User) -> Application | None:
    return (
        Application.objects.filter(applicant=user, kind__in=list(SAVERS))
        .select_related("title", "current_step")
        .order_by("-year", "-id")
        .first()
    )


def path_application_text(user: User) -> str:
    """The account table's words for an issue 6 applicant: "考核认定（助理工程师），已提交，
    待用人单位考核"."""
    application = _application_of(user)
    if application is None:
        return "尚无申报"
    label = ApplicationKind(application.kind).label
    state = demo_application_state(application).removeprefix("已提交，")
    if application.status == ApplicationStatus.DRAFT:
        state = f"草稿，{state}"
    return f"{label}（{application.title.name}），{state}"


def path_notes() -> list[str]:
    """The notes printed under the tables: when the recognition was submitted (rule 15) and where
    the two confirmations go (the delegation, seed question 16 (3))."""
    notes = []
    months = "、".join(f"{m}月" for m in recognition_months())
    graduate = User.objects.filter(username=PATH_APPLICANTS[0].id_number).first()
    recognition = _application_of(graduate) if graduate else None
    if recognition is not None and recognition.submitted_at:
        day = date_label(recognition.submitted_at.astimezone(CALENDAR_TZ).date())
        notes.append(
            f"考核认定每年 {months} 受理（{cite(15)}）：马晓宇的考核认定于受理月内的 {day} 提交，"
            "单位考核和之后的审核不受受理月限制；返回修改后须在受理月内重新提交。"
        )
    elif recognition is not None:
        start = _next_window(timezone.now().astimezone(CALENDAR_TZ).date())
        notes.append(
            f"考核认定每年 {months} 受理（{cite(15)}）：马晓宇的考核认定自 {date_label(start)} 起可提交。"
        )
    unit = Organisation.objects.filter(
        senior_delegated_series__name=DELEGATED_SERIES, members__username=DELEGATED_UNIT
    ).first()
    if unit is not None:
        notes.append(
            f"{unit.name}已获省人社厅下放{DELEGATED_SERIES}系列高级职称评审权限"
            f"（{unit.senior_delegation_document}）：郭建平的高级职称确认由本单位考核确认；"
            "罗佳的中级职称确认经五华区人社局报市人社局确认。"
        )
    return notes
