"""Issue 3's browser test: an applicant saves the cover, sees 去完善, fills two sections, uploads
the pledge, and submits. Real pages, real clicks, Debian's Chromium."""

from __future__ import annotations

import re

import pytest

from applications.models import Application, ApplicationStatus, ReviewEvent
from applications.tests.factories import complete_dossier, make_open_committee, make_series, make_unit
from attachments.models import Attachment
from attachments.tests import corpus
from catalog.models import Level
from dossier.sections import SECTIONS
from tests import factories
from tests.browser.helpers import settle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("身份证号/手机号").fill(username)
    page.get_by_label("密码").fill(factories.DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("button", name="退出").wait_for()


def test_cover_missing_items_two_sections_upload_and_submit(new_page, screenshot_dir, tmp_path):
    series = make_series(name="工程技术（测试）")
    committee = make_open_committee(
        series, Level.INTERMEDIATE, name="昆明市机电工程中级职称评审委员会（测试）"
    )
    unit = make_unit(name="昆明滇云机电科技有限公司（测试）")
    factories.make_unit_admin(unit=unit)
    applicant = factories.make_applicant(organisation=unit, name="赵工")
    # Everything is ready except two sections, filled in the browser, and the pledge, uploaded there.
    left_for_the_browser = {"work", "annual_assessments"}
    complete_dossier(
        applicant, sections=[s.key for s in SECTIONS if s.required and s.key not in left_for_the_browser]
    )
    Attachment.objects.filter(owner=applicant, kind="pledge").delete()

    page = new_page()
    login(page, applicant.username)

    # 职称申报 → 个人申报: choose and 保存封面.
    page.get_by_role("navigation", name="功能菜单").get_by_role("link", name="职称申报").click()
    page.get_by_label("申报类别").select_option(label="评审晋升")
    settle(page)
    page.get_by_label("系列").select_option(label="工程技术（测试）")
    settle(page)
    page.get_by_label("方向").select_option(label="工程技术")
    settle(page)
    page.get_by_label("申报层级").select_option(label="中级")
    settle(page)
    page.get_by_label("申报专业").fill("机电工程")
    page.get_by_label("评审委员会").select_option(label=committee.name)
    settle(page)
    page.get_by_role("button", name="保存封面").last.click()
    page.get_by_text("封面已保存。").wait_for()  # the click returns before the server has answered
    application = Application.objects.get(applicant=applicant)
    assert application.committee == committee and application.status == ApplicationStatus.DRAFT

    # 申报: every unfinished item, each with 去完善.
    page.get_by_role("button", name="申报").click()
    rows = page.get_by_role("row").filter(has=page.get_by_role("link", name="去完善"))
    rows.first.wait_for()
    listed = rows.all_inner_texts()
    assert any("工作经历" in text for text in listed)
    assert any("年度考核" in text for text in listed)
    assert any("承诺书" in text for text in listed)
    page.screenshot(path=str(screenshot_dir / "apply_missing.png"), full_page=True)

    # 去完善 → 工作经历's 新增 form (its first input focused) → 提交.
    rows.filter(has_text="工作经历").get_by_role("link", name="去完善").click()
    page.get_by_role("heading", name="工作经历 · 新增").wait_for()
    page.get_by_label("开始时间").fill("2010-07")
    page.get_by_label("工作单位").fill("昆明滇云机电科技有限公司（测试）")
    page.get_by_label("岗位/职务").fill("机电工程师")
    page.get_by_label("从事专业技术工作").select_option(label="是")
    page.get_by_label(re.compile(r"^借调\*?$")).select_option(label="否")
    page.get_by_role("button", name="提交").click()
    page.get_by_role("cell", name="机电工程师").wait_for()

    # 年度考核情况（近五年）: one entry.
    page.get_by_role("navigation", name="功能菜单").get_by_role("link", name="年度考核情况（近五年）").click()
    page.get_by_role("link", name="新增").click()
    page.get_by_label("年度").fill("2025")
    page.get_by_label("考核结果").select_option(label="合格")
    page.get_by_role("button", name="提交").click()
    page.get_by_role("cell", name="合格").first.wait_for()

    # 附件管理: upload the pledge (a real PDF, checked by content).
    pledge = tmp_path / "承诺书.pdf"
    pledge.write_bytes(corpus.pdf_bytes())
    page.get_by_role("navigation", name="功能菜单").get_by_role("link", name="附件管理").click()
    page.get_by_label("材料类别").select_option(label="承诺书")
    page.get_by_label("材料名称").fill("承诺书")
    page.get_by_label(re.compile(r"^文件\*?$")).set_input_files(str(pledge))
    page.get_by_role("button", name="上传", exact=True).click()
    page.get_by_role("cell", name="承诺书").first.wait_for()

    # Back to 职称申报: nothing missing, 提交.
    page.get_by_role("navigation", name="功能菜单").get_by_role("link", name="职称申报").click()
    page.get_by_role("button", name="申报").click()
    page.get_by_text("申报材料已填写完整，可以提交。").wait_for()
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="提交").click()
    page.get_by_text("审核中").first.wait_for()
    assert asked and asked[0].startswith("确定提交")
    page.screenshot(path=str(screenshot_dir / "apply_submitted.png"), full_page=True)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW
    assert application.current_step.kind == "unit"
    assert ReviewEvent.objects.filter(application=application, action="submit").count() == 1
    titles = [item["title"] for item in application.snapshot["attachments"]]
    assert "承诺书" in titles

    # 申报记录 shows where it stands.
    page.get_by_role("navigation", name="功能菜单").get_by_role("link", name="申报记录").click()
    page.get_by_text("单位审核").first.wait_for()
    page.screenshot(path=str(screenshot_dir / "apply_history.png"), full_page=True)
