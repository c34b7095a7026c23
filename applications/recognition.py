"""考核认定 (graduate recognition, rule 14; windows, rule 15) as an application of its own kind
(docs/decisions/0007, option 1): no committee; the level and its earliest date come from
rules.recognition, the route from applications.routing.route_for_recognition, the status from the
one state machine (applications/state.py asks `recognition_submit_problems` under its row lock
and `recognition_approved` at the final pass).

`recognition_save` keeps the draft: the facts (schooling, hiring date and document) on the
`Recognition` row, the cover (unit, series, track, specialty, level, title) on the Application."""

from __future__ import annotations

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Role
from attachments.models import AttachmentKind
from catalog.models import LEVEL_ORDER, Level, Series, Title, Track
from core.errors import Conflict, FieldErrors, Forbidden, NotFound, ServiceError
from dossier.completeness import Missing
from orgs.windows import current_year
from rules.periods import date_label
from rules.recognition import RecognitionEvaluation, recognition_evaluate
from workcal.services import CALENDAR_TZ
from zhicheng import rules

from .eligibility import person_issues
from .models import Application, ApplicationKind, HiringDocument, Recognition
from .routing import recognising_office, recognition_route_problems
from .selectors import EDITABLE_STATUSES

NOT_SAVED = "考核认定未保存，请按提示修改。"
# Seed question 20: what a recognition is submitted with (besides 基本信息).
REQUIRED_ATTACHMENTS: tuple[str, ...] = (
    AttachmentKind.ID_CARD,
    AttachmentKind.DIPLOMA,
    AttachmentKind.HIRING_FORM,
)
SPECIALTY_MAX = 60  # Application.specialty


def _today(now: datetime) -> date:
    return now.astimezone(CALENDAR_TZ).date()


def _int_or_none(value) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def _parse_date(value, errors: FieldErrors, field: str, label: str) -> date | None:
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


def held_levels(*, user) -> set[str]:
    """The levels in the person's 现有职称情况 (dossier section current_titles)."""
    from dossier.models import DossierEntry

    return {
        str(level)
        for level in DossierEntry.objects.filter(dossier__user=user, section="current_titles").values_list(
            "data__level", flat=True
        )
        if level
    }


def _rank(level: str) -> int:
    """Higher is senior (LEVEL_ORDER runs from 正高级 down to 员级)."""
    return -LEVEL_ORDER.index(level)


def evaluate_for(*, schooling, hired_on, unit, now: datetime) -> RecognitionEvaluation:
    """rules.recognition's evaluation on today, with the months of the setting (rule 15) and the
    unit's ownership for the recogniser's name."""
    ownership = None
    if unit is not None:
        ownership = "agency" if unit.kind == "agency" else (unit.ownership or None)
    return recognition_evaluate(
        schooling=schooling,
        hired_on=hired_on,
        on=_today(now),
        months=rules.recognition_months(),
        ownership=ownership,
    )


def level_problems(
    *, evaluation: RecognitionEvaluation, user, level: str | None = None
) -> list[tuple[str, str]]:
    """Rules 14 and 15 on today: (field, message) for no level yet (with its earliest date), the
    given level not yet available, a closed window (with the next window's first day), or a level
    the person already holds (现有职称情况)."""
    problems: list[tuple[str, str]] = []
    if evaluation.best is None:
        first = evaluation.levels[0]
        problems.append(
            (
                "hired_on",
                f"按{evaluation.schooling_label}毕业，最早 {date_label(first.earliest)} 可认定"
                f"{first.level_label}（规则 14），目前尚不能申报考核认定。",
            )
        )
    elif level and level not in {item.level for item in evaluation.available}:
        wanted = next((item for item in evaluation.levels if item.level == level), None)
        text = (
            f"最早 {date_label(wanted.earliest)} 可认定{wanted.level_label}（规则 14）"
            if wanted
            else f"按{evaluation.schooling_label}毕业不能认定{Level(level).label}（规则 14）"
        )
        problems.append(("hired_on", f"{text}，请重新保存考核认定。"))
    if not evaluation.window_open:
        months = "、".join(f"{m}月" for m in evaluation.window_months)
        problems.append(
            (
                "__all__",
                f"考核认定每年 {months} 受理（规则 15），本月不受理；"
                f"下一次受理自 {date_label(evaluation.next_window_start)} 起。",
            )
        )
    target = level or (evaluation.best.level if evaluation.best else None)
    if target:
        held = [lv for lv in held_levels(user=user) if lv in LEVEL_ORDER and _rank(lv) >= _rank(target)]
        if held:
            highest = max(held, key=_rank)
            problems.append(
                (
                    "schooling",
                    f"您的现有职称情况中已有{Level(highest).label}职称，不能再考核认定{Level(target).label}。",
                )
            )
    return problems


