"""Point 22 in Chromium: the queue, the review page, 申报记录 and 附件管理 read at 1366×768 and on a
375×812 phone (no page wider than the screen, no table cell laid out one or two characters per
line); on the review page choosing 重置流程 puts its question on the form (reviews/js/act.js), a
dismissed question sends nothing, an accepted one acts and the form gives way to the result.

The question is asked by the site's one handler for form[data-confirm] (core/static/js/site.js)."""

from __future__ import annotations

import pytest

from applications.models import ApplicationStatus, StepKind

from .factories import advance_to, make_world, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESK = {"width": 1366, "height": 768}
PHONE = {"width": 375, "height": 812}

# Cells whose text breaks badly: 3+ lines of at most ~2 characters, or a short text (a badge, a
# time, a size, one button) broken at all. Lines are counted from the text's own boxes.
BAD_CELLS = """() => {
  const bad = [];
  for (const cell of document.querySelectorAll('td, th')) {
    const text = (cell.innerText || '').replace(/\\s+/g, '');
    if (text.length < 2 || cell.getBoundingClientRect().width === 0) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    const tops = new Set();
    while (walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(walker.currentNode);
      for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
    }
    const controls = cell.querySelectorAll('a, button, input, select, textarea').length;
    const squeezed = tops.size >= 3 && text.length / tops.size <= 2.5;
    if (squeezed || (text.length <= 4 && tops.size >= 2 && controls < 2))
      bad.push(`${Math.round(cell.getBoundingClientRect().width)}px×${tops.size}行 ${text.slice(0, 20)}`);
  }
  return bad;
}"""


def _check_layout(page, path: str, viewport: dict, screenshot_dir, name: str) -> None:
    page.set_viewport_size(viewport)
    page.goto(path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"{path} 宽 {width}px，超出屏幕 {viewport['width']}px"
    assert page.evaluate(BAD_CELLS) == [], path
    page.screenshot(path=str(screenshot_dir / f"review-{name}-{viewport['width']}.png"), full_page=True)


def test_pages_reflow_at_1366_and_on_a_phone(signed_in_page, screenshot_dir):
    world = make_world("版")
    application = advance_to(world, submit(world, name="欧阳晓明"), StepKind.DEPARTMENT)
    submit(world, name="张伟")
    for viewport in (DESK, PHONE):
        page = signed_in_page(world.unit_admin, viewport=viewport)
        _check_layout(page, "/reviews/", viewport, screenshot_dir, "unit-queue")
        _check_layout(page, f"/reviews/{application.pk}/", viewport, screenshot_dir, "unit-detail")
        page = signed_in_page(world.department_reviewer, viewport=viewport)
        _check_layout(page, "/reviews/?tab=pending", viewport, screenshot_dir, "dept-queue")
        page = signed_in_page(application.applicant, viewport=viewport)
        _check_layout(page, "/applications/history/", viewport, screenshot_dir, "history")
        _check_layout(page, "/attachments/", viewport, screenshot_dir, "attachments")


def test_reset_asks_first_and_then_the_result_replaces_the_form(signed_in_page, screenshot_dir):
    world = make_world("确")
    application = submit(world)
    page = signed_in_page(world.unit_admin, viewport=DESK)
    page.goto(f"/reviews/{application.pk}/")
    asked: list[str] = []
    answer = {"accept": False}

    def on_dialog(dialog) -> None:
        asked.append(dialog.message)
        dialog.accept() if answer["accept"] else dialog.dismiss()

    page.on("dialog", on_dialog)
    checklist = page.locator("details#return-items")
    assert checklist.get_attribute("open") is None
    page.get_by_label("返回修改", exact=True).check()
    assert checklist.get_attribute("open") is not None  # choosing 返回修改 unfolds it
    assert page.locator("#act-form").get_attribute("data-confirm") is None
    page.get_by_label("重置流程", exact=True).check()
    assert page.locator("#act-form").get_attribute("data-confirm").startswith("确定重置流程吗？")
    page.get_by_label("审核意见").fill("工作单位选择错误，请重新选择单位后申报。")
    page.locator("#act-form").get_by_role("button", name="提交").click()
    assert asked and asked[0].startswith("确定重置流程吗？")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW  # dismissed: nothing sent

    answer["accept"] = True
    page.locator("#act-form").get_by_role("button", name="提交").click()
    page.locator("#act-result").wait_for()
    assert page.locator("#act-form").count() == 0
    assert "已重置流程" in page.locator("#act-result").inner_text()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    page.locator("#act").screenshot(path=str(screenshot_dir / "review-act-result.png"))
