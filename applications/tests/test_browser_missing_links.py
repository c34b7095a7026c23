"""Issue 11 items 4 and 5 in Chromium: 申报 → 去完善 for a missing attachment opens 附件管理 with its
category chosen and the file input focused; a diploma uploaded under the 学历情况 entry instead
satisfies it (no second upload)."""

from __future__ import annotations

import pytest

from attachments.models import Attachment
from attachments.tests import corpus

from .factories import make_draft

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_go_fix_a_missing_attachment_lands_on_its_form(
    signed_in_page, applicant, committee, series, screenshot_dir
):
    Attachment.objects.filter(owner=applicant, kind="diploma").delete()
    application = make_draft(applicant, committee, series)
    page = signed_in_page(applicant)
    page.goto(f"/applications/?year={application.year}&kind=promotion")
    page.get_by_role("button", name="申报").click()
    row = page.get_by_role("row").filter(has_text="学历学位证书")
    row.get_by_role("link", name="去完善").click()

    page.wait_for_url("**/attachments/?kind=diploma")
    upload = page.locator("#upload")
    assert upload.get_by_label("材料类别").input_value() == "diploma"
    focused = page.evaluate("() => document.activeElement && document.activeElement.id")
    assert focused == "upload_file"
    page.screenshot(path=str(screenshot_dir / "missing_link_upload.png"), full_page=False)

    # Uploaded under the 学历情况 entry instead: it counts, 申报 no longer lists it.
    page.goto("/dossier/section/education/")
    entry_form = page.locator(".entry-attachments form").first
    assert entry_form.get_by_label("材料类别").input_value() == "diploma"
    entry_form.get_by_label("材料名称").fill("毕业证书-本科")
    entry_form.get_by_label("扫描件").set_input_files(
        {"name": "毕业证书.png", "mimeType": "image/png", "buffer": corpus.png_bytes()}
    )
    entry_form.get_by_role("button", name="上传附件").click()
    page.get_by_text("附件“毕业证书-本科”（学历学位证书）已上传。").wait_for()
    page.screenshot(path=str(screenshot_dir / "entry_attachment_uploaded.png"), full_page=True)
    page.goto(f"/applications/?year={application.year}&kind=promotion&check=1#check")
    page.get_by_text("申报材料已填写完整，可以提交。").wait_for()
    page.goto("/attachments/")
    page.screenshot(path=str(screenshot_dir / "attachments_one_list.png"), full_page=True)
    row = page.locator("#kind-diploma")
    assert "毕业证书-本科" in row.inner_text() and "学历情况" in row.inner_text()
