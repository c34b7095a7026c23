"""Eligibility at its boundaries: rules 1, 6, 7, 8, 9, 19, 20 (each refusal in Chinese)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from applications.eligibility.checks import eligibility_problems
from applications.eligibility.counting import committee_month_of, counted_at
from applications.models import Application, ApplicationStatus, IntegrityRecord, ReviewEvent
from catalog.models import Level
from core import rulebook
from dossier.selectors import dossier_get_or_create
from orgs.models import CommitteeWindow, Ownership

from .factories import beijing, make_draft, make_open_committee, make_ready_applicant, make_series, make_unit

NOW = beijing(2026, 6, 15, 10, 0)
YEAR = 2026


@pytest.fixture
def series(db):
    return make_series()


def committee_at(series, *, month=9, level=Level.INTERMEDIATE, **kw):
    return make_open_committee(series, level, now=NOW, year=YEAR, month=month, **kw)


def problems(user, committee, series, *, level=Level.INTERMEDIATE, application=None, now=NOW):
    return eligibility_problems(
        user=user,
        committee=committee,
        level=level,
        year=YEAR,
        series=series,
        application=application,
        now=now,
    )


@pytest.mark.django_db
def test_a_young_applicant_with_an_open_committee_is_eligible(series):
    user = make_ready_applicant()
    assert problems(user, committee_at(series), series) == []


# --- rule 9: retirement ---------------------------------------------------------------------------
# A man born January 1966 (original age 60) reaches 60 years 4 months in May 2026; born February
# 1966, in June 2026 (rules.retirement).


@pytest.mark.django_db
def test_retirement_reached_in_the_committee_month_is_refused(series):
    user = make_ready_applicant(birth="19660115")
    found = problems(user, committee_at(series, month=5), series)
    assert len(found) == 1
    assert "法定退休年龄为60周岁4个月" in found[0]
    assert "于2026年5月达到" in found[0]
    assert "评审月份（2026年5月）" in found[0]


@pytest.mark.django_db
def test_retirement_reached_the_month_after_the_committee_month_is_allowed(series):
    user = make_ready_applicant(birth="19660215")
    assert problems(user, committee_at(series, month=5), series) == []
    # and the same person is refused by a committee meeting in June
    assert "于2026年6月达到" in problems(user, committee_at(series, month=6), series)[0]


@pytest.mark.django_db
def test_an_approved_delay_covering_the_committee_month_allows(series):
    user = make_ready_applicant(birth="19660115")
    dossier = dossier_get_or_create(user=user)
    dossier.delayed_retirement_until = date(2026, 5, 1)
    dossier.save()
    assert problems(user, committee_at(series, month=5), series) == []
    dossier.delayed_retirement_until = date(2026, 4, 1)
    dossier.save()
    found = problems(user, committee_at(series, month=5), series)
    assert len(found) == 1 and "批准延迟退休至2026年4月，未覆盖评审月份" in found[0]


@pytest.mark.django_db
def test_a_woman_cadre_reaches_55_and_some_months(series):
    # born 1971-03 (original 55): +((14 months)//4 + 1) = 4 months → 55y4m in July 2026
    user = make_ready_applicant(birth="19710310", female=True)
    assert problems(user, committee_at(series, month=6), series) == []
    assert "55周岁4个月" in problems(user, committee_at(series, month=7), series)[0]


@pytest.mark.django_db
def test_without_a_plan_month_the_window_close_month_is_used_and_said(series):
    user = make_ready_applicant(birth="19660215")  # reaches June 2026
    committee = make_open_committee(
        series, now=NOW, year=YEAR, opens_at=beijing(2026, 6, 1), closes_at=beijing(2026, 7, 1)
    )  # no plan; the window's last day is 30 June
    month = committee_month_of(committee=committee, year=YEAR)
    assert (month.year, month.month, month.from_window) == (2026, 6, True)
    found = problems(user, committee, series)
    assert len(found) == 1
    assert "按网上申报截止月份（2026年6月）计算" in found[0]


@pytest.mark.django_db
def test_missing_basic_information_for_the_retirement_check(series):
    user = make_ready_applicant()
    dossier = dossier_get_or_create(user=user)
    dossier.original_retirement_age = None
    dossier.save()
    found = problems(user, committee_at(series), series)
    assert found == ["请先在基本信息中完善原法定退休年龄，以便核对法定退休年龄。"]


@pytest.mark.django_db
def test_civil_servants_are_refused(series):
    user = make_ready_applicant()
    dossier = dossier_get_or_create(user=user)
    dossier.is_civil_servant = True
    dossier.save()
    assert problems(user, committee_at(series), series) == [
        "公务员（含参照公务员法管理人员）不能申报职称评审。"
    ]


@pytest.mark.django_db
def test_staff_of_a_civil_servant_managed_unit_are_refused(series):
    unit = make_unit(Ownership.CITY_STATE, civil_servant_managed=True)
    user = make_ready_applicant(unit=unit)
    found = problems(user, committee_at(series), series)
    assert len(found) == 1 and "参照公务员法管理（参公）单位" in found[0] and unit.name in found[0]


# --- rule 8: counted up to the committee's month ----------------------------------------------------


@pytest.mark.django_db
def test_age_and_service_are_counted_to_the_last_day_of_the_committee_month(series):
    user = make_ready_applicant(birth="19850312")  # professional work from 2008-07-01
    committee = committee_at(series, month=9)
    counted = counted_at(
        dossier=dossier_get_or_create(user=user),
        committee_month=committee_month_of(committee=committee, year=YEAR),
    )
    assert counted.age == (41, 6) and counted.age_label == "41周岁6个月"
    assert counted.service == (18, 2) and counted.service_label == "18年2个月"
    counted = counted_at(
        dossier=dossier_get_or_create(user=user),
        committee_month=committee_month_of(committee=committee_at(series, month=2), year=YEAR),
    )
    assert counted.age == (40, 11)  # 28 February 2026: the birthday month (March) not reached


# --- rule 1: integrity record -------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_integrity_record_refuses_until_the_day_before_its_expiry(series):
    user = make_ready_applicant()
    today = NOW.date()
    IntegrityRecord.objects.create(
        id_number=user.id_number,
        name=user.name,
        reason="论文造假，职称已撤销",
        recorded_on=today - timedelta(days=3 * 365),
        expires_on=today + timedelta(days=1),
    )
    found = problems(user, committee_at(series), series)
    assert len(found) == 1 and "记录期满日为2026年6月16日" in found[0]
    # on the expiry day the record no longer refuses
    assert problems(user, committee_at(series), series, now=NOW + timedelta(days=1)) == []


@pytest.mark.django_db
def test_an_integrity_record_not_yet_in_force_or_of_someone_else_does_not_refuse(series):
    user = make_ready_applicant()
    other = make_ready_applicant()
    IntegrityRecord.objects.create(
        id_number=other.id_number,
        name=other.name,
        reason="x",
        recorded_on=date(2025, 1, 1),
        expires_on=date(2028, 1, 1),
    )
    assert problems(user, committee_at(series), series) == []


# --- rule 19 ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_same_level_twice_in_a_year_is_refused(series):
    user = make_ready_applicant()
    first = committee_at(series)
    existing = make_draft(user, first, series, year=YEAR)
    second = committee_at(series)
    found = problems(user, second, series)
    assert len(found) == 1 and "同一年度同一层级只能向一个评委会申报" in found[0] and first.name in found[0]
    # the existing application itself is not a conflict with itself
    assert problems(user, second, series, application=existing) == []
    # another level is not refused by rule 19
    other_level = committee_at(series, level=Level.SENIOR_ASSOCIATE)
    assert problems(user, other_level, series, level=Level.SENIOR_ASSOCIATE) == []


@pytest.mark.django_db
@pytest.mark.parametrize("ended", [ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN])
def test_an_application_ended_before_the_committee_decided_bars_nothing(series, ended):
    """Decision 0008: 审核不通过 at a step before the committee, or 视为放弃, ends only that
    application; the person may apply to another committee of the same level that year."""
    user = make_ready_applicant()
    first = committee_at(series)
    Application.objects.filter(pk=make_draft(user, first, series, year=YEAR).pk).update(status=ended)
    assert problems(user, committee_at(series), series) == []
    assert problems(user, first, series) == []  # the same committee again, while its window is open


@pytest.mark.django_db
def test_materials_the_committee_failed_cannot_go_to_another_committee_that_year(series, monkeypatch):
    """Rule 19's second half reads `failed_at_evaluation`, where the committee's evaluation
    (issue 13) plugs in its 评审未通过 status; a stand-in status shows the refusal."""
    from applications import same_level

    monkeypatch.setattr(same_level, "EVALUATION_FAILED_STATUSES", (ApplicationStatus.APPROVED,))
    user = make_ready_applicant()
    first = committee_at(series)
    failed = make_draft(user, first, series, year=YEAR)
    Application.objects.filter(pk=failed.pk).update(status=ApplicationStatus.APPROVED)
    found = problems(user, committee_at(series), series)
    assert found == [
        f"您{YEAR}年申报中级的材料经{first.name}评审未通过，同一年度同一层级不得将评审未通过的材料"
        "再送其他评审委员会评审（见《职称知识25问》第25问）。"
    ]
    assert same_level.failed_at_evaluation(Application.objects.get(pk=failed.pk))


# --- rule 20 ----------------------------------------------------------------------------------------


def _events(application, count):
    for i in range(count):
        ReviewEvent.objects.create(
            application=application,
            action="return" if i % 2 == 0 else "reset",
            from_status=ApplicationStatus.IN_REVIEW,
            to_status=ApplicationStatus.RETURNED,
        )


@pytest.mark.django_db
def test_three_returns_and_resets_used_still_allow_a_new_application(series):
    user = make_ready_applicant()
    other = make_draft(user, committee_at(series, level=Level.ASSISTANT), series, Level.ASSISTANT, year=YEAR)
    _events(other, rulebook.RETURNS_AND_RESETS_PER_YEAR - 1)
    assert problems(user, committee_at(series), series) == []


@pytest.mark.django_db
def test_four_returns_and_resets_used_refuse_any_new_application_that_year(series):
    user = make_ready_applicant()
    other = make_draft(user, committee_at(series, level=Level.ASSISTANT), series, Level.ASSISTANT, year=YEAR)
    _events(other, rulebook.RETURNS_AND_RESETS_PER_YEAR)
    assert problems(user, committee_at(series), series) == [
        "您2026年返回修改和重置流程的机会（共4次）已用完，当年不能再申报。"
    ]
    # another year is not affected
    assert "已用完" not in " ".join(
        eligibility_problems(
            user=user,
            committee=committee_at(series),
            level=Level.INTERMEDIATE,
            year=2027,
            series=series,
            now=NOW,
        )
    )


@pytest.mark.django_db
def test_the_returned_application_may_spend_the_last_chance_but_not_more(series):
    user = make_ready_applicant()
    committee = committee_at(series)
    application = make_draft(user, committee, series, year=YEAR)
    _events(application, rulebook.RETURNS_AND_RESETS_PER_YEAR)
    assert problems(user, committee, series, application=application) == []
    _events(application, 1)
    assert "已用完" in problems(user, committee, series, application=application)[0]


# --- rules 6 and 7: the window ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_last_second_of_a_window_is_open_and_midnight_is_closed(series):
    user = make_ready_applicant()
    committee = make_open_committee(
        series, now=NOW, year=YEAR, month=9, opens_at=beijing(2026, 6, 1), closes_at=beijing(2026, 7, 1)
    )  # closes "at 24:00 of 30 June"
    assert problems(user, committee, series, now=beijing(2026, 6, 30, 23, 59, 59)) == []
    assert problems(user, committee, series, now=beijing(2026, 7, 1, 0, 0, 0)) == [
        "该评委会网上申报已截止，无法重新开通。"
    ]


@pytest.mark.django_db
def test_a_window_not_yet_open_says_when_it_opens(series):
    user = make_ready_applicant()
    committee = make_open_committee(
        series,
        now=NOW,
        year=YEAR,
        month=9,
        opens_at=beijing(2026, 6, 20, 9, 0),
        closes_at=beijing(2026, 7, 1),
    )
    assert problems(user, committee, series) == [
        "该评委会2026年网上申报尚未开通，将于2026年6月20日 09:00开通，请届时申报。"
    ]


@pytest.mark.django_db
def test_no_window_for_the_year_and_a_stopped_committee(series):
    user = make_ready_applicant()
    committee = committee_at(series)
    CommitteeWindow.objects.filter(committee=committee).delete()
    assert "尚未公布2026年的网上申报时间" in problems(user, committee, series)[0]
    committee.is_active = False
    committee.save()
    assert "已停止受理申报" in problems(user, committee, series)[0]


@pytest.mark.django_db
def test_a_committee_that_does_not_cover_the_series_and_level(series):
    user = make_ready_applicant()
    committee = committee_at(series)
    found = problems(user, committee, make_series())
    assert found == [f"{committee.name}不评审所选系列和层级，请重新选择评委会。"]
