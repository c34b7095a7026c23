"""Issue 11's "Done when" walk: a new applicant born in 1968 with a 530102 (五华区) ID number, an
工程师 applying for 高级工程师, goes from 个人注册 to 提交 in Chromium with the mouse and keyboard —
the SMS code read from the outbox as from a phone, the unit found by search, each scan uploaded once
under its entry, every 去完善 followed to where it lands, the 承诺书 downloaded from the cover's own
link and uploaded in 附件管理 — and ends at 单位审核.

What a bureau already has is made with factories: the catalogue (load_catalog), the applicant's
unit with its unit admin, and the committee's window with its meeting month."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from PIL import Image, ImageDraw
from pypdf import PdfReader

from accounts.models import User
from applications.models import Application, ApplicationStatus, ReviewEvent
from applications.tests.factories import make_unit
from attachments.models import Attachment
from orgs.models import Committee, Organisation, OrgKind, Ownership
from orgs.windows import closing_month, current_year, month_label
from tests import factories
from tests.browser.helpers import latest_sms_code, settle
from workcal.windows import window_set

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "李建华"
PHONE = "13987651968"
PASSWORD = "Jianhua@1968"
UNIT_NAME = "昆明滇池电力设备有限公司"
COMMITTEE_NAME = "昆明市机电工程高级工程师评审委员会"
COUNTDOWN = re.compile(r"^(\d+) 秒后重新获取$")


def scan(label: str, color: tuple[int, int, int], size=(640, 480)) -> bytes:
    """A small JPEG standing for a scanned paper: each one different, so no two have one hash."""
    image = Image.new("RGB", size, (250, 250, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, size[0] - 20, size[1] - 20), outline=color, width=8)
    draw.text((40, 40), label, fill=color)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def navigate(page, click) -> None:
    """Run `click` and wait until a new page has replaced this one (the same address included)."""
    page.evaluate("window.__left = false")
    click()
    page.wait_for_function("() => window.__left === undefined")
    page.wait_for_load_state()


def menu(page, name: str) -> None:
    link = page.get_by_role("navigation", name="功能菜单").get_by_role("link", name=name, exact=True)
    navigate(page, link.click)


def label(text: str) -> re.Pattern:
    """A field's label, with or without its required mark."""
    return re.compile(rf"^{re.escape(text)}\*?$")


def shot(page, folder, name: str) -> None:
    page.screenshot(path=str(folder / f"new-applicant-1968-{name}.png"), full_page=True)


def upload_under_entry(page, tmp_path, *, row_text: str, title: str, content: bytes, kind: str = "") -> None:
    """The upload form in the 附件 row under the entry whose row shows `row_text`."""
    row = page.locator("tr").filter(has_text=row_text).first
    entry_id = row.get_attribute("id").removeprefix("entry-")
    box = page.locator(f"#entry-{entry_id}-attachments")
    if kind:
        box.get_by_label("材料类别").select_option(label=kind)
    box.get_by_label(label("材料名称")).fill(title)
    path = tmp_path / f"{title}.jpg"
    path.write_bytes(content)
    box.get_by_label(label("扫描件")).set_input_files(str(path))
    box.get_by_role("button", name="上传附件").click()
    page.locator(f"#entry-{entry_id}-attachments").get_by_text(title, exact=True).wait_for()


def new_entry(page, section: str, values: dict) -> None:
    """新增 in a section from the menu."""
    menu(page, section)
    page.get_by_role("link", name="新增").click()
    fill_entry(page, section, values)


def fill_entry(page, section: str, values: dict) -> None:
    """The section's 新增 form: fill it by its labels (selects by their option text), 提交."""
    page.get_by_role("heading", name=f"{section} · 新增").wait_for()
    for field, value in values.items():
        control = page.get_by_label(label(field))
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(label=value)
        else:
            control.fill(value)
    page.get_by_role("button", name="提交").click()
    page.get_by_role("heading", name=section, exact=True).wait_for()


