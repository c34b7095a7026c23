"""Races on PostgreSQL: concurrent first submissions of one expert's opinion (a double click, two
tabs) leave one opinion; the round row's lock orders them, so one creates and the others edit."""

from __future__ import annotations

import pytest

from evaluation import draw, opinions, rounds
from evaluation.models import Assignment, Opinion, RoundApplication
from tests.concurrency import postgres_only, run_in_threads

from .factories import make_setting


@postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("small_pools")
def test_concurrent_first_submissions_give_one_opinion():
    _c, _s, office, _e, _a = make_setting(experts=4, applications=1)
    row = rounds.round_create(actor=office, name="第一批", year=2026, meeting_date="2026-10-20")
    draw.round_draw(actor=office, round_id=row.pk)
    expert = Assignment.objects.filter(round=row).select_related("expert__user").first().expert
    entry = RoundApplication.objects.get(round=row)

    def act() -> str:
        _row, created = opinions.opinion_put(
            actor=expert.user, entry_id=entry.pk, text="并发提交的意见。", recommendation="pass"
        )
        return "created" if created else "updated"

    outcomes = run_in_threads(act, threads=4)
    assert sorted(outcomes) == ["created", "updated", "updated", "updated"], outcomes
    assert Opinion.objects.filter(entry=entry, expert=expert).count() == 1
