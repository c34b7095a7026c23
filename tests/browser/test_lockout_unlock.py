"""Issue 2's browser test: register → 4 wrong passwords → locked message → the unit admin unlocks
→ login works. Real pages, real clicks, Debian's Chromium."""

from __future__ import annotations

import re

import pytest

from accounts.models import User
from tests import factories
from tests.browser.helpers import latest_sms_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Kunming#2026"


def test_register_lock_unlock_login(new_page, screenshot_dir):
    unit = factories.make_unit(name="昆明滇池测绘有限公司", phone="0871-65550000", head_phone="13900001111")
    admin = factories.make_unit_admin(unit=unit)
    id_number = factories.id_number(birth="19880716", seq=321)
    phone = "13812345678"

    # 个人注册: the code arrives by SMS (the outbox backend keeps it), the unit is chosen from the list.
    page = new_page()
    page.goto("/accounts/register/")
    page.get_by_label("姓名").fill("李明")
    page.get_by_label("身份证号").fill(id_number)
    page.get_by_label("手机号码").fill(phone)
    page.get_by_role("button", name="获取验证码").click()
    page.locator("#sms-status").get_by_text("验证码已发送").wait_for()
    page.get_by_label("短信验证码").fill(latest_sms_code(phone))
    page.get_by_label(re.compile(r"^密码\*?$")).fill(PASSWORD)
    page.get_by_label("确认密码").fill(PASSWORD)
    page.get_by_label("检索工作单位").fill("滇池测绘")
    page.get_by_label("工作单位", exact=True).select_option(label="昆明滇池测绘有限公司")
    page.get_by_role("button", name="立即注册").last.click()
    page.get_by_text("注册成功").wait_for()
    applicant = User.objects.get(id_number=id_number)
    assert applicant.organisation == unit

    # Three wrong passwords are refused with the remaining count; the 4th locks (rule 21).
    for remaining in (3, 2, 1):
        page.get_by_label("身份证号/手机号").fill(id_number)
        page.get_by_label("密码").fill("Wrong#Pass1")
        page.get_by_role("button", name="登录").click()
        page.get_by_text(f"再输错 {remaining} 次账号将被锁定").wait_for()
    page.get_by_label("身份证号/手机号").fill(id_number)
    page.get_by_label("密码").fill("Wrong#Pass1")
    page.get_by_role("button", name="登录").click()
    locked = page.get_by_role("alert").filter(has_text="锁定")
    locked.wait_for()
    assert "昆明滇池测绘有限公司" in locked.inner_text()
    page.screenshot(path=str(screenshot_dir / "locked.png"), full_page=True)

    # Even the right password is refused while locked.
    page.get_by_label("身份证号/手机号").fill(id_number)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("alert").filter(has_text="锁定").wait_for()

    # The unit admin logs in as 单位用户 and unlocks from 专业技术人员管理.
    unit_page = new_page()
    unit_page.goto("/accounts/login/?type=unit")
    unit_page.get_by_label("用户名/手机号").fill(admin.username)
    unit_page.get_by_label("密码").fill(factories.DEMO_PASSWORD)
    unit_page.get_by_role("button", name="登录").click()
    unit_page.get_by_role("navigation", name="功能菜单").get_by_role("link", name="专业技术人员").click()
    row = unit_page.get_by_role("row").filter(has_text="李明")
    row.get_by_text("已锁定").wait_for()
    unit_page.screenshot(path=str(screenshot_dir / "staff.png"), full_page=True)
    row.get_by_role("button", name="解锁").click()
    unit_page.get_by_text("已解锁").first.wait_for()

    # Now the right password works.
    page.get_by_label("身份证号/手机号").fill(id_number)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("button", name="退出").wait_for()
    assert "/accounts/login" not in page.url
    applicant.refresh_from_db()
    assert applicant.locked_at is None and applicant.failed_login_count == 0
