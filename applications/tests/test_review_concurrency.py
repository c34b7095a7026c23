"""Review actions under real concurrency (issue 4 item 6): two reviewers at once, a double click,
and rule 20's counter under parallel returns and resets of two applications of one person.

Only PostgreSQL proves this (SQLite serialises writers and ignores select_for_update), so on
SQLite the tests are skipped with their reason shown by `pytest -ra`."""

from __future__ import annotations

import pytest

from applications.models import Application, ApplicationStatus, ReviewEvent
from applications.selectors import returns_used
from applications.state import (
    AlreadyDone,
    NoChancesLeft,
    application_pass,
    application_reset,
    application_return,
)
from catalog.models import Level
from tests.concurrency import postgres_only, run_in_threads

from .factories import make_open_committee, make_ready_applicant, make_series
from .review_factories import ITEMS, OPINION, complete_unit_step, in_days, make_submitted, reviewer_for
from .test_review_rules import use_chances

pytestmark = [postgres_only, pytest.mark.django_db(transaction=True)]


def outcome_of(action) -> str:
    try:
        action()
    except NoChancesLeft:
        return "no chances"
    except AlreadyDone:
        return "already"
    return "done"


def test_two_reviewers_passing_at_once_make_exactly_one_event():
    application = make_submitted()
    complete_unit_step(application)
    step = Application.objects.get(pk=application.pk).current_step
    reviewers = [reviewer_for(step), reviewer_for(step)]
    turn = iter(range(100))

    def act() -> str:
        actor = reviewers[next(turn) % 2]
        return outcome_of(
            lambda: application_pass(
                application_id=application.pk, actor=actor, opinion=OPINION, expected_step_id=step.pk
            )
        )

    outcomes = run_in_threads(act, threads=2)
    assert sorted(outcomes) == ["already", "done"], outcomes
    assert ReviewEvent.objects.filter(application=application, action="pass").count() == 1


def test_a_double_click_without_the_expected_step_still_passes_once():
    application = make_submitted()
    complete_unit_step(application)
    actor = reviewer_for(Application.objects.get(pk=application.pk).current_step)

    outcomes = run_in_threads(
        lambda: outcome_of(
            lambda: application_pass(application_id=application.pk, actor=actor, opinion=OPINION)
        ),
        threads=6,
    )
    assert outcomes.count("done") == 1 and outcomes.count("already") == 5, outcomes
    assert ReviewEvent.objects.filter(application=application, action="pass").count() == 1


def test_a_double_click_on_return_makes_one_return_request():
    application = make_submitted()
    actor = reviewer_for(Application.objects.get(pk=application.pk).current_step)

    def act() -> str:
        return outcome_of(
            lambda: application_return(
                application_id=application.pk, actor=actor, opinion=OPINION, items=ITEMS, deadline=in_days(5)
            )
        )

    outcomes = run_in_threads(act, threads=6)
    assert outcomes.count("done") == 1 and outcomes.count("already") == 5, outcomes
    assert ReviewEvent.objects.filter(application=application, action="return").count() == 1
    assert application.return_requests.count() == 1


def test_parallel_returns_and_resets_of_one_person_never_pass_four():
    series = make_series()
    applicant = make_ready_applicant()
    first = make_submitted(applicant=applicant, series=series, level=Level.INTERMEDIATE)
    second = make_submitted(
        applicant=applicant,
        series=series,
        level=Level.ASSISTANT,
        committee=make_open_committee(series, Level.ASSISTANT),
    )
    use_chances(first, 3)  # one chance left for the two applications together
    reviewers = {
        first.pk: reviewer_for(Application.objects.get(pk=first.pk).current_step),
        second.pk: reviewer_for(Application.objects.get(pk=second.pk).current_step),
    }
    turn = iter(range(100))

    def act() -> str:
        n = next(turn)
        application = first if n % 2 == 0 else second
        actor = reviewers[application.pk]
        if n % 3 == 0:
            return outcome_of(
                lambda: application_reset(application_id=application.pk, actor=actor, opinion=OPINION)
            )
        return outcome_of(
            lambda: application_return(
                application_id=application.pk, actor=actor, opinion=OPINION, items=ITEMS, deadline=in_days(5)
            )
        )

    outcomes = run_in_threads(act, threads=6)
    assert len(outcomes) == 6 and not [o for o in outcomes if o.startswith("error")], outcomes
    assert outcomes.count("done") == 1, outcomes
    assert returns_used(user=applicant, year=first.year) == 4
    statuses = sorted(
        Application.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)
    )
    assert ApplicationStatus.IN_REVIEW in statuses
