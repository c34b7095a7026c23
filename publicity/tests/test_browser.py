"""Someone who objects does it from a phone: the public notice fits a 375 px screen, and the
objection form, sent with a mistake and then corrected, ends with the application held
(Debian's Chromium through Playwright)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from publicity.models import Objection
from publicity.selectors import objection_hold
from reviews.tests.factories import make_world, submit
from tests.browser.fixtures import PHONE

from .factories import publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_objection_from_a_phone_holds_the_application(new_page, screenshot_dir):
    world = make_world("机")
    application = submit(world, name="韩梅")
    notice = publish(world.unit_admin, [application], title="2026年度职称申报单位公示")
    page = new_page(viewport=PHONE)
    page.goto(reverse("publicity:list"))
    page.get_by_role("link", name="2026年度职称申报单位公示").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert "韩梅" in page.content() and application.applicant.id_number not in page.content()

    page.get_by_label("被反映人").select_option(
        label=page.get_by_label("被反映人").locator("option").nth(1).inner_text()
    )
    page.get_by_label("异议人姓名").fill("王五")
    page.get_by_label("联系电话").fill("1380000")  # too short: a message, nothing lost
    page.get_by_label("异议事实").fill("其论文系他人代写。")
    page.get_by_role("button", name="提交异议").click()
    assert page.get_by_label("异议事实").input_value() == "其论文系他人代写。"
    assert page.locator(".error").count() >= 1
    page.get_by_label("联系电话").fill("13800001234")
    page.get_by_role("button", name="提交异议").click()
    page.wait_for_load_state()
    page.screenshot(path=str(screenshot_dir / "publicity_objection_phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    objection = Objection.objects.get(publicity=notice)
    assert objection.objector_phone == "13800001234" and objection.application_id == application.pk
    assert objection_hold(application_id=application.pk)
