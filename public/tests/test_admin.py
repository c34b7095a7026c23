"""Notices are written in the admin."""

import pytest
from django.urls import reverse

from public.models import Notice
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = make_user(role="support", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_notice_admin_creates_a_notice_with_its_author(client, staff):
    response = client.post(
        reverse("admin:public_notice_add"),
        {
            "title": "关于开展2026年度职称评审工作的通知",
            "body": "正文",
            "published_at_0": "2026-03-01",
            "published_at_1": "09:00:00",
            "is_published": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    notice = Notice.objects.get()
    assert notice.created_by == staff
    assert notice.is_published


def test_notice_admin_list_search_and_filter(client, staff):
    Notice.objects.create(title="申报通知", body="x")
    url = reverse("admin:public_notice_changelist")
    html = client.get(url, {"q": "申报"}).content.decode()
    assert "申报通知" in html
    assert client.get(url, {"is_published__exact": "1"}).status_code == 200
    assert "通知公告" in client.get(reverse("admin:index")).content.decode()
