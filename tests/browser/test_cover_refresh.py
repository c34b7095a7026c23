"""While the cover's dependent selects refresh (htmx), its inputs and its buttons are disabled: a
保存封面 clicked then would post the form without the disabled fields."""

from __future__ import annotations

import pytest

from applications.tests.factories import make_open_committee, make_series, make_unit
from catalog.models import Level
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_save_button_waits_for_the_refresh(signed_in_page):
    series = make_series(name="工程技术（测试）")
    make_open_committee(series, Level.INTERMEDIATE)
    applicant = factories.make_applicant(organisation=make_unit())
    page = signed_in_page(applicant)
    held = []
    page.route("**/applications/options/**", lambda route: held.append(route))
    page.goto("/applications/?kind=promotion")
    save = page.get_by_role("button", name="保存封面").last
    assert save.is_enabled()
    page.get_by_label("系列").select_option(label="工程技术（测试）")
    page.wait_for_function("() => document.querySelector('.htmx-request') !== null")
    assert held, "the refresh request was not sent"
    assert save.is_disabled() and page.get_by_label("申报专业").is_disabled()
    held[0].continue_()
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    assert save.is_enabled()