def recognition_save(
    *,
    user,
    schooling,
    hired_on,
    hiring_document,
    series_id,
    track_id,
    specialty,
    application_id=None,
    now: datetime | None = None,
) -> Application:
    """Save the draft of a 考核认定 for the current year: the level is the best one available
    today (rule 14), refused with every reason at once (no level yet, window closed (rule 15), the
    level already held, rules 1 / 9 / 19 / 20, the unit's route)."""
    if getattr(user, "role", None) != Role.APPLICANT:
        raise Forbidden("只有申报人可以申报职称。")
    now = now or timezone.now()
    application = None
    if application_id not in (None, ""):
        pk = _int_or_none(application_id)
        application = (
            Application.objects.filter(pk=pk, applicant=user, kind=ApplicationKind.RECOGNITION).first()
            if pk
            else None
        )
        if application is None:
            raise NotFound("未找到该考核认定申报。")
        if application.status not in EDITABLE_STATUSES:
            raise Conflict(
                f"该申报当前状态为“{application.get_status_display()}”，不能修改。"
                "考核认定只能在草稿或返回修改时修改。"
            )
    year = application.year if application is not None else current_year(now)

    errors = FieldErrors()
    unit = user.organisation
    if unit is None:
        errors.add("unit", "请先在基本信息中选择工作单位。")
    hired = _parse_date(hired_on, errors, "hired_on", "录用（聘用）日期")
    hiring_document = (hiring_document or "").strip()
    if not hiring_document:
        errors.add("hiring_document", "请选择录用（聘用）依据。")
    elif hiring_document not in HiringDocument.values:
        errors.add("hiring_document", "录用（聘用）依据只能是：" + "、".join(HiringDocument.labels) + "。")
    schooling = (schooling or "").strip()

    evaluation = None
    if hired is None:
        if not schooling:
            errors.add("schooling", "请选择学历（学位）或技工院校班次。")
    else:
        try:
            evaluation = evaluate_for(schooling=schooling, hired_on=hired, unit=unit, now=now)
        except ServiceError as exc:
            for field, messages in exc.errors.items():
                if field in ("schooling", "hired_on"):
                    for message in messages:
                        errors.add(field, message)
    level = None
    if evaluation is not None:
        for field, message in level_problems(evaluation=evaluation, user=user):
            errors.add(field, message)
        if evaluation.best is not None:
            level = evaluation.best.level

    # 系列 → 方向, the title at the level from the catalogue.
    series = None
    sid = _int_or_none(series_id)
    if sid is None:
        errors.add("series_id", "请选择系列。")
    else:
        series = Series.objects.filter(pk=sid).first()
        if series is None:
            errors.add("series_id", "所选系列不存在，请重新选择。")
    track = None
    if series is not None:
        tracks = list(Track.objects.filter(series=series).order_by("order", "id"))
        tid = _int_or_none(track_id)
        if tid is None and len(tracks) == 1:
            track = tracks[0]
        elif tid is None:
            errors.add("track_id", "请选择方向。")
        else:
            track = next((t for t in tracks if t.pk == tid), None)
            if track is None:
                errors.add("track_id", "所选方向不属于该系列，请重新选择。")
    title = None
    if track is not None and level:
        title = Title.objects.filter(track=track, level=level).first()
        if title is None:
            errors.add("track_id", f"{track}没有{Level(level).label}职称，请选择其他系列或方向。")
    specialty = " ".join((specialty or "").split())
    if not specialty:
        errors.add("specialty", "请填写申报专业。")
    elif len(specialty) > SPECIALTY_MAX:
        errors.add("specialty", f"申报专业最多 {SPECIALTY_MAX} 个字，当前 {len(specialty)} 个字。")

    if unit is not None and level:
        for message in recognition_route_problems(unit=unit, level=level):
            errors.add("unit", message)
        for problem in person_issues(user=user, level=level, year=year, application=application, now=now):
            errors.add(problem.field, problem.message)
    errors.raise_if_any(NOT_SAVED)

    values = {
        "year": year,
        "kind": ApplicationKind.RECOGNITION,
        "unit": unit,
        "series": series,
        "track": track,
        "specialty": specialty,
        "level": level,
        "title": title,
        "committee": None,
    }
    facts = {
        "schooling": schooling,
        "hired_on": hired,
        "hiring_document": hiring_document,
        "level": level,
        "earliest": evaluation.best.earliest,
        "office": recognising_office(unit=unit, level=level),
        "evaluated_at": now,
    }
    try:
        with transaction.atomic():
            if application is None:
                saved = Application.objects.create(applicant=user, **values)
            else:
                saved = Application.objects.select_for_update().get(pk=application.pk)
                if saved.status not in EDITABLE_STATUSES:
                    raise Conflict(f"该申报当前状态为“{saved.get_status_display()}”，不能修改。")
                for name, value in values.items():
                    setattr(saved, name, value)
                saved.save(update_fields=[*values.keys(), "updated_at"])
            Recognition.objects.update_or_create(application=saved, defaults=facts)
            return saved
    except IntegrityError:
        raise ServiceError(
            NOT_SAVED,
            {"__all__": [f"您{year}年已申报{Level(level).label}，同一年度同一层级只能申报一次。"]},
        ) from None


