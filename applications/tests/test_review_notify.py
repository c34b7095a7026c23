"""Notifications of the review transitions (through messaging.notify): the applicant on every
transition, the unit's admins on every submission; `manage.py send_review_digest`."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import Role
from applications.models import StepKind
from applications.state import (
    application_pass,
    application_reject,
    application_reset,
    application_return,
    application_submit,
    application_withdraw_overdue,
)
from core.errors import ServiceError
from messaging.models import SiteMessage, SmsOutbox
from orgs.models import Ownership
from tests import factories

from .factories import city_bureau, make_unit, make_unit_admin
from .review_factories import (
    ITEMS,
    OPINION,
    complete_unit_step,
    current_reviewer,
    in_days,
    make_submitted,
    reviewer_for,
)

pytestmark = pytest.mark.django_db


def inbox(user) -> list[SiteMessage]:
    return list(SiteMessage.objects.filter(recipient=user).order_by("id"))


def sms_to(user) -> list[SmsOutbox]:
    return list(SmsOutbox.objects.filter(phone=user.phone, purpose="notice").order_by("id"))


def test_return_tells_the_applicant_the_items_and_the_deadline(django_capture_on_commit_callbacks):
    application = make_submitted()
    applicant = application.applicant
    admin = current_reviewer(application)
    with django_capture_on_commit_callbacks(execute=True):
        application_return(
            application_id=application.pk,
            actor=admin,
            opinion="请一次性修改。",
            items=ITEMS,
            deadline=in_days(6),
        )
    message = inbox(applicant)[-1]
    deadline = in_days(6)
    date_text = f"{deadline.year}年{deadline.month}月{deadline.day}日 24:00"  # a deadline: the end of the day
    assert message.title == "职称申报已被退回修改"
    assert "审核意见：请一次性修改。" in message.body
    assert "1. 年度考核情况（近五年）：缺少2024年度考核结果，请补充。" in message.body
    assert "2. 附件：学历学位证书：学历证书扫描件不清晰，请重新上传。" in message.body
    assert f"请于 {date_text} 前修改完善并重新提交，逾期未提交视为放弃" in message.body
    assert "机会剩余 3 次" in message.body
    (sms,) = sms_to(applicant)
    assert date_text in sms.text and "逾期视为放弃" in sms.text


def test_every_transition_tells_the_applicant(django_capture_on_commit_callbacks):
    application = make_submitted(ownership=Ownership.NON_PUBLIC)
    applicant = application.applicant
    complete_unit_step(application)
    with django_capture_on_commit_callbacks(execute=True):
        application_pass(application_id=application.pk, actor=current_reviewer(application), opinion=OPINION)
    message = inbox(applicant)[-1]
    assert message.title == "职称申报已通过单位审核"
    assert "当前环节：县（市）区人社局审核" in message.body and OPINION in message.body
    assert sms_to(applicant) == []  # an intermediate pass: site message only

    with django_capture_on_commit_callbacks(execute=True):
        application_reset(
            application_id=application.pk, actor=current_reviewer(application), opinion="单位选错。"
        )
    assert inbox(applicant)[-1].title == "职称申报流程已重置"
    assert "可修改封面" in inbox(applicant)[-1].body
    assert len(sms_to(applicant)) == 1

    with django_capture_on_commit_callbacks(execute=True):
        application_submit(application_id=application.pk, actor=applicant)
    assert inbox(applicant)[-1].title == "职称申报已提交"

    with django_capture_on_commit_callbacks(execute=True):
        application_pass(application_id=application.pk, actor=current_reviewer(application), opinion=OPINION)
        application_reject(
            application_id=application.pk, actor=current_reviewer(application), opinion="不符合条件。"
        )
    message = inbox(applicant)[-1]
    assert message.title == "职称申报未通过审核"
    # Decision 0008: the district office's rejection ends this application; the message neither
    # names the committee nor says the committee failed the person.
    assert "经县（市）区人社局审核" in message.body and "审核不通过，该申报已结束" in message.body
    assert "可在“职称申报”中重新保存封面" in message.body
    assert application.committee.name not in message.body and "评审未通过" not in message.body
    assert "规则" not in message.body
    assert len(sms_to(applicant)) == 2


def test_final_approval_and_withdrawal_are_told_by_site_message_and_sms(django_capture_on_commit_callbacks):
    application = make_submitted(ownership=Ownership.NON_PUBLIC)
    applicant = application.applicant
    complete_unit_step(application)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            application_pass(
                application_id=application.pk, actor=current_reviewer(application), opinion=OPINION
            )
    message = inbox(applicant)[-1]
    assert message.title == "职称申报电子材料审核已通过"
    assert "100%打印" in message.body and "承诺书" in message.body
    assert "电子材料审核已通过" in sms_to(applicant)[-1].text

    other = make_submitted()
    with django_capture_on_commit_callbacks(execute=True):
        application_return(
            application_id=other.pk,
            actor=current_reviewer(other),
            opinion=OPINION,
            items=ITEMS,
            deadline=in_days(1),
        )
        application_withdraw_overdue(today=in_days(2))
    assert inbox(other.applicant)[-1].title == "职称申报视为放弃"
    assert "视为放弃（见职称申报必读（二）2）" in inbox(other.applicant)[-1].body
    assert "已视为放弃" in sms_to(other.applicant)[-1].text


def test_the_unit_admins_are_told_of_a_resubmission(django_capture_on_commit_callbacks):
    unit = make_unit()
    admin = make_unit_admin(unit)
    application = make_submitted(unit=unit)
    with django_capture_on_commit_callbacks(execute=True):
        application_return(
            application_id=application.pk, actor=admin, opinion=OPINION, items=ITEMS, deadline=in_days(3)
        )
        application_submit(application_id=application.pk, actor=application.applicant)
    assert inbox(admin)[-1].title == f"{application.applicant.name}修改后重新提交了职称申报"


def test_a_refused_transition_tells_no_one(django_capture_on_commit_callbacks):
    application = make_submitted()
    before = SiteMessage.objects.count()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ServiceError):
        application_pass(application_id=application.pk, actor=current_reviewer(application), opinion=OPINION)
    assert SiteMessage.objects.count() == before and not SmsOutbox.objects.filter(purpose="notice").exists()


def test_the_digest_tells_each_reviewing_organisation_its_pending_count(django_capture_on_commit_callbacks):
    unit = make_unit(Ownership.CITY_STATE)
    admins = [make_unit_admin(unit), make_unit_admin(unit)]
    two = [make_submitted(unit=unit) for _ in range(2)]
    department = factories.make_user(role=Role.DEPARTMENT_REVIEWER, organisation=unit.department)
    idle_unit_admin = make_unit_admin(make_unit())
    # One provincial application waiting at the provincial step: the city bureau records it.
    provincial = make_submitted(ownership=Ownership.NON_PUBLIC, provincial=True)
    from .test_review_transitions import walk

    walk(provincial, until_kind=StepKind.PROVINCIAL)
    city = factories.make_user(role=Role.CITY_REVIEWER, organisation=city_bureau())
    # A committee office with one waiting at its step.
    committee_app = make_submitted()
    walk(committee_app, until_kind=StepKind.COMMITTEE)
    office = reviewer_for(committee_app.steps.get(kind=StepKind.COMMITTEE))
    SiteMessage.objects.all().delete()

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_digest", stdout=out)
    for admin in admins:
        (message,) = inbox(admin)
        assert message.title == "待审核提醒：2 份职称申报待审核"
        assert "有 2 份职称申报" in message.body
    assert inbox(city)[0].title == "待审核提醒：1 份职称申报待审核"
    assert inbox(office)[0].title == "待审核提醒：1 份职称申报待审核"
    assert inbox(department) == [] and inbox(idle_unit_admin) == []
    assert not SmsOutbox.objects.filter(purpose="notice").exists()
    # every city reviewer of the bureau (walk made one for the city step too) is told
    told = SiteMessage.objects.count()
    assert told == len(admins) + 1 + SiteMessage.objects.filter(recipient__role=Role.CITY_REVIEWER).count()
    assert out.getvalue().strip() == f"已向 {told} 名审核人员发送待审核提醒。"
    assert len(two) == 2
