"""The office's meeting page and the expert's ballot page: open, attendance, paper count, vote,
close through the pages; refusals; the vote's confirmation never repeats the choice; both pages
take a number of queries that does not grow with the applications or the experts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from evaluation import meeting
from evaluation.meeting_models import Outcome, Tally
from evaluation.models import RoundStatus
from tests import factories

from .factories import make_office_user
from .test_meeting import drawn_round, opened

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_pools")]


def _text(response) -> str:
    return response.content.decode()


def test_office_runs_the_meeting_through_the_pages(client):
    _c, office, row, drawn, entries = drawn_round(members=3)
    client.force_login(office)
    page = client.get(reverse("evaluation:meeting", args=[row.pk]))
    assert page.status_code == 200 and "开始评审会议" in _text(page)
    client.post(reverse("evaluation:meeting_open", args=[row.pk]), {"chair": drawn[0].pk})
    row.refresh_from_db()
    assert row.status == RoundStatus.MEETING
    client.post(reverse("evaluation:meeting_attendance", args=[row.pk]), {"present": [drawn[0].pk]})
    page = _text(client.get(reverse("evaluation:meeting", args=[row.pk])))
    assert "不足本次评审委员会3人的2/3（至少需要2人）" in page
    client.post(reverse("evaluation:meeting_attendance", args=[row.pk]), {"present": [e.pk for e in drawn]})
    client.post(
        reverse("evaluation:meeting_paper", args=[row.pk, entries[1].pk]),
        {"agree": "1", "disagree": "2", "abstain": "0"},
    )
    assert Tally.objects.get(entry=entries[1]).method == "paper"
    bad = client.post(
        reverse("evaluation:meeting_paper", args=[row.pk, entries[0].pk]),
        {"agree": "3", "disagree": "2", "abstain": "0"},
        follow=True,
    )
    assert "合计5票，超过出席评审会议的专家人数3人" in _text(bad)

    client.force_login(drawn[1].user)
    ballot = _text(client.get(reverse("evaluation:ballot", args=[row.pk])))
    assert "同意" in ballot and "纸质选票表决" in ballot
    done = client.post(
        reverse("evaluation:ballot_cast", args=[row.pk, entries[0].pk]), {"choice": "disagree"}, follow=True
    )
    assert "投票已记录" in _text(done) and "已投票" in _text(done)
    again = client.post(
        reverse("evaluation:ballot_cast", args=[row.pk, entries[0].pk]), {"choice": "agree"}, follow=True
    )
    assert "只能投票一次" in _text(again)
    assert client.post(reverse("evaluation:meeting_close", args=[row.pk])).status_code == 403

    client.force_login(office)
    page = _text(client.get(reverse("evaluation:meeting", args=[row.pk])))
    assert "已投票 1 / 3" in page
    client.post(reverse("evaluation:meeting_close", args=[row.pk]))
    row.refresh_from_db()
    assert row.status == RoundStatus.CLOSED
    assert Tally.objects.get(entry=entries[0]).outcome == Outcome.FAILED


def test_chair_closes_from_the_ballot_page(client):
    _c, _office, row, drawn, _entries = opened(members=3)
    client.force_login(drawn[0].user)
    assert "结束评审会议（主持人）" in _text(client.get(reverse("evaluation:ballot", args=[row.pk])))
    client.post(reverse("evaluation:meeting_close", args=[row.pk]))
    row.refresh_from_db()
    assert row.status == RoundStatus.CLOSED


def test_refusals(client):
    _c, _office, row, drawn, _entries = opened(members=3)
    client.force_login(make_office_user(factories.make_committee()))
    assert client.get(reverse("evaluation:meeting", args=[row.pk])).status_code == 404
    client.force_login(factories.make_user(role=Role.APPLICANT))
    assert client.get(reverse("evaluation:meeting", args=[row.pk])).status_code == 403
    assert client.get(reverse("evaluation:ballot", args=[row.pk])).status_code == 403
    client.force_login(drawn[0].user)
    assert client.get(reverse("evaluation:meeting", args=[row.pk])).status_code == 403
    client.force_login(factories.make_user(role=Role.EXPERT))
    assert client.get(reverse("evaluation:ballots")).status_code == 404


def _counts(client, office, row, voter):
    client.force_login(office)
    with CaptureQueriesContext(connection) as office_page:
        assert client.get(reverse("evaluation:meeting", args=[row.pk])).status_code == 200
    client.force_login(voter.user)
    with CaptureQueriesContext(connection) as ballot_page:
        assert client.get(reverse("evaluation:ballot", args=[row.pk])).status_code == 200
    return len(office_page), len(ballot_page)


def test_pages_take_a_constant_number_of_queries(client):
    small = opened(members=3, applications=2)
    large = opened(members=6, applications=15)
    for _c, _office, _row, drawn, entries in (small, large):
        meeting.ballots_cast(actor=drawn[0].user, entry_id=entries[0].pk, choice="agree")
    _counts(client, small[1], small[2], small[3][0])  # the sessions' first renewal is not the pages'
    _counts(client, large[1], large[2], large[3][0])
    few = _counts(client, small[1], small[2], small[3][0])
    many = _counts(client, large[1], large[2], large[3][0])
    assert many == few
