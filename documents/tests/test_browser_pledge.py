"""Issue 11.3 in Chromium: an applicant with a saved cover clicks 申报, finds the pledge item naming
where to get it, follows 去完善 to the pledge block of 职称申报, downloads the 承诺书 and the draft
review form there, uploads the (signed) pledge in 附件管理, and 申报 no longer misses anything —
without leaving the flow to look for the pledge."""

from __future__ import annotations

import re

import pytest

from applications.completeness import PLEDGE_MESSAGE
from applications.services import application_save_cover
from applications.tests.factories import (
    complete_dossier,
    cover_values,
    make_open_committee,
    make_series,
    make_unit,
)
from attachments.models import Attachment
from catalog.models import Level
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_pledge_is_downloaded_from_the_flow_and_uploaded(signed_in_page, screenshot_dir, tmp_path):
    series = make_series(name="工程技术（承诺书）")
    committee = make_open_committee(
        series, Level.INTERMEDIATE, name="昆明市机电工程中级职称评审委员会（承诺书）"
    )
    unit = make_unit(name="昆明滇池机电有限公司（承诺书）")
    factories.make_unit_admin(unit=unit)
    applicant = factories.make_applicant(organisation=unit, name="孙承诺")
    complete_dossier(applicant)
    Attachment.objects.filter(owner=applicant, kind="pledge").delete()
    application = application_save_cover(user=applicant, **cover_values(committee, series))

    page = signed_in_page(applicant)
    page.goto("/applications/")
    page.get_by_role("button", name="申报").click()
    row = page.get_by_role("row").filter(has_text="下载承诺书")
    row.wait_for()
    assert PLEDGE_MESSAGE in row.inner_text()

    # 去完善 lands on the pledge block of the same page.
    row.get_by_role("link", name="去完善").click()
    page.wait_for_url(re.compile(r"#pledge$"))
    block = page.locator("#pledge")
    assert block.is_visible()
    page.screenshot(path=str(screenshot_dir / "pledge_block.png"), full_page=True)

    # Both downloads answer with a PDF, with the session of the page.
    pledge_href = block.get_by_role("link", name="下载承诺书").get_attribute("href")
    assert pledge_href == f"/documents/{application.pk}/pledge/"
    pledge = page.request.get(pledge_href)
    assert pledge.status == 200 and pledge.headers["content-type"] == "application/pdf"
    draft_href = block.get_by_role("link", name="下载申报评审表（草稿）").get_attribute("href")
    draft = page.request.get(draft_href)
    assert draft.status == 200 and draft.body().startswith(b"%PDF")

    # Signed and scanned (here: the downloaded file itself), uploaded under 承诺书.
    signed = tmp_path / "承诺书.pdf"
    signed.write_bytes(pledge.body())
    block.get_by_role("link", name="上传承诺书").click()
    page.get_by_label("材料类别").select_option(label="承诺书")
    page.get_by_label("材料名称").fill("承诺书（已签字盖章）")
    page.get_by_label(re.compile(r"^文件\*?$")).set_input_files(str(signed))
    page.get_by_role("button", name="上传", exact=True).click()
    page.get_by_role("cell", name="承诺书（已签字盖章）").wait_for()

    page.goto("/applications/")
    page.get_by_role("button", name="申报").click()
    page.get_by_text("申报材料已填写完整，可以提交。").wait_for()
    assert Attachment.objects.filter(owner=applicant, kind="pledge").count() == 1
