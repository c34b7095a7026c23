"""职称确认 (confirmation of a title obtained elsewhere, rule 17, seed question 16) as an application
of its own kind (docs/decisions/0007, option 1): no committee; who confirms and from which day come
from rules.confirmation, the route from applications.routing.route_for_confirmation, the status from
the one state machine (applications/state.py asks `confirmation_submit_problems` under its row lock
and `confirmation_approved` at the final pass).

`confirmation_save` keeps the draft: the title held, the transfer date and the trial assessment on
the `Confirmation` row, the cover (unit, series, track, specialty, level, title) on the Application.
A 高级 confirmation goes through the city bureau to the province, unless the province delegated
the senior review of its series to the unit (`Organisation.senior_delegated_series`, seed question
16 (3)): then the unit confirms it alone."""

from __future__ import annotations

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Role
from attachments.models import AttachmentKind
from catalog.models import Level, Series, Title, Track
from core.errors import Conflict, FieldErrors, Forbidden, NotFound, ServiceError
from dossier.completeness import Missing
from orgs.windows import current_year
from rules import confirmation as rule
from rules.confirmation import ConfirmationEvaluation, confirmation_evaluate

from .eligibility import person_issues
from .models import Application, ApplicationKind, Confirmation, HeldTitleSource
from .recognition import _int_or_none, _parse_date, _today, current_title_add
from .routing import confirmation_route_problems, confirming_office, senior_delegated
from .selectors import EDITABLE_STATUSES

NOT_SAVED = "职称确认未保存，请按提示修改。"
# What a confirmation is submitted with (besides 基本信息): the title certificate, the ID card and
# the trial assessment (rule 17).
REQUIRED_ATTACHMENTS: tuple[str, ...] = (
    AttachmentKind.ID_CARD,
    AttachmentKind.TITLE_CERTIFICATE,
    AttachmentKind.TRIAL_ASSESSMENT,
)
SPECIALTY_MAX = 60  # Application.specialty
TEXT_FIELDS = (
    # field, label, max length (Confirmation)
    ("issuer", "原评审/发证机关", 100),
    ("certificate_no", "证书编号", 60),
)
YES, NO = "yes", "no"

# rules.confirmation's problems, each on the field the person changes (the trial on the transfer date).
PROBLEM_FIELDS = {
    rule.EXAM_ONLY_PROBLEM: "exam_only",
    rule.CIVIL_SERVANT_PROBLEM: "__all__",
    rule.RETIRED_PROBLEM: "__all__",
    rule.INSIDE_YUNNAN_PROBLEM: "source",
    rule.ASSESSMENT_PROBLEM: "assessment_passed",
}


def _yes_no(value, errors: FieldErrors, field: str, label: str) -> bool | None:
    if isinstance(value, bool):
        return value
    text = str(value or "").strip().lower()
    if text in (YES, "true", "1"):
        return True
    if text in (NO, "false", "0"):
        return False
    errors.add(field, f"请选择{label}（是或否）。")
    return None


