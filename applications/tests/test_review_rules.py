"""Rule 20 (4 returns and resets per person per year), rule 6 (the late-return warning) and rule
5 (a return not resubmitted by its deadline is withdrawn by the daily command)."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from applications.models import Application, ApplicationStatus, ReturnRequest, ReviewEvent
from applications.selectors import open_return_request, return_close_warning, returns_remaining
from applications.state import (
    LateReturn,
    NoChancesLeft,
    application_pass,
    application_reset,
    application_return,
    application_submit,
    application_withdraw_overdue,
)
from catalog.models import Level

from .factories import make_draft
from .review_factories import ITEMS, OPINION, complete_unit_step, current_reviewer, in_days, make_submitted

pytestmark = pytest.mark.django_db

NO_CHANCES = (
    "该申报人{year}年返回修改和重置流程的 4 次机会已用完，不能再{action}："
    "再返回将导致其当年无法申报（见《系统填报说明》（三）单位信息及申报审核），只能选择通过或不通过。"
)


def use_chances(application, count: int) -> None:
    """`count` returns/resets spent on another application of the same person and year."""
    other = make_draft(
        application.applicant, application.committee, application.series, Level.SENIOR_ASSOCIATE
    )
    for index in range(count):
        ReviewEvent.objects.create(
            application=other,
            action="return" if index % 2 == 0 else "reset",
            from_status="in_review",
            to_status="returned" if index % 2 == 0 else "draft",
            opinion="测试",
        )


# --- rule 20 ------------------------------------------------------------------------------------


def test_with_three_used_one_return_is_allowed_and_then_none_remain():
    application = make_submitted()
    use_chances(application, 3)
    admin = current_reviewer(application)
    assert returns_remaining(user=application.applicant, year=application.year) == 1
    application_return(
        application_id=application.pk, actor=admin, opinion=OPINION, items=ITEMS, deadline=in_days(5)
    )
    assert returns_remaining(user=application.applicant, year=application.year) == 0
    # The returning reviewer could reset it now — but no chance is left.
    with pytest.raises(NoChancesLeft) as exc:
        application_reset(application_id=application.pk, actor=admin, opinion=OPINION)
    assert exc.value.status == 409
    assert exc.value.detail == NO_CHANCES.format(year=application.year, action="重置流程")
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.RETURNED


def test_with_four_used_return_and_reset_are_refused_but_pass_and_reject_remain():
    application = make_submitted()
    use_chances(application, 4)
    admin = current_reviewer(application)
    with pytest.raises(NoChancesLeft) as exc:
        application_return(
            application_id=application.pk, actor=admin, opinion=OPINION, items=ITEMS, deadline=in_days(5)
        )
    assert exc.value.detail == NO_CHANCES.format(year=application.year, action="返回修改")
    assert "只能选择通过或不通过" in exc.value.detail
    with pytest.raises(NoChancesLeft) as exc:
        application_reset(application_id=application.pk, actor=admin, opinion=OPINION)
    assert exc.value.detail == NO_CHANCES.format(year=application.year, action="重置流程")
    assert not ReturnRequest.objects.exists()
    assert ReviewEvent.objects.filter(application=application).count() == 1
    complete_unit_step(application)
    application_pass(application_id=application.pk, actor=admin, opinion=OPINION)
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.IN_REVIEW


def test_the_chances_of_another_year_do_not_count():
    application = make_submitted()
    other = make_draft(
        application.applicant,
        application.committee,
        application.series,
        Level.INTERMEDIATE,
        year=application.year - 1,
    )
    for _ in range(4):
        ReviewEvent.objects.create(
            application=other, action="return", from_status="in_review", to_status="returned"
        )
    assert returns_remaining(user=application.applicant, year=application.year) == 4
    application_reset(application_id=application.pk, actor=current_reviewer(application), opinion="x")
    assert returns_remaining(user=application.applicant, year=application.year) == 3


# --- rule 6: the late-return warning --------------------------------------------------------------


def test_a_return_within_two_days_of_the_close_asks_for_confirmation():
    now = timezone.now()
    application = make_submitted(opens_at=now - timedelta(days=3), closes_at=now + timedelta(days=1))
    admin = current_reviewer(application)
    warning = return_close_warning(application=application)
    assert "不足 2 天" in warning and "可能来不及" in warning and "职称申报必读（四）" in warning
    with pytest.raises(LateReturn) as exc:
        application_return(
            application_id=application.pk, actor=admin, opinion=OPINION, items=ITEMS, deadline=in_days(5)
        )
    assert exc.value.status == 409 and exc.value.detail == warning
    assert exc.value.errors == {"confirm_late": [warning]}
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.IN_REVIEW
    application_return(
        application_id=application.pk,
        actor=admin,
        opinion=OPINION,
        items=ITEMS,
        deadline=in_days(5),
        confirm_late=True,
    )
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.RETURNED


def test_no_warning_further_from_the_close_and_a_stronger_one_after_it():
    now = timezone.now()
    application = make_submitted(opens_at=now - timedelta(days=3), closes_at=now + timedelta(days=3))
    assert return_close_warning(application=application) is None
    later = return_close_warning(application=application, now=now + timedelta(days=4))
    assert "已于" in later and "截止后无法重新开通" in later and "将无法重新提交" in later
    application_return(
        application_id=application.pk,
        actor=current_reviewer(application),
        opinion=OPINION,
        items=ITEMS,
        deadline=in_days(5),
    )


# --- rule 5: withdrawn after the deadline ----------------------------------------------------------


def returned(deadline_days: int = 3):
    application = make_submitted()
    admin = current_reviewer(application)
    application_return(
        application_id=application.pk,
        actor=admin,
        opinion=OPINION,
        items=ITEMS,
        deadline=in_days(deadline_days),
    )
    return application


def test_a_return_not_resubmitted_by_its_deadline_is_withdrawn_once():
    application = returned(3)
    assert application_withdraw_overdue(today=in_days(3)) == 0  # the deadline day still counts
    assert application_withdraw_overdue(today=in_days(4)) == 1
    after = Application.objects.get(pk=application.pk)
    assert after.status == ApplicationStatus.WITHDRAWN
    event = ReviewEvent.objects.filter(application=application).latest("id")
    assert (event.action, event.actor, event.from_status, event.to_status) == (
        "withdraw",
        None,
        "returned",
        "withdrawn",
    )
    assert "视为放弃" in event.opinion
    request = ReturnRequest.objects.get(application=application)
    assert request.withdrawn_at is not None and open_return_request(application=application) is None
    assert application_withdraw_overdue(today=in_days(10)) == 0
    assert ReviewEvent.objects.filter(application=application, action="withdraw").count() == 1
    with pytest.raises(Exception) as exc:
        application_submit(application_id=application.pk, actor=application.applicant)
    assert exc.value.detail == (
        "该申报已视为放弃，已结束，不能再提交；如仍符合申报条件，可在“职称申报”中重新保存封面申报。"
    )


def test_a_resubmitted_return_is_not_withdrawn():
    application = returned(2)
    application_submit(application_id=application.pk, actor=application.applicant)
    assert ReturnRequest.objects.get(application=application).resolved_at is not None
    assert application_withdraw_overdue(today=in_days(30)) == 0
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.IN_REVIEW


def test_the_daily_command_withdraws_with_dates():
    late = returned(1)
    on_time = returned(5)
    out = StringIO()
    call_command("withdraw_overdue_returns", "--date", in_days(2).isoformat(), stdout=out)
    assert out.getvalue().strip() == "已将 1 份逾期未重新提交的申报视为放弃。"
    assert Application.objects.get(pk=late.pk).status == ApplicationStatus.WITHDRAWN
    assert Application.objects.get(pk=on_time.pk).status == ApplicationStatus.RETURNED
    with pytest.raises(CommandError) as exc:
        call_command("withdraw_overdue_returns", "--date", "2026-02-30")
    assert str(exc.value) == "日期格式应为 YYYY-MM-DD，如 2026-10-08。"
    out = StringIO()
    call_command("withdraw_overdue_returns", stdout=out)  # today: nothing overdue yet
    assert "已将 0 份" in out.getvalue()
