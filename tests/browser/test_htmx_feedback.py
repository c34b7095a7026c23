"""Issue 11 point 6 in Chromium: an htmx refusal is shown next to its field, 获取验证码 counts down
(after a success and after a resend-wait refusal), an expired session inside an htmx request lands
on the login page, and data-confirm asks before anything is sent."""

from __future__ import annotations

import re

import pytest
from django.contrib.sessions.models import Session

from accounts.models import User
from applications.tests.factories import make_open_committee, make_series, make_unit
from catalog.models import Level
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COUNTDOWN = re.compile(r"^(\d+) 秒后重新获取$")


def field_block(page, input_id: str):
    """The .field block that holds an input (its label, help and messages)."""
    return page.locator(f".field:has(#{input_id})")


def test_a_refused_mobile_is_shown_next_to_the_mobile_field(new_page, screenshot_dir):
    page = new_page()
    page.goto("/accounts/register/")
    page.get_by_label("姓名").fill("李明")
    page.get_by_label("手机号码").fill("1381234")
    page.get_by_role("button", name="获取验证码").click()
    alert = field_block(page, "id_phone").get_by_role("alert")
    alert.wait_for()
    assert alert.inner_text() == "手机号码应为 11 位中国大陆手机号，以 1 开头。"
    assert page.locator("#id_phone").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("姓名").input_value() == "李明"  # nothing typed is lost
    assert page.get_by_role("button", name="获取验证码").is_enabled()  # no countdown after a refusal
    page.screenshot(path=str(screenshot_dir / "sms-refused.png"), full_page=True)

    # Corrected and sent again: the message goes, the button counts down.
    page.get_by_label("手机号码").fill("13812345678")
    page.get_by_role("button", name="获取验证码").click()
    page.locator("#sms-status").get_by_text("验证码已发送").wait_for()
    assert field_block(page, "id_phone").get_by_role("alert").count() == 0
    assert page.locator("#id_phone").get_attribute("aria-invalid") is None
    button = page.locator(".sms-button")
    seconds = int(COUNTDOWN.match(button.inner_text()).group(1))
    assert 58 <= seconds <= 60 and button.is_disabled()
    page.wait_for_function(
        "s => document.querySelector('.sms-button').textContent === `${s - 1} 秒后重新获取`"
        " || document.querySelector('.sms-button').textContent === `${s - 2} 秒后重新获取`",
        arg=seconds,
    )
    page.screenshot(path=str(screenshot_dir / "sms-countdown.png"), full_page=True)


def test_a_resend_refusal_counts_down_the_seconds_the_server_says(new_page):
    phone = "13812345679"
    first = new_page()
    first.goto("/accounts/password/reset/")
    first.get_by_label("手机号码").fill(phone)
    first.get_by_role("button", name="获取验证码").click()
    first.locator("#sms-status").get_by_text("验证码已发送").wait_for()

    page = new_page()  # another tab or a reload: the button is ready, the server says wait
    page.goto("/accounts/password/reset/")
    page.get_by_label("手机号码").fill(phone)
    page.get_by_role("button", name="获取验证码").click()
    alert = field_block(page, "id_sms_code").get_by_role("alert")
    alert.wait_for()
    said = int(re.search(r"请在 (\d+) 秒后再获取", alert.inner_text()).group(1))
    shown = int(COUNTDOWN.match(page.locator(".sms-button").inner_text()).group(1))
    assert 50 <= said <= 60 and said - 1 <= shown <= said
    assert page.locator(".sms-button").is_disabled()


def test_the_unit_registration_shows_the_head_phone_refusal_by_its_field(new_page):
    page = new_page()
    page.goto("/units/register/")
    page.get_by_label("单位负责人手机").fill("139")
    page.get_by_role("button", name="获取验证码").click()
    alert = field_block(page, "id_head_phone").get_by_role("alert")
    alert.wait_for()
    assert alert.inner_text() == "单位负责人手机号码应为 11 位中国大陆手机号，以 1 开头。"
    page.get_by_label("单位负责人手机").fill("13912340000")
    page.get_by_role("button", name="获取验证码").click()
    page.locator("#sms-status").get_by_text("验证码已发送").wait_for()
    assert COUNTDOWN.match(page.locator(".sms-button").inner_text())


def test_an_expired_session_inside_an_htmx_request_goes_to_the_login_page(signed_in_page, screenshot_dir):
    series = make_series(name="工程技术（测试）")
    make_open_committee(series, Level.INTERMEDIATE)
    applicant = factories.make_applicant(organisation=make_unit())
    page = signed_in_page(applicant)
    page.goto("/applications/?kind=promotion")
    Session.objects.all().delete()  # the session expires while the page is open
    page.get_by_label("系列").select_option(label="工程技术（测试）")  # htmx refreshes the cover's selects
    page.wait_for_url(re.compile(r"/accounts/login/\?next="))
    assert page.url.endswith("/accounts/login/?next=%2Fapplications%2F%3Fkind%3Dpromotion")
    page.get_by_text("登录已超时，请重新登录后继续。").wait_for()
    assert page.locator("h1").inner_text() == "登录"
    page.screenshot(path=str(screenshot_dir / "session-expired.png"), full_page=True)
    # Signing in again returns to the page the person was on.
    page.get_by_label("身份证号/手机号").fill(applicant.id_number)
    page.get_by_label("密码").fill(factories.DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/applications/\?kind=promotion$"))


def test_data_confirm_cancelled_sends_nothing_and_accepted_goes_on(signed_in_page):
    support = factories.make_support()
    applicant = factories.make_applicant(name="王五")
    page = signed_in_page(support)
    page.goto(f"/accounts/support/accounts/?q={applicant.id_number}")
    asked = []

    def dismiss(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.get_by_role("button", name="重置 王五 的密码").click()
    page.wait_for_timeout(300)
    assert asked and asked[0].startswith("确定重置 王五 的密码吗？")
    applicant.refresh_from_db()
    assert not applicant.must_change_password

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="重置 王五 的密码").click()
    page.get_by_text(re.compile(r"^已重置 王五（\d{17}[0-9X]） 的密码")).wait_for()
    assert User.objects.get(pk=applicant.pk).must_change_password


def test_data_confirm_on_a_button_a_link_and_an_htmx_element(signed_in_page):
    """The handler is generic: other pages put data-confirm on a form, a submit button, a link or
    an htmx element; cancelled, nothing is sent."""
    page = signed_in_page(factories.make_applicant())
    page.goto("/accounts/profile/")
    page.evaluate(
        """() => {
          const box = document.createElement('div');
          box.innerHTML = `
            <form id="f" method="get" action="/accounts/password/change/">
              <button type="submit" id="b" data-confirm="提交吗？">提交</button>
            </form>
            <a id="a" href="/accounts/password/change/" data-confirm="离开吗？">链接</a>
            <button id="h" hx-get="/accounts/unit-options/" hx-target="#h-out"
                    data-confirm="查询吗？">查询</button>
            <select id="h-out"></select>`;
          document.querySelector('main').appendChild(box);
          htmx.process(box);
        }"""
    )
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    for element in ("#b", "#a", "#h"):
        page.once("dialog", lambda dialog: dialog.dismiss())
        page.click(element)
    page.wait_for_timeout(300)
    assert page.url.endswith("/accounts/profile/")
    assert not [url for url in requests if "password/change" in url or "unit-options" in url]
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#h")
    page.wait_for_function("() => document.querySelector('#h-out').options.length > 0")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#b")
    page.wait_for_url(re.compile(r"/accounts/password/change/"))
