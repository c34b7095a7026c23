"""新增 / 编辑 / 删除 through the services: ownership, per-section limits, audit rows."""

from __future__ import annotations

import pytest

from core.errors import Conflict, Forbidden, NotFound, ServiceError
from core.models import AuditLog
from dossier import rules
from dossier.models import DossierEntry
from dossier.services import dossier_entry_create, dossier_entry_delete, dossier_entry_update
from tests.factories import make_applicant, make_support

from .factories import add_entries, good

pytestmark = pytest.mark.django_db


def test_create_update_delete_with_audit_rows():
    user = make_applicant()
    entry = dossier_entry_create(user=user, section="papers", data=good("papers"), ip="10.1.1.1")
    assert entry.position == 1
    second = dossier_entry_create(user=user, section="papers", data=good("papers", title="第二篇"))
    assert second.position == 2
    updated = dossier_entry_update(user=user, entry_id=entry.pk, data=good("papers", title="改过的题目"))
    assert updated.data["title"] == "改过的题目"
    assert DossierEntry.objects.get(pk=entry.pk).data["title"] == "改过的题目"
    dossier_entry_delete(user=user, entry_id=entry.pk)
    assert list(DossierEntry.objects.values_list("pk", flat=True)) == [second.pk]
    actions = list(AuditLog.objects.order_by("id").values_list("action", flat=True))
    assert actions == [
        "dossier_entry_create",
        "dossier_entry_create",
        "dossier_entry_update",
        "dossier_entry_delete",
    ]
    assert AuditLog.objects.filter(action="dossier_entry_create").order_by("id").first().ip == "10.1.1.1"


def test_update_with_bad_data_keeps_the_old_content():
    user = make_applicant()
    entry = dossier_entry_create(user=user, section="patents", data=good("patents"))
    with pytest.raises(ServiceError) as caught:
        dossier_entry_update(user=user, entry_id=entry.pk, data=good("patents", kind="", name=""))
    assert set(caught.value.errors) == {"kind", "name"}
    entry.refresh_from_db()
    assert entry.data["name"] == "一种数据同步方法"


def test_another_persons_entry_is_not_found():
    owner, other = make_applicant(), make_applicant()
    entry = dossier_entry_create(user=owner, section="awards", data=good("awards"))
    with pytest.raises(NotFound) as caught:
        dossier_entry_update(user=other, entry_id=entry.pk, data=good("awards", name="偷改"))
    assert caught.value.detail == "未找到该条目，可能已被删除。"
    with pytest.raises(NotFound):
        dossier_entry_delete(user=other, entry_id=entry.pk)
    with pytest.raises(NotFound):
        dossier_entry_delete(user=owner, entry_id="not-a-number")
    entry.refresh_from_db()
    assert entry.data["name"] == "昆明市科学技术进步奖"


def test_unknown_section_is_not_found():
    with pytest.raises(NotFound) as caught:
        dossier_entry_create(user=make_applicant(), section="hobbies", data={})
    assert caught.value.detail == "没有这个栏目（hobbies）。"


def test_non_applicants_cannot_write():
    with pytest.raises(Forbidden):
        dossier_entry_create(user=make_support(), section="papers", data=good("papers"))


def test_work_summary_is_a_single_entry():
    user = make_applicant()
    entry = dossier_entry_create(user=user, section="work_summary", data=good("work_summary"))
    with pytest.raises(Conflict) as caught:
        dossier_entry_create(user=user, section="work_summary", data=good("work_summary"))
    assert caught.value.detail == "“专业技术工作总结”只需填写一份，请点击“编辑”修改已有的内容。"
    dossier_entry_update(user=user, entry_id=entry.pk, data={"summary": "新的总结"})
    assert DossierEntry.objects.filter(section="work_summary").count() == 1


def test_assessment_year_is_unique_in_the_section():
    user = make_applicant()
    first = dossier_entry_create(
        user=user, section="annual_assessments", data={"year": "2023", "result": "合格"}
    )
    second = dossier_entry_create(
        user=user, section="annual_assessments", data={"year": "2022", "result": "优秀"}
    )
    with pytest.raises(ServiceError) as caught:
        dossier_entry_create(user=user, section="annual_assessments", data={"year": "2023", "result": "优秀"})
    assert caught.value.errors["year"] == ["年度 2023 已填写过，每个年度只填写一条；请编辑已有的那一条。"]
    with pytest.raises(ServiceError):
        dossier_entry_update(user=user, entry_id=second.pk, data={"year": 2023, "result": "优秀"})
    # Saving an entry with its own year is fine; another person may use the same year.
    dossier_entry_update(user=user, entry_id=first.pk, data={"year": 2023, "result": "优秀"})
    dossier_entry_create(
        user=make_applicant(), section="annual_assessments", data={"year": 2023, "result": "合格"}
    )
    assert DossierEntry.objects.filter(section="annual_assessments").count() == 3


def test_at_most_max_entries_a_section(monkeypatch):
    user = make_applicant()
    add_entries(user, "awards", rules.MAX_ENTRIES_PER_SECTION)
    with pytest.raises(Conflict) as caught:
        dossier_entry_create(user=user, section="awards", data=good("awards"))
    assert caught.value.detail == "“获得表彰奖励情况”最多填写 50 条，请删除或合并后再新增。"
    assert DossierEntry.objects.count() == rules.MAX_ENTRIES_PER_SECTION
    monkeypatch.setattr(rules, "MAX_ENTRIES_PER_SECTION", 51)
    dossier_entry_create(user=user, section="awards", data=good("awards"))


def test_deleting_an_entry_deletes_its_attachments(tmp_path, settings):
    from attachments.models import Attachment

    settings.MEDIA_ROOT = str(tmp_path)
    user = make_applicant()
    entry = dossier_entry_create(user=user, section="education", data=good("education"))
    attachment = Attachment.objects.create(
        owner=user,
        entry=entry,
        kind="entry",
        title="学历证书-本科",
        file="attachments/x.pdf",
        content_type="application/pdf",
        size=100,
        sha256="0" * 64,
    )
    dossier_entry_delete(user=user, entry_id=entry.pk)
    attachment.refresh_from_db()
    assert attachment.archived_at is not None
    assert not DossierEntry.objects.exists()


def test_entry_with_frozen_attachments_cannot_be_deleted():
    from attachments.models import Attachment
    from attachments.tests.conftest import make_application

    user = make_applicant()
    entry = dossier_entry_create(user=user, section="education", data=good("education"))
    Attachment.objects.create(
        owner=user,
        entry=entry,
        kind="entry",
        title="学历证书-本科",
        file="attachments/x.pdf",
        content_type="application/pdf",
        size=100,
        sha256="0" * 64,
    )
    make_application(user, status="in_review")
    with pytest.raises(Conflict) as caught:
        dossier_entry_delete(user=user, entry_id=entry.pk)
    assert caught.value.detail.startswith("该条目有附件，暂不能删除：申报已提交审核，附件已冻结")
    assert DossierEntry.objects.filter(pk=entry.pk).exists()
    assert Attachment.objects.get().archived_at is None
