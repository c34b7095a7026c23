"""The 申报信息 pages: 基本信息, a section's list, the entry form, delete with confirmation, the
overview; labels on every input; another person's entry is 404; constant queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.models import AuditLog
from dossier.models import Dossier, DossierEntry
from dossier.sections import SECTIONS
from dossier.services import dossier_entry_create
from tests import factories
from tests.html import form_controls, unlabelled_controls

from .factories import add_entries, good

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(client):
    user = factories.make_applicant()
    client.force_login(user)
    return user


def labelled(response) -> str:
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert unlabelled_controls(html) == [], response.request["PATH_INFO"]
    return html


def all_pages(entry_id: int) -> list[str]:
    urls = [reverse("dossier:overview"), reverse("dossier:basic")]
    for section in SECTIONS:
        urls += [
            reverse("dossier:section", args=[section.key]),
            reverse("dossier:entry_create", args=[section.key]),
        ]
    urls += [reverse("dossier:entry_edit", args=[entry_id]), reverse("dossier:entry_delete", args=[entry_id])]
    return urls


def test_every_page_labels_every_input(client, applicant):
    entries = [dossier_entry_create(user=applicant, section=s.key, data=good(s.key)) for s in SECTIONS]
    for url in all_pages(entries[0].pk):
        labelled(client.get(url))
    for entry in entries:
        labelled(client.get(reverse("dossier:entry_edit", args=[entry.pk])))


def test_forms_with_errors_still_label_every_input(client, applicant):
    for section in SECTIONS:
        response = client.post(reverse("dossier:entry_create", args=[section.key]), {})
        html = labelled(response)
        assert "请" in html
    labelled(client.post(reverse("dossier:basic"), {"action": "save", "work_start_date": "x"}))


def test_entry_form_is_generated_from_the_declaration(client, applicant):
    html = labelled(client.get(reverse("dossier:entry_create", args=["education"])))
    names = {c.get("name") for c in form_controls(html)}
    assert names >= {
        "school",
        "major",
        "education",
        "degree",
        "study_mode",
        "start",
        "end",
        "technical_class",
    }
    assert "提交" in html
    assert 'type="month"' in html
    assert "技工院校中级工班、高级工班、预备技师（技师）班分别视同中专、大专、本科学历。" in html


def test_section_page_shows_the_seed_note_buttons_and_entries(client, applicant):
    entry = dossier_entry_create(user=applicant, section="papers", data=good("papers"))
    html = labelled(client.get(reverse("dossier:section", args=["papers"])))
    assert "如有相应材料的点击“新增”按钮，填写完成后点击“提交”按钮。如没有无需填写。" in html
    assert reverse("dossier:entry_create", args=["papers"]) in html and "新增" in html
    assert reverse("dossier:entry_edit", args=[entry.pk]) in html and "编辑" in html
    assert reverse("dossier:entry_delete", args=[entry.pk]) in html and "删除" in html
    assert "基于微服务的政务系统设计" in html
    assert f'id="entry-{entry.pk}"' in html
    assert "尚未上传附件。" in html  # the attachments include for the row
    assert f'name="entry_id" value="{entry.pk}"' in html


def test_single_section_hides_new_once_filled(client, applicant):
    url = reverse("dossier:section", args=["work_summary"])
    assert reverse("dossier:entry_create", args=["work_summary"]) in client.get(url).content.decode()
    dossier_entry_create(user=applicant, section="work_summary", data=good("work_summary"))
    html = client.get(url).content.decode()
    assert reverse("dossier:entry_create", args=["work_summary"]) not in html
    assert "只需填写一份" in html


def test_create_through_the_page(client, applicant):
    response = client.post(reverse("dossier:entry_create", args=["patents"]), good("patents"))
    entry = DossierEntry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("dossier:section", args=["patents"]) + f"#entry-{entry.pk}"
    assert entry.data["kind"] == "发明"
    page = client.get(response["Location"]).content.decode()
    assert "已新增“获得专利情况”" in page


def test_bad_input_is_kept_with_messages_and_nothing_saved(client, applicant):
    data = good("patents", number="ZL123", kind="")
    response = client.post(reverse("dossier:entry_create", args=["patents"]), data)
    html = labelled(response)
    assert "专利号格式不正确" in html
    assert "请选择专利类型。" in html
    assert 'value="ZL123"' in html
    assert 'value="一种数据同步方法"' in html
    assert not DossierEntry.objects.exists()


def test_edit_through_the_page(client, applicant):
    entry = dossier_entry_create(user=applicant, section="work", data=good("work"))
    html = labelled(client.get(reverse("dossier:entry_edit", args=[entry.pk])))
    assert 'value="昆明测试科技有限公司"' in html
    assert '<option value="true" selected>是</option>' in html
    response = client.post(reverse("dossier:entry_edit", args=[entry.pk]), good("work", post="高级工程师"))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.data["post"] == "高级工程师"


def test_delete_asks_for_confirmation(client, applicant):
    entry = dossier_entry_create(user=applicant, section="awards", data=good("awards"))
    url = reverse("dossier:entry_delete", args=[entry.pk])
    html = client.get(url).content.decode()
    assert "确定要删除下面这条记录吗？" in html and "确认删除" in html
    assert DossierEntry.objects.filter(pk=entry.pk).exists()
    response = client.post(url)
    assert response.status_code == 302
    assert not DossierEntry.objects.filter(pk=entry.pk).exists()


def test_another_persons_entry_is_404(client, applicant):
    other = factories.make_applicant()
    entry = dossier_entry_create(user=other, section="awards", data=good("awards"))
    for name in ("dossier:entry_edit", "dossier:entry_delete"):
        url = reverse(name, args=[entry.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, good("awards", name="偷改")).status_code == 404
    entry.refresh_from_db()
    assert entry.data["name"] == "昆明市科学技术进步奖"
    assert client.get(reverse("dossier:section", args=["hobbies"])).status_code == 404
    assert client.get(reverse("dossier:entry_create", args=["hobbies"])).status_code == 404


def test_other_roles_and_anonymous(client):
    assert client.get(reverse("dossier:basic")).status_code == 302
    client.force_login(factories.make_unit_admin())
    assert client.get(reverse("dossier:basic")).status_code == 404
    assert client.get(reverse("dossier:section", args=["papers"])).status_code == 404


# --- 基本信息 --------------------------------------------------------------------------------


def test_basic_page_shows_identity_read_only_and_derived_values(client):
    user = factories.make_applicant(id_number=factories.id_number(birth="19850312", female=True), name="李华")
    client.force_login(user)
    html = labelled(client.get(reverse("dossier:basic")))
    assert "李华" in html and user.id_number in html and user.phone in html
    assert "<dd>女</dd>" in html and "1985年3月12日" in html
    names = {c.get("name") for c in form_controls(html)}
    assert not names & {"name", "id_number", "phone", "sex", "birth_date"}
    assert "如果检索不到工作单位，请联系单位负责人注册单位账号。" in html
    assert 'id="id_unit_id"' in html and 'id="id_work_start_date"' in html
    assert 'id="attachments-photo"' in html and 'id="attachments-delayed_retirement"' in html
    assert 'id="id_skill_grade"' in html and 'id="attachments-skill_certificate"' in html


def test_basic_page_shows_the_units_civil_servant_status(client):
    unit = factories.make_unit(civil_servant_managed=True)
    user = factories.make_applicant(organisation=unit)
    client.force_login(user)
    html = client.get(reverse("dossier:basic")).content.decode()
    assert unit.name in html
    assert "参照公务员法管理单位（参公）" in html
    plain = factories.make_applicant(organisation=factories.make_unit())
    client.force_login(plain)
    html = client.get(reverse("dossier:basic")).content.decode()
    assert "参照公务员法管理单位（参公）" not in html
    assert "<dt>单位是否参公</dt>\n        <dd>否</dd>" in html


def test_basic_page_saves_and_changes_the_unit(client, applicant):
    unit = factories.make_unit(name="昆明参公事业单位", civil_servant_managed=True)
    data = {
        "action": "save",
        "unit_id": str(unit.pk),
        "work_start_date": "2008-07-01",
        "professional_start_date": "2009-01-01",
        "employment_form": "contract",
        "current_post": "工程师岗位",
        "is_civil_servant": "false",
        "original_retirement_age": "60",
        "delayed_retirement_until": "",
    }
    response = client.post(reverse("dossier:basic"), data)
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.organisation == unit
    dossier = Dossier.objects.get(user=applicant)
    assert dossier.employment_form == "contract"
    html = client.get(reverse("dossier:basic")).content.decode()
    assert "基本信息已保存。" in html
    assert "参照公务员法管理单位（参公）" in html
    assert 'value="2009-01-01"' in html
    assert AuditLog.objects.filter(action="applicant_set_unit").count() == 1


def test_basic_page_unit_search_keeps_input(client, applicant):
    factories.make_unit(name="昆明市甲乙丙研究院")
    response = client.post(
        reverse("dossier:basic"), {"action": "search_unit", "unit_q": "甲乙丙", "current_post": "岗位A"}
    )
    html = labelled(response)
    assert "昆明市甲乙丙研究院" in html
    assert 'value="岗位A"' in html
    assert Dossier.objects.get(user=applicant).current_post == ""


def test_basic_page_errors_are_shown_next_to_inputs(client, applicant):
    response = client.post(
        reverse("dossier:basic"),
        {"action": "save", "work_start_date": "2099-01-01", "original_retirement_age": "50"},
    )
    html = labelled(response)
    assert "参加工作时间不能晚于今天。" in html
    assert "男性的原法定退休年龄为 60 周岁。" in html


# --- Constant queries ------------------------------------------------------------------------


def _fill(user, per_section: int) -> None:
    for section in SECTIONS:
        add_entries(user, section.key, 1 if section.single else per_section)


@pytest.mark.parametrize("name", ["dossier:overview", "dossier:section"])
def test_pages_render_in_constant_queries(client, applicant, django_assert_max_num_queries, name):
    args = ["papers"] if name == "dossier:section" else []
    _fill(applicant, 1)
    client.get(reverse(name, args=args))  # warm up (session, dossier row)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse(name, args=args)).status_code == 200
    _fill(applicant, 29)  # 13 sections × 30 entries (one 专业技术工作总结)
    assert DossierEntry.objects.count() == 12 * 30 + 2
    with django_assert_max_num_queries(len(small)):
        response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    assert response.content.decode().count('id="entry-') >= 30


def test_basic_page_saves_the_skill_grade_and_shows_its_error(client, applicant):
    """Rule 16: the grade and its date are saved from the page; a grade without its date is refused
    next to the date's input."""
    data = {
        "action": "save",
        "work_start_date": "2008-07-01",
        "professional_start_date": "2009-01-01",
        "employment_form": "contract",
        "current_post": "技术岗位",
        "is_civil_servant": "false",
        "original_retirement_age": "60",
        "delayed_retirement_until": "",
        "skill_grade": "technician",
        "skill_grade_obtained_on": "",
    }
    html = labelled(client.post(reverse("dossier:basic"), data))
    assert "选择了职业资格（职业技能等级）的，请填写取得等级时间。" in html
    response = client.post(reverse("dossier:basic"), {**data, "skill_grade_obtained_on": "2021-06-01"})
    assert response.status_code == 302
    dossier = Dossier.objects.get(user=applicant)
    assert (dossier.skill_grade, dossier.skill_grade_obtained_on.isoformat()) == ("technician", "2021-06-01")
    html = client.get(reverse("dossier:basic")).content.decode()
    assert 'value="technician" selected' in html and 'value="2021-06-01"' in html