def _retired(*, user, on: date) -> bool:
    from dossier.selectors import dossier_get_or_create
    from paths.special import retired_on

    return retired_on(dossier_get_or_create(user=user), on)


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
        on=_today(now),
        assessment_passed=assessment_passed,
        exam_only=exam_only,
        civil_servant=False,
        retired=_retired(user=user, on=_today(now)),
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
    if getattr(user, "role", None) != Role.APPLICANT:
        raise Forbidden("只有申报人可以申报职称。")
    now = now or timezone.now()
    application = None
    if application_id not in (None, ""):
        pk = _int_or_none(application_id)
        application = (
            Application.objects.filter(pk=pk, applicant=user, kind=ApplicationKind.CONFIRMATION).first()
            if pk
            else None
        )
        if application is None:
            raise NotFound("未找到该职称确认申报。")
        if application.status not in EDITABLE_STATUSES:
            raise Conflict(
                f"该申报当前状态为“{application.get_status_display()}”，不能修改。"
                "职称确认只能在草稿或返回修改时修改。"
            )
    year = application.year if application is not None else current_year(now)

    errors = FieldErrors()
    unit = user.organisation
    if unit is None:
        errors.add("unit", "请先在基本信息中选择工作单位。")

    # The title held: 系列 → 方向 → 层级 → 职称 from the catalogue.
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
    level = (level or "").strip()
    if not level:
        errors.add("level", "请选择要确认的职称层级。")
        level = None
    elif level not in Level.values:
        errors.add("level", "职称层级只能是正高级、副高级、中级、助理级或员级。")
        level = None
    title = None
    if track is not None and level:
        title = Title.objects.filter(track=track, level=level).first()
        if title is None:
            errors.add("level", f"{track}没有{Level(level).label}职称，请选择其他层级或方向。")
    title_name = " ".join((title_name or "").split())[:60] or (title.name if title else "")

    obtained = _parse_date(obtained_on, errors, "obtained_on", "原职称取得时间")
    transferred = _parse_date(
        transferred_on, errors, "transferred_on", "调入日期（聘用合同或劳动合同签订日期）"
    )
    today = _today(now)
    if obtained and obtained > today:
        errors.add("obtained_on", "原职称取得时间不能晚于今天。")
    if transferred and transferred > today:
        errors.add("transferred_on", "调入日期不能晚于今天。")
    if obtained and transferred and obtained > transferred:
        errors.add("obtained_on", "职称确认的是调入前取得的职称，取得时间不能晚于调入日期。")
    texts = {}
    given = {"issuer": issuer, "certificate_no": certificate_no}
    for field, label, limit in TEXT_FIELDS:
        value = " ".join(str(given[field] or "").split())
        if not value:
            errors.add(field, f"请填写{label}。")
        elif len(value) > limit:
            errors.add(field, f"{label}最多 {limit} 个字，当前 {len(value)} 个字。")
        texts[field] = value
    source = (source or "").strip()
    if not source:
        errors.add("source", "请选择原职称的取得地。")
    elif source not in HeldTitleSource.values:
        errors.add("source", "取得地只能是：" + "、".join(HeldTitleSource.labels) + "。")
    passed = _yes_no(assessment_passed, errors, "assessment_passed", "试用期考核是否合格")
    exam = _yes_no(exam_only, errors, "exam_only", "是否以考代评的系列（专业）")
    specialty = " ".join((specialty or "").split())
    if not specialty:
        errors.add("specialty", "请填写申报专业。")
    elif len(specialty) > SPECIALTY_MAX:
        errors.add("specialty", f"申报专业最多 {SPECIALTY_MAX} 个字，当前 {len(specialty)} 个字。")

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
        for field, message in evaluation_problems(evaluation):
            errors.add(field, message)
    if unit is not None and level:
        for message in confirmation_route_problems(unit=unit, level=level, series=series):
            errors.add("unit", message)
        for problem in person_issues(user=user, level=level, year=year, application=application, now=now):
            errors.add(problem.field, problem.message)
    errors.raise_if_any(NOT_SAVED)

    values = {
        "year": year,
        "kind": ApplicationKind.CONFIRMATION,
        "unit": unit,
        "series": series,
        "track": track,
        "specialty": specialty,
        "level": level,
        "title": title,
        "committee": None,
    }
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
            Confirmation.objects.update_or_create(application=saved, defaults=facts)
            return saved
    except IntegrityError:
        raise ServiceError(
            NOT_SAVED,
            {"__all__": [f"您{year}年已申报{Level(level).label}，同一年度同一层级只能申报一次。"]},
        ) from None


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
    from .completeness import committee_free_missing

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
    data = {
        "series": confirmation.held_series,
        "title_name": confirmation.held_title,
        "level": application.level,
        "obtained_on": _today(now).isoformat(),
        "certificate_no": confirmation.certificate_no,
        "issuer": f"{confirmation.office_name or '职称确认'}确认（原{confirmation.issuer}）"[:100],
        "appointed": False,
        "appointed_on": None,
    }
    return current_title_add(application=application, data=data, action="confirmation_title_added")
