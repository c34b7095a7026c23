"""站内消息: send, list with the unread badge, open (marks read), mark read — page and API."""

from __future__ import annotations

import pytest

from core.errors import NotFound, ServiceError
from messaging.models import SiteMessage
from messaging.services import site_message_mark_all_read, site_message_mark_read, site_message_send
from tests import factories
from tests.factories import bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    unit = factories.make_unit()
    admin = factories.make_unit_admin(unit=unit)
    applicant = factories.make_applicant(organisation=unit)
    return admin, applicant


def send(admin, applicant, title="材料补充", body="请补充学历证书。"):
    return site_message_send(
        sender=admin, recipient=applicant, title=title, body=body, sender_org=admin.organisation
    )


def test_send_and_mark_read(people):
    admin, applicant = people
    message = send(admin, applicant)
    assert message.read_at is None
    read = site_message_mark_read(user=applicant, message_id=message.pk)
    assert read.read_at is not None
    first = read.read_at
    assert site_message_mark_read(user=applicant, message_id=message.pk).read_at == first


@pytest.mark.parametrize(
    ("title", "body", "errors"),
    [
        ("", "", {"title": ["请填写标题。"], "body": ["请填写信息内容。"]}),
        ("标" * 101, "内容", {"title": ["标题最多 100 个字，当前 101 个字。"]}),
        ("标题", "字" * 2001, {"body": ["信息内容最多 2000 个字，当前 2001 个字。"]}),
    ],
)
def test_send_refuses_bad_input(people, title, body, errors):
    admin, applicant = people
    with pytest.raises(ServiceError) as caught:
        send(admin, applicant, title=title, body=body)
    assert caught.value.errors == errors
    assert not SiteMessage.objects.exists()


def test_someone_elses_message_cannot_be_marked(people):
    admin, applicant = people
    message = send(admin, applicant)
    with pytest.raises(NotFound):
        site_message_mark_read(user=admin, message_id=message.pk)
    with pytest.raises(NotFound):
        site_message_mark_read(user=applicant, message_id="abc")


def test_inbox_page_lists_with_unread_badge(client, people):
    admin, applicant = people
    send(admin, applicant, title="第一条")
    send(admin, applicant, title="第二条")
    client.force_login(applicant)
    html = client.get("/messages/").content.decode()
    assert "第一条" in html and "第二条" in html and "未读 2" in html
    assert admin.organisation.name in html


def test_opening_a_message_marks_it_read(client, people):
    admin, applicant = people
    message = send(admin, applicant, body="请补充学历证书。")
    client.force_login(applicant)
    html = client.get(f"/messages/{message.pk}/").content.decode()
    assert "请补充学历证书。" in html
    message.refresh_from_db()
    assert message.read_at is not None
    assert "未读" not in client.get("/messages/?unread=1").content.decode().split("<h1>")[1].split("</h1>")[0]


def test_mark_read_and_read_all_buttons(client, people):
    admin, applicant = people
    one, two = send(admin, applicant), send(admin, applicant)
    client.force_login(applicant)
    response = client.post(f"/messages/{one.pk}/read/", follow=True)
    assert "已标记为已读。" in response.content.decode()
    one.refresh_from_db()
    assert one.read_at
    client.post("/messages/read-all/")
    two.refresh_from_db()
    assert two.read_at
    assert site_message_mark_all_read(user=applicant) == 0


def test_someone_elses_message_is_404_on_the_page(client, people):
    admin, applicant = people
    message = send(admin, applicant)
    client.force_login(factories.make_applicant())
    assert client.get(f"/messages/{message.pk}/").status_code == 404
    assert client.post(f"/messages/{message.pk}/read/").status_code == 404
    message.refresh_from_db()
    assert message.read_at is None


def test_inbox_needs_login(client):
    assert client.get("/messages/").status_code == 302


def test_api_list_and_read(client, people):
    admin, applicant = people
    message = send(admin, applicant)
    send(admin, applicant, title="另一条")
    headers = bearer(applicant)
    body = client.get("/api/v1/support/messages", **headers).json()
    assert body["count"] == 2 and body["unread"] == 2
    assert body["items"][0]["sender"] == admin.organisation.name
    response = client.post(f"/api/v1/support/messages/{message.pk}/read", **headers)
    assert response.status_code == 200 and response.json()["is_read"]
    body = client.get("/api/v1/support/messages", {"unread": "true"}, **headers).json()
    assert body["count"] == 1 and body["unread"] == 1
    other = client.post(f"/api/v1/support/messages/{message.pk}/read", **bearer(admin))
    assert other.status_code == 404
    assert other.json() == {"detail": "未找到该消息。", "errors": {}}
    assert client.get("/api/v1/support/messages").status_code == 401
