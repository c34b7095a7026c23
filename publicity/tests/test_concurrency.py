"""Rule 4 under real concurrency: an objection lodged while the reviewer passes the application.
Both lock the application row, so either the objection comes first and the pass is refused, or
the pass comes first; a pass never slips in after an objection it did not see. PostgreSQL only."""

from __future__ import annotations

import itertools

import pytest

from applications.models import ReviewEvent, StepKind
from applications.state import application_pass
from core.errors import ServiceError
from reviews.tests.factories import advance_to, make_world, submit
from tests.concurrency import postgres_only, run_in_threads

from .factories import lodge, publish

pytestmark = [postgres_only, pytest.mark.django_db(transaction=True)]


def test_a_pass_never_follows_an_objection_it_did_not_see():
    world = make_world()
    for round_ in range(3):
        application = advance_to(
            world, submit(world, unit=world.unit2, name=f"并发{round_}"), StepKind.COMMITTEE
        )
        notice = publish(world.committee_office, [application])
        turn = itertools.count()

        def act(application=application, notice=notice, turn=turn) -> str:
            if next(turn) % 2 == 0:
                lodge(notice, application)
                return "objection"
            try:
                application_pass(
                    application_id=application.pk, actor=world.committee_office, opinion="同意。"
                )
            except ServiceError as exc:
                return "held" if "异议" in exc.detail else f"error: {exc.detail}"
            return "passed"

        outcomes = run_in_threads(act, threads=2)
        assert "objection" in outcomes and not any(o.startswith("error") for o in outcomes), outcomes
        events = list(ReviewEvent.objects.filter(application=application, action__in=("pass", "objection")))
        kinds = [e.action for e in sorted(events, key=lambda e: (e.created_at, e.pk))]
        if "passed" in outcomes:
            last_pass = max(i for i, kind in enumerate(kinds) if kind == "pass")
            assert kinds.count("pass") == 3 and last_pass < kinds.index("objection"), kinds
        else:
            assert kinds.count("pass") == 2  # only the earlier steps' passes