# --- submission and approval (asked by applications/state.py) -------------------------------------


def recognition_missing(*, application: Application) -> list[Missing]:
    """申报 for a recognition: 基本信息 (with the unit), the question-20 attachments, the cover."""
    from .completeness import committee_free_missing

    return committee_free_missing(
        application=application,
        required=REQUIRED_ATTACHMENTS,
        label="考核认定",
        route_problems=recognition_route_problems,
    )


def recognition_submit_problems(*, application: Application, now: datetime) -> list[tuple[str, str]]:
    """Rules 14 and 15 again on the submission day, and rules 1 / 9 / 19 / 20: (field, message)."""
    recognition = Recognition.objects.filter(application=application).first()
    if recognition is None:
        return [("__all__", "请先填写并保存考核认定信息。")]
    evaluation = evaluate_for(
        schooling=recognition.schooling, hired_on=recognition.hired_on, unit=application.unit, now=now
    )
    problems = level_problems(evaluation=evaluation, user=application.applicant, level=application.level)
    problems += [
        (problem.field, problem.message)
        for problem in person_issues(
            user=application.applicant,
            level=application.level,
            year=application.year,
            application=application,
            now=now,
        )
    ]
    return problems


def recognition_submitted(*, application: Application, route: list, now: datetime) -> None:
    """What the submission computed, on the Recognition row: the level, its earliest date and the
    recognising office (the route's last step)."""
    recognition = Recognition.objects.get(application=application)
    evaluation = evaluate_for(
        schooling=recognition.schooling, hired_on=recognition.hired_on, unit=application.unit, now=now
    )
    item = next(item for item in evaluation.levels if item.level == application.level)
    recognition.level = application.level
    recognition.earliest = item.earliest
    recognition.office = route[-1].organisation if route else None
    recognition.evaluated_at = now
    recognition.save(update_fields=["level", "earliest", "office", "evaluated_at"])


def recognition_approved(*, application: Application, office, now: datetime):
    """The final pass: the title joins the person's 现有职称情况 with the approval date (inside the
    state machine's transaction). Returns the new DossierEntry."""
    data = {
        "series": application.series.name[:40],
        "title_name": application.title.name,
        "level": application.level,
        "obtained_on": _today(now).isoformat(),
        "certificate_no": "",
        "issuer": (str(office) if office is not None else "考核认定")[:100],
        "appointed": False,
        "appointed_on": None,
    }
    return current_title_add(application=application, data=data, action="recognition_title_added")


def current_title_add(*, application: Application, data: dict, action: str):
    """A title joins the applicant's 现有职称情况 (考核认定 and 职称确认 at their final pass), with
    one audit row `action`. Returns the new DossierEntry."""
    from core.audit import audit
    from dossier.display import entry_summary
    from dossier.models import DossierEntry
    from dossier.sections import SECTIONS_BY_KEY
    from dossier.selectors import dossier_get_or_create
    from dossier.validation import clean_entry

    section = SECTIONS_BY_KEY["current_titles"]
    dossier = dossier_get_or_create(user=application.applicant)
    cleaned, errors = clean_entry(section=section, data=data, birth_date=dossier.birth_date)
    if errors:  # pragma: no cover - the data above is built to the declaration
        raise ServiceError("无法写入现有职称情况。", errors.errors)
    position = (
        max(
            DossierEntry.objects.filter(dossier=dossier, section=section.key).values_list(
                "position", flat=True
            ),
            default=0,
        )
        + 1
    )
    entry = DossierEntry.objects.create(dossier=dossier, section=section.key, data=cleaned, position=position)
    audit(
        actor=None,
        action=action,
        target=entry,
        detail={"application": application.pk, "summary": entry_summary(section, cleaned)},
    )
    return entry
