"""Writes of the unit step's records: the 基层意见 (rule 25) and the 单位公示 (rule 2).

Only the unit admin of the application's unit may write them, and only while the application is
in review at its unit step (anyone else: "not found", so nothing leaks; a passed step: Conflict).
Each save runs in one transaction that locks the application row, so a save never interleaves
with the state machine's pass of the same application; every field error is reported at once;
one audit row per save."""

from __future__ import annotations

import re
from datetime import date

from django.db import transaction
from django.utils import timezone

from applications.models import Application, ReviewEvent
from core import rulebook
from core.audit import audit
from core.dates import date_label, deadline_label
from core.errors import Conflict, FieldErrors, NotFound
from core.fields import date_field, text_field
from core.http import valid_ip
from core.sources import UNIT_PUBLICITY_SOURCE
from workcal.services import CalendarUnknown, workdays_between

from .models import PublicityResult, UnitPublicity, UnitRecommendation
from .permissions import ASSESSMENT_ONLY, UNIT_STEP_PASSED, assessment_only, at_unit_step, is_unit_admin_of
from .selectors import EVALUATION_LABEL

NOT_FOUND = "未找到该申报。"

# Rule 25 (seed 五 (三) 5): the parts of the 基层意见 and their limits.
EVALUATION_MAX = 2000
METHOD_MAX = 200  # model max_length
PARTICIPANTS_MAX = 200  # model max_length
OPINION_MAX = 1000
FORMATION_MAX = 1000
PARTICIPANT_COUNT_MAX = 100000
# Rule 2: the publicity.
PLACE_MAX = 200  # model max_length
HANDLING_MAX = 1000

# Each result by its value and its label. A bare "有异议" (or the former "有异议，已处理") says
# nothing of the finding, so it is not accepted: the unit states whether the objection was upheld.
RESULT_WORDS = {
    **{choice.value: choice for choice in PublicityResult},
    **{choice.label: choice for choice in PublicityResult},
}
OBJECTION_RESULTS = (PublicityResult.OBJECTION_HANDLED, PublicityResult.OBJECTION_UPHELD)
RESULT_MESSAGE = "公示结果应为“无异议”“有异议，经核实不成立”或“有异议，经核实成立”。"


# --- field checks ---------------------------------------------------------------------------------


def _count(errors: FieldErrors, field: str, value, *, label: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        errors.add(field, f"请填写{label}。")
        return None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, str) and re.fullmatch(r"\s*\d{1,9}\s*", value):
        number = int(value)
    else:
        number = None
    if number is None:
        errors.add(field, f"{label}应为整数。")
        return None
    if not 1 <= number <= PARTICIPANT_COUNT_MAX:
        errors.add(field, f"{label}应为 1 到 {PARTICIPANT_COUNT_MAX} 之间的整数。")
        return None
    return number


# --- access -----------------------------------------------------------------------------------------


def _locked_application(*, actor, application_id) -> Application:
    """The application locked for update, if the actor is the unit admin of its unit and it waits
    at its unit step. Call inside transaction.atomic."""
    try:
        pk = int(application_id)
    except (TypeError, ValueError):
        raise NotFound(NOT_FOUND) from None
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("current_step")
        .defer("snapshot")
        .filter(pk=pk)
        .first()
    )
    if application is None or not is_unit_admin_of(actor, application):
        raise NotFound(NOT_FOUND)
    if not at_unit_step(application):
        raise Conflict(UNIT_STEP_PASSED)
    if assessment_only(application):
        raise Conflict(ASSESSMENT_ONLY)
    return application


def first_submitted_on(application: Application) -> date | None:
    """The day the application was first submitted (Beijing time). A publicity recorded for an
    earlier submission stays valid after a return and resubmission, so the earliest submission
    is the bound, not the latest `submitted_at`."""
    first_event = (
        ReviewEvent.objects.filter(application=application, action="submit")
        .order_by("created_at", "id")
        .values_list("created_at", flat=True)
        .first()
    )
    instants = [t for t in (first_event, application.submitted_at) if t is not None]
    return timezone.localtime(min(instants)).date() if instants else None


# --- 基层意见 -------------------------------------------------------------------------------------------


def recommendation_put(
    *,
    actor,
    application_id,
    evaluation,
    method,
    participants,
    participant_count,
    opinion,
    formation,
    ip: str | None = None,
) -> UnitRecommendation:
    """Create or replace the application's 基层意见 (rule 25): the unit's evaluation of the
    applicant's professional work, the recommendation method, who took part and how many, the
    recommendation opinion and how it was formed. Every part is required."""
    with transaction.atomic():
        application = _locked_application(actor=actor, application_id=application_id)
        errors = FieldErrors()
        values = {
            "evaluation": text_field(
                errors, "evaluation", evaluation, label=EVALUATION_LABEL, max_length=EVALUATION_MAX
            ),
            "method": text_field(errors, "method", method, label="推荐方式", max_length=METHOD_MAX),
            "participants": text_field(
                errors, "participants", participants, label="参与推荐的人员范围", max_length=PARTICIPANTS_MAX
            ),
            "participant_count": _count(errors, "participant_count", participant_count, label="参与推荐人数"),
            "opinion": text_field(errors, "opinion", opinion, label="推荐意见", max_length=OPINION_MAX),
            "formation": text_field(
                errors, "formation", formation, label="意见形成情况", max_length=FORMATION_MAX
            ),
            "unit": application.unit,
        }
        errors.raise_if_any("基层意见未保存，请按提示修改。")
        row, created = UnitRecommendation.objects.select_for_update().get_or_create(
            application=application, defaults={**values, "updated_by": actor}
        )
        changed = list(values) if created else [k for k, v in values.items() if getattr(row, k) != v]
        if not created:
            for key, value in values.items():
                setattr(row, key, value)
            row.updated_by = actor
            row.save()
        audit(
            actor=actor,
            action="unit_recommendation_create" if created else "unit_recommendation_update",
            target=row,
            detail={"application_id": application.pk, "fields": changed},
            ip=valid_ip(ip),
        )
    return row


