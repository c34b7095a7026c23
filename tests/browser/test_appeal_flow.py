"""Issue 13 items 9, 10 in the browser: the applicant reads the result and asks for a 复查 (the
button asks before an irreversible step), the committee office decides 重新评议, the city bureau
revokes a confirmed title. Real pages, real clicks, Debian's Chromium."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from applications.models import ApplicationStatus
from evaluation.meeting_models import Tally
from evaluation.result_models import ResultConfirmation
from recognition.recognition import current_title_add
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_appeal_decide_and_revoke(
    small_pools, signed_in_page, screenshot_dir, django_capture_on_commit_callbacks
):
    from evaluation.tests.test_results_status import _close_one_pass_one_fail

    office, _row, _drawn, ok, ko = _close_one_pass_one_fail(django_capture_on_commit_callbacks)

    page = signed_in_page(ko.applicant)
    page.goto(reverse("accounts:profile"))
    page.get_by_role("link", name="评审结果").click()
    page.get_by_text("同意 4 票，不同意 0 票，弃权 3 票").wait_for()
    page.get_by_label("复查理由").fill("本人论文已在核心期刊发表，评议意见认定有误。")
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="申请复查").click()
    page.get_by_text("复查申请已提交").wait_for()
    assert asked == ["每个评审结果只能申请一次复查，确定提交吗？"]
    page.screenshot(path=str(screenshot_dir / "appeal-applicant.png"), full_page=True)

    page = signed_in_page(office)
    page.goto(reverse("accounts:profile"))
    page.get_by_role("link", name="复查申请").click()
    page.get_by_label("重新评议").check()
    page.get_by_label("复查意见").fill("经核实，论文发表情况属实，提交下一次评审会议重新评议。")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="提交结论").click()
    page.get_by_text("复查申请已办结：重新评议").wait_for()
    page.screenshot(path=str(screenshot_dir / "appeal-office.png"), full_page=True)
    ko.refresh_from_db()
    assert ko.status == ApplicationStatus.APPROVED

    entry = current_title_add(
        application=ok, issuer="评委会", now=timezone.now(), action="evaluation_title_added"
    )
    ResultConfirmation.objects.create(
        tally=Tally.objects.get(entry__application=ok),
        application=ok,
        document_number="昆职评〔2026〕9号",
        confirmed_on=timezone.localdate(),
        confirmed_by=office,
        title_entry=entry,
    )
    city = factories.make_user(role=Role.CITY_REVIEWER, organisation=factories.make_city_bureau())
    page = signed_in_page(city)
    page.goto(reverse("accounts:profile"))
    page.get_by_role("link", name="撤销职称").click()
    page.locator("summary", has_text="撤销职称").click()  # opens the row's form
    page.get_by_label("撤销事由").fill("伪造业绩证明材料")
    page.get_by_label("撤销文号").fill("昆人社撤〔2026〕1号")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="撤销职称").click()
    page.get_by_text("职称已撤销（昆人社撤〔2026〕1号），已记入诚信档案。").wait_for()
    page.screenshot(path=str(screenshot_dir / "revoke-city.png"), full_page=True)
    ok.refresh_from_db()
    assert ok.status == ApplicationStatus.REVOKED

    page = signed_in_page(ok.applicant)
    page.goto(reverse("dossier:section", args=["current_titles"]))
    page.get_by_text("已撤销（昆人社撤〔2026〕1号）").wait_for()
    page.screenshot(path=str(screenshot_dir / "revoke-applicant-titles.png"), full_page=True)
