"""考核认定 (graduate recognition, rule 14; windows, rule 15) as an application of its own kind
(docs/decisions/0007, option 1): no committee; the level and its earliest date come from
rules.recognition, the route from applications.routing.route_for_recognition, the status from the
one state machine (applications/state.py asks `recognition_submit_problems` under its row lock
and `recognition_approved` at the final pass, through the registration in recognition/apps.py).

`recognition_save` keeps the draft: the facts (schooling, hiring date and document) on the
`Recognition` row, the cover (unit, series, track, specialty, level, title) on the Application."""

from __future__ import annotations

from datetime import date, datetime

from applications.completeness import committee_free_missing
from applications.drafts import (
    Cover,
    application_person_problems,
    catalog_title,
    catalog_track,
    clean_choice,
    clean_specialty,
    draft_start,
    level_rank,
    local_today,
    parse_date,
    save_draft,
)
from applications.models import Application, ApplicationKind
from applications.routing import recognising_office, recognition_route_problems
from attachments.models import AttachmentKind
from catalog.models import LEVEL_ORDER, Level
from core import rulebook
from core.audit import audit
from core.dates import date_label
from core.errors import ServiceError
from core.sources import cite
from dossier.completeness import Missing
from dossier.display import GRANTED_KEY, entry_summary
from dossier.models import DossierEntry
from dossier.sections import SECTIONS_BY_KEY
from dossier.selectors import dossier_get_or_create, held_titles
from dossier.validation import clean_entry
from rules.recognition import RecognitionEvaluation, recognition_evaluate

from .models import HiringDocument, Recognition

NOT_SAVED = "考核认定未保存，请按提示修改。"
# Seed question 20: what a recognition is submitted with (besides 基本信息).
REQUIRED_ATTACHMENTS: tuple[str, ...] = (
    AttachmentKind.ID_CARD,
    AttachmentKind.DIPLOMA,
    AttachmentKind.HIRING_FORM,
)


def held_levels(*, user) -> set[str]:
    """The levels in the person's 现有职称情况 (dossier section current_titles)."""
    return {
        str(level)
        for level in held_titles().filter(dossier__user=user).values_list("data__level", flat=True)
        if level
    }


def evaluate_for(*, schooling, hired_on, unit, now: datetime) -> RecognitionEvaluation:
    """rules.recognition's evaluation on today, with the months of the setting (rule 15) and the
    unit's ownership for the recogniser's name."""
    ownership = None
    if unit is not None:
        ownership = "agency" if unit.kind == "agency" else (unit.ownership or None)
    return recognition_evaluate(
        schooling=schooling,
        hired_on=hired_on,
        on=local_today(now),
        months=rulebook.recognition_months(),
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
                f"{first.level_label}（{cite(14)}），目前尚不能申报考核认定。",
            )
        )
    elif level and level not in {item.level for item in evaluation.available}:
        wanted = next((item for item in evaluation.levels if item.level == level), None)
        text = (
            f"最早 {date_label(wanted.earliest)} 可认定{wanted.level_label}（{cite(14)}）"
            if wanted
            else f"按{evaluation.schooling_label}毕业不能认定{Level(level).label}（{cite(14)}）"
        )
        problems.append(("hired_on", f"{text}，请重新保存考核认定。"))
    if not evaluation.window_open:
        months = "、".join(f"{m}月" for m in evaluation.window_months)
        problems.append(
            (
                "__all__",
                f"考核认定每年 {months} 受理（{cite(15)}），本月不受理；"
                f"下一次受理自 {date_label(evaluation.next_window_start)} 起。",
            )
        )
    target = level or (evaluation.best.level if evaluation.best else None)
    if target:
        held = [
            lv for lv in held_levels(user=user) if lv in LEVEL_ORDER and level_rank(lv) >= level_rank(target)
        ]
        if held:
            highest = max(held, key=level_rank)
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
    draft = draft_start(user=user, kind=ApplicationKind.RECOGNITION, application_id=application_id, now=now)
    errors, unit, now = draft.errors, draft.unit, draft.now
    hired = parse_date(hired_on, errors=errors, field="hired_on", label="录用（聘用）日期")
    hiring_document = clean_choice(
        hiring_document,
        errors=errors,
        field="hiring_document",
        choices=HiringDocument,
        missing="请选择录用（聘用）依据。",
        label="录用（聘用）依据",
    )
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
        draft.add_problems(level_problems(evaluation=evaluation, user=user))
        if evaluation.best is not None:
            level = evaluation.best.level

    # 系列 → 方向, the title at the level from the catalogue.
    series, track = catalog_track(series_id=series_id, track_id=track_id, errors=errors)
    title = catalog_title(
        track=track, level=level, errors=errors, field="track_id", advice="请选择其他系列或方向。"
    )
    specialty = clean_specialty(specialty, errors=errors)

    if unit is not None and level:
        draft.add_problems(
            ("unit", message) for message in recognition_route_problems(unit=unit, level=level)
        )
        draft.add_problems(draft.person_problems(level=level))
    errors.raise_if_any(NOT_SAVED)

    facts = {
        "schooling": schooling,
        "hired_on": hired,
        "hiring_document": hiring_document,
        "level": level,
        "earliest": evaluation.best.earliest,
        "office": recognising_office(unit=unit, level=level),
        "evaluated_at": now,
    }
    cover = Cover(series=series, track=track, level=level, title=title, specialty=specialty)
    return save_draft(draft=draft, cover=cover, facts_model=Recognition, facts=facts, not_saved=NOT_SAVED)


