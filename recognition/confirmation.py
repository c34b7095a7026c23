"""职称确认 (confirmation of a title obtained elsewhere, rule 17, seed question 16) as an application
of its own kind (docs/decisions/0007, option 1): no committee; who confirms and from which day come
from rules.confirmation, the route from applications.routing.route_for_confirmation, the status from
the one state machine (applications/state.py asks `confirmation_submit_problems` under its row lock
and `confirmation_approved` at the final pass, through the registration in recognition/apps.py).

`confirmation_save` keeps the draft: the title held, the transfer date and the trial assessment on
the `Confirmation` row, the cover (unit, series, track, specialty, level, title) on the Application.
A 高级 confirmation goes through the city bureau to the province, unless the province delegated
the senior review of its series to the unit (`Organisation.senior_delegated_series`, seed question
16 (3)): then the unit confirms it alone."""

from __future__ import annotations

from datetime import date, datetime

from applications.completeness import committee_free_missing
from applications.drafts import (
    Cover,
    application_person_problems,
    catalog_level,
    catalog_title,
    catalog_track,
    clean_choice,
    clean_specialty,
    clean_text,
    draft_start,
    is_retired,
    local_today,
    parse_date,
    save_draft,
    yes_no,
)
from applications.models import Application, ApplicationKind
from applications.routing import confirmation_route_problems, confirming_office, senior_delegated
from attachments.models import AttachmentKind
from dossier.completeness import Missing
from rules import confirmation as rule
from rules.confirmation import ConfirmationEvaluation, confirmation_evaluate

from .models import Confirmation, HeldTitleSource
from .recognition import current_title_add

NOT_SAVED = "职称确认未保存，请按提示修改。"
# What a confirmation is submitted with (besides 基本信息): the title certificate, the ID card and
# the trial assessment (rule 17).
REQUIRED_ATTACHMENTS: tuple[str, ...] = (
    AttachmentKind.ID_CARD,
    AttachmentKind.TITLE_CERTIFICATE,
    AttachmentKind.TRIAL_ASSESSMENT,
)
TEXT_FIELDS = (
    # field, label, max length (Confirmation)
    ("issuer", "原评审/发证机关", 100),
    ("certificate_no", "证书编号", 60),
)

# rules.confirmation's problems, each on the field the person changes (the trial on the transfer date).
PROBLEM_FIELDS = {
    rule.EXAM_ONLY_PROBLEM: "exam_only",
    rule.CIVIL_SERVANT_PROBLEM: "__all__",
    rule.RETIRED_PROBLEM: "__all__",
    rule.INSIDE_YUNNAN_PROBLEM: "source",
    rule.ASSESSMENT_PROBLEM: "assessment_passed",
}


def evaluate_for(
    *,
    user,
    level: str,
    transferred_on: date,
    assessment_passed: bool,
    exam_only: bool,
    source: str,
    now,
    unit=None,
    series=None,
) -> ConfirmationEvaluation:
    """rules.confirmation's evaluation on today. Civil servants are refused by rule 9 through
    person_issues (the dossier's own message), so not twice here; retirement is read from 基本信息;
    a unit with the province's delegated senior authority for `series` confirms 高级 itself."""
    return confirmation_evaluate(
        unit_has_senior_authority=senior_delegated(unit=unit, level=level, series=series),
        level=level,
        transferred_on=transferred_on,
        on=local_today(now),
        assessment_passed=assessment_passed,
        exam_only=exam_only,
        civil_servant=False,
        retired=is_retired(user=user, on=local_today(now)),
        from_inside_yunnan=source == HeldTitleSource.INSIDE_YUNNAN,
    )


def evaluation_problems(evaluation: ConfirmationEvaluation) -> list[tuple[str, str]]:
    """Rule 17's reasons as (field, message); the trial's message names its first day."""
    return [(PROBLEM_FIELDS.get(message, "transferred_on"), message) for message in evaluation.problems]


