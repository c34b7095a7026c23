"""申报 (issue 11 items 4 and 14): a scan under a section's entry counts as the category the
committee requires, and a section is required only where a rule or the committee requires it,
the message naming that rule as people know it."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from applications.completeness import application_missing
from applications.models import ApplicationKind, CommitteeRequiredAttachment
from attachments import services as attachment_services
from attachments.models import Attachment, AttachmentKind
from attachments.tests import corpus
from catalog.models import Level
from dossier.models import DossierEntry
from dossier.selectors import dossier_get_or_create
from dossier.tests.factories import add_entries

from .factories import add_attachment, make_draft, make_open_committee

pytestmark = pytest.mark.django_db


def entry_of(user, section: str) -> DossierEntry:
    return DossierEntry.objects.filter(dossier__user=user, section=section).order_by("id").first()


def upload_under(user, entry: DossierEntry, *, kind: str = "", title: str = "扫描件") -> Attachment:
    return attachment_services.attachment_upload(
        user=user,
        kind=kind,
        title=title,
        uploaded_file=corpus.upload("scan.png", corpus.png_bytes(), "image/png"),
        entry_id=entry.pk,
    )


def messages(application) -> list[str]:
    return [m.message for m in application_missing(application=application)]


def list_only(committee, *kinds) -> None:
    for order, kind in enumerate(kinds, start=1):
        CommitteeRequiredAttachment.objects.create(committee=committee, kind=kind, order=order)


# --- item 4: an entry's attachment of the right kind satisfies the requirement ---------------


def test_a_diploma_uploaded_under_the_education_entry_counts(applicant, committee, series):
    Attachment.objects.filter(owner=applicant, kind__in=["diploma", "annual_assessment"]).delete()
    application = make_draft(applicant, committee, series)
    assert len(messages(application)) == 2
    upload_under(applicant, entry_of(applicant, "education"), title="毕业证书-本科")
    upload_under(applicant, entry_of(applicant, "annual_assessments"), title="2025年度考核登记表")
    assert application_missing(application=application) == []


def test_a_papers_scan_counts_as_achievements_and_a_title_certificate_under_its_entry(
    applicant, committee, series
):
    Attachment.objects.filter(
        owner=applicant, kind__in=["achievements", "title_certificate", "appointment"]
    ).delete()
    add_entries(applicant, "current_titles", 1)
    add_entries(applicant, "papers", 1)
    application = make_draft(applicant, committee, series)
    assert {m.url for m in application_missing(application=application)} == {
        "/attachments/?kind=achievements",
        "/attachments/?kind=title_certificate",
        "/attachments/?kind=appointment",
    }
    titles = entry_of(applicant, "current_titles")
    upload_under(applicant, titles, title="职称证书")  # the section's first category
    upload_under(applicant, titles, kind="appointment", title="聘任文件")
    # Stored as 条目附件 (the old way, or kind "entry" through the API): counts all the same.
    upload_under(applicant, entry_of(applicant, "papers"), kind="entry", title="论文")
    assert application_missing(application=application) == []


def test_a_scan_under_a_work_entry_does_not_stand_in_for_a_required_kind(applicant, committee, series):
    Attachment.objects.filter(owner=applicant, kind="id_card").delete()
    upload_under(applicant, entry_of(applicant, "work"), title="劳动合同")
    assert messages(make_draft(applicant, committee, series)) == ["请在附件管理中上传“身份证”。"]


# --- item 14: 如没有无需填写 — only what a rule or the committee requires --------------------


def test_optional_sections_are_never_listed(applicant, committee, series):
    DossierEntry.objects.filter(dossier__user=applicant, section="work_summary").delete()
    assert application_missing(application=make_draft(applicant, committee, series)) == []


def test_every_review_needs_schooling_and_work_history_naming_the_questions(applicant, committee, series):
    DossierEntry.objects.filter(dossier__user=applicant, section__in=["education", "work"]).delete()
    missing = application_missing(application=make_draft(applicant, committee, series))
    assert [(m.section, m.url) for m in missing] == [
        ("education", reverse("dossier:entry_create", args=["education"])),
        ("work", reverse("dossier:entry_create", args=["work"])),
    ]
    assert missing[0].message.startswith("按《职称知识25问》第9问，申报职称评审均应具备规定的学历条件")
    assert missing[1].message.startswith("按《职称知识25问》第8问、第11问")


def test_annual_assessments_only_when_the_committee_asks_for_them(applicant, committee, series):
    DossierEntry.objects.filter(dossier__user=applicant, section="annual_assessments").delete()
    application = make_draft(applicant, committee, series)
    assert messages(application) == [
        f"{committee.name}要求提交年度考核材料：请在“年度考核情况（近五年）”中新增近五年的年度考核结果，"
        "并在各条目下上传年度考核登记表。"
    ]
    list_only(committee, AttachmentKind.ID_CARD, AttachmentKind.DIPLOMA)
    assert application_missing(application=application) == []


def test_a_skilled_worker_needs_the_last_three_years_by_question_21(applicant, committee, series):
    list_only(committee, AttachmentKind.ID_CARD)
    DossierEntry.objects.filter(dossier__user=applicant, section="annual_assessments").delete()
    add_attachment(applicant, AttachmentKind.SKILL_CERTIFICATE)
    dossier = dossier_get_or_create(user=applicant)
    dossier.skill_grade, dossier.skill_grade_obtained_on = "technician", date(2018, 1, 1)
    dossier.save()
    missing = application_missing(application=make_draft(applicant, committee, series))  # 中级
    assert [m.message for m in missing] == [
        "按《职称知识25问》第21问，按职业资格（职业技能等级）申报的，须在现工作岗位上近3年年度考核合格："
        "请在“年度考核情况（近五年）”中新增近3年的考核结果。"
    ]


def test_a_skilled_worker_without_a_title_is_not_asked_for_a_title_certificate(applicant, committee, series):
    Attachment.objects.filter(owner=applicant, kind__in=["title_certificate", "appointment"]).delete()
    add_attachment(applicant, AttachmentKind.SKILL_CERTIFICATE)
    dossier = dossier_get_or_create(user=applicant)
    dossier.skill_grade, dossier.skill_grade_obtained_on = "technician", date(2018, 1, 1)
    dossier.save()
    assert application_missing(application=make_draft(applicant, committee, series)) == []


def test_a_senior_promotion_needs_the_title_below(applicant, series):
    committee = make_open_committee(series, Level.SENIOR_ASSOCIATE)
    application = make_draft(applicant, committee, series, Level.SENIOR_ASSOCIATE)
    missing = application_missing(application=application)
    assert [(m.section, m.url) for m in missing] == [
        ("current_titles", reverse("dossier:entry_create", args=["current_titles"]))
    ]
    assert (
        "须已取得下一级职称" in missing[0].message and "《职称知识25问》第7问、第10问" in missing[0].message
    )
    add_entries(applicant, "current_titles", 1)
    assert application_missing(application=application) == []


def test_a_series_change_needs_the_title_held_by_question_17(applicant, committee, series):
    application = make_draft(applicant, committee, series)
    application.kind = ApplicationKind.SERIES_CHANGE
    application.save()
    assert messages(application) == [
        "按《职称知识25问》第17问，转系列评审按现有职称等级评审同等级职称：请在“现有职称情况”中新增现有职称。"
    ]


def test_no_message_shows_an_internal_rule_number(committee, series):
    from tests import factories

    user = factories.make_applicant(organisation=factories.make_unit())
    application = make_draft(user, committee, series, Level.INTERMEDIATE)
    assert all("规则" not in m for m in messages(application))


def test_the_section_page_says_why_it_must_be_filled_for_the_draft(client, applicant, committee, series):
    DossierEntry.objects.filter(dossier__user=applicant, section="annual_assessments").delete()
    client.force_login(applicant)
    page = client.get(reverse("dossier:section", args=["annual_assessments"])).content.decode()
    assert "本次申报须填写本栏" not in page  # no application yet
    make_draft(applicant, committee, series)
    page = client.get(reverse("dossier:section", args=["annual_assessments"])).content.decode()
    assert f"本次申报须填写本栏：{committee.name}要求提交年度考核材料" in page
    assert "如没有无需填写。" not in page.split("暂无记录。")[1][:40]
    papers = client.get(reverse("dossier:section", args=["papers"])).content.decode()
    assert "本次申报须填写本栏" not in papers and "暂无记录。如没有无需填写。" in papers
