"""Test data for the unit step: an application in review at its unit step, built through the real
cover service and the state machine's submit; complete 基层意见 and 单位公示 rows."""

from __future__ import annotations

from datetime import date

from applications.services import application_save_cover
from applications.state import application_submit
from applications.tests.factories import (
    beijing,
    cover_values,
    make_open_committee,
    make_ready_applicant,
    make_series,
)
from catalog.models import Level
from orgs.windows import current_year
from recommend.models import PublicityResult, UnitPublicity, UnitRecommendation

# Submitted on Tuesday 2026-09-01 (Beijing time): a publicity may start that day.
SUBMITTED_AT = beijing(2026, 9, 1, 10, 0)
# 2026-09-28 (Mon) .. 2026-10-09 (Fri): around Mid-Autumn and National Day. Working days by the
# official calendar: 09-28, 09-29, 09-30, 10-08, 10-09 = 5 (10-01..07 are holidays).
HOLIDAY_START = date(2026, 9, 28)
HOLIDAY_END = date(2026, 10, 9)

RECOMMENDATION_VALUES = {
    "evaluation": "该同志业务能力强，工作业绩突出，能独立承担软件项目的设计与开发。",
    "method": "单位职称推荐工作领导小组评议推荐",
    "participants": "单位领导班子成员及各部门负责人",
    "participant_count": 9,
    "opinion": "同意推荐申报工程师。",
    "formation": "经领导小组会议评议，9人参加，9人同意，一致同意推荐。",
}


def make_in_review(*, unit=None, now=SUBMITTED_AT):
    """An application submitted (at `now`) by a ready applicant of `unit`, now at its unit step."""
    series = make_series()
    committee = make_open_committee(series, Level.INTERMEDIATE, now=now)
    applicant = make_ready_applicant(unit=unit)
    application = application_save_cover(
        user=applicant, now=now, **cover_values(committee, series, year=current_year(now))
    )
    return application_submit(application_id=application.pk, actor=applicant, now=now)


def add_recommendation(application, **changes) -> UnitRecommendation:
    return UnitRecommendation.objects.create(
        application=application, unit=application.unit, **{**RECOMMENDATION_VALUES, **changes}
    )


def add_publicity(application, **changes) -> UnitPublicity:
    values = {
        "start_date": date(2026, 9, 7),
        "end_date": date(2026, 9, 11),
        "workdays": 5,
        "place": "单位公示栏及内网",
        "result": PublicityResult.NO_OBJECTION,
        "handling": "",
    }
    values.update(changes)
    return UnitPublicity.objects.create(application=application, unit=application.unit, **values)


def move_past_unit_step(application):
    """Test-only: the unit step passed (current step → the next one) through the state machine's own
    _transition (the reviews helper builds the real 通过)."""
    from applications import machine
    from applications.models import StepState

    def effect(app):
        step = app.current_step
        step.state = StepState.PASSED
        step.save(update_fields=["state"])
        app.current_step = app.steps.filter(order__gt=step.order).order_by("order").first()
        app.current_step.state = StepState.CURRENT
        app.current_step.save(update_fields=["state"])
        return machine.Outcome(organisation=step.organisation, step=step)

    return machine._transition(
        application_id=application.pk,
        actor=None,
        transition=machine.PASS,
        opinion="同意推荐。",
        effect=effect,
    )
