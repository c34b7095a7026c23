"""The steps every kind's draft save shares: 考核认定 (recognition.recognition), 职称确认
(recognition.confirmation) and 博士后认定 (recognition.postdoc) take all of them; 评审晋升's 保存封面
(applications.services.application_save_cover) takes the catalogue and text steps.

A committee-less save runs: `draft_start` (the applicant only, the editable application, its
year, the unit) → its own facts, read with the small parsers here (`parse_date`, `yes_no`,
`clean_text`, `clean_choice`) → 系列 → 方向 → 层级 → 职称 from the catalogue (`catalog_track`,
`catalog_level`, `catalog_title`) → `clean_specialty` → its rules and `person_problems` → every
error at once → `save_draft` (one transaction, rule 19's constraint as a Chinese refusal).

Every message here is the one the kinds gave before they shared it: a caller passes what differs
(the field and the advice after a missing title, the labels of its own fields)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from accounts.models import Role
from catalog.models import LEVEL_ORDER, Level, Series, Title, Track
from core.dates import CALENDAR_TZ
from core.errors import Conflict, FieldErrors, Forbidden, NotFound, ServiceError
from core.fields import line_field
from dossier.selectors import dossier_get_or_create
from orgs.windows import current_year
from rules.retirement import retired_on

from .eligibility.checks import person_issues
from .models import EDITABLE_STATUSES, Application, ApplicationKind

if TYPE_CHECKING:
    from accounts.models import User
    from orgs.models import Organisation

SPECIALTY_MAX = 60  # Application.specialty
YES, NO = "yes", "no"
YES_SPELLINGS = (YES, "true", "1")
NO_SPELLINGS = (NO, "false", "0")
NOT_APPLICANT = "只有申报人可以申报职称。"
NO_UNIT = "请先在基本信息中选择工作单位。"


# --- the small parsers ------------------------------------------------------------------------------


def local_today(now: datetime) -> date:
    """The calendar day of `now` in Beijing (the working-day calendar's time zone)."""
    return now.astimezone(CALENDAR_TZ).date()


def int_or_none(value: Any) -> int | None:
    """An id from a form or the API: None when not given, -1 when given but not a whole number
    (so a lookup finds nothing and says so)."""
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def parse_date(value: object, *, errors: FieldErrors, field: str, label: str) -> date | None:
    """A required date as YYYY-MM-DD (a date or datetime passes as it is); None with the field's
    message when missing, malformed or not a day of the calendar (2026-02-30)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    if not text:
        errors.add(field, f"请填写{label}。")
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors.add(field, f"{label}格式应为 YYYY-MM-DD，如 2025-07-01。")
        return None


def yes_no(value: object, *, errors: FieldErrors, field: str, label: str) -> bool | None:
    """A required yes/no: a bool, or yes/true/1 and no/false/0 in any case; None with the field's
    message otherwise."""
    if isinstance(value, bool):
        return value
    text = str(value or "").strip().lower()
    if text in YES_SPELLINGS:
        return True
    if text in NO_SPELLINGS:
        return False
    errors.add(field, f"请选择{label}（是或否）。")
    return None


def clean_text(
    value: object, *, errors: FieldErrors, field: str, label: str, limit: int, required: bool = True
) -> str:
    """Spaces collapsed; required (unless told) and at most `limit` characters (core.fields.line_field)."""
    return line_field(errors, field, value, label=label, max_length=limit, required=required)


def clean_choice(
    value: str | None,
    *,
    errors: FieldErrors,
    field: str,
    choices: type[models.TextChoices],
    missing: str,
    label: str,
) -> str:
    """One of `choices`' values, required: `missing` when empty, else "<label>只能是：…" listing
    the choices. Returns the stripped text either way."""
    text = (value or "").strip()
    if not text:
        errors.add(field, missing)
    elif text not in choices.values:
        errors.add(field, f"{label}只能是：" + "、".join(choices.labels) + "。")
    return text


def clean_specialty(value: object, *, errors: FieldErrors) -> str:
    """申报专业: required, at most SPECIALTY_MAX characters."""
    return clean_text(value, errors=errors, field="specialty", label="申报专业", limit=SPECIALTY_MAX)


def level_rank(level: str) -> int:
    """Higher is senior (LEVEL_ORDER runs from 正高级 down to 员级)."""
    return -LEVEL_ORDER.index(level)


def is_retired(*, user: User, on: date) -> bool:
    """Retired or at the statutory age on `on`, read from 基本信息 (rule 9, rules.retirement.retired_on)."""
    return retired_on(dossier_get_or_create(user=user), on)


# --- who saves, and which application -----------------------------------------------------------------


def require_applicant(*, user: User) -> None:
    """Only an applicant applies (403 for every other role)."""
    if getattr(user, "role", None) != Role.APPLICANT:
        raise Forbidden(NOT_APPLICANT)


def applicant_unit(*, user: User, errors: FieldErrors) -> Organisation | None:
    """工作单位 from 基本信息; a message on `unit` while none is chosen."""
    unit = user.organisation
    if unit is None:
        errors.add("unit", NO_UNIT)
    return unit


def editable_application(*, user: User, kind: str, application_id: object) -> Application | None:
    """The user's own application of `kind` to change (None for a new one): 404 for anyone else's
    or an unknown id, 409 once it is no longer a draft or returned."""
    if application_id in (None, ""):
        return None
    label = ApplicationKind(kind).label
    pk = int_or_none(application_id)
    application = (
        Application.objects.filter(pk=pk, applicant=user, kind=kind).first() if pk and pk > 0 else None
    )
    if application is None:
        raise NotFound(f"未找到该{label}申报。")
    if application.status not in EDITABLE_STATUSES:
        raise Conflict(
            f"该申报当前状态为“{application.get_status_display()}”，不能修改。"
            f"{label}只能在草稿或返回修改时修改。"
        )
    return application


@dataclass
class Draft:
    """A committee-less kind's save under way: who saves, the application changed (None for a new
    one), its year, the unit from 基本信息, the moment, and the field errors gathered so far."""

    user: User
    kind: str
    application: Application | None
    year: int
    unit: Organisation | None
    now: datetime
    errors: FieldErrors

    def add_problems(self, problems: Iterable[tuple[str, str]]) -> None:
        """Each (field, message) joins the errors, in order."""
        for field, message in problems:
            self.errors.add(field, message)

    def person_problems(self, *, level: str) -> list[tuple[str, str]]:
        """Rules 1 / 9 / 19 / 20 for this save at `level` (the module's person_problems)."""
        return person_problems(
            user=self.user, level=level, year=self.year, application=self.application, now=self.now
        )


def draft_start(*, user: User, kind: str, application_id: object, now: datetime | None) -> Draft:
    """The first steps of every committee-less save: the applicant only (403), the application to
    change (404 / 409, editable_application), the year (the application's, or the current one), and
    the unit (its message is the first error gathered)."""
    require_applicant(user=user)
    now = now or timezone.now()
    application = editable_application(user=user, kind=kind, application_id=application_id)
    year = application.year if application is not None else current_year(now)
    errors = FieldErrors()
    unit = applicant_unit(user=user, errors=errors)
    return Draft(user=user, kind=kind, application=application, year=year, unit=unit, now=now, errors=errors)


# --- 系列 → 方向 → 层级 → 职称 from the catalogue ---------------------------------------------------


def catalog_track(
    *, series_id: object, track_id: object, errors: FieldErrors
) -> tuple[Series | None, Track | None]:
    """系列 → 方向 from the catalogue (a series with one track needs no choice; a track of another
    series is refused)."""
    series = None
    sid = int_or_none(series_id)
    if sid is None:
        errors.add("series_id", "请选择系列。")
    else:
        series = Series.objects.filter(pk=sid).first()
        if series is None:
            errors.add("series_id", "所选系列不存在，请重新选择。")
    track = None
    if series is not None:
        tracks = list(Track.objects.filter(series=series).order_by("order", "id"))
        tid = int_or_none(track_id)
        if tid is None and len(tracks) == 1:
            track = tracks[0]
        elif tid is None:
            errors.add("track_id", "请选择方向。")
        else:
            track = next((t for t in tracks if t.pk == tid), None)
            if track is None:
                errors.add("track_id", "所选方向不属于该系列，请重新选择。")
    return series, track


def catalog_level(value: str | None, *, errors: FieldErrors, missing: str, wrong: str) -> str | None:
    """层级: one of catalog.Level's values, or None with `missing` / `wrong` on `level`."""
    level = (value or "").strip()
    if not level:
        errors.add("level", missing)
        return None
    if level not in Level.values:
        errors.add("level", wrong)
        return None
    return level


def catalog_title(
    *, track: Track | None, level: str | None, errors: FieldErrors, field: str, advice: str
) -> Title | None:
    """职称: the track's title at the level (None while either is missing). A track without one
    gets "<方向>没有<层级>职称，<advice>" on `field`."""
    if track is None or not level:
        return None
    title = Title.objects.filter(track=track, level=level).first()
    if title is None:
        errors.add(field, f"{track}没有{Level(level).label}职称，{advice}")
    return title


# --- the person, and the save --------------------------------------------------------------------------


def person_problems(
    *, user: User, level: str, year: int, application: Application | None, now: datetime
) -> list[tuple[str, str]]:
    """Rules 1 / 9 / 19 / 20 (applications.eligibility.checks.person_issues) as (field, message)."""
    return [
        (problem.field, problem.message)
        for problem in person_issues(user=user, level=level, year=year, application=application, now=now)
    ]


def application_person_problems(*, application: Application, now: datetime) -> list[tuple[str, str]]:
    """person_problems for a saved application, on its applicant, level and year (at submission)."""
    return person_problems(
        user=application.applicant,
        level=application.level,
        year=application.year,
        application=application,
        now=now,
    )


@dataclass(frozen=True)
class Cover:
    """What a committee-less kind saves on the Application besides year, kind and unit: 系列 / 方向
    / 层级 / 职称 from the catalogue and 专业."""

    series: Series
    track: Track
    level: str
    title: Title
    specialty: str


def save_draft(
    *,
    draft: Draft,
    cover: Cover,
    facts_model: type[models.Model],
    facts: dict,
    not_saved: str,
) -> Application:
    """Create the draft or change it under its row lock (year, kind, unit, the cover, no
    committee), with its facts row (`facts_model`, one-to-one with the application: the kind's
    model in recognition/models.py); rule 19's constraint (a concurrent save at the
    same level and year) becomes a Chinese refusal."""
    values = {
        "year": draft.year,
        "kind": draft.kind,
        "unit": draft.unit,
        "series": cover.series,
        "track": cover.track,
        "specialty": cover.specialty,
        "level": cover.level,
        "title": cover.title,
        "committee": None,
    }
    try:
        with transaction.atomic():
            if draft.application is None:
                saved = Application.objects.create(applicant=draft.user, **values)
            else:
                saved = Application.objects.select_for_update().get(pk=draft.application.pk)
                if saved.status not in EDITABLE_STATUSES:
                    raise Conflict(f"该申报当前状态为“{saved.get_status_display()}”，不能修改。")
                for name, value in values.items():
                    setattr(saved, name, value)
                saved.save(update_fields=[*values.keys(), "updated_at"])
            facts_model.objects.update_or_create(application=saved, defaults=facts)
            return saved
    except IntegrityError:
        raise ServiceError(
            not_saved,
            {
                "__all__": [
                    f"您{draft.year}年已申报{Level(cover.level).label}，同一年度同一层级只能申报一次。"
                ]
            },
        ) from None
