"""The review page (申报表): the submitted snapshot (not the live dossier), attachments viewable
inline, the route, every earlier opinion, the unit's 基层意见 and 单位公示, the rule 20 chances,
and the action form only for the reviewer whose step it is."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from applications.models import StepKind
from applications.tests.helpers import page_text
from dossier.models import DossierEntry
from dossier.sections import SECTIONS
from dossier.services import dossier_entry_update
from tests.html import unlabelled_controls

from .factories import add_publicity, add_recommendation, advance_to, make_world, return_now, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return make_world("审")


def test_the_page_shows_the_submitted_snapshot_not_the_live_dossier(client, world):
    application = submit(world, name="李明")
    applicant = application.applicant
    entry = DossierEntry.objects.filter(dossier__user=applicant, section="work_summary").first()
    submitted_summary = entry.data["summary"]
    # The unit returns it; the applicant then rewrites the work summary in the live dossier.
    return_now(world, application, deadline=timezone.localdate() + timedelta(days=10))
    dossier_entry_update(user=applicant, entry_id=entry.pk, data={"summary": "修改后的工作总结：全新内容。"})

    client.force_login(world.unit_admin)
    response = client.get(f"/reviews/{application.pk}/")
    assert response.status_code == 200
    text = page_text(response)
    assert submitted_summary.splitlines()[0] in text
    assert "修改后的工作总结" not in text
    # Labels come from the snapshot: 基本信息, every section of the 13, the cover.
    for label in ("基本信息", "姓名", "身份证号", "参加工作时间", "封面", "评审委员会", world.committee.name):
        assert label in text
    for section in SECTIONS:
        assert section.label in text
    # The full ID number on the 申报表 (lists mask it).
    assert applicant.id_number in text
    # Every submitted attachment is listed with an inline link that opens for the reviewer.
    for item in application.snapshot["attachments"]:
        link = f"/attachments/{item['id']}/?inline=1"
        assert link in response.content.decode()
        opened = client.get(link)
        assert opened.status_code == 200 and opened["Content-Disposition"].startswith("inline")


def test_a_replaced_attachment_stays_viewable_as_submitted(client, world):
    from attachments.services import attachment_replace
    from attachments.tests import corpus

    application = submit(world)
    return_now(world, application, deadline=timezone.localdate() + timedelta(days=10))
    item = application.snapshot["attachments"][0]
    replacement = attachment_replace(
        user=application.applicant,
        attachment_id=item["id"],
        title="新文件",
        uploaded_file=corpus.upload("新.pdf", corpus.pdf_bytes(), "application/pdf"),
    )
    client.force_login(world.unit_admin)
    assert client.get(f"/attachments/{item['id']}/?inline=1").status_code == 200
    # The new file was never submitted: not the reviewer's to open.
    assert client.get(f"/attachments/{replacement.pk}/?inline=1").status_code == 404


def test_route_and_every_earlier_opinion(client, world):
    application = advance_to(world, submit(world), StepKind.DISTRICT)
    client.force_login(world.district_reviewer)
    response = client.get(f"/reviews/{application.pk}/")
    text = page_text(response)
    for label in (
        "申报流程",
        "单位审核",
        "主管部门审核",
        "县（市）区人社局审核",
        "评委会电子材料审核",
        "审核记录",
    ):
        assert label in text
    assert "当前环节 · 审核中" in text
    assert text.count("符合申报条件，同意推荐。") == 2  # the unit's and the department's opinions
    assert world.unit.name in text and world.department.name in text
    # The unit's 基层意见 and 单位公示, read-only for later steps.
    assert (
        "基层意见与单位公示" in text
        and "单位职称推荐工作领导小组评议推荐" in text
        and "单位公示栏及内网" in text
    )
    assert "编辑基层意见" not in text


def test_a_return_shows_its_items_and_deadline_in_the_trail(client, world):
    application = advance_to(world, submit(world), StepKind.DEPARTMENT)
    deadline = timezone.localdate() + timedelta(days=9)
    return_now(world, application, deadline=deadline, opinion="请补充材料。")
    client.force_login(world.department_reviewer)
    text = page_text(client.get(f"/reviews/{application.pk}/"))
    assert "请补充材料。" in text and "基本信息：请补充身份证复印件。" in text
    assert f"补正截止日期：{deadline.year}年{deadline.month}月{deadline.day}日 24:00" in text
    assert "返回修改中" in text


def test_the_unit_sees_what_its_step_still_needs_and_the_links(client, world):
    application = submit(world)
    client.force_login(world.unit_admin)
    text = page_text(client.get(f"/reviews/{application.pk}/"))
    assert "单位审核通过前还需完成" in text and "尚未填写基层意见" in text
    html = client.get(f"/reviews/{application.pk}/").content.decode()
    assert f"/recommend/{application.pk}/recommendation/" in html or "recommendation" in html
    add_recommendation(application)
    add_publicity(application)
    text = page_text(client.get(f"/reviews/{application.pk}/"))
    assert "基层意见和单位公示情况已填写完整，可以审核通过。" in text


def test_chances_are_shown(client, world):
    application = submit(world)
    client.force_login(world.unit_admin)
    assert "本年度剩余 4 次返回修改/重置机会" in page_text(client.get(f"/reviews/{application.pk}/"))
    return_now(world, application, deadline=timezone.localdate() + timedelta(days=5))
    assert "本年度剩余 3 次返回修改/重置机会" in page_text(client.get(f"/reviews/{application.pk}/"))


def test_read_only_for_a_reviewer_whose_step_it_is_not(client, world):
    application = advance_to(world, submit(world), StepKind.DISTRICT)
    client.force_login(world.department_reviewer)
    response = client.get(f"/reviews/{application.pk}/")
    html = response.content.decode()
    assert f"/reviews/{application.pk}/act/" not in html
    assert "不由您审核" in page_text(response) and "（只读）" in page_text(response)


def test_the_action_form(client, world):
    application = submit(world)
    client.force_login(world.unit_admin)
    response = client.get(f"/reviews/{application.pk}/")
    html = response.content.decode()
    text = page_text(response)
    for word in (
        "审核结果",
        "通过",
        "返回修改",
        "重置流程",
        "不通过",
        "审核意见",
        "补正截止日期",
        "一次性告知",
    ):
        assert word in text
    assert f'name="expected_step_id" value="{application.current_step_id}"' in html
    assert unlabelled_controls(html) == []


def test_every_control_has_a_label_for_each_reviewer(client, world):
    application = advance_to(world, submit(world), StepKind.DISTRICT)
    for user in (world.unit_admin, world.department_reviewer, world.district_reviewer):
        client.force_login(user)
        response = client.get(f"/reviews/{application.pk}/")
        assert response.status_code == 200
        assert unlabelled_controls(response.content.decode()) == [], user.role