# --- submission and approval (asked by applications/state.py) -------------------------------------


def recognition_missing(*, application: Application) -> list[Missing]:
    """申报 for a recognition: 基本信息 (with the unit), the question-20 attachments, the cover."""
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
    return problems + application_person_problems(application=application, now=now)


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
    issuer = str(office) if office is not None else "考核认定"
    return current_title_add(
        application=application, issuer=issuer, now=now, action="recognition_title_added"
    )


def current_title_add(
    *,
    application: Application,
    issuer: str,
    now: datetime,
    action: str,
    series: str | None = None,
    title_name: str | None = None,
    certificate_no: str = "",
    obtained_on: date | None = None,
    document_number: str = "",
    actor=None,
    granted: bool = False,
):
    """A title joins the applicant's 现有职称情况 at the final pass of 考核认定, 职称确认 and 博士后认定,
    and at the 核准/备案 of a committee's 评审通过 (evaluation/results.py, issue 13 item 8, with its
    date as `obtained_on` and its `document_number`): at the application's level, obtained the
    approval day unless given, not an appointment; the series and title the application's unless
    given; `issuer` cut to 100 characters; `granted`: marked as written at a 核准（备案）, which the
    applicant cannot change (dossier.display.GRANTED_KEY). One audit row `action` (by `actor` when
    given). Returns the new DossierEntry."""
    data = {
        "series": application.series.name[:40] if series is None else series,
        "title_name": application.title.name if title_name is None else title_name,
        "level": application.level,
        "obtained_on": (obtained_on or local_today(now)).isoformat(),
        "certificate_no": certificate_no,
        "document_number": document_number[:100],
        "issuer": issuer[:100],
        "appointed": False,
        "appointed_on": None,
    }
    section = SECTIONS_BY_KEY["current_titles"]
    dossier = dossier_get_or_create(user=application.applicant)
    cleaned, errors = clean_entry(section=section, data=data, birth_date=dossier.birth_date)
    if errors:  # pragma: no cover - the data above is built to the declaration
        raise ServiceError("无法写入现有职称情况。", errors.errors)
    if granted:
        cleaned[GRANTED_KEY] = {"application": application.pk, "document_number": document_number[:100]}
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
        actor=actor,
        action=action,
        target=entry,
        detail={"application": application.pk, "summary": entry_summary(section, cleaned)},
    )
    return entry
