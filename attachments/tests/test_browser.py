"""附件管理 in a real browser, with JavaScript off: upload a scan, see a refusal next to the file
field, upload the photo, then download the backup link."""

from __future__ import annotations

import pytest

from attachments.models import Attachment
from tests import factories
from tests.browser.fixtures import PHONE

from . import corpus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("身份证号/手机号").fill(user.id_number)
    page.get_by_label("密码").fill(factories.DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()


def test_manage_without_javascript(new_page, screenshot_dir):
    user = factories.make_applicant(name="王芳")
    page = new_page(javascript=False)
    login(page, user)
    page.goto("/attachments/")

    upload = page.locator("#upload")
    upload.get_by_label("材料类别").select_option(label="学历学位证书")
    upload.get_by_label("材料名称").fill("学历证书-本科")
    upload.get_by_label("文件").set_input_files(
        {"name": "证书.jpg", "mimeType": "image/jpeg", "buffer": corpus.exe_bytes()}
    )
    upload.get_by_role("button", name="上传").click()
    page.get_by_text(
        "文件内容是Windows 可执行程序（EXE/DLL），只能上传 JPG、PNG 图片或 PDF 文件。"
    ).wait_for()
    assert page.locator("#upload").get_by_label("材料名称").input_value() == "学历证书-本科"

    page.locator("#upload").get_by_label("文件").set_input_files(
        {"name": "证书.jpg", "mimeType": "image/jpeg", "buffer": corpus.jpeg_bytes((300, 200))}
    )
    page.locator("#upload").get_by_role("button", name="上传").click()
    page.get_by_text("附件“学历证书-本科”已上传。").wait_for()

    photo = page.locator("#photo")
    photo.get_by_label("照片文件").set_input_files(
        {"name": "照片.jpg", "mimeType": "image/jpeg", "buffer": corpus.photo_in_range(12, 28)}
    )
    photo.get_by_role("button", name="上传照片").click()
    page.get_by_text("1寸电子照片已上传。").wait_for()
    page.screenshot(path=str(screenshot_dir / "attachments_manage.png"), full_page=True)

    assert Attachment.objects.filter(owner=user, archived_at=None).count() == 2
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载备份（ZIP）").click()
    assert download_info.value.suggested_filename.endswith(".zip")


def test_manage_on_a_phone(new_page, screenshot_dir):
    user = factories.make_applicant()
    page = new_page(viewport=PHONE)
    login(page, user)
    page.goto("/attachments/")
    page.screenshot(path=str(screenshot_dir / "attachments_manage_phone.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1
