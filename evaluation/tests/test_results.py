"""Issue 13 item 8: the 评审结果公示 generated from a closed round's fixed results (only the 评审通过,
at least 5 working days, once per round), objections holding a result (rule 4), and 核准/备案
(rule 33) — by the committee office, or the city bureau for a provincial committee — adding the
title to the person's 现有职称情况 with its date and document number."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from accounts.models import Role
from applications.models import ApplicationStatus, ReviewEvent
from core.errors import Conflict, Forbidden, NotFound, ServiceError
from core.models import AuditLog
from dossier.models import DossierEntry
from dossier.services import dossier_entry_delete, dossier_entry_update
from evaluation import results
from evaluation.models import AppealDecision, RoundStatus
from evaluation.result_models import Appeal, ResultConfirmation
from publicity.models import Publicity, PublicityKind
from publicity.services import objection_handle
from publicity.tests.factories import lodge
from tests import factories

from .factories import make_office_user
from .results_helpers import AFTER, DOCUMENT, NOTICE_END, NOTICE_START, closed_meeting, confirm, notice

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_pools")]


def _conclude(office, objection, *, upheld: bool):
    return objection_handle(
        actor=office,
        objection_id=objection.pk,
        status="concluded",
        verification="已核实。",
        outcome="异议成立，取消评审结果。" if upheld else "异议不成立。",
        finding="upheld" if upheld else "not_upheld",
    )


# --- the result notice ------------------------------------------------------------------------------


def test_the_notice_lists_only_the_passed_and_is_set_on_the_round():
    office, row, ok, ko = closed_meeting()
    made = notice(office, row)
    row.refresh_from_db()
    assert row.result_notice == made and made.kind == PublicityKind.RESULT
    assert made.publisher_committee_id == row.committee_id and made.workdays == 5
    assert [e.application_id for e in made.entries.all()] == [ok.pk]
    entry = made.entries.get()
    assert entry.name == ok.applicant.name and entry.achievements == [] and entry.education == ""
    assert not made.entries.filter(application=ko).exists()
    log = AuditLog.objects.get(action="evaluation_result_notice_create")
    assert log.detail == {"notice": made.pk, "applications": [ok.pk]}


def test_a_period_below_five_working_days_is_refused():
    office, row, _ok, _ko = closed_meeting()
    with pytest.raises(ServiceError) as caught:
        notice(office, row, end=date(2026, 11, 5))  # Mon..Thu: 4 working days
    assert "公示期不少于5个工作日" in caught.value.errors["end_date"][0]
    assert "只有4个工作日" in caught.value.errors["end_date"][0]
    row.refresh_from_db()
    assert row.result_notice is None and not Publicity.objects.filter(kind=PublicityKind.RESULT).exists()


def test_a_second_notice_is_refused():
    office, row, _ok, _ko = closed_meeting()
    first = notice(office, row)
    with pytest.raises(Conflict) as caught:
        notice(office, row)
    assert "已生成评审结果公示“2026年度职称评审结果公示”" in caught.value.detail
    assert "每个评审批次只生成一次" in caught.value.detail
    assert list(Publicity.objects.filter(kind=PublicityKind.RESULT)) == [first]


def test_a_notice_needs_a_closed_meeting_of_the_offices_own_committee():
    from .test_meeting import opened

    _c, office, row, _drawn, _entries = opened(members=3)
    with pytest.raises(Conflict, match="评审会议尚未结束"):
        notice(office, row)
    other_office, other_row, _ok, _ko = closed_meeting()
    with pytest.raises(NotFound):
        notice(office, other_row)
    with pytest.raises(Forbidden):
        notice(factories.make_user(role=Role.CITY_REVIEWER), other_row)
    assert other_office  # the round's own office is the one that may


def test_the_generic_publicity_refuses_a_result_notice():
    from publicity.services import publicity_create

    office, _row, ok, _ko = closed_meeting()
    with pytest.raises(ServiceError) as caught:
        publicity_create(
            actor=office,
            kind=PublicityKind.RESULT,
            title="评审结果公示",
            start_date=NOTICE_START,
            end_date=NOTICE_END,
            application_ids=[ok.pk],
            today=NOTICE_START,
        )
    assert "请在“评审批次 → 评审结果”中生成评审结果公示" in caught.value.errors["kind"][0]


# --- confirmation refused -----------------------------------------------------------------------------


def test_confirm_before_the_notice_ends_is_refused():
    office, row, ok, _ko = closed_meeting()
    notice(office, row)
    with pytest.raises(Conflict) as caught:
        confirm(office, [ok], today=NOTICE_END)
    problem = caught.value.errors["application_ids"][0]
    assert problem.startswith(
        f"{ok.applicant.name}：评审结果公示“2026年度职称评审结果公示”至2026年11月6日结束"
    )
    assert "公示期满后方可核准（备案）" in problem and "《职称评审管理暂行规定》" in problem
    assert not ResultConfirmation.objects.exists()


def test_confirm_without_a_notice_is_refused():
    office, _row, ok, _ko = closed_meeting()
    with pytest.raises(Conflict) as caught:
        confirm(office, [ok])
    assert "评审结果尚未公示" in caught.value.errors["application_ids"][0]


def test_an_open_objection_holds_the_result_until_it_is_resolved():
    office, row, ok, _ko = closed_meeting()
    made = notice(office, row)
    objection = lodge(made, ok, today=NOTICE_START)
    [listed] = [r for r in results.results_list(actor=office, today=AFTER) if r.application == ok]
    assert listed.objection == "open" and not listed.confirmable
    with pytest.raises(Conflict) as caught:
        confirm(office, [ok])
    assert "异议尚未办结，该评审结果暂缓核准（备案）" in caught.value.errors["application_ids"][0]
    assert "见职称申报必读（三）4" in caught.value.errors["application_ids"][0]
    _conclude(office, objection, upheld=False)
    [confirmed] = confirm(office, [ok])
    assert confirmed.application == ok


def test_an_upheld_objection_keeps_the_result_from_being_confirmed():
    office, row, ok, _ko = closed_meeting()
    made = notice(office, row)
    _conclude(office, lodge(made, ok, today=NOTICE_START), upheld=True)
    [listed] = [r for r in results.results_list(actor=office, today=AFTER) if r.application == ok]
    assert listed.objection == "upheld" and listed.objection_label == "异议成立"
    with pytest.raises(Conflict) as caught:
        confirm(office, [ok])
    problem = caught.value.errors["application_ids"][0]
    assert "异议经核实成立，不能核准（备案）" in problem and "公示无异议的评审结果方可核准或者备案" in problem
    assert not DossierEntry.objects.filter(section="current_titles", dossier__user=ok.applicant).exists()


def test_an_open_appeal_refuses_and_a_decided_one_does_not():
    office, row, ok, _ko = closed_meeting()
    notice(office, row)
    appeal = Appeal.objects.create(
        application=ok,
        tally=ok.evaluation_entries.get().tallies.get(),
        reasons="票数有误。",
        created_by=ok.applicant,
    )
    with pytest.raises(Conflict) as caught:
        confirm(office, [ok])
    assert "申报人已申请复查，复查尚未办结" in caught.value.errors["application_ids"][0]
    assert "人社部令第40号" in caught.value.errors["application_ids"][0]
    Appeal.objects.filter(pk=appeal.pk).update(
        decision=AppealDecision.KEPT, decided_by=office, decided_at=appeal.created_at
    )
    assert len(confirm(office, [ok])) == 1


def test_a_failed_result_is_never_confirmed_and_nothing_is_when_one_is_refused():
    office, row, ok, ko = closed_meeting()
    notice(office, row)
    with pytest.raises(Conflict) as caught:
        confirm(office, [ok, ko])
    assert caught.value.errors["application_ids"] == [
        f"{ko.applicant.name}：当前状态为“评审未通过”，只有评审通过的评审结果可以核准（备案）"
        "（见《职称评审管理暂行规定》（人社部令第40号））。"
    ]
    # All or nothing: the passing one was not confirmed either.
    assert not ResultConfirmation.objects.exists()
    assert not ReviewEvent.objects.filter(action="confirm").exists()


def test_every_field_error_at_once_and_dates_checked():
    office, row, ok, _ko = closed_meeting()
    notice(office, row)
    with pytest.raises(ServiceError) as caught:
        results.results_confirm(
            actor=office, application_ids=[], document_number=" ", confirmed_on="2026/11/09", today=AFTER
        )
    assert set(caught.value.errors) == {"application_ids", "document_number", "confirmed_on"}
    with pytest.raises(ServiceError) as caught:
        confirm(office, [ok], day=date(2026, 11, 10))
    assert caught.value.errors["confirmed_on"] == ["核准（备案）日期不能晚于今天（2026年11月9日）。"]
    with pytest.raises(Conflict) as caught:
        confirm(office, [ok], today=AFTER, day=NOTICE_END)
    assert "须在评审结果公示结束（2026年11月6日）之后" in caught.value.errors["application_ids"][0]


def test_a_second_confirmation_is_refused():
    office, row, ok, _ko = closed_meeting()
    notice(office, row)
    confirm(office, [ok])
    with pytest.raises(Conflict) as caught:
        confirm(office, [ok], document="另一文号")
    assert (
        "已于2026年11月9日核准（备案）（文号 昆人社评〔2026〕21号），不能重复核准（备案）"
        in caught.value.detail
    )
    assert ResultConfirmation.objects.count() == 1


# --- confirmation -------------------------------------------------------------------------------------


def test_confirm_writes_the_confirmation_the_event_and_the_title(client):
    office, row, ok, _ko = closed_meeting()
    notice(office, row)
    [made] = confirm(office, [ok])
    made.refresh_from_db()
    assert (made.application, made.tally.entry.round, made.document_number) == (ok, row, DOCUMENT)
    assert made.confirmed_on == AFTER and made.confirmed_by == office
    event = ReviewEvent.objects.get(application=ok, action="confirm")
    assert (event.from_status, event.to_status, event.actor) == ("passed", "passed", office)
    assert DOCUMENT in event.opinion and "核准（备案）" in event.opinion
    ok.refresh_from_db()
    assert ok.status == ApplicationStatus.PASSED
    title = made.title_entry
    assert title.section == "current_titles" and title.dossier.user == ok.applicant
    assert title.data["title_name"] == ok.title.name and title.data["level"] == ok.level
    assert title.data["obtained_on"] == "2026-11-09" and title.data["document_number"] == DOCUMENT
    assert title.data["issuer"] == row.committee.name and title.data["appointed"] is False
    log = AuditLog.objects.get(action="evaluation_result_confirm")
    assert log.actor == office and log.detail["document_number"] == DOCUMENT
    assert AuditLog.objects.filter(action="evaluation_title_added", actor=office).count() == 1
    # The applicant's 现有职称情况 page shows the title with its date and document number.
    client.force_login(ok.applicant)
    page = client.get(reverse("dossier:section", args=("current_titles",))).content.decode()
    assert ok.title.name in page and "2026年11月9日" in page and DOCUMENT in page
    assert "核准（备案）文号" in page and "已核准（备案）" in page
    # As the office confirmed it: the applicant can neither change nor delete it.
    assert f"entry/{title.pk}/edit" not in page
    for change in (
        lambda: dossier_entry_update(
            user=ok.applicant, entry_id=title.pk, data={**title.data, "issuer": "别处"}
        ),
        lambda: dossier_entry_delete(user=ok.applicant, entry_id=title.pk),
    ):
        with pytest.raises(Conflict) as caught:
            change()
        assert "核准（备案）" in caught.value.detail and DOCUMENT in caught.value.detail
    title.refresh_from_db()
    assert title.data["issuer"] == row.committee.name
    # The list says so.
    [listed] = [r for r in results.results_list(actor=office, today=AFTER) if r.application == ok]
    assert listed.confirmation == made and not listed.confirmable and "不能重复" in listed.problem


def test_a_provincial_committees_results_are_confirmed_by_the_city_bureau():
    office, row, ok, _ko = closed_meeting(committee_fields={"is_provincial": True})
    notice(office, row)
    with pytest.raises(Forbidden) as caught:
        confirm(office, [ok])
    assert (
        "为省级评委会，其评审结果由市人社局核准（备案），评委会办事机构不能核准（备案）"
        in caught.value.detail
    )
    city = factories.make_user(role=Role.CITY_REVIEWER, organisation=factories.make_city_bureau())
    assert {r.application for r in results.results_list(actor=city, today=AFTER)} == {ok, _ko}
    [made] = confirm(city, [ok])
    assert made.confirmed_by == city
    assert ReviewEvent.objects.get(application=ok, action="confirm").actor == city


def test_the_city_bureau_neither_sees_nor_confirms_a_city_committees_results():
    office, row, ok, _ko = closed_meeting()
    notice(office, row)
    city = factories.make_user(role=Role.CITY_REVIEWER, organisation=factories.make_city_bureau())
    assert results.results_list(actor=city, today=AFTER) == []
    with pytest.raises(NotFound):
        confirm(city, [ok])
    with pytest.raises(NotFound):
        confirm(make_office_user(factories.make_committee()), [ok])
    with pytest.raises(Forbidden):
        results.results_list(actor=ok.applicant)


# --- the list -----------------------------------------------------------------------------------------


def test_the_list_shows_counts_notice_objection_appeal_and_confirmation(django_assert_max_num_queries):
    office, row, ok, ko = closed_meeting()
    before = results.results_list(actor=office, today=AFTER)
    assert [(r.application, r.tally.outcome) for r in before] == [(ok, "passed"), (ko, "failed")]
    assert before[0].notice_state_label == "未公示" and before[0].problem.startswith("评审结果尚未公示")
    made = notice(office, row)
    lodge(made, ok, today=NOTICE_START)
    Appeal.objects.create(
        application=ko,
        tally=ko.evaluation_entries.get().tallies.get(),
        reasons="请复查。",
        created_by=ko.applicant,
    )
    with django_assert_max_num_queries(5):
        rows = results.results_list(actor=office, round_id=row.pk, today=AFTER)
    passed, failed = rows
    assert (passed.tally.agree, passed.tally.disagree, passed.tally.present) == (5, 2, 7)
    assert passed.notice == made and passed.notice_state == "closed" and passed.objection == "open"
    assert failed.objection == "none" and failed.appeal == "open" and passed.appeal == "none"
    assert not passed.revoked and passed.confirmation is None
    assert row.status == RoundStatus.CLOSED


def test_the_list_takes_constant_queries_for_many_results():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from evaluation import meeting

    from .test_meeting import opened

    def counted(applications: int) -> int:
        _c, office, row, drawn, entries = opened(members=3, applications=applications)
        for entry in entries:
            for expert in drawn:
                meeting.ballots_cast(actor=expert.user, entry_id=entry.pk, choice="agree")
        meeting.meeting_close(actor=office, round_id=row.pk)
        with CaptureQueriesContext(connection) as queries:
            assert len(results.results_list(actor=office, today=AFTER)) == applications
        return len(queries)

    assert counted(2) == counted(9) <= 4
