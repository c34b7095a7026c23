"""后台管理: both records are read-only (written only through the services)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import User
from applications.tests.helpers import page_text

from .factories import add_publicity, add_recommendation


@pytest.fixture
def admin_client(client, db):
    client.force_login(User.objects.create_superuser("root", "Root@2026x", name="管理员"))
    return client


def test_the_records_are_shown_read_only(admin_client, application):
    recommendation = add_recommendation(application)
    publicity = add_publicity(application)
    for model, row, expected in (
        ("unitrecommendation", recommendation, "同意推荐申报工程师"),
        ("unitpublicity", publicity, "单位公示栏及内网"),
    ):
        listing = admin_client.get(reverse(f"admin:recommend_{model}_changelist"))
        assert listing.status_code == 200 and application.applicant.name in page_text(listing)
        change = reverse(f"admin:recommend_{model}_change", args=[row.pk])
        response = admin_client.get(change)
        assert response.status_code == 200 and expected in page_text(response)
        assert admin_client.post(change, {"place": "改"}).status_code == 403
        assert admin_client.get(reverse(f"admin:recommend_{model}_add")).status_code == 403
        assert admin_client.post(reverse(f"admin:recommend_{model}_delete", args=[row.pk])).status_code == 403
