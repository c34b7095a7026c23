"""The one notification adapter: a site message always, an SMS (purpose "notice") only with
`sms_text` and a phone number; both after commit."""

from __future__ import annotations

import pytest
from django.db import transaction

from messaging.models import SiteMessage, SmsOutbox
from messaging.notify import notify
from tests import factories

pytestmark = pytest.mark.django_db


def test_site_message_and_sms_are_sent_after_commit(django_capture_on_commit_callbacks):
    user = factories.make_applicant()
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            user=user,
            title="职称申报已被退回修改",
            body="请修改后重新提交。",
            sms_text="您的职称申报已被退回修改。",
        )
        assert not SiteMessage.objects.exists() and not SmsOutbox.objects.exists()
    message = SiteMessage.objects.get(recipient=user)
    assert (message.title, message.body, message.sender) == (
        "职称申报已被退回修改",
        "请修改后重新提交。",
        None,
    )
    sms = SmsOutbox.objects.get()
    assert (sms.phone, sms.purpose, sms.status) == (user.phone, "notice", "sent")
    assert sms.text.endswith("您的职称申报已被退回修改。")


def test_without_sms_text_or_phone_only_the_site_message(django_capture_on_commit_callbacks):
    with_phone = factories.make_applicant()
    no_phone = factories.make_user(role="unit_admin", phone="")
    with django_capture_on_commit_callbacks(execute=True):
        notify(user=with_phone, title="标题", body="内容")
        notify(user=no_phone, title="标题", body="内容", sms_text="短信")
    assert SiteMessage.objects.filter(recipient__in=[with_phone, no_phone]).count() == 2
    assert not SmsOutbox.objects.exists()


def test_a_rolled_back_transaction_tells_no_one(django_capture_on_commit_callbacks):
    user = factories.make_applicant()
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notify(user=user, title="标题", body="内容", sms_text="短信")
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert not SiteMessage.objects.exists() and not SmsOutbox.objects.exists()


def test_an_inactive_user_gets_no_site_message(django_capture_on_commit_callbacks):
    user = factories.make_applicant(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify(user=user, title="标题", body="内容")
    assert not SiteMessage.objects.exists()
