"""Rule 4 and the filing under real concurrency (PostgreSQL only).

- An objection lodged while the unit passes the application: both lock the application row, so
  either the objection comes first and the pass is refused, or the pass comes first; a pass never
  slips in after an objection it did not see. (The unit recorded its 单位公示 by hand, so its own
  online notice is still open to objections.)
- Two clicks filing the same 评前公示 (报送备案): one filing, the other told nobody is left."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from applications.models import ReviewEvent, StepKind
from applications.state import application_pass
from core.errors import ServiceError
from publicity.models import PreReviewFiledApplication, PreReviewFiling, PublicityKind
from publicity.services import prereview_filing_create
from recommend.models import UnitPublicity
from recommend.tests.factories import add_recommendation
from reviews.tests.factories import advance_to, make_world, pass_step, submit
from tests.concurrency import postgres_only, run_in_threads

from .factories import lodge, publish

pytestmark = [postgres_only, pytest.mark.django_db(transaction=True)]


def test_a_pass_never_follows_an_objection_it_did_not_see():
    world = make_world()
    for round_ in range(3):
        application = submit(world, unit=world.unit2, name=f"并发{round_}")
        notice = publish(world.unit2_admin, [application])
        add_recommendation(application)
        UnitPublicity.objects.filter(application=application).update(
            notice=None,
            start_date=date(2026, 9, 7),
            end_date=date(2026, 9, 11),
            workdays=5,
            place="单位公示栏",
            result="no_objection",
        )
        turn = itertools.count()

        def act(application=application, notice=notice, turn=turn) -> str:
            if next(turn) % 2 == 0:
                lodge(notice, application)
                return "objection"
            try:
                application_pass(application_id=application.pk, actor=world.unit2_admin, opinion="同意。")
            except ServiceError as exc:
                return "held" if "异议" in exc.detail else f"error: {exc.detail}"
            return "passed"

        outcomes = run_in_threads(act, threads=2)
        assert "objection" in outcomes and not any(o.startswith("error") for o in outcomes), outcomes
        events = list(ReviewEvent.objects.filter(application=application, action__in=("pass", "objection")))
        kinds = [e.action for e in sorted(events, key=lambda e: (e.created_at, e.pk))]
        if "passed" in outcomes:
            assert kinds == ["pass", "objection"], kinds
        else:
            assert kinds == ["objection"], kinds


def test_two_clicks_file_a_notice_once():
    world = make_world()
    screened = [
        pass_step(
            world, advance_to(world, submit(world, unit=world.unit2, name=f"备案{n}"), StepKind.COMMITTEE)
        )
        for n in range(3)
    ]
    notice = publish(
        world.committee_office,
        screened,
        kind=PublicityKind.PRE_REVIEW,
        start=date(2026, 9, 7),
        end=date(2026, 9, 11),
        today=date(2026, 9, 7),
    )

    def act() -> str:
        try:
            prereview_filing_create(
                actor=world.committee_office,
                notice_id=notice.pk,
                filed_with="city",
                document_number="昆人社评备〔2026〕12号",
                filed_on="2026-09-14",
            )
        except ServiceError as exc:
            return (
                "refused"
                if "没有可报送备案" in exc.detail or "刚刚" in exc.detail
                else f"error: {exc.detail}"
            )
        return "filed"

    outcomes = run_in_threads(act, threads=4)
    assert sorted(outcomes) == ["filed", "refused", "refused", "refused"], outcomes
    assert PreReviewFiling.objects.count() == 1 and PreReviewFiledApplication.objects.count() == 3
