"""Issue 11 item 21: required marks (*) only where the server requires the value — a field required
in some cases is marked in those cases only, and every such mark agrees with the checks."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from core.forms import preselect_single
from dossier.forms import EntryForm
from dossier.sections import SECTIONS, SECTIONS_BY_KEY
from dossier.selectors import dossier_get_or_create
from dossier.validation import clean_entry
from tests import factories

from .factories import good

pytestmark = pytest.mark.django_db


def marked(html: str) -> set[str]:
    """The labels (for=…) carrying the required mark."""
    return set(re.findall(r'<label for="([^"]+)">[^<]*<span class="req"', html))


def conditional_fields():
    return [(section, f) for section in SECTIONS for f in section.fields if f.required_if]


def test_conditional_fields_are_declared():
    assert {(s.key, f.key) for s, f in conditional_fields()} == {
        ("current_titles", "appointed_on"),
        ("education", "education"),
        ("work", "seconded_own_duties"),
    }


@pytest.mark.parametrize(("section", "f"), conditional_fields(), ids=lambda v: getattr(v, "key", ""))
def test_a_conditional_mark_agrees_with_the_check(section, f):
    trigger, value = f.required_if
    data = {key: str(v) for key, v in good(section.key).items()}
    data[f.key] = ""
    data[trigger] = value
    _cleaned, errors = clean_entry(section=section, data=data, birth_date=None)
    assert f.key in errors.errors  # required in that case …
    assert EntryForm(data, section=section).fields[f.key].show_required is True  # … and marked
    other = next(v for v, _label in (section.field_map[trigger].choices or (("false", ""),)) if v != value)
    data[trigger] = other
    _cleaned, errors = clean_entry(section=section, data=data, birth_date=None)
    assert f.key not in errors.errors
    assert not getattr(EntryForm(data, section=section).fields[f.key], "show_required", False)


def test_the_appointment_date_is_marked_only_once_appointed(client):
    user = factories.make_applicant()
    client.force_login(user)
    url = reverse("dossier:entry_create", args=["current_titles"])
    assert "id_appointed_on" not in marked(client.get(url).content.decode())
    data = {key: str(v) for key, v in good("current_titles").items()} | {"appointed_on": ""}
    html = client.post(url, {**data, "appointed": "true"}).content.decode()
    assert "已聘任的，请填写聘任时间。" in html and "id_appointed_on" in marked(html)


def test_basic_marks_the_delayed_retirement_document_only_when_declared(client):
    user = factories.make_applicant()
    client.force_login(user)
    html = client.get(reverse("dossier:basic")).content.decode()
    assert "kind-delayed_retirement-file" not in marked(html)
    assert not {"kind-photo-file", "kind-skill_certificate-file", "kind-delayed_retirement-title"} & marked(
        html
    )
    assert "申报省级评委会的须上传" in html
    dossier = dossier_get_or_create(user=user)
    dossier.original_retirement_age = 55
    dossier.delayed_retirement_until = dossier.birth_date.replace(year=dossier.birth_date.year + 58)
    dossier.save()
    html = client.get(reverse("dossier:basic")).content.decode()
    assert "kind-delayed_retirement-file" in marked(html)
    assert "尚未上传延迟退休批准文件：按基本信息中填写的情况，申报时须上传。" in html


def test_a_unit_search_with_one_result_comes_chosen(client):
    unit = factories.make_unit(name="昆明唯一检索测试有限公司")
    factories.make_unit(name="昆明另一家公司")
    user = factories.make_applicant(organisation=None)
    client.force_login(user)
    html = client.post(
        reverse("dossier:basic"), {"action": "search_unit", "unit_q": "唯一检索"}
    ).content.decode()
    assert f'<option value="{unit.pk}" selected>' in html


def test_preselect_single_leaves_a_choice_made_or_a_real_choice_alone():
    from django import forms

    class F(forms.Form):
        one = forms.CharField(required=False, widget=forms.Select(choices=[("", "请选择"), ("a", "A")]))
        two = forms.CharField(
            required=False, widget=forms.Select(choices=[("", "请选择"), ("a", "A"), ("b", "B")])
        )

    unbound = F()
    preselect_single(unbound, "one", "two")
    assert unbound.initial == {"one": "a"}
    bound = F({"one": "", "two": ""})
    bound.is_valid()
    preselect_single(bound, "one", "two")
    assert (bound.data["one"], bound.data["two"], bound.cleaned_data["one"]) == ("a", "", "a")
    assert '<option value="a" selected>A</option>' in str(bound["one"])


def test_sections_declare_their_entry_categories():
    """Issue 11 item 4, as data: which committee-required category an entry's scan counts as."""
    from attachments.models import AttachmentKind

    kinds = {s.key: s.attachment_kinds for s in SECTIONS if s.attachment_kinds}
    assert kinds["education"] == ("diploma",)
    assert kinds["current_titles"] == ("title_certificate", "appointment")
    assert kinds["annual_assessments"] == ("annual_assessment",)
    assert kinds["continuing_education"] == ("continuing_education",)
    for key in ("main_work", "projects", "patents", "awards", "books", "papers"):
        assert kinds[key] == ("achievements",)
    assert all(kind in AttachmentKind.values for values in kinds.values() for kind in values)
    assert SECTIONS_BY_KEY["work"].attachment_kinds == ()


def _retirement_select(html: str) -> tuple[list[str], str | None]:
    """The option values of 原法定退休年龄 and the selected one."""
    select = re.search(r'<select name="original_retirement_age".*?</select>', html, re.S).group(0)
    values = re.findall(r'<option value="([^"]*)"', select)
    chosen = re.search(r'<option value="([^"]*)" selected', select)
    return values, chosen.group(1) if chosen else None


def test_a_man_gets_his_one_original_retirement_age_chosen(client):
    """Found by the new-applicant walk: a man was asked to choose among the women's ages too."""
    man = factories.make_applicant(id_number=factories.id_number(birth="19680415"))
    client.force_login(man)
    values, chosen = _retirement_select(client.get(reverse("dossier:basic")).content.decode())
    assert values == ["", "60"] and chosen == "60"


def test_a_woman_chooses_between_the_two_womens_ages(client):
    woman = factories.make_applicant(id_number=factories.id_number(birth="19780415", female=True))
    client.force_login(woman)
    values, chosen = _retirement_select(client.get(reverse("dossier:basic")).content.decode())
    assert values == ["", "55", "50"] and not chosen


def test_a_mans_age_is_saved_as_shown_when_the_page_is_posted_without_it(client):
    man = factories.make_applicant(id_number=factories.id_number(birth="19680415"))
    client.force_login(man)
    response = client.post(
        reverse("dossier:basic"),
        {
            "action": "save",
            "work_start_date": "1990-07-01",
            "professional_start_date": "1990-07-01",
            "employment_form": "on_staff",
            "current_post": "工程师岗位",
            "is_civil_servant": "false",
            "original_retirement_age": "",
        },
    )
    assert response.status_code == 302
    assert dossier_get_or_create(user=man).original_retirement_age == 60
