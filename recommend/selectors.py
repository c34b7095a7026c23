"""Reads of the unit step's records: the 基层意见 (rule 25) and the 单位公示 (rule 2), and the guard
the state machine runs before the unit may pass an application at its step."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from core import rulebook
from core.dates import date_label, deadline_label
from core.errors import NotFound
from core.sources import UNIT_PUBLICITY_SOURCE
from workcal.services import CalendarUnknown, workdays_between

from .models import PublicityResult, UnitPublicity, UnitRecommendation
from .permissions import assessment_only, can_edit_unit_step, is_unit_admin_of

# Rule 25 (seed 五 (三) 5): every part of the 基层意见, in the order of the form, with its label.
EVALUATION_LABEL = "单位对申报人的相关专业技术工作评价"
RECOMMENDATION_PARTS: tuple[tuple[str, str], ...] = (
    ("evaluation", EVALUATION_LABEL),
    ("method", "推荐方式"),
    ("participants", "参与推荐的人员范围"),
    ("participant_count", "参与推荐人数"),
    ("opinion", "推荐意见"),
    ("formation", "意见形成情况"),
)


def recommendation_for(*, application) -> UnitRecommendation | None:
    """The application's 基层意见 written by its current unit, or None when that unit has not filled
    it in yet (a record of a unit the applicant left after a reset does not count)."""
    return UnitRecommendation.objects.filter(application=application, unit_id=application.unit_id).first()


def publicity_for(*, application) -> UnitPublicity | None:
    """The application's 单位公示 by its current unit, or None when that unit has not recorded it yet.

    A publicity the unit published online (publicity app, `notice` set) shows the result the notice
    has reached today: 无异议 once it closed without objection, 有异议，经核实不成立 with the objections'
    outcomes once all are resolved (set on the returned object, not saved here)."""
    row = (
        UnitPublicity.objects.select_related("notice")
        .filter(application=application, unit_id=application.unit_id)
        .first()
    )
    if row is not None and row.notice_id:
        from publicity.selectors import unit_notice_outcome

        outcome = unit_notice_outcome(
            notice=row.notice, application_id=application.pk, today=timezone.localdate()
        )
        row.result, row.handling = outcome.result, outcome.handling
    return row


def recommendation_problems(recommendation: UnitRecommendation | None) -> list[str]:
    """What the 基层意见 still lacks (rule 25)."""
    if recommendation is None:
        return ["尚未填写基层意见：请点击“基层意见”填写完成基层单位意见并提交。"]
    missing = []
    for name, label in RECOMMENDATION_PARTS:
        value = getattr(recommendation, name)
        if name == "participant_count":
            if not value:
                missing.append(label)
        elif not (value or "").strip():
            missing.append(label)
    if missing:
        return [f"基层意见不完整，缺少：{'、'.join(missing)}。"]
    return []


UPHELD_BY_HAND = (
    f"单位公示结果为“有异议，经核实成立”，不能推荐（{UNIT_PUBLICITY_SOURCE}）。"
    "请将申报返回修改或重置流程；申报人修改后须重新进行单位公示，公示无异议的方可推荐。"
)


def publicity_check(publicity: UnitPublicity | None, *, today: date) -> tuple[list[str], list[str]]:
    """(blocks, problems) of the 单位公示. Problems are what the unit still has to do (rule 2: at
    least PUBLICITY_MIN_WORKDAYS working days by the official calendar, ended, a result). Blocks
    are what no record can fix (seed 必读 (三)1 "公示无异议的方可推荐"): an objection found 成立,
    online or recorded by hand — the unit returns or resets the application instead."""
    if publicity is None:
        return [], ["尚未填写单位公示情况：请填写公示起止日期、公示地点和公示结果。"]
    from publicity.selectors import unit_notice_outcome, upheld_message, upheld_unit_objection

    blocks: list[str] = []
    problems: list[str] = []
    try:
        # Counted again here (not only the stored number): an admin may have corrected the calendar.
        workdays = workdays_between(start=publicity.start_date, end=publicity.end_date)
    except CalendarUnknown as exc:
        problems.append(exc.detail)
    else:
        if workdays < rulebook.PUBLICITY_MIN_WORKDAYS:
            problems.append(
                f"公示期不足{rulebook.PUBLICITY_MIN_WORKDAYS}个工作日"
                f"（{date_label(publicity.start_date)}至{date_label(publicity.end_date)}"
                f"共{workdays}个工作日）。"
            )
    # An objection upheld on an online unit notice is not passed over by a later hand-filled
    # record (or another notice) unless that publicity started after the objection was resolved.
    upheld = upheld_unit_objection(application_id=publicity.application_id)
    if (
        upheld is not None
        and upheld.publicity_id != publicity.notice_id
        and publicity.start_date <= timezone.localtime(upheld.resolved_at).date()
    ):
        blocks.append(upheld_message(upheld))
    if publicity.notice_id:
        # Published online: the notice's own period, objections and their handling decide.
        outcome = unit_notice_outcome(
            notice=publicity.notice, application_id=publicity.application_id, today=today
        )
        return blocks + outcome.blocks, problems + outcome.problems
    if publicity.end_date >= today:
        problems.append(f"公示期尚未结束（{deadline_label(publicity.end_date)} 结束），公示结束后方可推荐。")
    if not publicity.result:
        problems.append("尚未填写公示结果。")
    elif publicity.result == PublicityResult.OBJECTION_UPHELD:
        blocks.append(UPHELD_BY_HAND)
    elif publicity.result == PublicityResult.OBJECTION_HANDLED and not (publicity.handling or "").strip():
        problems.append("公示结果为“有异议，经核实不成立”，请填写异议处理情况。")
    return blocks, problems


UnitStepRecords = tuple[UnitRecommendation | None, UnitPublicity | None]


def unit_step_check(
    *, application, today: date | None = None, records: UnitStepRecords | None = None
) -> tuple[list[str], list[str]]:
    """(blocks, problems) before the unit may pass `application` at its step. Blocks: the unit's
    recommendation work suspended for the application's year (seed 必读 (一)2, orgs.suspension),
    an objection found 成立 in the 单位公示. Problems: what the 基层意见 (rule 25) and the 单位公示
    (rule 2) still lack — none for a kind the unit assesses (`assessment_only`), which a suspended
    unit cannot pass either. `records`: the (recommendation_for, publicity_for) a page has loaded
    already; read here when not given."""
    from orgs.suspension import suspension_message

    today = today or timezone.localdate()
    suspended = suspension_message(unit_id=application.unit_id, year=application.year)
    blocks = [suspended] if suspended else []
    if assessment_only(application):
        return blocks, []
    if records is None:
        records = (recommendation_for(application=application), publicity_for(application=application))
    recommendation, publicity = records
    publicity_blocks, problems = publicity_check(publicity, today=today)
    return blocks + publicity_blocks, recommendation_problems(recommendation) + problems


def unit_step_problems(
    *, application, today: date | None = None, records: UnitStepRecords | None = None
) -> list[str]:
    """Everything that keeps the unit from passing `application` at its step, blocks first; empty
    when it may pass (`records` as in unit_step_check).

    The records are kept across a return and resubmission: a recommendation or publicity saved
    before the applicant resubmitted still counts for the new submission (the unit may update
    them at any time while the application is at its step). Kept simple on purpose."""
    blocks, problems = unit_step_check(application=application, today=today, records=records)
    return blocks + problems


def unit_pass_refusal(*, application, today: date | None = None) -> tuple[str, list[str]] | None:
    """The state machine's guard at the unit step: None when the unit may pass, else the message
    and every problem. A block is its own message; missing records are named as such."""
    blocks, problems = unit_step_check(application=application, today=today)
    if not blocks and not problems:
        return None
    everything = blocks + problems
    if blocks:
        return blocks[0], everything
    if len(problems) == 1:
        return "单位审核通过前须填写完整基层意见并完成单位公示：" + problems[0], everything
    return f"单位审核通过前须填写完整基层意见并完成单位公示，尚有 {len(problems)} 项未完成。", everything


def application_for_unit_admin(*, actor, application_id):
    """An application of the actor's own unit (any status), for the unit admin's 基层意见 and
    单位公示 pages; anyone else, or an unknown id: NotFound."""
    from applications.models import Application

    try:
        pk = int(application_id)
    except (TypeError, ValueError):
        raise NotFound("未找到该申报。") from None
    application = (
        Application.objects.defer("snapshot")
        .select_related("applicant", "unit", "title", "committee", "current_step")
        .filter(pk=pk, submitted_at__isnull=False)
        .first()
    )
    if application is None or not is_unit_admin_of(actor, application):
        raise NotFound("未找到该申报。")
    return application


def unit_step_context(*, application, actor) -> dict:
    """What `recommend/includes/unit_step.html` needs: both records, the remaining problems and
    whether the actor may edit them now (the unit admin while the application is at its unit step).
    Three queries (both records, the suspension); with a 单位公示 two more (the calendar, an upheld
    objection), and two more again when it was published online (its notice's objections)."""
    recommendation = recommendation_for(application=application)
    publicity = publicity_for(application=application)
    today = timezone.localdate()
    return {
        "application": application,
        "recommendation": recommendation,
        "publicity": publicity,
        "problems": unit_step_problems(
            application=application, today=today, records=(recommendation, publicity)
        ),
        "assessment_only": assessment_only(application),
        "can_edit": can_edit_unit_step(actor, application)[0],
    }
