"""Issue 13 item 7: the meeting's fixed results move each application through the state machine
(电子材料审核通过 → 评审通过 / 评审未通过), the trail carries the counts and never who voted, the
applicant is told, and a 评审未通过 bars the same level elsewhere that year (rule 19)."""

from __future__ import annotations

import pytest

from applications.models import ApplicationStatus, ReviewEvent
from applications.same_level import same_level_problems
from evaluation import meeting
from messaging.models import SiteMessage

from .test_meeting import opened

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_pools")]


def _close_one_pass_one_fail(django_capture_on_commit_callbacks):
    """7 present: A gets 5 同意 (passes), B 4 同意 (fails by one vote)."""
    _committee, office, row, drawn, entries = opened(members=7, present=7)
    passing, failing = entries
    for i, expert in enumerate(drawn):
        meeting.ballots_cast(actor=expert.user, entry_id=passing.pk, choice="agree" if i < 5 else "disagree")
        meeting.ballots_cast(actor=expert.user, entry_id=failing.pk, choice="agree" if i < 4 else "abstain")
    with django_capture_on_commit_callbacks(execute=True):
        meeting.meeting_close(actor=office, round_id=row.pk)
    return office, row, drawn, passing.application, failing.application


def test_close_moves_each_application_to_its_result(django_capture_on_commit_callbacks):
    office, _row, drawn, ok, ko = _close_one_pass_one_fail(django_capture_on_commit_callbacks)
    ok.refresh_from_db()
    ko.refresh_from_db()
    assert ok.status == ApplicationStatus.PASSED and ok.get_status_display() == "评审通过"
    assert ko.status == ApplicationStatus.FAILED and ko.get_status_display() == "评审未通过"
    event = ReviewEvent.objects.get(application=ok, action="evaluation_pass")
    assert (event.from_status, event.to_status, event.actor) == ("approved", "passed", office)
    assert "同意 5 票，不同意 2 票，弃权 0 票（有效出席 7 人，通过需同意 5 票），评审通过" in event.opinion
    failed = ReviewEvent.objects.get(application=ko, action="evaluation_fail")
    assert "同意 4 票，不同意 0 票，弃权 3 票" in failed.opinion and failed.opinion.endswith("评审未通过。")
    # The trail names no expert (rule 30: the ballot is secret).
    for expert in drawn:
        assert expert.name not in event.opinion + failed.opinion


def test_each_applicant_is_told_once_with_the_counts(django_capture_on_commit_callbacks):
    _office, _row, _drawn, ok, ko = _close_one_pass_one_fail(django_capture_on_commit_callbacks)
    mine = SiteMessage.objects.filter(recipient=ok.applicant, title="职称评审结果：评审通过")
    assert mine.count() == 1 and "同意 5 票" in mine.get().body
    assert SiteMessage.objects.filter(recipient=ko.applicant, title="职称评审结果：评审未通过").count() == 1


def test_failed_result_bars_the_same_level_elsewhere_that_year(django_capture_on_commit_callbacks):
    _office, _row, _drawn, _ok, ko = _close_one_pass_one_fail(django_capture_on_commit_callbacks)
    problems = same_level_problems(user=ko.applicant, level=ko.level, year=ko.year, application=None)
    assert len(problems) == 1
    assert "评审未通过" in problems[0][1] and "不得将评审未通过的材料再送其他评审委员会评审" in problems[0][1]
    assert "第25问" in problems[0][1]


def test_the_trail_names_the_meeting_and_the_committee(client, django_capture_on_commit_callbacks):
    """申报记录: the result's 环节 is 评审会议 at the committee (no ReviewStep is behind it)."""
    _office, row, _drawn, ok, _ko = _close_one_pass_one_fail(django_capture_on_commit_callbacks)
    client.force_login(ok.applicant)
    page = client.get("/applications/history/").content.decode()
    line = page[page.index('data-label="环节">评审会议') - 400 :]
    assert row.committee.name in line[:400] and "评审通过" in line
