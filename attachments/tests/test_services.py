"""Upload to an entry, replace (new row, old archived), delete (archive), the freeze."""

import pytest
from django.core.files.storage import default_storage

from applications.models import ApplicationStatus
from attachments import selectors, services
from attachments.models import Attachment
from core.audit import AuditLog
from core.errors import ServiceError
from tests.factories import make_applicant, make_support

from . import corpus
from .conftest import make_application, make_entry

FROZEN = "申报已提交审核，附件已冻结；被返回修改后方可补充或替换。"


def png(name="a.png"):
    return corpus.upload(name, corpus.png_bytes(), "image/png")


def upload(user, **kw):
    defaults = {"kind": "diploma", "title": "学历证书-本科", "uploaded_file": png()}
    return services.attachment_upload(user=user, **{**defaults, **kw})


@pytest.mark.django_db
class TestEntryAttachments:
    def test_upload_to_own_entry(self, applicant):
        entry = make_entry(applicant)
        a = upload(applicant, kind="entry", entry_id=entry.pk)
        assert a.entry_id == entry.pk
        assert selectors.attachments_by_entry(entry_ids=[entry.pk, 999]) == {entry.pk: [a], 999: []}

    def test_kind_defaults_to_the_sections_category_when_an_entry_is_named(self, applicant):
        """Issue 11 item 4: a scan under a 学历情况 entry is a 学历学位证书."""
        entry = make_entry(applicant)
        a = upload(applicant, kind="", entry_id=str(entry.pk))
        assert (a.kind, a.entry_id) == ("diploma", entry.pk)
        work = make_entry(applicant, section="work")
        assert upload(applicant, kind="", entry_id=work.pk).kind == "entry"

    def test_an_entry_takes_its_sections_categories_only(self, applicant):
        titles = make_entry(applicant, section="current_titles")
        assert upload(applicant, kind="appointment", entry_id=titles.pk).kind == "appointment"
        with pytest.raises(ServiceError) as info:
            upload(applicant, kind="pledge", entry_id=titles.pk)
        assert info.value.errors == {"kind": ["“现有职称情况”条目下的附件类别只能是现有职称证书、聘任文件。"]}

    def test_an_entrys_scan_counts_as_its_category(self, applicant):
        """Issue 11 item 4: what the committee requires is satisfied by an entry's scan, a scan
        stored as 条目附件 (before sections named categories, or through the API) included."""
        paper = make_entry(applicant, section="papers")
        upload(applicant, kind="entry", entry_id=paper.pk)
        upload(applicant, kind="", entry_id=make_entry(applicant, section="annual_assessments").pk)
        upload(applicant, kind="entry", entry_id=make_entry(applicant, section="work").pk)
        assert selectors.current_kinds(user=applicant) == {"achievements", "annual_assessment", "entry"}

    def test_someone_elses_entry_is_refused(self, applicant):
        other_entry = make_entry(make_applicant())
        with pytest.raises(ServiceError) as info:
            upload(applicant, kind="entry", entry_id=other_entry.pk)
        assert info.value.errors == {"entry_id": ["该申报信息条目不存在，请刷新页面后重试。"]}
        assert not Attachment.objects.exists()

    def test_entry_kind_needs_an_entry(self, applicant):
        with pytest.raises(ServiceError) as info:
            upload(applicant, kind="entry")
        assert info.value.errors == {"entry_id": ["条目附件须指明所属的申报信息条目。"]}

    def test_by_entry_is_one_query(self, applicant, django_assert_num_queries):
        entries = [make_entry(applicant) for _ in range(5)]
        for entry in entries:
            upload(applicant, kind="entry", entry_id=entry.pk)
            upload(applicant, kind="entry", entry_id=entry.pk)
        with django_assert_num_queries(1):
            result = selectors.attachments_by_entry(entry_ids=[e.pk for e in entries])
        assert all(len(v) == 2 for v in result.values())

    def test_only_applicants_upload(self):
        support = make_support()
        with pytest.raises(ServiceError) as info:
            upload(support)
        assert info.value.status == 403


