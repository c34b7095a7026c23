"""/api/v1/evaluation/ meeting and ballot operations: the office opens, records attendance, enters
a paper count, reads the tally and closes; experts vote; refusals carry their Chinese message;
the response to a vote never echoes the choice."""

from __future__ import annotations

import pytest

from accounts.models import Role
from tests import factories
from tests.factories import bearer

from .factories import make_office_user
from .test_meeting import drawn_round

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_pools")]

BASE = "/api/v1/evaluation"


def _call(client, method, user, url, body=None):
    return getattr(client, method)(url, body or {}, content_type="application/json", **bearer(user))


def test_meeting_through_the_api(client):
    _c, office, row, drawn, entries = drawn_round(members=3)
    rid = row.pk
    got = client.get(f"{BASE}/rounds/{rid}/meeting", **bearer(office))
    assert got.status_code == 200 and got.json()["opened"] is False
    bad = _call(client, "post", office, f"{BASE}/rounds/{rid}/meeting/open", {"chair_id": 0})
    assert bad.status_code == 400 and "chair" in bad.json()["errors"]
    opened = _call(client, "post", office, f"{BASE}/rounds/{rid}/meeting/open", {"chair_id": drawn[0].pk})
    assert opened.status_code == 200, opened.json()
    assert opened.json()["members"] == 3 and opened.json()["status_label"] == "评审会议中"
    early = _call(
        client, "post", drawn[0].user, f"{BASE}/ballots/", {"entry_id": entries[0].pk, "choice": "agree"}
    )
    assert early.status_code == 403 and "未登记出席" in early.json()["detail"]
    att = _call(
        client,
        "put",
        office,
        f"{BASE}/rounds/{rid}/meeting/attendance",
        {"present": [e.pk for e in drawn[:2]]},
    )
    assert att.status_code == 200 and att.json()["present"] == 2 and att.json()["quorum_problem"] is None
    vote = _call(
        client, "post", drawn[0].user, f"{BASE}/ballots/", {"entry_id": entries[0].pk, "choice": "agree"}
    )
    assert vote.status_code == 201 and vote.json() == {"entry_id": entries[0].pk, "voted": True}
    again = _call(
        client, "post", drawn[0].user, f"{BASE}/ballots/", {"entry_id": entries[0].pk, "choice": "agree"}
    )
    assert again.status_code == 409 and "只能投票一次" in again.json()["detail"]
    _call(client, "post", drawn[1].user, f"{BASE}/ballots/", {"entry_id": entries[0].pk, "choice": "agree"})
    paper = _call(
        client,
        "post",
        office,
        f"{BASE}/rounds/{rid}/meeting/paper-count",
        {"entry_id": entries[1].pk, "agree": 1, "disagree": 1, "abstain": 0},
    )
    assert paper.status_code == 200, paper.json()
    tallies = {t["entry_id"]: t for t in paper.json()["tallies"]}
    assert tallies[entries[0].pk]["voted"] == 2 and tallies[entries[0].pk]["voters"] == 2
    assert tallies[entries[1].pk]["method"] == "paper"
    # only the office reads the meeting; the chair may close
    assert client.get(f"{BASE}/rounds/{rid}/meeting", **bearer(drawn[0].user)).status_code == 403
    other = make_office_user(factories.make_committee())
    assert client.get(f"{BASE}/rounds/{rid}/meeting", **bearer(other)).status_code == 404
    applicant = factories.make_user(role=Role.APPLICANT)
    assert _call(client, "post", applicant, f"{BASE}/rounds/{rid}/meeting/close").status_code == 403
    assert _call(client, "post", drawn[1].user, f"{BASE}/rounds/{rid}/meeting/close").status_code == 403
    closed = _call(client, "post", drawn[0].user, f"{BASE}/rounds/{rid}/meeting/close")
    assert closed.status_code == 200, closed.json()
    assert (closed.json()["passed"], closed.json()["failed"]) == (1, 1)
    late = _call(
        client, "post", drawn[1].user, f"{BASE}/ballots/", {"entry_id": entries[1].pk, "choice": "agree"}
    )
    assert late.status_code == 409 and "评审会议已结束" in late.json()["detail"]
    final = client.get(f"{BASE}/rounds/{rid}/meeting", **bearer(office)).json()
    assert {t["outcome_label"] for t in final["tallies"]} == {"通过", "未通过"}


def test_operation_ids(client):
    schema = client.get("/api/v1/openapi.json").json()
    ids = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {
        "meetings_get",
        "meetings_open",
        "meetings_attendance",
        "ballots_cast",
        "ballots_paper_count",
        "meetings_close",
    } <= ids


def test_the_office_sees_no_counts_while_voting_is_open(client):
    """Rule 30: watching the counts move as one expert votes would tell that expert's choice, so
    while electronic voting is open the office (page and API) sees only how many have voted."""
    from evaluation import meeting

    _c, office, row, drawn, entries = drawn_round(members=3)
    meeting.meeting_open(actor=office, round_id=row.pk, chair_id=drawn[0].pk)
    meeting.meeting_attendance(actor=office, round_id=row.pk, present=[e.pk for e in drawn])
    meeting.ballots_cast(actor=drawn[1].user, entry_id=entries[0].pk, choice="disagree")
    tally = client.get(f"{BASE}/rounds/{row.pk}/meeting", **bearer(office)).json()["tallies"][0]
    assert tally["voted"] == 1 and (tally["agree"], tally["disagree"], tally["abstain"]) == (None, None, None)
    client.force_login(office)
    page = client.get(f"/evaluation/rounds/{row.pk}/meeting/").content.decode()
    assert "已投票 1 / 3" in page and "结束评审会议后公布" in page
    meeting.meeting_close(actor=office, round_id=row.pk)
    tally = client.get(f"{BASE}/rounds/{row.pk}/meeting", **bearer(office)).json()["tallies"][0]
    assert (tally["agree"], tally["disagree"], tally["abstain"]) == (0, 1, 0)
    assert "结束评审会议后公布" not in client.get(f"/evaluation/rounds/{row.pk}/meeting/").content.decode()
