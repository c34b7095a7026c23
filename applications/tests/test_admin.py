"""后台管理: applications, steps and events read-only (no add, change or delete for anyone);
诚信档案 editable with 3 years by default; required attachments per committee."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from accounts.models import User
from applications.models import CommitteeRequiredAttachment, IntegrityRecord, ReviewEvent
from applications.services import application_save_cover
from applications.state import application_submit

from .factories import cover_values
from .helpers import page_text


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("root", "Root@2026x", name="管理员"))
    return client


@pytest.fixture
def submitted(applicant, committee, series):
    application = application_save_cover(user=applicant, **cover_values(committee, series))
    return application_submit(application_id=application.pk, actor=applicant)


@pytest.mark.django_db
def test_an_application_is_shown_with_its_snapshot_and_cannot_be_changed(admin_client, submitted):
    change = reverse("admin:applications_application_change", args=[submitted.pk])
    response = admin_client.get(change)
    assert response.status_code == 200
    text = page_text(response)
    assert "提交时的申报信息（快照）" in text and "审核中" in text
    assert 'name="status"' not in response.content.decode()
    assert admin_client.post(change, {"status": "approved"}).status_code == 403
    assert admin_client.get(reverse("admin:applications_application_add")).status_code == 403
    assert (
        admin_client.get(reverse("admin:applications_application_delete", args=[submitted.pk])).status_code
        == 403
    )
    assert admin_client.get(reverse("admin:applications_application_changelist")).status_code == 200
    submitted.refresh_from_db()
    assert submitted.status == "in_review"


@pytest.mark.django_db
def test_events_and_steps_are_read_only_even_for_a_superuser(admin_client, submitted):
    event = ReviewEvent.objects.get()
    assert admin_client.get(reverse("admin:applications_reviewevent_changelist")).status_code == 200
    assert (
        admin_client.get(reverse("admin:applications_reviewevent_change", args=[event.pk])).status_code == 200
    )
    assert (
        admin_client.post(
            reverse("admin:applications_reviewevent_change", args=[event.pk]), {"opinion": "改"}
        ).status_code
        == 403
    )
    assert admin_client.get(reverse("admin:applications_reviewevent_add")).status_code == 403
    assert (
        admin_client.get(reverse("admin:applications_reviewevent_delete", args=[event.pk])).status_code == 403
    )
    response = admin_client.post(
        reverse("admin:applications_reviewevent_changelist"),
        {"action": "delete_selected", "_selected_action": [event.pk]},
    )
    assert ReviewEvent.objects.filter(pk=event.pk).exists()
    step = submitted.steps.first()
    assert admin_client.get(reverse("admin:applications_reviewstep_add")).status_code == 403
    assert (
        admin_client.get(reverse("admin:applications_reviewstep_delete", args=[step.pk])).status_code == 403
    )
    assert response.status_code in (200, 302)


@pytest.mark.django_db
def test_an_integrity_record_expires_three_years_later_by_default(admin_client):
    response = admin_client.post(
        reverse("admin:applications_integrityrecord_add"),
        {
            "id_number": "53010219850312109x",
            "name": "王某",
            "reason": "伪造论文，职称已撤销",
            "recorded_on": "2024-02-29",
            "expires_on": "",
        },
    )
    assert response.status_code == 302, page_text(response)
    record = IntegrityRecord.objects.get()
    assert record.expires_on == date(2027, 2, 28)
    assert record.id_number == "53010219850312109X"
    response = admin_client.post(
        reverse("admin:applications_integrityrecord_add"),
        {
            "id_number": "1",
            "name": "李某",
            "reason": "x",
            "recorded_on": "2024-03-01",
            "expires_on": "2024-01-01",
        },
    )
    assert "记录期满日须晚于记录日期。" in page_text(response)
    assert IntegrityRecord.objects.count() == 1


@pytest.mark.django_db
def test_required_attachments_are_edited_per_committee(admin_client, committee):
    url = reverse("admin:applications_committeerequiredattachment_add")
    response = admin_client.post(url, {"committee": committee.pk, "kind": "pledge", "order": 1})
    assert response.status_code == 302
    assert CommitteeRequiredAttachment.objects.get().kind == "pledge"
    listing = admin_client.get(
        reverse("admin:applications_committeerequiredattachment_changelist"),
        {"committee__id__exact": committee.pk},
    )
    assert "承诺书" in page_text(listing)


@pytest.mark.django_db
def test_a_recognition_is_shown_with_its_facts(admin_client, settings):
    from recognition.tests.recognition_factories import ALL_MONTHS, submitted_recognition

    settings.RECOGNITION_MONTHS = ALL_MONTHS
    application = submitted_recognition()
    response = admin_client.get(reverse("admin:applications_application_change", args=[application.pk]))
    assert response.status_code == 200
    text = page_text(response)
    assert "本科（学士）" in text and "《云南省招工录用登记表》" in text
    assert admin_client.get(reverse("admin:applications_application_changelist")).status_code == 200
