"""后台: support may look at a dossier but not change, add or delete applicants' data."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dossier.models import Dossier, DossierEntry
from dossier.selectors import dossier_get_or_create
from dossier.services import dossier_entry_create
from tests import factories

from .factories import good

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(factories.make_support(is_superuser=True))
    return client


def test_admin_shows_but_does_not_change(admin_client):
    user = factories.make_applicant(name="赵六")
    dossier = dossier_get_or_create(user=user)
    entry = dossier_entry_create(user=user, section="papers", data=good("papers"))
    response = admin_client.get(reverse("admin:dossier_dossier_change", args=[dossier.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "基于微服务的政务系统设计" in html and "撰写论文情况" in html
    assert 'name="_save"' not in html
    response = admin_client.get(reverse("admin:dossier_dossierentry_change", args=[entry.pk]))
    assert response.status_code == 200
    assert "ISSN/CN 刊号" in response.content.decode()
    listing = admin_client.get(reverse("admin:dossier_dossier_changelist") + "?q=赵六").content.decode()
    assert f"赵六（{user.id_number[:6]}********{user.id_number[-4:]}）" in listing
    assert user.id_number not in listing
    assert admin_client.get(reverse("admin:dossier_dossierentry_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:dossier_dossier_add")).status_code == 403
    assert (
        admin_client.post(
            reverse("admin:dossier_dossierentry_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    admin_client.post(reverse("admin:dossier_dossier_change", args=[dossier.pk]), {"current_post": "改"})
    assert Dossier.objects.get(pk=dossier.pk).current_post == ""
    assert DossierEntry.objects.filter(pk=entry.pk).exists()