def confirmation_save(
    *,
    user,
    series_id,
    track_id,
    level,
    title_name="",
    obtained_on,
    issuer,
    source,
    certificate_no,
    transferred_on,
    assessment_passed,
    exam_only,
    specialty,
    application_id=None,
    now: datetime | None = None,
) -> Application:
    """Save the draft of a 职称确认 for the current year: the title held (its series / track / level
    from the catalogue, as on the certificate), where and when it was obtained, the transfer date and
    the trial assessment; refused with every reason at once (rule 17's each, rules 1 / 9 / 19 / 20,
    the unit's route)."""
    draft = draft_start(user=user, kind=ApplicationKind.CONFIRMATION, application_id=application_id, now=now)
    errors, unit, now = draft.errors, draft.unit, draft.now

    # The title held: 系列 → 方向 → 层级 → 职称 from the catalogue.
    series, track = catalog_track(series_id=series_id, track_id=track_id, errors=errors)
    level = catalog_level(
        level,
        errors=errors,
        missing="请选择要确认的职称层级。",
        wrong="职称层级只能是正高级、副高级、中级、助理级或员级。",
    )
    title = catalog_title(
        track=track, level=level, errors=errors, field="level", advice="请选择其他层级或方向。"
    )
    title_name = " ".join((title_name or "").split())[:60] or (title.name if title else "")

    obtained = parse_date(obtained_on, errors=errors, field="obtained_on", label="原职称取得时间")
    transferred = parse_date(
        transferred_on, errors=errors, field="transferred_on", label="调入日期（聘用合同或劳动合同签订日期）"
    )
    today = local_today(now)
    if obtained and obtained > today:
        errors.add("obtained_on", "原职称取得时间不能晚于今天。")
    if transferred and transferred > today:
        errors.add("transferred_on", "调入日期不能晚于今天。")
    if obtained and transferred and obtained > transferred:
        errors.add("obtained_on", "职称确认的是调入前取得的职称，取得时间不能晚于调入日期。")
    given = {"issuer": issuer, "certificate_no": certificate_no}
    texts = {
        field: clean_text(given[field], errors=errors, field=field, label=label, limit=limit)
        for field, label, limit in TEXT_FIELDS
    }
    source = clean_choice(
        source,
        errors=errors,
        field="source",
        choices=HeldTitleSource,
        missing="请选择原职称的取得地。",
        label="取得地",
    )
    passed = yes_no(assessment_passed, errors=errors, field="assessment_passed", label="试用期考核是否合格")
    exam = yes_no(exam_only, errors=errors, field="exam_only", label="是否以考代评的系列（专业）")
    specialty = clean_specialty(specialty, errors=errors)

    evaluation = None
    if level and transferred and passed is not None and exam is not None:
        evaluation = evaluate_for(
            user=user,
            level=level,
            transferred_on=transferred,
            assessment_passed=passed,
            exam_only=exam,
            source=source,
            now=now,
            unit=unit,
            series=series,
        )
        draft.add_problems(evaluation_problems(evaluation))
    if unit is not None and level:
        route_problems = confirmation_route_problems(unit=unit, level=level, series=series)
        draft.add_problems(("unit", message) for message in route_problems)
        draft.add_problems(draft.person_problems(level=level))
    errors.raise_if_any(NOT_SAVED)

    facts = {
        "held_series": series.name[:40],
        "held_title": title_name,
        "obtained_on": obtained,
        "issuer": texts["issuer"],
        "source": source,
        "certificate_no": texts["certificate_no"],
        "transferred_on": transferred,
        "assessment_passed": passed,
        "exam_only": exam,
        "confirmer": evaluation.confirmer,
        "earliest": evaluation.earliest,
        "office": confirming_office(unit=unit, level=level, series=series),
        "evaluated_at": now,
    }
    cover = Cover(series=series, track=track, level=level, title=title, specialty=specialty)
    return save_draft(draft=draft, cover=cover, facts_model=Confirmation, facts=facts, not_saved=NOT_SAVED)


# --- submission and approval (asked by applications/state.py) -------------------------------------


def _evaluation_of(confirmation: Confirmation, *, application: Application, now) -> ConfirmationEvaluation:
    return evaluate_for(
        user=application.applicant,
        level=application.level,
        transferred_on=confirmation.transferred_on,
        assessment_passed=confirmation.assessment_passed,
        exam_only=confirmation.exam_only,
        source=confirmation.source,
        now=now,
        unit=application.unit,
        series=application.series,
    )


def confirmation_missing(*, application: Application) -> list[Missing]:
    """申报 for a confirmation: 基本信息 (with the unit), the attachments above, the cover."""
    return committee_free_missing(
        application=application,
        required=REQUIRED_ATTACHMENTS,
        label="职称确认",
        route_problems=confirmation_route_problems,
    )


def confirmation_submit_problems(*, application: Application, now: datetime) -> list[tuple[str, str]]:
    """Rule 17 again on the submission day, and rules 1 / 9 / 19 / 20: (field, message)."""
    confirmation = Confirmation.objects.filter(application=application).first()
    if confirmation is None:
        return [("__all__", "请先填写并保存职称确认信息。")]
    problems = evaluation_problems(_evaluation_of(confirmation, application=application, now=now))
    return problems + application_person_problems(application=application, now=now)


def confirmation_submitted(*, application: Application, route: list, now: datetime) -> None:
    """What the submission computed, on the Confirmation row: the confirmer, the trial's first
    day and the confirming office (the route's last step; None for the province)."""
    confirmation = Confirmation.objects.get(application=application)
    evaluation = _evaluation_of(confirmation, application=application, now=now)
    confirmation.confirmer = evaluation.confirmer
    confirmation.earliest = evaluation.earliest
    confirmation.office = route[-1].organisation if route else None
    confirmation.evaluated_at = now
    confirmation.save(update_fields=["confirmer", "earliest", "office", "evaluated_at"])


def confirmation_approved(*, application: Application, now: datetime):
    """The final pass: the confirmed title joins the person's 现有职称情况, dated the approval day,
    its issuer the confirming office (inside the state machine's transaction). Returns the entry."""
    confirmation = Confirmation.objects.select_related("office").get(application=application)
    return current_title_add(
        application=application,
        series=confirmation.held_series,
        title_name=confirmation.held_title,
        certificate_no=confirmation.certificate_no,
        issuer=f"{confirmation.office_name or '职称确认'}确认（原{confirmation.issuer}）",
        now=now,
        action="confirmation_title_added",
    )
