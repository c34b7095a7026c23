"""复查 (rule 34, issue 13 item 9): the applicant asks within the result notice's period (its last
day included, the day after refused), once per result, on their own application only; the office
decides 维持 / 重新评议 once, each step in the trail; a reconsidered application joins the
committee's next round."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Role
from applications.models import ApplicationStatus, ReviewEvent
from core.errors import Conflict, Forbidden, NotFound, ServiceError
from core.models import AuditLog
from evaluation import appeals, rounds
from evaluation.models import Round, RoundApplication
from evaluation.result_models import Appeal, ResultConfirmation
from publicity.models import Publicity, PublicityKind
from tests import factories

from .factories import make_office_user
from .test_results_status import _close_one_pass_one_fail

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_pools")]


def closed(capture):
    office, row, _drawn, ok, ko = _close_one_pass_one_fail(capture)
    return office, row, ok, ko


def set_notice(row: Round, *, end_offset: int) -> Publicity:
    """The round's 评审结果公示, ending `end_offset` days from today."""
    today = timezone.localdate()
    end = today + timedelta(days=end_offset)
    notice = Publicity.objects.create(
        kind=PublicityKind.RESULT,
        publisher_committee=row.committee,
        title="评审结果公示",
        start_date=end - timedelta(days=7),
        end_date=end,
        workdays=5,
    )
    Round.objects.filter(pk=row.pk).update(result_notice=notice)
    return notice


def test_appeal_allowed_before_a_notice_and_on_its_last_day(django_capture_on_commit_callbacks):
    _office, row, ok, ko = closed(django_capture_on_commit_callbacks)
    appeal = appeals.appeals_create(
        actor=ko.applicant, application_id=ko.pk, reasons="  评议意见与我的业绩不符  "
    )
    assert appeal.reasons == "评议意见与我的业绩不符" and appeal.tally.entry.application_id == ko.pk
    set_notice(row, end_offset=0)  # today is the notice's last day: still allowed
    second = appeals.appeals_create(actor=ok.applicant, application_id=ok.pk, reasons="请复查计票")
    assert second.pk and not second.decision
    event = ReviewEvent.objects.get(application=ko, action="appeal")
    assert (event.from_status, event.to_status) == ("failed", "failed")
    assert "复查理由：评议意见与我的业绩不符" in event.opinion
    assert AuditLog.objects.filter(action="evaluation_appeal_create", target_id=str(appeal.pk)).exists()


def test_appeal_the_day_after_the_notice_is_refused_citing_the_regulation(django_capture_on_commit_callbacks):
    _office, row, _ok, ko = closed(django_capture_on_commit_callbacks)
    notice = set_notice(row, end_offset=-1)
    with pytest.raises(Conflict) as err:
        appeals.appeals_create(actor=ko.applicant, application_id=ko.pk, reasons="理由")
    text = err.value.detail
    assert "现已截止" in text and "《职称评审管理暂行规定》（人社部令第40号）" in text
    assert f"{notice.end_date.year}年{notice.end_date.month}月{notice.end_date.day}日" in text
    assert not Appeal.objects.exists() and not ReviewEvent.objects.filter(action="appeal").exists()


def test_appeal_refusals(django_capture_on_commit_callbacks):
    office, _row, ok, ko = closed(django_capture_on_commit_callbacks)
    with pytest.raises(NotFound):  # another person's application
        appeals.appeals_create(actor=ok.applicant, application_id=ko.pk, reasons="理由")
    with pytest.raises(NotFound):
        appeals.appeals_create(actor=ko.applicant, application_id="x", reasons="理由")
    with pytest.raises(Forbidden):
        appeals.appeals_create(actor=office, application_id=ko.pk, reasons="理由")
    with pytest.raises(ServiceError) as err:
        appeals.appeals_create(actor=ko.applicant, application_id=ko.pk, reasons="   ")
    assert err.value.errors == {"reasons": ["请填写复查理由。"]}
    with pytest.raises(ServiceError) as err:
        appeals.appeals_create(actor=ko.applicant, application_id=ko.pk, reasons="长" * 2001)
    assert "最多 2000 个字" in err.value.errors["reasons"][0]
    appeals.appeals_create(actor=ko.applicant, application_id=ko.pk, reasons="理由")
    with pytest.raises(Conflict, match="每个评审结果只能申请一次复查"):
        appeals.appeals_create(actor=ko.applicant, application_id=ko.pk, reasons="再次申请")
    assert Appeal.objects.count() == 1


def test_appeal_needs_a_fixed_result():
    from .factories import make_setting

    _committee, _series, _office, _experts, apps = make_setting(experts=1, applications=1)
    with pytest.raises(Conflict, match=r"电子材料审核通过.*只有评审通过或评审未通过的评审结果可以申请复查"):
        appeals.appeals_create(actor=apps[0].applicant, application_id=apps[0].pk, reasons="理由")


