"""Decision 0008: a rejection before the committee's decision ends only that application.

The unit step of an application to a committee has 通过 / 返回修改 / 重置流程 only (seed part 五
(三)); a department, district office, city bureau or committee office may still reject (审核不通过),
which bars nothing: the person may apply again that year to another committee of the same level.
Two live applications at one level and year stay refused — by eligibility and by the partial
constraint `application_one_live_per_level_year` (PostgreSQL: DATABASE_URL=postgres://…)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from applications.models import Application, ApplicationStatus, ReviewEvent
from applications.services import application_save_cover
from applications.state import (
    UNIT_REJECT_REFUSED,
    application_pass,
    application_reject,
    application_submit,
    reject_refusal,
)
from catalog.models import Level
from core.errors import Forbidden, ServiceError
from recognition.tests.recognition_factories import ALL_MONTHS, make_graduate, submitted_recognition
from tests.concurrency import postgres_only, run_in_threads

from .factories import cover_values, make_draft, make_open_committee
from .review_factories import OPINION, complete_unit_step, current_reviewer, make_submitted


def _at_second_step(**kwargs) -> Application:
    application = make_submitted(**kwargs)
    complete_unit_step(application)
    return application_pass(
        application_id=application.pk, actor=current_reviewer(application), opinion=OPINION
    )


def _use_chances(application, count: int) -> None:
    for _ in range(count):
        ReviewEvent.objects.create(
            application=application, action="return", from_status="in_review", to_status="returned"
        )


@pytest.mark.django_db
def test_the_unit_of_a_committee_application_cannot_reject():
    application = make_submitted()
    unit_admin = current_reviewer(application)
    with pytest.raises(Forbidden) as exc:
        application_reject(application_id=application.pk, actor=unit_admin, opinion="不符合申报条件。")
    assert exc.value.status == 403 and exc.value.detail == UNIT_REJECT_REFUSED
    assert exc.value.errors == {"action": [UNIT_REJECT_REFUSED]}
    assert "规则" not in UNIT_REJECT_REFUSED and "见《系统填报说明》（三）" in UNIT_REJECT_REFUSED
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW
    assert list(application.events.values_list("action", flat=True)) == ["submit"]


@pytest.mark.django_db
def test_with_no_chance_left_the_unit_may_still_reject():
    """Rule 20 used up: returning or resetting is refused, so 不通过 is the unit's only way to hand
    back materials that do not meet the conditions."""
    application = make_submitted()
    _use_chances(application, 4)
    assert reject_refusal(application=application, step=application.current_step) == ""
    application_reject(application_id=application.pk, actor=current_reviewer(application), opinion="不符合。")
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.REJECTED


@pytest.mark.django_db
def test_the_employers_assessment_keeps_its_fail(settings):
    """Decision 0007: for 考核认定 the unit step is the employer's assessment; 考核不合格 ends it."""
    settings.RECOGNITION_MONTHS = ALL_MONTHS  # whatever month the tests run in
    application = submitted_recognition(make_graduate())
    assert application.current_step.kind == "unit"
    application_reject(
        application_id=application.pk, actor=current_reviewer(application), opinion="考核不合格。"
    )
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.REJECTED


@pytest.mark.django_db
def test_a_district_rejection_lets_the_person_apply_to_another_committee_that_year():
    application = _at_second_step()
    assert application.current_step.kind == "district"
    application_reject(
        application_id=application.pk, actor=current_reviewer(application), opinion="资历不符。"
    )
    applicant = application.applicant
    other = make_open_committee(application.series, Level.INTERMEDIATE)
    draft = application_save_cover(user=applicant, **cover_values(other, application.series))
    assert draft.pk != application.pk and draft.committee == other
    resubmitted = application_submit(application_id=draft.pk, actor=applicant)
    assert resubmitted.status == ApplicationStatus.IN_REVIEW
    statuses = sorted(Application.objects.filter(applicant=applicant).values_list("status", flat=True))
    assert statuses == [ApplicationStatus.IN_REVIEW, ApplicationStatus.REJECTED]


@pytest.mark.django_db
def test_two_live_applications_at_one_level_are_still_refused():
    application = make_submitted()
    other = make_open_committee(application.series, Level.INTERMEDIATE)
    with pytest.raises(ServiceError) as exc:
        application_save_cover(user=application.applicant, **cover_values(other, application.series))
    assert exc.value.errors["level"] == [
        f"您{application.year}年已向{application.committee.name}申报中级，"
        "同一年度同一层级只能向一个评委会申报（见《职称知识25问》第25问）。"
    ]


@pytest.mark.django_db
def test_the_constraint_counts_live_applications_only():
    """The database itself: ended applications (审核不通过, 视为放弃) leave the level free; a
    second live one at the same level and year is refused."""
    first = make_submitted()
    user, series, year = first.applicant, first.series, first.year
    Application.objects.filter(pk=first.pk).update(status=ApplicationStatus.REJECTED)
    second = make_draft(user, make_open_committee(series, Level.INTERMEDIATE), series, year=year)
    Application.objects.filter(pk=second.pk).update(status=ApplicationStatus.WITHDRAWN)
    live = make_draft(user, make_open_committee(series, Level.INTERMEDIATE), series, year=year)
    assert live.status == ApplicationStatus.DRAFT
    fields = {f: getattr(live, f) for f in ("unit", "series", "track", "specialty", "level", "title")}
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(
            applicant=user, year=year, kind=live.kind, committee=live.committee, **fields
        )
    # Another level, or another year, is not the same place.
    Application.objects.create(
        applicant=user, year=year + 1, kind=live.kind, committee=live.committee, **fields
    )


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_after_a_rejection_simultaneous_new_covers_make_one_application():
    """PostgreSQL: six threads save a new cover at the rejected level at once, three to each of
    two committees; the partial constraint lets exactly one through, the others are told why."""
    application = _at_second_step()
    application_reject(
        application_id=application.pk, actor=current_reviewer(application), opinion="资历不符。"
    )
    applicant, series = application.applicant, application.series
    committees = [make_open_committee(series, Level.INTERMEDIATE) for _ in range(2)]
    turn = iter(range(6))

    def save() -> str:
        committee = committees[next(turn) % 2]
        try:
            application_save_cover(user=applicant, **cover_values(committee, series))
        except ServiceError as exc:
            return (
                "refused" if "同一年度同一层级只能向一个评委会申报" in str(exc.errors) else repr(exc.errors)
            )
        return "saved"

    outcomes = run_in_threads(save, threads=6)
    assert sorted(outcomes) == ["refused"] * 5 + ["saved"], outcomes
    live = Application.objects.filter(applicant=applicant).exclude(status=ApplicationStatus.REJECTED)
    assert live.count() == 1