@pytest.mark.django_db
class TestReplaceAndDelete:
    def test_replace_adds_a_row_and_archives_the_old(self, applicant):
        old = upload(applicant)
        old_file = old.file.name
        new = services.attachment_replace(
            user=applicant,
            attachment_id=old.pk,
            title="",
            uploaded_file=corpus.upload("b.pdf", corpus.pdf_bytes(), "application/pdf"),
        )
        old.refresh_from_db()
        assert old.archived_at is not None and new.pk != old.pk
        assert (new.title, new.kind, new.content_type) == ("学历证书-本科", "diploma", "application/pdf")
        assert default_storage.exists(old_file)  # the old file stays for snapshots naming it
        assert selectors.current_attachments(user=applicant) == [new]
        assert AuditLog.objects.filter(action="attachment_replace", target_id=str(new.pk)).exists()

    def test_replace_with_a_new_title(self, applicant):
        old = upload(applicant)
        new = services.attachment_replace(
            user=applicant, attachment_id=old.pk, title="学位证书", uploaded_file=png()
        )
        assert new.title == "学位证书"

    def test_replace_refusal_keeps_everything(self, applicant):
        old = upload(applicant)
        with pytest.raises(ServiceError) as info:
            services.attachment_replace(
                user=applicant,
                attachment_id=old.pk,
                title="",
                uploaded_file=corpus.upload("x.jpg", corpus.elf_bytes(), "image/jpeg"),
            )
        assert info.value.errors["file"] == [
            "文件内容是Linux 可执行程序（ELF），只能上传 JPG、PNG 图片或 PDF 文件。"
        ]
        old.refresh_from_db()
        assert old.archived_at is None and Attachment.objects.count() == 1

    def test_replace_photo_applies_rule_23(self, applicant):
        photo = services.photo_upload(
            user=applicant, uploaded_file=corpus.upload("p.jpg", corpus.photo_in_range(12, 28), "image/jpeg")
        )
        with pytest.raises(ServiceError) as info:
            services.attachment_replace(
                user=applicant, attachment_id=photo.pk, title="", uploaded_file=png("p.png")
            )
        assert (
            info.value.errors["file"][0]
            == "照片只能是 JPG 或 JPEG 格式（申报省级评委会的电子照片要求，见《职称知识25问》第23问），"
            "所选文件是PNG 图片。"
        )

    def test_delete_archives(self, applicant):
        a = upload(applicant)
        services.attachment_delete(user=applicant, attachment_id=a.pk)
        a.refresh_from_db()
        assert a.archived_at is not None
        assert default_storage.exists(a.file.name)
        assert selectors.current_attachments(user=applicant) == []

    def test_others_and_archived_rows_are_not_found(self, applicant):
        theirs = upload(make_applicant())
        for attachment_id in (theirs.pk, "abc", 999999):
            with pytest.raises(ServiceError) as info:
                services.attachment_delete(user=applicant, attachment_id=attachment_id)
            assert info.value.status == 404
        mine = upload(applicant)
        services.attachment_delete(user=applicant, attachment_id=mine.pk)
        with pytest.raises(ServiceError) as info:
            services.attachment_replace(user=applicant, attachment_id=mine.pk, title="", uploaded_file=png())
        assert (info.value.status, info.value.detail) == (404, "附件不存在或已被替换、删除。")


@pytest.mark.django_db
class TestFrozen:
    @pytest.mark.parametrize("status", [ApplicationStatus.IN_REVIEW, ApplicationStatus.APPROVED])
    def test_every_change_is_refused(self, applicant, status):
        a = upload(applicant)
        make_application(applicant, status=status)
        calls = [
            lambda: upload(applicant),
            lambda: services.photo_upload(
                user=applicant,
                uploaded_file=corpus.upload("p.jpg", corpus.photo_in_range(12, 28), "image/jpeg"),
            ),
            lambda: services.attachment_replace(
                user=applicant, attachment_id=a.pk, title="", uploaded_file=png()
            ),
            lambda: services.attachment_delete(user=applicant, attachment_id=a.pk),
        ]
        for call in calls:
            with pytest.raises(ServiceError) as info:
                call()
            assert (info.value.status, info.value.detail) == (409, FROZEN)
        a.refresh_from_db()
        assert a.archived_at is None and Attachment.objects.count() == 1

    @pytest.mark.parametrize(
        "status", [ApplicationStatus.DRAFT, ApplicationStatus.RETURNED, ApplicationStatus.REJECTED]
    )
    def test_changes_allowed_otherwise(self, applicant, status):
        make_application(applicant, status=status)
        a = upload(applicant)
        assert services.attachment_replace(
            user=applicant, attachment_id=a.pk, title="", uploaded_file=png()
        ).pk

    def test_snapshot_lists_current_attachments(self, applicant):
        entry = make_entry(applicant)
        a = upload(applicant, kind="entry", entry_id=entry.pk, title="毕业证书")
        photo = services.photo_upload(
            user=applicant, uploaded_file=corpus.upload("p.jpg", corpus.photo_in_range(12, 28), "image/jpeg")
        )
        snap = selectors.attachments_snapshot(user=applicant)
        by_id = {row["id"]: row for row in snap}
        assert by_id[a.pk] == {
            "id": a.pk,
            "kind": "diploma",  # a 学历情况 entry's scan, stored as 条目附件, counts as a diploma
            "kind_label": "学历学位证书",
            "title": "毕业证书",
            "entry_id": entry.pk,
            "sha256": a.sha256,
            "size": a.size,
            "content_type": "image/png",
            "width": 64,
            "height": 48,
            "download_name": "毕业证书.png",
        }
        assert by_id[photo.pk]["download_name"] == f"{applicant.id_number}{applicant.name}.jpg"
        import json

        json.dumps(snap)  # JSON-safe for Application.snapshot
