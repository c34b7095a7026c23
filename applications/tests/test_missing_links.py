"""Issue 11 item 5: every 去完善 lands on the exact form — the category chosen in 附件管理 and the file
input focused, the 基本信息 input focused, a section's 新增 form, an entry's 编辑 form with the
problem next to its field, the cover's field. Checked in the rendered target pages."""

from __future__ import annotations

import re

import pytest

from applications.completeness import application_missing
from applications.models import ApplicationKind
from applications.review_input import return_item_url
from attachments.models import Attachment
from dossier.models import DossierEntry
from tests import factories

from .factories import make_draft

pytestmark = pytest.mark.django_db


def tag_with_id(html: str, element_id: str) -> str:
    """The opening tag of the element with this id ("" when there is none)."""
    match = re.search(rf'<[a-z]+\b[^>]*\bid="{re.escape(element_id)}"[^>]*>', html)
    return match.group(0) if match else ""


def autofocused_ids(html: str) -> list[str]:
    return [
        re.search(r'\bid="([^"]+)"', tag).group(1)
        for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*\bautofocus\b[^>]*>", html)
    ]


def land(client, url: str) -> str:
    """GET the 去完善 target; its HTML. A #fragment must name an element of the page; a link that
    focuses a field has none (a page opened at a fragment's target ignores autofocus)."""
    path, _, anchor = url.partition("#")
    response = client.get(path)
    assert response.status_code == 200, url
    html = response.content.decode()
    if anchor:
        assert tag_with_id(html, anchor), f"{url}: no element with id {anchor!r}"
        assert not autofocused_ids(html), url
    return html


def test_a_missing_attachment_opens_the_upload_form_with_its_category(client, applicant, committee, series):
    Attachment.objects.filter(owner=applicant, kind="diploma").delete()
    [item] = application_missing(application=make_draft(applicant, committee, series))
    client.force_login(applicant)
    html = land(client, item.url)
    assert item.url == "/attachments/?kind=diploma"
    assert '<option value="diploma" selected>学历学位证书</option>' in html
    assert 'value="学历学位证书"' in tag_with_id(html, "upload_title")  # named after its category
    assert autofocused_ids(html) == ["upload_file"]
    # Where else it may go: the section whose entries take diplomas.
    assert "“学历学位证书”也可以在" in html and 'href="/dossier/section/education/#entries"' in html


def test_the_photo_opens_the_photo_form(client, applicant):
    client.force_login(applicant)
    html = land(client, "/attachments/?kind=photo")
    assert autofocused_ids(html) == ["photo_file"]


def test_basic_information_opens_with_the_input_focused(client, committee, series):
    user = factories.make_applicant(organisation=factories.make_unit())
    client.force_login(user)
    basic = [
        m
        for m in application_missing(application=make_draft(user, committee, series))
        if m.section == "basic"
    ]
    assert basic
    for item in basic:
        html = land(client, item.url)
        field = item.url.rpartition("?focus=")[2]
        assert autofocused_ids(html) == [f"id_{field}"], item.url


def test_a_missing_section_opens_its_new_entry_form(client, committee, series):
    user = factories.make_applicant(organisation=factories.make_unit())
    client.force_login(user)
    items = [
        m for m in application_missing(application=make_draft(user, committee, series)) if m.section == "work"
    ]
    html = land(client, items[0].url)
    assert "<h1>工作经历 · 新增</h1>" in html
    assert autofocused_ids(html) == ["id_start"]


def test_an_entry_that_no_longer_fits_opens_its_edit_form_with_the_problem_shown(
    client, applicant, committee, series
):
    entry = DossierEntry.objects.get(dossier__user=applicant, section="work")
    entry.data = {**entry.data, "post": ""}
    entry.save()
    [item] = application_missing(application=make_draft(applicant, committee, series))
    client.force_login(applicant)
    html = land(client, item.url)
    assert "<h1>工作经历 · 编辑</h1>" in html
    assert "请填写岗位/职务。" in html
    assert autofocused_ids(html) == ["id_post"]
    assert 'value="昆明测试科技有限公司"' in html  # the rest as stored


def test_the_cover_opens_with_the_field_focused(client, applicant, committee, series):
    application = make_draft(applicant, committee, series)
    application.specialty = ""
    application.save()
    [item] = application_missing(application=application)
    client.force_login(applicant)
    html = land(client, item.url)
    assert autofocused_ids(html) == ["id_specialty"]


def test_a_return_items_attachment_link_is_the_same_target(client, applicant):
    assert return_item_url("attachments:pledge") == "/attachments/?kind=pledge"
    client.force_login(applicant)
    html = land(client, return_item_url("attachments:pledge"))
    assert '<option value="pledge" selected>承诺书</option>' in html


def test_a_committee_free_kind_links_to_its_own_form(applicant, committee, series):
    from applications.completeness import cover_url

    application = make_draft(applicant, committee, series)
    application.kind = ApplicationKind.RECOGNITION
    assert (
        cover_url(application=application) == f"/applications/?year={application.year}&kind=recognition#cover"
    )


# --- Issue 11 item 21: required marks only where required; one option comes chosen ------------


def test_the_post_change_date_belongs_to_series_change_only(client, applicant, committee, series):
    from django.urls import reverse

    client.force_login(applicant)
    html = client.get(reverse("applications:cover") + "?kind=promotion").content.decode()
    assert "岗位变更日期" not in html
    assert 'name="kind"' in html and "hx-get" in tag_with_id(html, "id_kind")  # 申报类别 refreshes
    options = client.get(
        reverse("applications:cover_options"), {"kind": "series_change", "year": "", "series_id": ""}
    ).content.decode()
    assert '<label for="id_changed_on">岗位变更日期<span class="req"' in options
    assert "规则" not in options


def test_a_select_with_one_option_comes_chosen(client, applicant, committee, series):
    from django.urls import reverse

    from orgs.windows import current_year

    client.force_login(applicant)
    track = series.tracks.get()
    html = client.get(
        reverse("applications:cover_options"),
        {"year": current_year(), "kind": "promotion", "series_id": series.pk, "level": "intermediate"},
    ).content.decode()
    assert f'<option value="{track.pk}" selected>' in html  # the series' only track
    assert f'<option value="{committee.pk}" selected>' in html  # the one committee open for it
    assert "评委会召开时间" in html  # and what follows from it is shown
