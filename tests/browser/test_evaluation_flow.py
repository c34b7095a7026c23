"""Issue 13's Done-when in the browser: a round from the draw to a confirmed result. The committee
office draws the experts, two experts write their opinions, the office opens the meeting and
records who is present (3 of the 4 drawn: the quorum), the three vote on their own pages — one
applicant passes with 2 同意 of 3, the other fails by one vote with 1 — the office closes the
meeting, downloads the minutes (rendered with pdftoppm), publishes the result notice, which opens
and closes, and confirms the result; the passing person's 现有职称情况 then shows the new title.
Real pages, real clicks, Debian's Chromium."""

from __future__ import annotations

import re
import shutil
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import ApplicationStatus
from documents.tests.factories import render_png
from evaluation import rounds
from evaluation.meeting_models import Outcome, Tally
from evaluation.models import Assignment
from evaluation.tests.factories import make_setting
from publicity.models import Publicity, PublicityKind
from publicity.tests.factories import ensure_calendar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _accept_dialogs(page) -> None:
    page.on("dialog", lambda dialog: dialog.accept())


def test_round_from_draw_to_confirmed_result(small_pools, signed_in_page, screenshot_dir):
    committee, _series, office, _experts, (first, second) = make_setting(experts=4, applications=2)
    first.applicant.name, second.applicant.name = "周海涛", "何雪梅"
    first.applicant.save(update_fields=["name"])
    second.applicant.save(update_fields=["name"])
    row = rounds.round_create(
        actor=office, name="2026年第一批", year=2026, meeting_date="2026-10-20", experts_to_draw=4
    )

    # The office draws the experts on the round's page.
    page = signed_in_page(office)
    _accept_dialogs(page)
    page.goto(reverse("evaluation:round", args=(row.pk,)))
    page.get_by_role("button", name="抽取专家").click()
    page.get_by_text("已随机抽取评审专家").wait_for()
    drawn = [a.expert for a in Assignment.objects.filter(round=row).select_related("expert__user")]
    assert len(drawn) == 4
    page.screenshot(path=str(screenshot_dir / "evaluation-drawn.png"), full_page=True)

    # Two experts write their opinions on both applicants.
    for expert, advice in ((drawn[0], "建议通过"), (drawn[1], "建议不通过")):
        expert_page = signed_in_page(expert.user)
        for application in (first, second):
            expert_page.goto(reverse("evaluation:assignments"))
            expert_page.get_by_role("row", name=application.applicant.name).get_by_role(
                "link", name="评议"
            ).click()
            expert_page.get_by_label(advice).check()
            expert_page.get_by_role("textbox", name="评议意见").fill(
                f"{application.applicant.name}的业绩材料经审阅，{advice}。"
            )
            expert_page.get_by_role("button", name="提交评议意见").click()
            expert_page.get_by_text("已于").wait_for()
        expert_page.close()

    # The office opens the meeting and records three of the four present (3 ≥ 2/3 × 4).
    page.goto(reverse("evaluation:meeting", args=(row.pk,)))
    page.get_by_label("主持会议的专家").select_option(str(drawn[0].pk))
    page.get_by_role("button", name="开始评审会议").click()
    for expert in drawn[:3]:
        page.get_by_label(expert.name, exact=False).check()
    page.get_by_role("button", name="保存出席情况").click()
    page.get_by_text("已投票 0 / 3").first.wait_for()

    # Each present expert votes on their own page: 周海涛 2 同意 of 3 (passes, 2 needed), 何雪梅 1
    # (fails by one vote).
    votes = {
        first.applicant.name: ("同意", "同意", "不同意"),
        second.applicant.name: ("同意", "不同意", "弃权"),
    }
    for i, expert in enumerate(drawn[:3]):
        ballot = signed_in_page(expert.user)
        _accept_dialogs(ballot)
        ballot.goto(reverse("evaluation:ballot", args=(row.pk,)))
        for name, choices in votes.items():
            line = ballot.get_by_role("row", name=name)
            line.get_by_role("button", name=choices[i], exact=True).click()
            ballot.get_by_role("row", name=name).get_by_text("已投票").wait_for()
        ballot.close()

    # The office closes the meeting: the results are fixed.
    page.reload()
    page.get_by_role("button", name="结束评审会议").click()
    page.get_by_role("link", name="下载会议纪要", exact=True).wait_for()
    page.screenshot(path=str(screenshot_dir / "evaluation-closed.png"), full_page=True)
    ok, ko = Tally.objects.get(entry__application=first), Tally.objects.get(entry__application=second)
    assert (ok.agree, ok.disagree, ok.abstain, ok.present, ok.outcome) == (2, 1, 0, 3, Outcome.PASSED)
    assert (ko.agree, ko.disagree, ko.abstain, ko.present, ko.outcome) == (1, 1, 1, 3, Outcome.FAILED)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (ApplicationStatus.PASSED, ApplicationStatus.FAILED)

    # The minutes: a PDF that renders.
    minutes = page.request.get(reverse("evaluation:minutes_pdf", args=(row.pk,)) + "?copy=office")
    assert minutes.status == 200 and minutes.headers["content-type"] == "application/pdf"
    if shutil.which("pdftoppm"):
        pages = render_png(minutes.body(), resolution=50)
        assert pages
        shutil.copy(pages[0], screenshot_dir / "evaluation-minutes-1.png")

    # The result notice, generated from the fixed results: only 周海涛 (评审通过) is on it.
    today = timezone.localdate()
    ensure_calendar(today, today + timedelta(days=40))
    page.goto(reverse("evaluation:results") + f"?round={row.pk}")
    page.get_by_label("公示标题").fill("2026年度工程技术中级职称评审结果公示")
    page.get_by_role("button", name="生成评审结果公示").click()
    page.get_by_role("link", name="2026年度工程技术中级职称评审结果公示").wait_for()
    notice = Publicity.objects.get(kind=PublicityKind.RESULT)
    assert [e.name for e in notice.entries.all()] == ["周海涛"]

    # It opens (its first day comes: the dates are moved, time is not) and anyone reads it.
    Publicity.objects.filter(pk=notice.pk).update(start_date=today, end_date=today + timedelta(days=10))
    public = signed_in_page(first.applicant)
    public.goto(reverse("publicity:detail", args=(notice.pk,)))
    public.get_by_text("公示中").first.wait_for()
    assert "周海涛" in public.content() and "何雪梅" not in public.content()
    public.screenshot(path=str(screenshot_dir / "evaluation-notice-open.png"), full_page=True)

    # It closes with no objection; the office confirms (核准/备案) with the document number.
    Publicity.objects.filter(pk=notice.pk).update(
        start_date=today - timedelta(days=14), end_date=today - timedelta(days=8)
    )
    public.reload()
    public.get_by_text("已结束").first.wait_for()
    page.goto(reverse("evaluation:results") + f"?round={row.pk}")
    page.get_by_label("选择周海涛").check()
    page.get_by_label("核准（备案）文号").fill("昆人社评〔2026〕21号")
    page.get_by_label("核准（备案）日期").fill(today.isoformat())
    page.get_by_role("button", name="核准（备案）").click()
    page.get_by_role("cell", name=re.compile("昆人社评〔2026〕21号")).wait_for()
    page.screenshot(path=str(screenshot_dir / "evaluation-confirmed.png"), full_page=True)
    first.refresh_from_db()
    assert first.status == ApplicationStatus.PASSED and first.result_confirmation.document_number

    # The passing person's 现有职称情况 shows the new title with the date and the document number.
    public.goto(reverse("dossier:section", args=("current_titles",)))
    titles = public.get_by_role("main")
    titles.get_by_text("昆人社评〔2026〕21号").wait_for()
    assert first.title.name in titles.inner_text() and committee.name in titles.inner_text()
    public.screenshot(path=str(screenshot_dir / "evaluation-current-titles.png"), full_page=True)
