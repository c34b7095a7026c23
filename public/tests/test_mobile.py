"""The public pages in Chromium on a 375 px wide phone screen: nothing wider than the screen,
and the committee filters work with JavaScript (htmx) and without it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from catalog.loader import catalog_load
from tests.browser.fixtures import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(new_page):
    catalog_load()

    def make(*, javascript: bool = True):
        return new_page(viewport=PHONE, javascript=javascript)

    return make


def test_public_pages_fit_a_phone_screen(phone):
    page = phone()
    for name in ("home", "committees", "offices", "series", "help", "support", "notices"):
        page.goto(reverse(f"public:{name}"))
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{name}: {width}px"
    page.goto(reverse("public:help_page", args=["filling-guide"]))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_committee_filter_refreshes_results_with_htmx(phone):
    from playwright.sync_api import expect

    page = phone()
    page.goto(reverse("public:committees"))
    names = page.locator('td[data-label="名称"]')
    assert names.count() == 58
    page.get_by_label("评委会类别").select_option("senior")
    expect(names).to_have_count(11)
    page.wait_for_url("**/committees/?*tier=senior*")
    page.get_by_label("关键词").fill("机电")
    page.get_by_role("button", name="查询").click()
    expect(names).to_have_text(["昆明市机电工程高级工程师评审委员会"])
    page.wait_for_url("**q=%E6%9C%BA%E7%94%B5**")


def test_committee_filter_works_without_javascript(phone):
    page = phone(javascript=False)
    page.goto(reverse("public:committees"))
    page.get_by_label("层级").select_option("intermediate")
    page.get_by_role("button", name="查询").click()
    page.wait_for_url("**level=intermediate**")
    assert page.locator('td[data-label="名称"]').count() == 47
