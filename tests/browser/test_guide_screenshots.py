"""The screenshots of the two guides (docs/guides/*.md, issue 11 item 16), taken in Chromium on the
demo data set as its people see it: every image a guide names is taken here, and nothing else.

`make guides` runs this test with GUIDE_SCREENSHOTS_DIR=docs/guides/img, which writes them into the
repository; otherwise they go to test-artifacts/guides/ for people to look at, and the test checks
that the guides and this list agree."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from accounts.models import User
from applications.models import Application, ApplicationStatus
from documents.guides import GUIDES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZE = {"width": 1280, "height": 860}


def _names_in_guides() -> set[str]:
    names: set[str] = set()
    for guide in GUIDES.values():
        text = guide.path.read_text(encoding="utf-8")
        names |= {Path(name).name for name in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)}
    return names


def _person(name: str) -> User:
    return User.objects.get(name=name)


def test_the_guides_screenshots(new_page, signed_in_page, screenshot_dir):
    call_command("load_catalog", verbosity=0)
    call_command("load_demo", verbosity=0)
    out = screenshot_dir / "guides"
    out.mkdir(exist_ok=True)
    taken: list[str] = []

    def shot(page, name: str, *, full: bool = False) -> None:
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(out / name), full_page=full)
        taken.append(name)

    anonymous = new_page(viewport=SIZE)
    anonymous.goto("/accounts/register/")
    shot(anonymous, "register.png")
    anonymous.goto("/accounts/login/")
    shot(anonymous, "login.png")
    anonymous.goto("/accounts/login/?type=staff")
    shot(anonymous, "login-staff.png")

    # 李娜: a draft with items still to complete; 陈静: a complete one; 张伟: submitted.
    li_na = signed_in_page(_person("李娜"), viewport=SIZE)
    li_na.goto("/dossier/basic/")
    shot(li_na, "basic.png")
    li_na.goto("/dossier/section/education/")
    shot(li_na, "section.png")
    li_na.goto("/applications/")
    li_na.get_by_role("button", name="申报", exact=True).click()
    li_na.get_by_role("link", name="去完善").first.wait_for()
    li_na.get_by_role("link", name="去完善").first.scroll_into_view_if_needed()
    shot(li_na, "apply-check.png")

    chen_jing = signed_in_page(_person("陈静"), viewport=SIZE)
    chen_jing.goto("/applications/")
    shot(chen_jing, "cover.png")
    chen_jing.goto("/attachments/")
    shot(chen_jing, "attachments.png")

    zhang_wei = _person("张伟")
    zhang = signed_in_page(zhang_wei, viewport=SIZE)
    zhang.goto("/applications/history/")
    shot(zhang, "records.png")

    unit = signed_in_page(User.objects.get(username="unit1"), viewport=SIZE)
    unit.goto("/units/info/")
    shot(unit, "unit-info.png")
    unit.goto("/units/staff/")
    shot(unit, "staff.png")
    submitted = Application.objects.get(applicant=zhang_wei, status=ApplicationStatus.IN_REVIEW)
    unit.goto(f"/reviews/{submitted.pk}/")
    shot(unit, "review.png")
    unit.goto("/publicity/manage/")
    shot(unit, "publicity.png")

    city = signed_in_page(User.objects.get(username="city"), viewport=SIZE)
    city.goto("/exports/")
    shot(city, "exports.png")

    committee = signed_in_page(User.objects.get(username="committee"), viewport=SIZE)
    committee.goto("/units/window/")
    shot(committee, "window.png")

    assert set(taken) == _names_in_guides(), "the guides and this test must name the same screenshots"
    target = os.environ.get("GUIDE_SCREENSHOTS_DIR")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        for name in taken:
            shutil.copyfile(out / name, Path(target) / name)