# --- 单位公示 ---------------------------------------------------------------------------------------------


def publicity_put(
    *,
    actor,
    application_id,
    start_date,
    end_date,
    place,
    result,
    handling="",
    ip: str | None = None,
    today: date | None = None,
) -> UnitPublicity:
    """Create or replace the application's 单位公示 (rule 2): the dates, the place or manner, and —
    once the publicity has ended — its result (无异议; 有异议，经核实不成立 or 有异议，经核实成立,
    each with how it was handled). 经核实成立 is recorded as it was, and then keeps the unit from
    passing the application (recommend.selectors.publicity_check: 公示无异议的方可推荐).

    The working days are counted by the official calendar (workcal) and stored. A publicity
    shorter than PUBLICITY_MIN_WORKDAYS working days is refused; it may not start before the
    application was first submitted; a result can only be recorded after the last day of the
    publicity (the same "ended" as the pass guard: end_date before today)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        application = _locked_application(actor=actor, application_id=application_id)
        errors = FieldErrors()
        start = date_field(errors, "start_date", start_date, label="公示开始日期")
        end = date_field(errors, "end_date", end_date, label="公示结束日期")
        place_text = text_field(errors, "place", place, label="公示地点/方式", max_length=PLACE_MAX)
        raw_result = "" if result is None else str(result).strip()
        result_value = RESULT_WORDS.get(raw_result) if raw_result else ""
        if result_value is None:
            errors.add("result", RESULT_MESSAGE)
            result_value = ""
        handling_text = text_field(
            errors,
            "handling",
            handling,
            label="异议处理情况",
            max_length=HANDLING_MAX,
            required=result_value in OBJECTION_RESULTS,
        )
        if result_value not in OBJECTION_RESULTS:
            handling_text = ""  # only an objection has a handling
        workdays = None
        submitted_on = first_submitted_on(application)
        if start and submitted_on and start < submitted_on:
            errors.add(
                "start_date",
                f"公示开始日期不能早于申报提交日期（{date_label(submitted_on)}）：单位审核申报材料后再进行公示。",
            )
        if start and end:
            if end < start:
                errors.add("end_date", "公示结束日期不能早于公示开始日期。")
            else:
                try:
                    workdays = workdays_between(start=start, end=end)
                except CalendarUnknown as exc:
                    errors.add("end_date", exc.detail)
                else:
                    # Rule 2: at least PUBLICITY_MIN_WORKDAYS working days by the official calendar.
                    if workdays < rulebook.PUBLICITY_MIN_WORKDAYS:
                        errors.add(
                            "end_date",
                            f"公示期不少于{rulebook.PUBLICITY_MIN_WORKDAYS}个工作日："
                            f"{date_label(start)}至{date_label(end)}只有{workdays}个工作日"
                            "（法定节假日和周末不计），请核对公示日期。",
                        )
        if result_value and end and end >= today:
            errors.add(
                "result",
                f"公示期尚未结束（{deadline_label(end)} 结束），公示结束后才能填写公示结果。",
            )
        # The application's one 单位公示, read once (and locked) under the application's lock, which
        # every writer that creates one takes first (this service, publicity's unit notices).
        row = UnitPublicity.objects.select_for_update().filter(application=application).first()
        # 公示无异议的方可推荐: an upheld objection recorded by hand is not turned into another
        # result for the same publicity; only a new one, held after it, may say otherwise.
        previous = (
            row.updated_at
            if row is not None
            and row.unit_id == application.unit_id
            and row.notice_id is None
            and row.result == PublicityResult.OBJECTION_UPHELD
            else None
        )
        if previous and result_value != PublicityResult.OBJECTION_UPHELD and start:
            recorded_on = timezone.localtime(previous).date()
            if start <= recorded_on:
                errors.add(
                    "start_date",
                    f"本单位已于{date_label(recorded_on)}记录公示异议经核实成立，该次公示不能改为其他结果："
                    f"申报人修改材料后须重新公示，公示开始日期应晚于{date_label(recorded_on)}"
                    f"（{UNIT_PUBLICITY_SOURCE}）。",
                )
        errors.raise_if_any("单位公示情况未保存，请按提示修改。")
        values = {
            "start_date": start,
            "end_date": end,
            "workdays": workdays,
            "place": place_text,
            "result": result_value,
            "handling": handling_text,
            "unit": application.unit,
            "notice": None,  # filled by hand: no longer follows an online notice
        }
        created = row is None
        if created:
            row = UnitPublicity.objects.create(application=application, **values, updated_by=actor)
            changed = list(values)
        else:
            changed = [k for k, v in values.items() if getattr(row, k) != v]
            for key, value in values.items():
                setattr(row, key, value)
            row.updated_by = actor
            row.save()
        audit(
            actor=actor,
            action="unit_publicity_create" if created else "unit_publicity_update",
            target=row,
            detail={
                "application_id": application.pk,
                "fields": changed,
                "start_date": start.isoformat(),
                "end_date": end.isoformat(),
                "workdays": workdays,
                "result": result_value,
            },
            ip=valid_ip(ip),
        )
    return row
