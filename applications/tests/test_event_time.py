"""A transition's ReviewEvent carries the transition's own moment: a submission made on a given
`now` (the demo's recognition inside its window month) records its 提交 event, its submitted_at
and its first step's 送达时间 at that same moment; without one, the clock when it is written."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from applications.models import ReviewEvent
from applications.state import application_pass, application_submit

from .factories import make_draft, make_open_committee, make_ready_applicant, make_series, make_unit
from .review_factories import OPINION, complete_unit_step, current_reviewer

pytestmark = pytest.mark.django_db


def test_the_submit_event_is_stamped_with_the_submissions_moment():
    series = make_series()
    committee = make_open_committee(series, "intermediate")
    user = make_ready_applicant(unit=make_unit())
    moment = timezone.now() - timedelta(minutes=30)
    application = application_submit(
        application_id=make_draft(user, committee, series).pk, actor=user, now=moment
    )
    event = ReviewEvent.objects.get(application=application, action="submit")
    assert event.created_at == application.submitted_at == application.current_step.reached_at == moment

    complete_unit_step(application)
    before = timezone.now()
    application_pass(application_id=application.pk, actor=current_reviewer(application), opinion=OPINION)
    passed = ReviewEvent.objects.get(application=application, action="pass")
    assert before <= passed.created_at <= timezone.now()
