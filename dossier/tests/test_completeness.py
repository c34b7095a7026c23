"""dossier_missing: 基本信息 and the required sections, each with its message and 去完善 link."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dossier.completeness import Missing, dossier_missing
from dossier.models import Dossier, DossierEntry
from dossier.sections import SECTIONS
from dossier.selectors import dossier_get_or_create
from dossier.services import dossier_basic_update, dossier_entry_create
from tests import factories

from .factories import add_entries, good

pytestmark = pytest.mark.django_db

BASIC = {
    "work_start_date": "2008-07-01",
    "professional_start_date": "2008-07-01",
    "employment_form": "on_staff",
    "current_post": "工程师岗位",
    "original_retirement_age": "60",
}


def complete_dossier(user) -> Dossier:
    dossier_basic_update(user=user, unit_id=factories.make_unit().pk, **BASIC)
    for key in ("education", "work", "work_summary", "annual_assessments"):
        dossier_entry_create(user=user, section=key, data=good(key))
    user.refresh_from_db()
    return dossier_get_or_create(user=user)


def test_an_empty_dossier_lists_everything_in_page_order():
    user = factories.make_applicant()
    missing = dossier_missing(dossier=dossier_get_or_create(user=user))
    basic = reverse("dossier:basic")
    assert missing == [
        Missing(
            "basic",
            "请选择工作单位（如果检索不到工作单位，请联系单位负责人注册单位账号）。",
            f"{basic}?focus=unit_id",
        ),
        Missing("basic", "请填写参加工作时间。", f"{basic}?focus=work_start_date"),
        Missing(
            "basic",
            "请填写从事专业技术工作时间。",
            f"{basic}?focus=professional_start_date",
        ),
        Missing("basic", "请选择用工形式。", f"{basic}?focus=employment_form"),
        Missing("basic", "请填写现任专业技术岗位。", f"{basic}?focus=current_post"),
        Missing(
            "basic",
            "请选择原法定退休年龄。",
            f"{basic}?focus=original_retirement_age",
        ),
        # Only what a rule requires of every review; the rest 如没有无需填写 (seed part 五 (二) 2).
        Missing(
            "education",
            "按《职称知识25问》第9问，申报职称评审均应具备规定的学历条件（全日制和非全日制学历均可）："
            "请在“学历情况”中新增学历。",
            reverse("dossier:entry_create", args=["education"]),
        ),
        Missing(
            "work",
            "按《职称知识25问》第8问、第11问，从事专业技术工作年限和履职年限按在专业技术岗位上的工作时间计算："
            "请在“工作经历”中新增工作经历。",
            reverse("dossier:entry_create", args=["work"]),
        ),
    ]


def test_each_link_lands_on_its_field(client):
    """Issue 11 item 5: each 去完善 opens the page with its input focused (no #fragment: a page
    opened at a fragment's target ignores autofocus)."""
    user = factories.make_applicant()
    client.force_login(user)
    for item in dossier_missing(dossier=dossier_get_or_create(user=user)):
        assert "#" not in item.url
        page = client.get(item.url).content.decode()
        assert page.count(" autofocus") == 1, item.url


def test_a_complete_dossier_has_nothing_missing():
    user = factories.make_applicant()
    assert dossier_missing(dossier=complete_dossier(user)) == []


def test_optional_sections_are_not_required():
    assert {s.key for s in SECTIONS if s.required} == {"education", "work"}


def test_an_entry_that_no_longer_fits_its_declaration_is_named():
    user = factories.make_applicant()
    dossier = complete_dossier(user)
    entry = DossierEntry.objects.get(section="work")
    entry.data = {**entry.data, "post": "", "legacy_key": "kept"}
    entry.save()
    missing = dossier_missing(dossier=dossier)
    assert missing == [
        Missing(
            "work",
            "“工作经历”第 1 条：请填写岗位/职务。",
            reverse("dossier:entry_edit", args=[entry.pk]) + "?check=1",
        )
    ]


def test_completeness_in_constant_queries(django_assert_max_num_queries):
    user = factories.make_applicant()
    dossier = complete_dossier(user)
    dossier = Dossier.objects.select_related("user").get(pk=dossier.pk)
    with django_assert_max_num_queries(1):
        dossier_missing(dossier=dossier)
    for section in SECTIONS:
        add_entries(user, section.key, 0 if section.single else 30)
    with django_assert_max_num_queries(1):
        assert dossier_missing(dossier=dossier) == []