def test_a_new_applicant_born_in_1968_registers_fills_the_dossier_and_submits(
    new_page, screenshot_dir, tmp_path
):
    # --- What the bureau already has ----------------------------------------------------------------
    call_command("load_catalog", stdout=StringIO())
    wuhua = Organisation.objects.get(kind=OrgKind.DISTRICT_BUREAU, name__startswith="五华区")
    unit = make_unit(Ownership.NON_PUBLIC, name=UNIT_NAME, district=wuhua)
    factories.make_unit_admin(unit=unit)
    committee = Committee.objects.get(name=COMMITTEE_NAME)
    now = timezone.now()
    closes_at = now + timedelta(days=20)
    meeting = closing_month(closes_at)
    meeting = meeting.replace(year=meeting.year + (meeting.month == 12), month=meeting.month % 12 + 1)
    window_set(
        actor=factories.make_support(),
        committee=committee,
        year=current_year(now),
        opens_at=now - timedelta(days=1),
        closes_at=closes_at,
        meeting_month=meeting,
    )
    # 530102 1968 0415 031 C: 五华区's code (in use only from 1983), born 15 April 1968, a man (odd
    # order code 031), the GB 11643 check digit computed.
    id_number = factories.id_number(birth="19680415", region="530102", seq=15)

    # --- 个人注册 ------------------------------------------------------------------------------------
    page = new_page()
    page.goto("/")
    page.get_by_role("link", name="个人注册").first.click()
    page.get_by_role("heading", name="个人注册").wait_for()
    page.get_by_label(label("姓名")).fill(NAME)
    page.get_by_label(label("身份证号")).fill(id_number)
    page.get_by_label(label("手机号码")).fill(PHONE)
    page.get_by_role("button", name="获取验证码").click()
    page.locator("#sms-status").get_by_text("验证码已发送").wait_for()
    button = page.locator(".sms-button")
    assert COUNTDOWN.match(button.inner_text()) and button.is_disabled()  # the button counts down
    page.get_by_label(label("短信验证码")).fill(latest_sms_code(PHONE))  # the phone in the hand
    page.get_by_label(label("密码")).fill(PASSWORD)
    page.get_by_label(label("确认密码")).fill(PASSWORD)
    shot(page, screenshot_dir, "01-register")
    page.get_by_role("button", name="立即注册").last.click()
    page.get_by_text("注册成功").wait_for()
    user = User.objects.get(id_number=id_number)
    assert user.name == NAME and user.phone == PHONE

    # --- 登录 ----------------------------------------------------------------------------------------
    page.get_by_label(label("身份证号/手机号")).fill(id_number)
    page.get_by_label(label("密码")).fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("button", name="退出").wait_for()
    shot(page, screenshot_dir, "02-home")

    # --- 基本信息: the unit by search; 性别 and 出生日期 from the ID number ---------------------------------
    menu(page, "基本信息")
    identity = page.locator("dl.kv").first
    assert identity.locator("dt:has-text('性别') + dd").inner_text() == "男"
    assert re.search(r"1968\D+0?4\D+15", identity.locator("dt:has-text('出生日期') + dd").inner_text())
    work_form = page.locator("section[aria-labelledby='basic-form-title'] form")
    marked = {text.rstrip("*") for text in work_form.locator("label:has(.req)").all_inner_texts()}
    assert marked == {
        "工作单位",
        "参加工作时间",
        "从事专业技术工作时间",
        "用工形式",
        "现任专业技术岗位",
        "原法定退休年龄",
    }  # what is required of everyone, and nothing else
    with page.expect_response(lambda r: "/accounts/unit-options/" in r.url):
        page.get_by_label("检索工作单位").fill("滇池电力")  # htmx asks as the person types
    settle(page)
    # The one unit found comes chosen.
    assert page.get_by_label(label("工作单位")).evaluate("e => e.selectedOptions[0].text") == UNIT_NAME
    page.get_by_label(label("参加工作时间")).fill("1990-07-01")
    page.get_by_label(label("从事专业技术工作时间")).fill("1990-07-01")
    page.get_by_label(label("用工形式")).select_option(label="在编")
    page.get_by_label(label("现任专业技术岗位")).fill("工程师岗位（专业技术九级）")
    # A man's one original statutory age comes chosen (the women's are not offered to him).
    retirement = page.get_by_label(label("原法定退休年龄"))
    assert retirement.evaluate("e => e.selectedOptions[0].text") == "男职工 60 周岁"
    page.get_by_role("button", name="保存", exact=True).last.click()
    page.get_by_text("基本信息已保存").wait_for()
    shot(page, screenshot_dir, "03-basic")
    user.refresh_from_db()
    assert user.organisation_id == unit.pk

    # --- 申报信息: the sections, each scan once under its entry -----------------------------------------
    new_entry(
        page,
        "现有职称情况",
        {
            "系列": "工程技术",
            "职称名称": "工程师",
            "层级": "中级",
            "取得时间": "2012-12-20",
            "证书编号": "云职改（2012）中字第0415号",
            "评审/认定机构": "昆明市机电工程中级职称评审委员会",
            "是否聘任": "是",
            "聘任时间": "2013-01-01",
        },
    )
    upload_under_entry(
        page,
        tmp_path,
        row_text="昆明市机电工程中级职称评审委员会",
        title="工程师职称证书",
        content=scan("title certificate", (180, 20, 20)),
    )
    upload_under_entry(
        page,
        tmp_path,
        row_text="昆明市机电工程中级职称评审委员会",
        title="工程师聘任文件",
        content=scan("appointment", (20, 20, 180)),
        kind="聘任文件",
    )
    shot(page, screenshot_dir, "04-current-titles")

    new_entry(
        page,
        "学历情况",
        {
            "学校": "昆明理工大学",
            "专业": "电气工程及其自动化",
            "学历": "本科",
            "学位": "学士",
            "学习形式": "全日制",
            "入学时间": "1986-09",
            "毕业时间": "1990-07",
        },
    )
    upload_under_entry(
        page,
        tmp_path,
        row_text="昆明理工大学",
        title="本科毕业证书和学位证书",
        content=scan("diploma", (20, 140, 20)),
    )
    shot(page, screenshot_dir, "05-education")

    new_entry(
        page,
        "工作经历",
        {
            "开始时间": "1990-07",
            "工作单位": UNIT_NAME,
            "岗位/职务": "电气工程师",
            "从事专业技术工作": "是",
            "借调": "否",
        },
    )
    shot(page, screenshot_dir, "06-work")

    new_entry(
        page,
        "撰写论文情况",
        {
            "论文题目": "昆明地区10kV配电网无功补偿装置的选型与运行",
            "刊物名称": "电气技术",
            "ISSN/CN 刊号": "CN 11-5255/TM",
            "发表时间": "2019-05",
            "本人排名": "1",
        },
    )
    upload_under_entry(
        page,
        tmp_path,
        row_text="无功补偿",
        title="论文-配电网无功补偿（封面、目录、正文）",
        content=scan("paper", (120, 60, 0)),
    )
    shot(page, screenshot_dir, "07-papers")

    new_entry(
        page,
        "参加继续教育和国际学术活动情况",
        {
            "开始时间": "2025-03-10",
            "结束时间": "2025-03-14",
            "名称": "2025年度工程技术人员继续教育专业科目培训",
            "主办单位": "昆明市人力资源和社会保障局",
            "学时/学分": "40",
            "类型": "继续教育培训",
        },
    )
    upload_under_entry(
        page,
        tmp_path,
        row_text="继续教育专业科目培训",
        title="2025年度继续教育学时证明",
        content=scan("continuing education", (0, 120, 120)),
    )
    shot(page, screenshot_dir, "08-continuing-education")

    # --- 我能申报什么, then 职称申报: the cover -----------------------------------------------------------
    menu(page, "我能申报什么")
    senior = page.locator('[data-path="promotion"][data-level="senior_associate"]')
    assert senior.get_attribute("data-status") == "can_apply"
    assert COMMITTEE_NAME in senior.inner_text() and month_label(meeting) in senior.inner_text()
    shot(page, screenshot_dir, "09-paths")
    navigate(page, senior.get_by_role("link", name="去职称申报").click)
    page.get_by_label(label("申报类别")).select_option(label="评审晋升")
    settle(page)
    page.get_by_label(label("系列")).select_option(label="工程技术")
    settle(page)
    assert page.get_by_label(label("方向")).evaluate("e => e.selectedOptions[0].text") != "请选择"
    page.get_by_label(label("申报层级")).select_option(label="副高级")
    settle(page)
    assert page.locator("#cover-title").inner_text() == "高级工程师"
    page.get_by_label(label("申报专业")).fill("电气工程")
    committee_select = page.get_by_label(label("评审委员会"))
    assert committee_select.evaluate("e => e.selectedOptions[0].text") == COMMITTEE_NAME  # the only one
    month = page.locator("#committee-month")
    assert month_label(meeting) in month.inner_text()
    page.get_by_role("button", name="保存封面").last.click()
    page.get_by_text("封面已保存。点击“申报”可查看未完成填写材料项。").wait_for()
    shot(page, screenshot_dir, "10-cover")
    application = Application.objects.get(applicant=user)
    assert application.committee == committee and application.status == ApplicationStatus.DRAFT

    # --- 申报: the missing items, each 去完善 followed ----------------------------------------------------
    navigate(page, page.get_by_role("button", name="申报", exact=True).click)
    missing = page.get_by_role("row").filter(has=page.get_by_role("link", name="去完善"))
    missing.first.wait_for()
    shot(page, screenshot_dir, "11-missing")
    listed = missing.all_inner_texts()
    assert len(listed) == 4, listed
    assert "年度考核情况（近五年）" in listed[0]
    assert "身份证" in listed[1]
    assert "年度考核材料" in listed[2]
    assert "承诺书" in listed[3]

    # 去完善 → the 年度考核 新增 form, its first field focused: five years, each 登记表 under its entry.
    missing.filter(has_text="新增近五年的年度考核结果").get_by_role("link", name="去完善").click()
    section = "年度考核情况（近五年）"
    page.get_by_role("heading", name=f"{section} · 新增").wait_for()
    assert page.evaluate("document.activeElement.labels[0].textContent").startswith("年度")
    # The five years before this one, so the walk does not age with the calendar.
    years = [current_year() - 5 + k for k in range(5)]
    page.keyboard.type(str(years[0]))  # straight into the focused field
    for year, result in zip(years, ("合格", "合格", "优秀", "合格", "优秀"), strict=True):
        values = {"考核结果": result, "考核单位": UNIT_NAME}
        if year != years[0]:
            page.get_by_role("link", name="新增").click()
            values = {"年度": str(year), **values}
        fill_entry(page, section, values)
        upload_under_entry(
            page,
            tmp_path,
            row_text=f"{year}",
            title=f"{year}年度考核登记表",
            content=scan(f"assessment {year}", (year % 7 * 30, 90, 200 - year % 5 * 30)),
        )
    shot(page, screenshot_dir, "12-annual-assessments")

    # Back to 申报: what is left is 身份证 and the 承诺书.
    menu(page, "职称申报")
    navigate(page, page.get_by_role("button", name="申报", exact=True).click)
    missing.first.wait_for()
    listed = missing.all_inner_texts()
    assert len(listed) == 2 and "身份证" in listed[0] and "承诺书" in listed[1], listed

    # 去完善 → 附件管理 with 身份证 chosen and the file input focused.
    missing.filter(has_text="身份证").get_by_role("link", name="去完善").click()
    page.get_by_role("heading", name="附件管理").wait_for()
    upload = page.locator("#upload")
    assert upload.get_by_label(label("材料类别")).evaluate("e => e.selectedOptions[0].text") == "身份证"
    file_input = upload.get_by_label(label("文件"))
    assert file_input.evaluate("e => e === document.activeElement")
    id_card = tmp_path / "身份证正反面.jpg"
    id_card.write_bytes(scan("ID card front and back", (60, 60, 60), size=(856, 540)))
    upload.get_by_label(label("材料名称")).fill("身份证正反面")
    file_input.set_input_files(str(id_card))
    upload.get_by_role("button", name="上传", exact=True).click()
    page.get_by_role("cell", name="身份证正反面").wait_for()

    # 去完善 → the cover's 承诺书 block: download it there, check it, sign, scan, upload.
    menu(page, "职称申报")
    navigate(page, page.get_by_role("button", name="申报", exact=True).click)
    missing.first.wait_for()
    assert missing.count() == 1
    missing.filter(has_text="承诺书").get_by_role("link", name="去完善").click()
    pledge_block = page.locator("#pledge")
    pledge_block.get_by_role("heading", name=re.compile("承诺书")).wait_for()
    assert pledge_block.evaluate("e => e.getBoundingClientRect().top < innerHeight")  # scrolled to it
    shot(page, screenshot_dir, "13-pledge")
    download = pledge_block.get_by_role("link", name="下载承诺书")
    with page.expect_popup() as popup:
        download.click()
    popup.value.close()
    answer = page.request.get(download.get_attribute("href"))
    assert answer.ok and answer.headers["content-type"] == "application/pdf"
    (screenshot_dir / "new-applicant-1968-pledge.pdf").write_bytes(answer.body())
    pdf = PdfReader(io.BytesIO(answer.body()))
    text = "".join(p.extract_text() for p in pdf.pages)
    assert NAME in text and "承诺" in text
    pledge_block.get_by_role("link", name="上传承诺书").click()
    page.get_by_role("heading", name="附件管理").wait_for()
    upload = page.locator("#upload")
    assert upload.get_by_label(label("材料类别")).evaluate("e => e.selectedOptions[0].text") == "承诺书"
    signed = tmp_path / "承诺书（签字盖章）.jpg"
    signed.write_bytes(scan("pledge signed and stamped", (200, 0, 0), size=(620, 877)))
    upload.get_by_label(label("文件")).set_input_files(str(signed))
    upload.get_by_role("button", name="上传", exact=True).click()
    page.locator("#kind-pledge").wait_for()
    shot(page, screenshot_dir, "14-attachments")

    # --- 申报 is complete; 提交 asks first ----------------------------------------------------------------
    menu(page, "职称申报")
    navigate(page, page.get_by_role("button", name="申报", exact=True).click)
    page.get_by_text("申报材料已填写完整，可以提交。").wait_for()
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="提交", exact=True).click()
    page.get_by_text("审核中").first.wait_for()
    assert asked and asked[0].startswith("确定提交")
    shot(page, screenshot_dir, "15-submitted")

    menu(page, "申报记录")
    page.get_by_text("单位审核").first.wait_for()
    shot(page, screenshot_dir, "16-history")

    # --- From the database ----------------------------------------------------------------------------
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW
    assert application.current_step.kind == "unit" and application.current_step.organisation == unit
    assert ReviewEvent.objects.filter(application=application, action="submit").count() == 1
    attachments = list(Attachment.objects.filter(owner=user))
    hashes = [a.sha256 for a in attachments]
    assert len(hashes) == len(set(hashes)) == 12  # nothing uploaded twice
    assert all(a.archived_at is None for a in attachments)
    sections = {s["key"]: len(s["entries"]) for s in application.snapshot["dossier"]["sections"]}
    assert sections == {
        "current_titles": 1,
        "education": 1,
        "study": 0,
        "work": 1,
        "work_summary": 0,
        "main_work": 0,
        "projects": 0,
        "patents": 0,
        "awards": 0,
        "books": 0,
        "papers": 1,
        "continuing_education": 1,
        "annual_assessments": 5,
    }
    assert {a["title"] for a in application.snapshot["attachments"]} >= {"承诺书", "身份证正反面"}
