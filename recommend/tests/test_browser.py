"""A unit admin fills in the 基层意见 and the 单位公示 in a real browser (Debian's Chromium)."""

from __future__ import annotations

import pytest

from applications.tests.factories import make_unit_admin
from recommend.models import UnitPublicity, UnitRecommendation
from recommend.selectors import unit_step_problems

from .factories import RECOMMENDATION_VALUES, make_in_review

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_unit_admin_fills_both_records(signed_in_page, screenshot_dir):
    application = make_in_review()
    admin = make_unit_admin(application.unit)
    page = signed_in_page(admin)

    page.goto(f"/recommend/{application.pk}/recommendation/?next=/recommend/{application.pk}/publicity/")
    page.get_by_label("单位对申报人的相关专业技术工作评价").fill(RECOMMENDATION_VALUES["evaluation"])
    page.get_by_label("推荐方式").fill(RECOMMENDATION_VALUES["method"])
    page.get_by_label("参与推荐的人员范围").fill(RECOMMENDATION_VALUES["participants"])
    page.get_by_label("推荐意见").fill(RECOMMENDATION_VALUES["opinion"])
    page.get_by_label("意见形成情况").fill(RECOMMENDATION_VALUES["formation"])
    page.get_by_role("button", name="提交").click()
    page.get_by_text("参与推荐人数").first.wait_for()
    assert page.get_by_text("请填写参与推荐人数。").is_visible()
    page.get_by_label("参与推荐人数").fill("9")
    page.screenshot(path=str(screenshot_dir / "recommend_recommendation.png"), full_page=True)
    page.get_by_role("button", name="提交").click()

    page.get_by_text("基层意见已提交。").wait_for()
    page.get_by_label("公示开始日期").fill("2026-09-28")
    page.get_by_label("公示结束日期").fill("2026-10-09")
    page.get_by_label("公示地点/方式").fill("单位公示栏及内网")
    page.get_by_label("公示结果").select_option("objection_handled")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("请填写异议处理情况。").wait_for()
    page.get_by_label("异议处理情况").fill("经核实，反映问题不属实，已向反映人答复。")
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    assert UnitRecommendation.objects.get(application=application).participant_count == 9
    assert UnitPublicity.objects.get(application=application).workdays == 5
    assert unit_step_problems(application=application) == []
    page.goto(f"/recommend/{application.pk}/publicity/")
    page.get_by_text("共 5 个工作日").wait_for()
    page.screenshot(path=str(screenshot_dir / "recommend_publicity.png"), full_page=True)
