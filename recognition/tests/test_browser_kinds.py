"""考核认定 and 职称确认 in a real browser (Debian's Chromium): the applicant fills the form, sees
what the rules say, saves, checks with 申报 and submits; the unit admin assesses at the unit step
(用人单位考核, without 基层意见 or 单位公示) and passes it on."""

from __future__ import annotations

import pytest

from applications.models import Application, ApplicationKind, ApplicationStatus, StepKind
from applications.tests.factories import make_series, make_unit_admin
from rules.periods import months_after

from .confirmation_factories import make_transferee
from .recognition_factories import ALL_MONTHS, make_graduate, today, years_ago

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check_and_submit(page) -> None:
    page.get_by_role("button", name="申报", exact=True).click()
    page.once("dialog", lambda dialog: dialog.accept())  # 提交 asks first
    page.get_by_role("button", name="提交", exact=True).click()
    page.get_by_text("申报已提交").first.wait_for()


def test_a_graduate_applies_for_recognition_and_the_unit_assesses_it(
    signed_in_page, screenshot_dir, settings
):
    settings.RECOGNITION_MONTHS = ALL_MONTHS  # rule 15 has its own tests
    series = make_series(name="工程技术")
    user = make_graduate()
    page = signed_in_page(user)
    page.goto("/applications/?kind=recognition")
    page.get_by_label("学历（学位）").select_option("benke")
    page.get_by_label("录用（聘用）日期").fill(years_ago(2).isoformat())
    page.get_by_label("录用（聘用）依据").select_option("recruitment_form")
    page.get_by_label("系列").select_option(str(series.pk))
    page.get_by_role("button", name="刷新选项").click()
    # The rules' answer: 本科 → 员级 at hiring, 助理级 a year later, both met two years on.
    page.locator("#recognition-evaluation").get_by_text("助理级").first.wait_for()
    page.get_by_label("申报专业").fill("软件工程")
    page.get_by_role("button", name="保存考核认定", exact=True).last.click()
    page.get_by_text("考核认定已保存。").wait_for()  # the click returns before the server answers
    page.screenshot(path=str(screenshot_dir / "recognition_form.png"), full_page=True)
    application = Application.objects.get(applicant=user, kind=ApplicationKind.RECOGNITION)
    assert application.level == "assistant"
    _check_and_submit(page)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW
    assert application.current_step.kind == StepKind.UNIT

    admin = make_unit_admin(application.unit)
    review = signed_in_page(admin)
    review.goto(f"/reviews/{application.pk}/")
    review.get_by_role("heading", name="用人单位考核").wait_for()
    review.get_by_label("通过", exact=True).check()
    review.get_by_label("审核意见").fill("经考核，该同志试用期表现合格，同意认定。")
    review.screenshot(path=str(screenshot_dir / "recognition_unit_assessment.png"), full_page=True)
    review.get_by_role("button", name="提交", exact=True).click()
    review.locator("#act-result").get_by_text("已审核通过。").wait_for()  # the result replaces the form
    application.refresh_from_db()
    assert application.current_step.kind != StepKind.UNIT


def test_a_transferee_is_told_the_trial_is_too_short_then_applies(signed_in_page, screenshot_dir):
    series = make_series(name="工程技术")
    user = make_transferee()
    page = signed_in_page(user)
    page.goto("/applications/?kind=confirmation")
    page.get_by_label("原职称系列").select_option(str(series.pk))
    page.get_by_role("button", name="刷新选项").click()
    page.get_by_label("方向").locator("option", has_text="工程技术").wait_for(state="attached")
    page.get_by_label("原职称层级").select_option("intermediate")
    page.get_by_label("原职称取得时间").fill(years_ago(3).isoformat())
    page.get_by_label("原评审/发证机关").fill("四川省工程技术中级职称评审委员会")
    page.get_by_label("取得地").select_option("other_province")
    page.get_by_label("证书编号").fill("SC2023-0001")
    page.get_by_label("调入日期", exact=False).fill(months_after(today(), -3).isoformat())
    page.get_by_label("试用期考核是否合格").select_option("yes")
    page.get_by_label("是否以考代评", exact=False).select_option("no")
    page.get_by_label("申报专业").fill("软件工程")
    page.get_by_role("button", name="保存职称确认", exact=True).last.click()
    page.get_by_text("须经半年以上试用", exact=False).wait_for()
    assert not Application.objects.filter(applicant=user).exists()
    # Every other value was kept: only the date changes.
    assert page.get_by_label("证书编号").input_value() == "SC2023-0001"
    page.get_by_label("调入日期", exact=False).fill(months_after(today(), -7).isoformat())
    page.get_by_role("button", name="保存职称确认", exact=True).last.click()
    page.get_by_role("button", name="申报", exact=True).wait_for()
    page.screenshot(path=str(screenshot_dir / "confirmation_form.png"), full_page=True)
    _check_and_submit(page)
    application = Application.objects.get(applicant=user, kind=ApplicationKind.CONFIRMATION)
    assert application.status == ApplicationStatus.IN_REVIEW