def test_office_keeps_the_result(django_capture_on_commit_callbacks):
    office, _row, _ok, ko = closed(django_capture_on_commit_callbacks)
    appeal = appeals.appeals_create(actor=ko.applicant, application_id=ko.pk, reasons="理由")
    done = appeals.appeals_decide(
        actor=office, appeal_id=appeal.pk, decision="kept", note="经复核，计票无误。"
    )
    assert done.decision == "kept" and done.decided_by == office and done.decided_at is not None
    ko.refresh_from_db()
    assert ko.status == ApplicationStatus.FAILED
    event = ReviewEvent.objects.get(application=ko, action="appeal_kept")
    assert event.opinion == "复查结论：维持原评审结果。复查意见：经复核，计票无误。"
    with pytest.raises(Conflict, match=r"已于.*办结（维持原评审结果），不能重复办理"):
        appeals.appeals_decide(actor=office, appeal_id=appeal.pk, decision="reconsider", note="改")
    assert [e.action for e in ReviewEvent.objects.filter(application=ko).order_by("pk")][-2:] == [
        "appeal",
        "appeal_kept",
    ]


def test_reconsidered_application_joins_the_next_round(django_capture_on_commit_callbacks):
    office, row, _ok, ko = closed(django_capture_on_commit_callbacks)
    appeal = appeals.appeals_create(actor=ko.applicant, application_id=ko.pk, reasons="理由")
    appeals.appeals_decide(actor=office, appeal_id=appeal.pk, decision="reconsider", note="评议组意见有误")
    ko.refresh_from_db()
    assert ko.status == ApplicationStatus.APPROVED and ko.get_status_display() == "电子材料审核通过"
    event = ReviewEvent.objects.get(application=ko, action="reconsider")
    assert (event.from_status, event.to_status) == ("failed", "approved")
    assert "重新评议" in event.opinion and "评议组意见有误" in event.opinion
    new = rounds.round_create(actor=office, name="2026年第二批", year=row.year, meeting_date="2026-11-20")
    joined = set(RoundApplication.objects.filter(round=new).values_list("application_id", flat=True))
    assert joined == {ko.pk}  # the passed one stays out
    # Its old result cannot be appealed again (the latest result is still the old one, appealed).
    with pytest.raises(Conflict):
        appeals.appeals_create(actor=ko.applicant, application_id=ko.pk, reasons="再次")


def test_decide_refusals(django_capture_on_commit_callbacks):
    office, _row, ok, ko = closed(django_capture_on_commit_callbacks)
    appeal = appeals.appeals_create(actor=ok.applicant, application_id=ok.pk, reasons="理由")
    with pytest.raises(ServiceError) as err:
        appeals.appeals_decide(actor=office, appeal_id=appeal.pk, decision="maybe", note="")
    assert set(err.value.errors) == {"decision", "note"}
    other = make_office_user(factories.make_committee())
    with pytest.raises(NotFound):
        appeals.appeals_decide(actor=other, appeal_id=appeal.pk, decision="kept", note="意见")
    with pytest.raises(Forbidden):
        appeals.appeals_decide(actor=ok.applicant, appeal_id=appeal.pk, decision="kept", note="意见")
    with pytest.raises(Forbidden):
        appeals.appeals_list(actor=factories.make_user(role=Role.CITY_REVIEWER))
    # A confirmed result is not sent back to a meeting.
    tally = appeal.tally
    ResultConfirmation.objects.create(
        tally=tally,
        application=ok,
        document_number="昆职评〔2026〕1号",
        confirmed_on=timezone.localdate(),
        confirmed_by=office,
    )
    with pytest.raises(Conflict, match="已核准（备案），不能再重新评议"):
        appeals.appeals_decide(actor=office, appeal_id=appeal.pk, decision="reconsider", note="意见")
    ok.refresh_from_db()
    assert ok.status == ApplicationStatus.PASSED and Appeal.objects.get(pk=appeal.pk).is_open
    assert ko.status == ApplicationStatus.FAILED


def test_office_list_open_first_and_scoped(django_capture_on_commit_callbacks):
    office, _row, ok, ko = closed(django_capture_on_commit_callbacks)
    first = appeals.appeals_create(actor=ok.applicant, application_id=ok.pk, reasons="理由一")
    second = appeals.appeals_create(actor=ko.applicant, application_id=ko.pk, reasons="理由二")
    appeals.appeals_decide(actor=office, appeal_id=second.pk, decision="kept", note="意见")
    assert [a.pk for a in appeals.appeals_list(actor=office)] == [first.pk, second.pk]
    other = make_office_user(factories.make_committee())
    assert list(appeals.appeals_list(actor=other)) == []


def test_my_results_shows_counts_period_and_appeal(django_capture_on_commit_callbacks):
    _office, row, ok, ko = closed(django_capture_on_commit_callbacks)
    rows = appeals.my_results(actor=ko.applicant)
    assert len(rows) == 1 and rows[0]["can_appeal"] and rows[0]["tally"].agree == 4
    assert appeals.has_result(ko.applicant) and not appeals.has_result(factories.make_applicant())
    set_notice(row, end_offset=-1)
    rows = appeals.my_results(actor=ko.applicant)
    assert not rows[0]["can_appeal"] and "现已截止" in rows[0]["period_problem"]
    assert ok.pk not in [r["application"].pk for r in rows]
