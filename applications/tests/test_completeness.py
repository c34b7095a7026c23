"""申报: every unfinished item with its 去完善 link; a constant number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from applications.completeness import PLEDGE_MESSAGE, application_missing
from applications.defaults import DEFAULT_REQUIRED
from applications.models import Application, CommitteeRequiredAttachment
from applications.services import application_save_cover
from attachments.models import Attachment, AttachmentKind
from dossier.sections import SECTIONS
from dossier.tests.factories import add_entries
from tests import factories

from .factories import (
    add_attachment,
    city_bureau,
    complete_dossier,
    cover_values,
    make_draft,
    make_open_committee,
    make_ready_applicant,
)


@pytest.mark.django_db
def test_a_complete_application_misses_nothing(applicant, committee, series):
    assert application_missing(application=make_draft(applicant, committee, series)) == []


@pytest.mark.django_db
def test_each_missing_required_attachment_links_to_its_kind(applicant, committee, series):
    Attachment.objects.filter(owner=applicant, kind__in=["diploma", "pledge"]).delete()
    application = make_draft(applicant, committee, series)
    missing = application_missing(application=application)
    # The pledge is the system's own document: the item says where to download it (issue 11.3).
    pledge_url = f"/applications/?year={application.year}&kind=promotion#pledge"
    assert [(m.section, m.message, m.url) for m in missing] == [
        (
            "attachments",
            "请在附件管理中上传“学历学位证书”。也可在“学历情况”的条目下上传。",
            "/attachments/?kind=diploma",
        ),
        ("attachments", PLEDGE_MESSAGE, pledge_url),
    ]


@pytest.mark.django_db
def test_an_archived_attachment_does_not_count(applicant, committee, series):
    from django.utils import timezone

    Attachment.objects.filter(owner=applicant, kind="id_card").update(archived_at=timezone.now())
    missing = application_missing(application=make_draft(applicant, committee, series))
    assert [m.url for m in missing] == ["/attachments/?kind=id_card"]


@pytest.mark.django_db
def test_the_committee_list_replaces_the_defaults(applicant, committee, series):
    CommitteeRequiredAttachment.objects.create(committee=committee, kind="delayed_retirement", order=1)
    CommitteeRequiredAttachment.objects.create(committee=committee, kind="id_card", order=2)
    Attachment.objects.filter(owner=applicant, kind="pledge").delete()  # no longer required
    missing = application_missing(application=make_draft(applicant, committee, series))
    assert [m.message for m in missing] == ["请在附件管理中上传“延迟退休批准文件”。"]


@pytest.mark.django_db
def test_a_new_applicant_sees_the_dossier_the_attachments_and_links_for_each(committee, series):
    user = factories.make_applicant(organisation=factories.make_unit())
    missing = application_missing(application=make_draft(user, committee, series))
    sections = [m.section for m in missing]
    assert "basic" in sections
    for section in SECTIONS:
        if section.required:
            assert section.key in sections
    assert "work_summary" not in sections  # 如没有无需填写
    # Without a title held or needed (中级), no 现有职称证书 or 聘任文件 is asked for.
    assert sum(1 for m in missing if m.section == "attachments") == len(DEFAULT_REQUIRED) - 2
    assert all(m.url.startswith("/") for m in missing)
    assert any(m.url.startswith("/dossier/basic/?focus=") for m in missing)


@pytest.mark.django_db
def test_a_provincial_committee_requires_a_photo_meeting_rule_23(series):
    city_bureau()
    committee = make_open_committee(series, provincial=True)
    user = make_ready_applicant()
    application = make_draft(user, committee, series)
    assert [m.message for m in application_missing(application=application)] == [
        "省级评委会须上传1寸电子照片，请在附件管理中上传。"
    ]
    photo = add_attachment(user, AttachmentKind.PHOTO)
    Attachment.objects.filter(pk=photo.pk).update(content_type="image/jpeg", size=5000, width=200, height=300)
    missing = application_missing(application=application)
    assert len(missing) == 2
    assert all(m.url == "/attachments/?kind=photo" and m.message.startswith("1寸电子照片：") for m in missing)
    assert "295×413" in " ".join(m.message for m in missing)


@pytest.mark.django_db
def test_the_cover_is_checked_too(applicant, committee, series):
    application = application_save_cover(user=applicant, **cover_values(committee, series))
    applicant.organisation = factories.make_unit()
    applicant.save()
    assert [(m.section, m.message, m.url) for m in application_missing(application=application)] == [
        (
            "cover",
            "您的工作单位已变更，请重新保存封面。",
            f"/applications/?year={application.year}&kind=promotion#cover",
        )
    ]


def _count(application) -> int:
    fresh = Application.objects.get(pk=application.pk)  # related rows loaded lazily, as in a request
    with CaptureQueriesContext(connection) as ctx:
        application_missing(application=fresh)
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_constant_queries_for_13_sections_of_30_entries(django_assert_max_num_queries, committee, series):
    small = make_ready_applicant()
    big = factories.make_applicant(organisation=factories.make_unit())
    complete_dossier(big, entries_per_section=0, sections=[])
    for section in SECTIONS:
        add_entries(big, section.key, 30)
    for kind in DEFAULT_REQUIRED:
        for _ in range(3):
            add_attachment(big, kind)
    small_app = make_draft(small, committee, series)
    big_app = make_draft(big, make_open_committee(series), series)
    assert application_missing(application=big_app) == []
    baseline = _count(small_app)
    assert _count(big_app) == baseline
    fresh = Application.objects.get(pk=big_app.pk)
    with django_assert_max_num_queries(baseline):
        application_missing(application=fresh)
    assert baseline <= 15


@pytest.mark.django_db
def test_a_delayed_retirement_needs_its_approval_document(applicant, committee, series):
    from datetime import date

    from dossier.selectors import dossier_get_or_create

    dossier = dossier_get_or_create(user=applicant)
    dossier.delayed_retirement_until = date(2027, 6, 1)
    dossier.save()
    application = make_draft(applicant, committee, series)
    assert [(m.message, m.url) for m in application_missing(application=application)] == [
        ("请在附件管理中上传“延迟退休批准文件”。", "/attachments/?kind=delayed_retirement")
    ]
    add_attachment(applicant, AttachmentKind.DELAYED_RETIREMENT)
    assert application_missing(application=application) == []


@pytest.mark.django_db
def test_applying_by_a_skill_grade_needs_its_certificate(applicant, committee, series):
    """Rule 16: without a title at the level below, the grade's certificate is asked for."""
    from datetime import date

    from dossier.models import DossierEntry
    from dossier.selectors import dossier_get_or_create

    dossier = dossier_get_or_create(user=applicant)
    DossierEntry.objects.filter(dossier=dossier, section="current_titles").delete()
    dossier.skill_grade, dossier.skill_grade_obtained_on = "technician", date(2020, 1, 1)
    dossier.save()
    application = make_draft(applicant, committee, series)  # 中级
    assert [(m.message, m.url) for m in application_missing(application=application)] == [
        ("请在附件管理中上传“职业资格（职业技能等级）证书”。", "/attachments/?kind=skill_certificate")
    ]
    add_entries(applicant, "current_titles", 1)  # 助理级: an ordinary promotion
    assert application_missing(application=application) == []
    DossierEntry.objects.filter(dossier=dossier, section="current_titles").delete()
    add_attachment(applicant, AttachmentKind.SKILL_CERTIFICATE)
    assert application_missing(application=application) == []
