"""The SMS outbox and site messages are read-only records in the back office."""

from __future__ import annotations

import pytest

from messaging.models import SiteMessage, SmsOutbox
from messaging.sms import send_sms
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(factories.make_support(is_superuser=True))
    return client


def test_outbox_is_read_only(admin_client):
    row = send_sms(phone="13900000001", text="验证码：123456", purpose="register")
    assert "13900000001" in admin_client.get("/admin/messaging/smsoutbox/").content.decode()
    assert admin_client.get("/admin/messaging/smsoutbox/add/").status_code == 403
    page = admin_client.get(f"/admin/messaging/smsoutbox/{row.pk}/change/")
    assert page.status_code == 200 and 'name="text"' not in page.content.decode()
    assert (
        admin_client.post(f"/admin/messaging/smsoutbox/{row.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert SmsOutbox.objects.filter(pk=row.pk).exists()


def test_site_messages_are_read_only(admin_client):
    message = SiteMessage.objects.create(recipient=factories.make_applicant(), title="标题", body="内容")
    assert "标题" in admin_client.get("/admin/messaging/sitemessage/").content.decode()
    assert admin_client.get("/admin/messaging/sitemessage/add/").status_code == 403
    assert (
        admin_client.post(f"/admin/messaging/sitemessage/{message.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
