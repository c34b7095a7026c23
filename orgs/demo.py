"""The demo data set (`manage.py load_demo`) and its account list (`manage.py demo_accounts`).

Fixed data, no randomness: the same run gives the same rows. Idempotent: rows are matched by
username, credit code or name, and an existing row is never changed. Never in production.

Issue 3: open windows for this year for several committees, and three applicants whose
applications show the applicant's pages in three states (demo_applications): a complete draft
ready to 提交, a half-filled draft whose 申报 page lists several 去完善 items, and one submitted
and waiting at 单位审核. They are written only through the real services (dossier, attachments,
applications, windows), so every rule holds; their files (scans, PDFs, the rule 23 photo) are
drawn here with Pillow or written as a minimal PDF, and stored through the storage API.

Issue 6: the kinds no committee decides (考核认定, 职称确认, 博士后认定) and a unit with the province's
delegated senior authority, in orgs/demo_paths.py (its data and `load_paths`, called from `_load`;
imported where it is used, since it builds on this module). Issue 11: a 初级 committee with its
window and a freelancer recommended by the 户口所在地人社部门, in orgs/demo_routes.py."""

from __future__ import annotations

import hashlib
import io
import os
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont
from stdnum.cn import ric, uscc

from accounts.models import Role, User
from applications.completeness import application_missing
from applications.models import (
    Application,
    ApplicationKind,
    ApplicationStatus,
    StepKind,
    step_kind_label,
)
from applications.services import application_save_cover
from applications.state import application_submit
from attachments.models import Attachment, AttachmentKind
from attachments.rules import PHOTO_MAX_BYTES, PHOTO_MIN_BYTES
from attachments.services import attachment_upload, photo_upload
from catalog.models import Level, Series, Title
from core.dates import CALENDAR_TZ
from core.errors import ServiceError
from dossier.basic import BASIC_REQUIRED
from dossier.models import Dossier, DossierEntry, EmploymentForm
from dossier.services import dossier_basic_update, dossier_entry_create
from workcal.services import day_start
from workcal.windows import window_set

from .models import Committee, CommitteeWindow, Organisation, OrgKind, Ownership
from .windows import closing_month, current_year, window_is_open

DEMO_PASSWORD = "Demo@2026"  # noqa: S105 - the published password of the demo accounts


class DemoRefused(Exception):
    """load_demo cannot run here (production settings, or the catalogue is not loaded)."""


def is_production() -> bool:
    module = getattr(settings, "SETTINGS_MODULE", "") or os.environ.get("DJANGO_SETTINGS_MODULE", "")
    return bool(getattr(settings, "IS_PRODUCTION", False)) or module.endswith(".production")


def credit_code(prefix: str, n: int) -> str:
    """A valid GB 32100 code: 8 digits (authority, type, region) + 9-character body + check."""
    body = f"{prefix}MA6K{n:05d}"
    return body + uscc.calc_check_digit(body)


def id_number(region: str, birth: str, order: int) -> str:
    body = f"{region}{birth}{order:03d}"
    return body + ric.calc_check_digit(body + "0")  # stdnum expects the number with a check slot


# --- the data ------------------------------------------------------------------------------------

CITY_BUREAU_REF = "city-bureau"
WUHUA_OFFICE = ("五华区人力资源和社会保障局", "")
DEPT_INDUSTRY = "昆明市工业和信息化局"
DEPT_HEALTH = "昆明市卫生健康委员会"
DEPT_EDUCATION = "昆明市教育体育局"
DEPT_GUANDU_EDUCATION = "官渡区教育体育局"
COMMITTEE_MECH = "昆明市机电工程中级职称评审委员会"
COMMITTEE_HEALTH = "昆明市卫生技术高级职称评审委员会"
COMMITTEE_MECH_SENIOR = "昆明市机电工程高级工程师评审委员会"
COMMITTEE_BUILDING = "昆明市建筑工程中级职称评审委员会"
COMMITTEE_GUANDU_TEACHERS = "官渡区中小学教师中级职称评审委员会"
# Committees whose window for the current year the demo opens (the catalogue has no provincial
# committee, so none of them follows rule 7).
WINDOW_COMMITTEES = (
    COMMITTEE_MECH,
    COMMITTEE_HEALTH,
    COMMITTEE_MECH_SENIOR,
    COMMITTEE_BUILDING,
    COMMITTEE_GUANDU_TEACHERS,
)
WINDOW_DAYS = 30  # the demo windows close at 24:00 of the 30th day from today


@dataclass(frozen=True)
class DemoUnit:
    username: str
    name: str
    credit_code: str
    ownership: str
    office: tuple[str, str]  # (name, branch) of the district office
    department: tuple[str, ...] = ()  # first existing name wins
    head_name: str = ""
    head_phone: str = ""
    phone: str = ""


UNITS: list[DemoUnit] = [
    DemoUnit(
        "unit1",
        "昆明市春城人民医院",
        credit_code("12530100", 1),
        Ownership.CITY_STATE,
        ("五华区人力资源和社会保障局", ""),
        (DEPT_HEALTH,),
        "赵建华",
        "13900000201",
        "0871-65100001",
    ),
    DemoUnit(
        "unit2",
        "官渡区金马中学",
        credit_code("12530111", 2),
        Ownership.DISTRICT_STATE,
        ("官渡区人力资源和社会保障局", ""),
        (DEPT_GUANDU_EDUCATION, DEPT_EDUCATION),
        "钱文清",
        "13900000202",
        "0871-67100002",
    ),
    DemoUnit(
        "unit3",
        "昆明滇云机电科技有限公司",
        credit_code("91530102", 3),
        Ownership.NON_PUBLIC,
        ("五华区人力资源和社会保障局", ""),
        (),
        "孙立新",
        "13900000203",
        "0871-65100003",
    ),
    DemoUnit(
        "unit4",
        "昆明西山智造工程有限公司",
        credit_code("91530112", 4),
        Ownership.NON_PUBLIC,
        ("西山区人力资源和社会保障局", ""),
        (),
        "李卫东",
        "13900000204",
        "0871-68100004",
    ),
    DemoUnit(
        "unit5",
        "昆明市春城机电工程学会",
        credit_code("51530103", 5),
        Ownership.SOCIAL,
        ("盘龙区人力资源和社会保障局", ""),
        (),
        "周明远",
        "13900000205",
        "0871-65600005",
    ),
    DemoUnit(
        "unit6",
        "昆明春城人力资源服务有限公司",
        credit_code("91530114", 6),
        Ownership.AGENCY,
        ("呈贡区人力资源和社会保障局", ""),
        (),
        "吴静",
        "13900000206",
        "0871-67400006",
    ),
]


@dataclass(frozen=True)
class DemoStaff:
    username: str
    role: str
    name: str
    phone: str
    what: str
    org_kind: str = ""  # city_bureau / department / district_bureau / committee
    org_name: tuple[str, str] | str = ""
    superuser: bool = False


STAFF: list[DemoStaff] = [
    DemoStaff(
        "support",
        Role.SUPPORT,
        "技术支持",
        "13900000001",
        "技术支持/系统管理员（可进入后台）",
        superuser=True,
    ),
    DemoStaff(
        "city",
        Role.CITY_REVIEWER,
        "市人社局审核员",
        "13900000002",
        "昆明市人力资源和社会保障局",
        "city_bureau",
    ),
    DemoStaff(
        "dept",
        Role.DEPARTMENT_REVIEWER,
        "主管部门审核员",
        "13900000003",
        DEPT_INDUSTRY,
        "department",
        DEPT_INDUSTRY,
    ),
    DemoStaff(
        "district",
        Role.DISTRICT_REVIEWER,
        "五华区人社局审核员",
        "13900000004",
        "五华区人力资源和社会保障局",
        "district_bureau",
        WUHUA_OFFICE,
    ),
    DemoStaff(
        "committee",
        Role.COMMITTEE_OFFICE,
        "评委会办事机构",
        "13900000005",
        COMMITTEE_MECH,
        "committee",
        COMMITTEE_MECH,
    ),
]


@dataclass(frozen=True)
class DemoApplicant:
    name: str
    id_number: str
    phone: str
    unit: str  # the unit's demo username ("" = no unit)
    locked: bool = False


APPLICANTS: list[DemoApplicant] = [
    DemoApplicant("张伟", id_number("530102", "19850312", 11), "13900000101", "unit1"),
    DemoApplicant("王芳", id_number("530102", "19880716", 22), "13900000102", "unit1"),
    DemoApplicant("李娜", id_number("530111", "19900105", 32), "13900000103", "unit2"),
    DemoApplicant("刘洋", id_number("530111", "19861120", 41), "13900000104", "unit2"),
    DemoApplicant("陈静", id_number("530102", "19870428", 52), "13900000105", "unit3"),
    DemoApplicant("杨磊", id_number("530102", "19830909", 61), "13900000106", "unit3", locked=True),
    DemoApplicant("黄敏", id_number("530112", "19910214", 72), "13900000107", "unit4"),
    DemoApplicant("赵强", id_number("530112", "19870618", 81), "13900000108", "unit4"),
    DemoApplicant("周丽", id_number("530103", "19890330", 92), "13900000109", "unit5"),
    DemoApplicant("吴军", id_number("530121", "19860811", 101), "13900000110", "unit6"),
    DemoApplicant("徐婷", id_number("530121", "19921202", 112), "13900000111", "unit6"),
    DemoApplicant("孙浩", id_number("530103", "19950506", 121), "13900000112", ""),
]


def notices(year: int) -> list[tuple[str, str]]:
    return [
        (
            f"关于做好{year}年度昆明市职称申报评审工作的通知",
            f"{year}年度昆明市各系列职称评审工作现已启动。请申报人按各评委会申报通知要求，"
            "在网上申报时间内完成个人申报；单位应认真审核申报材料的真实性、完整性，"
            "并在推荐前进行不少于5个工作日的单位公示。\n（演示数据）",
        ),
        (
            "昆明市机电工程、卫生技术评委会网上申报通道已开通",
            "昆明市机电工程中级职称评审委员会、昆明市卫生技术高级职称评审委员会本年度网上申报通道已开通，"
            "昆明市机电工程高级工程师评审委员会、昆明市建筑工程中级职称评审委员会和"
            "官渡区中小学教师中级职称评审委员会同时开通，"
            "请在截止时间前完成申报。每个评委会的申报通道关闭后不再开放。\n（演示数据）",
        ),
        (
            "申报系统使用提示",
            "密码连续输错超过3次账号将被锁定，请联系所在单位在“专业技术人员”中解锁；"
            "未选择单位的，请联系技术支持（电话：0871-63108336）。\n（演示数据）",
        ),
    ]


# --- the demo applications (issue 3) -------------------------------------------------------------

STATE_READY = "资料齐全，可直接提交"
STATE_INCOMPLETE = "资料未完成"
STATE_SUBMITTED = "已提交，单位审核中"
STATE_ASSESSMENT = "待用人单位考核"  # the unit step of 考核认定, 职称确认, 博士后认定 (decision 0007)


@dataclass(frozen=True)
class DemoFile:
    """One attachment: `fmt` is jpeg / png (a drawn scan) or pdf (a one-page document)."""

    kind: str
    title: str
    fmt: str
    heading: str  # the document's heading (Chinese, in the PDF) or its English caption (scans)
    lines: tuple[str, ...] = ()  # the PDF's text lines
    entry: str = ""  # a section key: the file is attached to that section's first entry


@dataclass(frozen=True)
class DemoApplication:
    applicant: str  # the applicant's name in APPLICANTS
    promise: str  # STATE_READY / STATE_INCOMPLETE / STATE_SUBMITTED
    committee: str
    series: str
    level: str
    specialty: str
    basic: dict
    entries: tuple[tuple[str, dict], ...]
    files: tuple[DemoFile, ...]
    photo: bool = False
    submit: bool = False
    hair: str = "short"  # the drawn photo: "short" or "long"


def _assessments(year: int, unit: str, excellent: int) -> tuple[tuple[str, dict], ...]:
    """年度考核情况 for the five years before `year`; the year `year - excellent` was 优秀."""
    return tuple(
        (
            "annual_assessments",
            {"year": y, "result": "优秀" if y == year - excellent else "合格", "unit": unit},
        )
        for y in range(year - 5, year)
    )


def _pledge(name: str, unit: str, year: int) -> DemoFile:
    return DemoFile(
        AttachmentKind.PLEDGE,
        "申报材料真实性承诺书",
        "pdf",
        "职称申报材料真实性承诺书",
        (
            f"本人{name}，工作单位{unit}，申报{year}年度职称评审。",
            "本人承诺：所填报的申报信息和上传的全部材料真实、准确、完整，",
            "不存在弄虚作假、伪造学历资历、剽窃他人成果等行为。",
            "如有不实，本人愿意承担一切后果，接受撤销所取得职称、",
            "记入诚信档案等处理。",
            "",
            f"承诺人：{name}",
            f"{year}年",
        ),
    )


def _annual_file(name: str, unit: str, year: int) -> DemoFile:
    return DemoFile(
        AttachmentKind.ANNUAL_ASSESSMENT,
        f"年度考核登记表（{year - 5}—{year - 1}年）",
        "pdf",
        "专业技术人员年度考核登记表",
        (
            f"姓名：{name}    单位：{unit}",
            *(f"{y}年度    考核结果：见单位考核意见（已盖章）" for y in range(year - 5, year)),
            "",
            f"{unit}（盖章）",
        ),
    )


CHEN_UNIT = "昆明滇云机电科技有限公司"
ZHANG_UNIT = "昆明市春城人民医院"
LI_UNIT = "官渡区金马中学"

CHEN_SUMMARY = (
    "本人2009年7月毕业于昆明理工大学电气工程及其自动化专业，先后在云南恒达机电设备安装有限公司、"
    "昆明滇云机电科技有限公司从事电气设计、安装调试和技术管理工作，2018年取得助理工程师资格。\n"
    "任现职以来，本人主要承担公司机电工程项目的电气方案设计、PLC 控制程序编制和现场调试工作。"
    "作为技术负责人完成了污水提升泵站电气控制系统改造等项目，实现泵站无人值守和远程监控；"
    "参与公司智能配电柜系列产品设计，负责二次回路设计和元器件选型，获实用新型专利1项。\n"
    "在专业技术上，本人注重把现场问题总结提炼，在《机电工程技术》等期刊发表论文2篇；"
    "按规定参加继续教育，近五年年度考核均为合格以上。\n"
    "今后本人将继续加强电气自动化新技术的学习，提高解决复杂工程问题的能力，"
    "为企业和行业发展做出更大贡献。"
)

ZHANG_SUMMARY = (
    "本人2010年7月毕业于昆明医科大学临床医学专业，同年8月到昆明市春城人民医院心血管内科工作，"
    "2016年取得主治医师资格并受聘，2017年获内科学硕士学位。\n"
    "任现职以来，本人熟练掌握心血管内科常见病、多发病的诊治，能独立处理急性心肌梗死、"
    "急性心力衰竭、恶性心律失常等危重症，年均管理住院患者600余人次，"
    "独立完成冠状动脉造影及经皮冠状动脉介入治疗300余例，无医疗事故。\n"
    "本人积极开展心脏康复新技术，牵头建立科室心脏康复门诊；2019年按医院安排对口支援寻甸县人民医院，"
    "期间承担本院科室排班工作；发表论文2篇，承担市级课题1项。\n"
    "本人认真履行带教职责，指导规培医师和进修医师20余名。今后将继续提高临床、教学和科研水平。"
)


def demo_applications(year: int) -> list[DemoApplication]:
    """The three demo applications of `year` (the current application year): fixed data, only the
    five years of 年度考核 follow the year."""
    return [
        DemoApplication(
            applicant="陈静",
            promise=STATE_READY,
            committee=COMMITTEE_MECH,
            series="工程技术",
            level=Level.INTERMEDIATE,
            specialty="电气工程",
            basic={
                "work_start_date": "2009-07-01",
                "professional_start_date": "2009-07-01",
                "employment_form": EmploymentForm.CONTRACT,
                "current_post": "助理工程师（电气自动化设计）",
                "is_civil_servant": False,
                "original_retirement_age": 55,
            },
            entries=(
                (
                    "current_titles",
                    {
                        "series": "工程技术",
                        "title_name": "助理工程师",
                        "level": Level.ASSISTANT,
                        "obtained_on": "2018-12-20",
                        "certificate_no": "KM2018ZL0356",
                        "issuer": "昆明市人力资源和社会保障局",
                        "appointed": True,
                        "appointed_on": "2019-01-01",
                    },
                ),
                (
                    "education",
                    {
                        "school": "昆明理工大学",
                        "major": "电气工程及其自动化",
                        "education": "本科",
                        "degree": "学士",
                        "study_mode": "全日制",
                        "start": "2005-09",
                        "end": "2009-07",
                        "technical_class": "无",
                    },
                ),
                (
                    "study",
                    {
                        "start": "2017-03",
                        "end": "2017-07",
                        "institution": "昆明理工大学继续教育学院",
                        "content": "电气控制与 PLC 应用技术研修班",
                        "witness": "王建国",
                    },
                ),
                (
                    "work",
                    {
                        "start": "2009-07",
                        "end": "2016-06",
                        "employer": "云南恒达机电设备安装有限公司",
                        "post": "电气技术员",
                        "professional": True,
                        "seconded": False,
                        "witness": "刘海涛",
                    },
                ),
                (
                    "work",
                    {
                        "start": "2016-07",
                        "employer": CHEN_UNIT,
                        "post": "电气设计工程师（助理工程师）",
                        "professional": True,
                        "seconded": False,
                        "witness": "孙立新",
                    },
                ),
                ("work_summary", {"summary": CHEN_SUMMARY}),
                (
                    "main_work",
                    {
                        "start": "2023-03",
                        "end": "2024-06",
                        "name": "盘龙区污水提升泵站电气控制系统改造",
                        "role": "项目技术负责人，负责电气方案设计、PLC 程序编制和现场调试",
                        "results": "改造后泵站实现无人值守和远程监控，年节电约18万千瓦时，项目通过业主验收。",
                    },
                ),
                (
                    "main_work",
                    {
                        "start": "2021-05",
                        "end": "2022-04",
                        "name": "智能低压配电柜系列产品设计",
                        "role": "主要设计人，负责二次回路设计和元器件选型",
                        "results": "形成4个规格的系列产品，已在20余个工程项目中应用，获实用新型专利1项。",
                    },
                ),
                (
                    "projects",
                    {
                        "name": "中小型泵站智能控制终端研制",
                        "source": "昆明市科技计划项目（市级）",
                        "start": "2022-01",
                        "end": "2023-12",
                        "rank": 3,
                        "funds": "30",
                        "conclusion": "已结题",
                    },
                ),
                (
                    "patents",
                    {
                        "name": "一种配电柜散热除湿装置",
                        "number": "ZL202120356781.3",
                        "kind": "实用新型",
                        "granted_on": "2021-11-16",
                        "rank": 2,
                    },
                ),
                (
                    "awards",
                    {
                        "name": "昆明市职工技术创新成果奖",
                        "grade": "三等奖",
                        "grantor": "昆明市总工会",
                        "awarded_on": "2023-04-28",
                        "rank": 2,
                    },
                ),
                (
                    "papers",
                    {
                        "title": "基于 PLC 的污水提升泵站远程监控系统设计",
                        "journal": "机电工程技术",
                        "journal_number": "ISSN 1009-9492，CN 44-1522/TH",
                        "published_on": "2024-08",
                        "rank": 1,
                    },
                ),
                (
                    "papers",
                    {
                        "title": "低压配电柜温湿度控制方案探讨",
                        "journal": "电气传动",
                        "journal_number": "ISSN 1001-2095",
                        "published_on": "2022-05",
                        "rank": 1,
                    },
                ),
                (
                    "continuing_education",
                    {
                        "start": "2025-04-14",
                        "end": "2025-04-18",
                        "name": "2025年度专业技术人员继续教育公需科目",
                        "organiser": "昆明市人力资源和社会保障局",
                        "hours": "30",
                        "kind": "继续教育培训",
                    },
                ),
                (
                    "continuing_education",
                    {
                        "start": "2024-09-09",
                        "end": "2024-09-13",
                        "name": "电气自动化新技术专业科目培训",
                        "organiser": "昆明理工大学继续教育学院",
                        "hours": "42",
                        "kind": "专业技术培训",
                    },
                ),
                *_assessments(year, CHEN_UNIT, excellent=2),
            ),
            files=(
                DemoFile(AttachmentKind.ID_CARD, "居民身份证（正反面）", "jpeg", "RESIDENT ID CARD"),
                DemoFile(AttachmentKind.DIPLOMA, "学历证书-本科", "jpeg", "DIPLOMA - BACHELOR"),
                DemoFile(AttachmentKind.DIPLOMA, "学位证书-学士", "jpeg", "DEGREE - BACHELOR OF ENGINEERING"),
                DemoFile(AttachmentKind.TITLE_CERTIFICATE, "助理工程师资格证书", "jpeg", "TITLE CERTIFICATE"),
                DemoFile(
                    AttachmentKind.APPOINTMENT,
                    "聘任文件-助理工程师",
                    "pdf",
                    "关于聘任专业技术职务的通知",
                    (
                        "滇云机电〔2019〕3号",
                        "公司各部门：",
                        "经研究，决定聘任陈静同志为助理工程师，聘期自2019年1月1日起。",
                        "",
                        f"{CHEN_UNIT}（盖章）",
                        "2019年1月1日",
                    ),
                ),
                _annual_file("陈静", CHEN_UNIT, year),
                DemoFile(
                    AttachmentKind.CONTINUING_EDUCATION,
                    "继续教育学时证明",
                    "png",
                    "CONTINUING EDUCATION RECORD",
                ),
                DemoFile(
                    AttachmentKind.ACHIEVEMENTS,
                    "论文-基于PLC的污水提升泵站远程监控系统设计",
                    "pdf",
                    "基于 PLC 的污水提升泵站远程监控系统设计",
                    (
                        "陈静（昆明滇云机电科技有限公司，云南 昆明 650000）",
                        "《机电工程技术》2024年第8期",
                        "",
                        "摘要：针对污水提升泵站人工值守效率低的问题，设计了基于 PLC 的",
                        "远程监控系统，实现了液位自动控制、故障报警和远程数据采集。",
                        "关键词：PLC；泵站；远程监控",
                    ),
                ),
                _pledge("陈静", CHEN_UNIT, year),
                DemoFile(
                    AttachmentKind.ENTRY,
                    "专利证书-ZL202120356781.3",
                    "jpeg",
                    "PATENT CERTIFICATE",
                    entry="patents",
                ),
            ),
            photo=True,
            hair="long",
        ),
        DemoApplication(
            applicant="李娜",
            promise=STATE_INCOMPLETE,
            committee=COMMITTEE_GUANDU_TEACHERS,
            series="中小学教师",
            level=Level.INTERMEDIATE,
            specialty="中学语文",
            basic={  # 现任专业技术岗位 left out: one of the 去完善 items
                "work_start_date": "2012-09-01",
                "professional_start_date": "2012-09-01",
                "employment_form": EmploymentForm.ON_STAFF,
                "is_civil_servant": False,
                "original_retirement_age": 55,
            },
            entries=(  # no 专业技术工作总结 and no 年度考核: two more 去完善 items
                (
                    "current_titles",
                    {
                        "series": "中小学教师",
                        "title_name": "二级教师",
                        "level": Level.ASSISTANT,
                        "obtained_on": "2013-09-10",
                        "issuer": "官渡区教育体育局",
                        "appointed": True,
                        "appointed_on": "2013-10-01",
                    },
                ),
                (
                    "education",
                    {
                        "school": "云南师范大学",
                        "major": "汉语言文学",
                        "education": "本科",
                        "degree": "学士",
                        "study_mode": "全日制",
                        "start": "2008-09",
                        "end": "2012-07",
                        "technical_class": "无",
                    },
                ),
                (
                    "work",
                    {
                        "start": "2012-09",
                        "employer": LI_UNIT,
                        "post": "语文教师、班主任",
                        "professional": True,
                        "seconded": False,
                        "witness": "钱文清",
                    },
                ),
            ),
            files=(  # only two of the eight required attachments: six more 去完善 items
                DemoFile(AttachmentKind.ID_CARD, "居民身份证（正反面）", "jpeg", "RESIDENT ID CARD"),
                DemoFile(AttachmentKind.DIPLOMA, "学历证书-本科", "jpeg", "DIPLOMA - BACHELOR"),
            ),
        ),
        DemoApplication(
            applicant="张伟",
            promise=STATE_SUBMITTED,
            committee=COMMITTEE_HEALTH,
            series="卫生技术",
            level=Level.SENIOR_ASSOCIATE,
            specialty="内科学（心血管内科）",
            basic={
                "work_start_date": "2010-08-01",
                "professional_start_date": "2010-08-01",
                "employment_form": EmploymentForm.ON_STAFF,
                "current_post": "主治医师（心血管内科）",
                "is_civil_servant": False,
                "original_retirement_age": 60,
            },
            entries=(
                (
                    "current_titles",
                    {
                        "series": "卫生技术",
                        "title_name": "主治医师",
                        "level": Level.INTERMEDIATE,
                        "obtained_on": "2016-05-28",
                        "certificate_no": "KM2016ZZ0512",
                        "issuer": "云南省人力资源和社会保障厅",
                        "appointed": True,
                        "appointed_on": "2016-09-01",
                    },
                ),
                (
                    "education",
                    {
                        "school": "昆明医科大学",
                        "major": "临床医学",
                        "education": "本科",
                        "degree": "学士",
                        "study_mode": "全日制",
                        "start": "2005-09",
                        "end": "2010-07",
                        "technical_class": "无",
                    },
                ),
                (
                    "education",
                    {
                        "school": "昆明医科大学",
                        "major": "内科学",
                        "education": "硕士研究生",
                        "degree": "硕士",
                        "study_mode": "非全日制",
                        "start": "2014-09",
                        "end": "2017-06",
                        "technical_class": "无",
                    },
                ),
                (
                    "work",
                    {
                        "start": "2010-08",
                        "employer": ZHANG_UNIT,
                        "post": "心血管内科住院医师、主治医师",
                        "professional": True,
                        "seconded": False,
                        "witness": "赵建华",
                    },
                ),
                (
                    "work",
                    {
                        "start": "2019-03",
                        "end": "2019-12",
                        "employer": "寻甸县人民医院（对口支援）",
                        "post": "心血管内科主治医师",
                        "professional": True,
                        "seconded": True,
                        "seconded_own_duties": True,
                        "witness": "赵建华",
                    },
                ),
                ("work_summary", {"summary": ZHANG_SUMMARY}),
                (
                    "main_work",
                    {
                        "start": "2021-03",
                        "name": "心脏康复门诊建设",
                        "role": "牵头人，负责康复方案制定和门诊运行",
                        "results": "累计接诊冠心病术后康复患者800余人次，患者再入院率明显下降。",
                    },
                ),
                (
                    "projects",
                    {
                        "name": "冠心病介入术后早期心脏康复效果评价",
                        "source": "昆明市卫生科技计划项目（市级）",
                        "start": "2022-01",
                        "end": "2024-12",
                        "rank": 1,
                        "funds": "8.5",
                        "conclusion": "已结题",
                    },
                ),
                (
                    "papers",
                    {
                        "title": "经皮冠状动脉介入治疗术后患者早期心脏康复的临床观察",
                        "journal": "临床心血管病杂志",
                        "journal_number": "ISSN 1001-1439，CN 42-1130/R",
                        "published_on": "2024-03",
                        "rank": 1,
                    },
                ),
                (
                    "papers",
                    {
                        "title": "急性心肌梗死患者院前延误时间对预后的影响",
                        "journal": "昆明医科大学学报",
                        "journal_number": "ISSN 2095-610X，CN 53-1220/R",
                        "published_on": "2022-10",
                        "rank": 2,
                    },
                ),
                (
                    "continuing_education",
                    {
                        "start": "2025-06-06",
                        "end": "2025-06-09",
                        "name": "中国心脏大会",
                        "organiser": "中华医学会心血管病学分会",
                        "hours": "10",
                        "kind": "国内学术会议",
                    },
                ),
                (
                    "continuing_education",
                    {
                        "start": "2024-10-14",
                        "end": "2024-10-18",
                        "name": "心血管介入诊疗技术培训（Ⅰ类学分）",
                        "organiser": "云南省心血管病医院",
                        "hours": "25",
                        "kind": "继续教育培训",
                    },
                ),
                *_assessments(year, ZHANG_UNIT, excellent=3),
            ),
            files=(
                DemoFile(AttachmentKind.ID_CARD, "居民身份证（正反面）", "jpeg", "RESIDENT ID CARD"),
                DemoFile(AttachmentKind.DIPLOMA, "学历证书-本科", "jpeg", "DIPLOMA - BACHELOR"),
                DemoFile(AttachmentKind.DIPLOMA, "学历学位证书-硕士", "jpeg", "DIPLOMA AND DEGREE - MASTER"),
                DemoFile(AttachmentKind.TITLE_CERTIFICATE, "主治医师资格证书", "jpeg", "TITLE CERTIFICATE"),
                DemoFile(
                    AttachmentKind.APPOINTMENT,
                    "聘任文件-主治医师",
                    "pdf",
                    "关于聘任卫生专业技术职务的通知",
                    (
                        "春城医院〔2016〕21号",
                        "院内各科室：",
                        "经医院聘任委员会研究，决定聘任张伟同志为主治医师，聘期自2016年9月1日起。",
                        "",
                        f"{ZHANG_UNIT}（盖章）",
                        "2016年9月1日",
                    ),
                ),
                _annual_file("张伟", ZHANG_UNIT, year),
                DemoFile(
                    AttachmentKind.CONTINUING_EDUCATION,
                    "继续医学教育学分证明",
                    "png",
                    "CONTINUING MEDICAL EDUCATION CREDITS",
                ),
                DemoFile(
                    AttachmentKind.ACHIEVEMENTS,
                    "论文-经皮冠状动脉介入治疗术后患者早期心脏康复的临床观察",
                    "pdf",
                    "经皮冠状动脉介入治疗术后患者早期心脏康复的临床观察",
                    (
                        "张伟（昆明市春城人民医院心血管内科，云南 昆明 650000）",
                        "《临床心血管病杂志》2024年第3期",
                        "",
                        "摘要：观察经皮冠状动脉介入治疗术后早期心脏康复对患者运动耐量和",
                        "生活质量的影响。结果显示，早期康复组6分钟步行距离明显增加。",
                        "关键词：冠心病；经皮冠状动脉介入治疗；心脏康复",
                    ),
                ),
                _pledge("张伟", ZHANG_UNIT, year),
            ),
            photo=True,
            submit=True,
        ),
    ]


# --- the demo files ------------------------------------------------------------------------------
# Drawn, not read from disk: fixed shapes, and "grain" taken from SHAKE-256 of a fixed seed, so
# every run gives the same pictures. Scans carry English captions only (Pillow's own font has no
# Chinese glyphs, and a system font would make the pictures differ between machines); the PDFs
# are in Chinese with the standard Adobe font STSong-Light, which readers supply themselves.

PHOTO_SIZE = (358, 441)  # rule 23: larger than 295×413 pixels
PHOTO_TARGET_BYTES = 20 * 1024  # rule 23: 10 KB to 30 KB; aim at the middle
PHOTO_BLUE = ((72, 146, 222), (38, 104, 196))  # top and bottom of the blue background
SCAN_SIZE = (800, 560)
SEAL_RED = (176, 32, 32)


class DemoFileError(RuntimeError):
    """A drawn file does not meet what the demo promises (never expected)."""


def _grain(size: tuple[int, int], seed: str, amplitude: int) -> Image.Image:
    """Fixed noise around 128 (±amplitude), from SHAKE-256 of `seed`: the same on every run."""
    width, height = size
    noise = Image.frombytes("L", size, hashlib.shake_256(seed.encode()).digest(width * height))
    return noise.point(lambda v: 128 + (v - 128) * amplitude // 128)


def _with_grain(image: Image.Image, seed: str, amplitude: int) -> Image.Image:
    grain = _grain(image.size, seed, amplitude)
    return ImageChops.add(image, Image.merge("RGB", (grain, grain, grain)), scale=1.0, offset=-128)


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError, ImportError):  # Pillow without FreeType: the small bitmap font
        return ImageFont.load_default()


def _centred_text(draw: ImageDraw.ImageDraw, y: int, text: str, font, fill, width: int) -> None:
    left, _top, right, _bottom = draw.textbbox((0, 0), text, font=font)
    draw.text(((width - (right - left)) // 2, y), text, font=font, fill=fill)


def demo_photo(*, seed: str, hair: str = "short") -> bytes:
    """A blue-background 1-inch photo that meets rule 23: JPEG, 358×441 pixels, 10–30 KB (the
    quality is chosen to land nearest 20 KB)."""
    top, bottom = PHOTO_BLUE
    gradient = Image.linear_gradient("L").resize(PHOTO_SIZE)
    image = Image.composite(Image.new("RGB", PHOTO_SIZE, bottom), Image.new("RGB", PHOTO_SIZE, top), gradient)
    draw = ImageDraw.Draw(image)
    cx = PHOTO_SIZE[0] // 2
    hair_colour, skin = (30, 26, 26), (232, 196, 168)
    if hair == "long":
        draw.rounded_rectangle((cx - 92, 96, cx + 92, 360), radius=80, fill=hair_colour)
    draw.ellipse((cx - 150, 330, cx + 150, 560), fill=(34, 38, 52))  # jacket
    draw.polygon([(cx - 38, 335), (cx + 38, 335), (cx, 400)], fill=(236, 236, 240))  # collar
    draw.rectangle((cx - 30, 260, cx + 30, 340), fill=(226, 188, 160))  # neck
    draw.ellipse((cx - 78, 110, cx + 78, 300), fill=skin)  # face
    draw.chord((cx - 84, 92, cx + 84, 230), 180, 360, fill=hair_colour)  # fringe
    for x in (cx - 31, cx + 31):
        draw.ellipse((x - 9, 185, x + 9, 195), fill=(40, 30, 30))  # eyes
    draw.arc((cx - 24, 236, cx + 24, 262), 20, 160, fill=(170, 90, 90), width=3)  # smile
    image = _with_grain(image.filter(ImageFilter.GaussianBlur(1)), f"photo:{seed}", amplitude=6)
    best = b""
    for quality in range(60, 96):
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality)
        data = buffer.getvalue()
        if abs(len(data) - PHOTO_TARGET_BYTES) < abs(len(best) - PHOTO_TARGET_BYTES):
            best = data
    if not PHOTO_MIN_BYTES <= len(best) <= PHOTO_MAX_BYTES:
        raise DemoFileError(f"demo photo is {len(best)} bytes, outside rule 23's 10–30 KB")
    return best


def demo_scan(*, caption: str, fmt: str, seed: str) -> bytes:
    """A scanned certificate: a red double frame, an English caption, grey lines for the text and
    a red seal. `fmt` is "jpeg" or "png"."""
    width, height = SCAN_SIZE
    image = Image.new("RGB", SCAN_SIZE, (250, 247, 238))
    draw = ImageDraw.Draw(image)
    draw.rectangle((16, 16, width - 17, height - 17), outline=SEAL_RED, width=6)
    draw.rectangle((30, 30, width - 31, height - 31), outline=SEAL_RED, width=2)
    _centred_text(draw, 60, caption, _font(30), SEAL_RED, width)
    digest = hashlib.sha256(seed.encode()).digest()
    for line in range(8):
        length = 320 + digest[line] % 300
        y = 140 + line * 36
        draw.rectangle((90, y, 90 + length, y + 10), fill=(110, 110, 110))
    sx, sy, r = width - 180, height - 150, 78
    draw.ellipse((sx - r, sy - r, sx + r, sy + r), outline=SEAL_RED, width=6)
    star = [(sx, sy - 34), (sx + 10, sy - 10), (sx + 34, sy - 10), (sx + 14, sy + 6), (sx + 22, sy + 30)]
    star += [(sx, sy + 16), (sx - 22, sy + 30), (sx - 14, sy + 6), (sx - 34, sy - 10), (sx - 10, sy - 10)]
    draw.polygon(star, fill=SEAL_RED)
    _centred_text(draw, height - 70, "DEMO  ZHICHENG", _font(18), (150, 150, 150), width)
    buffer = io.BytesIO()
    if fmt == "png":
        image.save(buffer, "PNG", optimize=True)
    else:
        image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _pdf_text(text: str) -> str:
    """A PDF string for the UniGB-UCS2-H encoding: the text's UTF-16BE code units, in hex."""
    return "<" + text.encode("utf-16-be").hex().upper() + ">"


def demo_pdf(*, heading: str, lines: tuple[str, ...]) -> bytes:
    """A one-page A4 PDF 1.4 (heading, text lines, a red frame, a demo footer), Chinese text in
    STSong-Light; nothing a reader runs (no scripts, no actions)."""
    ops = ["0.69 0.13 0.13 RG", "2 w", "40 40 515 762 re S", "BT", "/F1 20 Tf", "72 750 Td"]
    ops += [f"{_pdf_text(heading)} Tj", "/F1 12 Tf", "0 -44 Td", "22 TL"]
    ops += [f"{_pdf_text(line)} '" if line else "T*" for line in lines]
    ops += ["ET", "BT", "/F1 10 Tf", "72 60 Td", f"{_pdf_text('（演示数据 DEMO）')} Tj", "ET"]
    content = "\n".join(ops).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
        b"/FontDescriptor 7 0 R /DW 1000 /W [1 95 500] >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


CONTENT_TYPES = {
    "jpeg": ("jpg", "image/jpeg"),
    "png": ("png", "image/png"),
    "pdf": ("pdf", "application/pdf"),
}


def demo_upload(demo_file: DemoFile, *, seed: str) -> SimpleUploadedFile:
    """The file as an upload (what a browser would send), for attachments.services."""
    extension, content_type = CONTENT_TYPES[demo_file.fmt]
    if demo_file.fmt == "pdf":
        content = demo_pdf(heading=demo_file.heading, lines=demo_file.lines)
    else:
        content = demo_scan(caption=demo_file.heading, fmt=demo_file.fmt, seed=f"{seed}:{demo_file.title}")
    return SimpleUploadedFile(f"demo.{extension}", content, content_type=content_type)


# --- loading -------------------------------------------------------------------------------------


@dataclass
class DemoResult:
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # could not be made now (a window is closed)


def _find_office(name: str, branch: str) -> Organisation | None:
    qs = Organisation.objects.filter(kind=OrgKind.DISTRICT_BUREAU, name=name)
    return qs.filter(branch=branch).first() or qs.order_by("sort_order", "id").first()


def _find_department(name: str) -> Organisation | None:
    found = Organisation.objects.filter(kind=OrgKind.DEPARTMENT, name=name).first()
    if found:
        return found
    for org in Organisation.objects.filter(kind=OrgKind.DEPARTMENT):
        if name in (org.aliases or []):
            return org
    return None


def _city_bureau() -> Organisation | None:
    return (
        Organisation.objects.filter(ref=CITY_BUREAU_REF).first()
        or Organisation.objects.filter(kind=OrgKind.CITY_BUREAU).order_by("id").first()
    )


def check_catalogue() -> list[str]:
    """What load_demo needs from `load_catalog`; returns the missing items (empty: all there)."""
    missing = []
    if _city_bureau() is None:
        missing.append("市人社局（city-bureau）")
    offices = {unit.office for unit in UNITS} | {WUHUA_OFFICE}
    for name, branch in sorted(offices):
        if _find_office(name, branch) is None:
            missing.append(name)
    for name in (DEPT_INDUSTRY, DEPT_HEALTH, DEPT_EDUCATION):
        if _find_department(name) is None:
            missing.append(name)
    for name in (*WINDOW_COMMITTEES,):
        if not Committee.objects.filter(name=name).exists():
            missing.append(name)
    return missing


def _get_or_create_user(result: DemoResult, username: str, label: str, **fields) -> User:
    user = User.objects.filter(username=username).first()
    if user is not None:
        result.existing.append(label)
        return user
    user = User(username=username, **fields)
    user.set_password(DEMO_PASSWORD)
    user.save()
    result.created.append(label)
    return user


def _staff_binding(staff: DemoStaff) -> dict:
    if staff.org_kind == "city_bureau":
        return {"organisation": _city_bureau()}
    if staff.org_kind == "department":
        return {"organisation": _find_department(staff.org_name)}
    if staff.org_kind == "district_bureau":
        return {"organisation": _find_office(*staff.org_name)}
    if staff.org_kind == "committee":
        return {"committee": Committee.objects.get(name=staff.org_name)}
    return {}


def demo_today(now: datetime | None = None) -> date:
    """Today in Beijing time (the calendar of windows and application years)."""
    return (now or timezone.now()).astimezone(CALENDAR_TZ).date()


def _window_times(today: date) -> tuple[datetime, datetime]:
    """Opens at 00:00 yesterday, closes at 24:00 of the WINDOW_DAYS-th day from today (Beijing
    time); both kept inside today's year, as windows.window_set requires of a year's window."""
    opens = max(day_start(today - timedelta(days=1)), day_start(date(today.year, 1, 1)))
    closes = min(day_start(today + timedelta(days=WINDOW_DAYS + 1)), day_start(date(today.year + 1, 1, 1)))
    return opens, closes


def _service_error_text(exc: ServiceError) -> str:
    details = [message for messages in exc.errors.values() for message in messages if message != exc.detail]
    return exc.detail + ("（" + "；".join(details) + "）" if details else "")


def _demo_user(name: str) -> User:
    person = next(p for p in APPLICANTS if p.name == name)
    return User.objects.select_related("organisation").get(username=person.id_number)


def _touched(user: User) -> bool:
    """Whether the applicant already has anything of issue 3 (then load_demo leaves it alone)."""
    if Application.objects.filter(applicant=user).exists():
        return True
    if Attachment.objects.filter(owner=user).exists():
        return True
    if DossierEntry.objects.filter(dossier__user=user).exists():
        return True
    dossier = Dossier.objects.filter(user=user).first()
    return dossier is not None and any(getattr(dossier, key) not in (None, "") for key in BASIC_REQUIRED)


def fill_dossier(
    user: User,
    *,
    basic: dict,
    entries: tuple[tuple[str, dict], ...],
    files: tuple[DemoFile, ...],
    stored: list[str],
) -> None:
    """基本信息, the sections' entries and the attachments, through the dossier and attachments
    services (raises their ServiceError); each stored file's name is added to `stored`."""
    dossier_basic_update(user=user, **basic)
    first_entry: dict[str, int] = {}
    for section, data in entries:
        entry = dossier_entry_create(user=user, section=section, data=data)
        first_entry.setdefault(section, entry.pk)
    for demo_file in files:
        attachment = attachment_upload(
            user=user,
            kind=demo_file.kind,
            title=demo_file.title,
            uploaded_file=demo_upload(demo_file, seed=user.username),
            entry_id=first_entry[demo_file.entry] if demo_file.entry else None,
        )
        stored.append(attachment.file.name)


def _load_application(result: DemoResult, spec: DemoApplication, *, year: int, stored: list[str]) -> None:
    """One demo application through the services, as the applicant would make it on the pages."""
    user = _demo_user(spec.applicant)
    label = f"{spec.applicant}的{year}年申报（{spec.promise}）"
    if _touched(user):
        result.existing.append(label)
        return
    committee = Committee.objects.get(name=spec.committee)
    if not window_is_open(committee=committee):
        result.skipped.append(f"{label}：{committee.name}{year}年网上申报时间未开放，未创建。")
        return
    try:
        fill_dossier(user, basic=spec.basic, entries=spec.entries, files=spec.files, stored=stored)
        if spec.photo:
            photo = demo_photo(seed=user.username, hair=spec.hair)
            attachment = photo_upload(
                user=user, uploaded_file=SimpleUploadedFile("photo.jpg", photo, content_type="image/jpeg")
            )
            stored.append(attachment.file.name)
        series = Series.objects.get(name=spec.series)
        track = series.tracks.order_by("order", "id").first()
        title = Title.objects.get(track=track, level=spec.level)
        application = application_save_cover(
            user=user,
            year=year,
            kind=ApplicationKind.PROMOTION,
            series_id=series.pk,
            track_id=track.pk,
            specialty=spec.specialty,
            level=spec.level,
            title_id=title.pk,
            committee_id=committee.pk,
        )
        if spec.submit:
            application_submit(application_id=application.pk, actor=user)
    except ServiceError as exc:
        raise DemoRefused(f"演示申报“{label}”未能创建：{_service_error_text(exc)}") from exc
    result.created.append(label)


def demo_load() -> DemoResult:
    """Create the demo data set (see the module docstring). Raises DemoRefused when it cannot run."""
    if is_production():
        raise DemoRefused("当前为生产环境配置，禁止加载演示数据（演示账号的密码是公开的）。")
    missing = check_catalogue()
    if missing:
        raise DemoRefused(
            "基础数据尚未加载，缺少："
            + "、".join(missing)
            + "。请先运行 python manage.py load_catalog，再运行 load_demo。"
        )
    result = DemoResult()
    stored: list[str] = []  # files written to the storage (deleted again if the load fails)
    try:
        with transaction.atomic():
            _load(result, stored)
    except BaseException:
        storage = Attachment._meta.get_field("file").storage
        for name in stored:
            storage.delete(name)
        raise
    return result


def _load(result: DemoResult, stored: list[str]) -> None:
    from public.models import Notice

    for staff in STAFF:
        _get_or_create_user(
            result,
            staff.username,
            f"{staff.username}（{Role(staff.role).label}）",
            role=staff.role,
            name=staff.name,
            phone=staff.phone,
            is_staff=staff.superuser,
            is_superuser=staff.superuser,
            **_staff_binding(staff),
        )

    units: dict[str, Organisation] = {}
    for spec in UNITS:
        unit = (
            Organisation.objects.filter(credit_code=spec.credit_code).first()
            or Organisation.objects.filter(kind__in=[OrgKind.UNIT, OrgKind.AGENCY], name=spec.name).first()
        )
        if unit is None:
            department = next(
                (d for d in (_find_department(n) for n in spec.department) if d is not None), None
            )
            unit = Organisation.objects.create(
                kind=OrgKind.AGENCY if spec.ownership == Ownership.AGENCY else OrgKind.UNIT,
                name=spec.name,
                credit_code=spec.credit_code,
                ownership=spec.ownership,
                district=_find_office(*spec.office),
                department=department,
                head_name=spec.head_name,
                head_phone=spec.head_phone,
                phone=spec.phone,
            )
            result.created.append(spec.name)
        else:
            result.existing.append(spec.name)
        units[spec.username] = unit
        _get_or_create_user(
            result,
            spec.username,
            f"{spec.username}（{spec.name}单位管理员）",
            role=Role.UNIT_ADMIN,
            name=spec.head_name,
            phone=spec.head_phone,
            organisation=unit,
        )

    for person in APPLICANTS:
        locked = {"locked_at": timezone.now(), "failed_login_count": 4} if person.locked else {}
        _get_or_create_user(
            result,
            person.id_number,
            f"申报人 {person.name}",
            role=Role.APPLICANT,
            name=person.name,
            id_number=person.id_number,
            phone=person.phone,
            organisation=units.get(person.unit),
            **locked,
        )

    support = User.objects.get(username="support")
    today = demo_today()
    year = current_year()
    for title, body in notices(year):
        if Notice.objects.filter(title=title).exists():
            result.existing.append(f"通知：{title}")
        else:
            Notice.objects.create(title=title, body=body, created_by=support)
            result.created.append(f"通知：{title}")

    # Rules 6 and 7 hold: windows are set through the committee offices' own service (as support,
    # who may set any committee's); a year's window that exists, open or closed, is left alone.
    opens_at, closes_at = _window_times(today)
    for name in WINDOW_COMMITTEES:
        committee = Committee.objects.get(name=name)
        label = f"{name} {year}年网上申报时间"
        if CommitteeWindow.objects.filter(committee=committee, year=year).exists():
            result.existing.append(label)
            continue
        try:
            window_set(
                actor=support,
                committee=committee,
                year=year,
                opens_at=opens_at,
                closes_at=closes_at,
                meeting_month=closing_month(closes_at),  # rule 8: the demo committees meet as it closes
            )
        except ServiceError as exc:
            raise DemoRefused(f"{label}未能设置：{_service_error_text(exc)}") from exc
        result.created.append(label)

    from .demo_routes import load_routes  # issue 11: a 初级 committee, a freelancer

    load_routes(result, year=year, support=support, opens_at=opens_at, closes_at=closes_at)

    for spec in demo_applications(year):
        _load_application(result, spec, year=year, stored=stored)

    from .demo_paths import load_paths  # issue 6; demo_paths builds on this module

    load_paths(result, units=units, year=year, stored=stored)


# --- the account table ---------------------------------------------------------------------------


def demo_account_rows() -> list[tuple[str, str, str, str]]:
    """(角色, 用户名, 说明, 密码) for every demo account that exists in this database; the issue 6
    applicants (demo_paths) after the others, each with its application and where it stands."""
    from .demo_paths import PATH_APPLICANTS, path_application_text
    from .demo_routes import account_rows

    rows: list[tuple[str, str, str, str]] = []
    users = {
        u.username: u
        for u in User.objects.filter(username__in=_demo_usernames())
        .select_related("organisation", "committee")
        .prefetch_related("organisation__senior_delegated_series")
    }
    for staff in STAFF:
        user = users.get(staff.username)
        if user:
            rows.append((user.get_role_display(), user.username, staff.what, DEMO_PASSWORD))
    for spec in UNITS:
        user = users.get(spec.username)
        if user:
            unit = user.organisation
            what = f"{unit.name}（{unit.get_ownership_display()}）" if unit else spec.name
            delegated = "、".join(s.name for s in unit.senior_delegated_series.all()) if unit else ""
            if delegated:  # seed question 16 (3), set by the city bureau
                document = f"（{unit.senior_delegation_document}）" if unit.senior_delegation_document else ""
                what += f"，已下放{delegated}系列高级职称评审权限{document}"
            rows.append((user.get_role_display(), user.username, what, DEMO_PASSWORD))
    for person in [*APPLICANTS, *PATH_APPLICANTS]:
        user = users.get(person.id_number)
        if user:
            unit = user.organisation.name if user.organisation else "未选择单位"
            state = "，账号已锁定" if user.is_locked else ""
            what = f"{user.name}，手机 {user.phone}，{unit}{state}"
            if person in PATH_APPLICANTS:
                what += f"；{path_application_text(user)}"
            rows.append((user.get_role_display(), user.username, what, DEMO_PASSWORD))
    rows += account_rows(users)
    return rows


def demo_application_state(application: Application) -> str:
    """Where a demo application stands, in the words demo_accounts prints."""
    if application.status in (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED):
        prefix = "返回修改，" if application.status == ApplicationStatus.RETURNED else ""
        if not Dossier.objects.filter(user=application.applicant_id).exists():
            return f"{prefix}{STATE_INCOMPLETE}"  # read only: no dossier is created here
        missing = application_missing(application=application)
        if not missing:
            return f"{prefix}{STATE_READY}"
        return f"{prefix}{STATE_INCOMPLETE}（申报页有 {len(missing)} 项“去完善”）"
    if application.status == ApplicationStatus.IN_REVIEW:
        step = application.current_step
        if step is None:
            return "已提交，审核中"
        if step.kind == StepKind.UNIT and application.committee_id is None:
            return f"已提交，{STATE_ASSESSMENT}"  # decision 0007: the employer's assessment
        # The step's name as shown everywhere (a 高级 confirmation's provincial step has no committee).
        return f"已提交，{step_kind_label(step.kind, has_committee=step.committee_id is not None)}中"
    return application.get_status_display()


def demo_application_rows(*, year: int | None = None) -> list[tuple[str, str, str, str, str]]:
    """(申报人, 用户名, 手机, 申报, 状态) of the demo applicants' applications of `year` (the current
    application year by default): the three of DEMO_APPLICATIONS first, then any others (the
    issue 6 applicants' last)."""
    from .demo_paths import PATH_APPLICANTS

    year = year or current_year()
    by_name = {p.name: p.id_number for p in [*APPLICANTS, *PATH_APPLICANTS]}
    first = [by_name[spec.applicant] for spec in demo_applications(year)]
    order: dict[str, int] = {}
    for username in [*first, *by_name.values()]:
        order.setdefault(username, len(order))
    applications = (
        Application.objects.filter(applicant__username__in=list(by_name.values()), year=year)
        .select_related(
            "applicant",
            "title",
            "committee",
            "current_step",
            "recognition__office",
            "confirmation__office",
            "postdoc__office",
        )
        .order_by("created_at", "id")
    )
    rows = []
    for application in sorted(applications, key=lambda a: order[a.applicant.username]):
        user = application.applicant
        if application.committee_id:
            what = f"{application.title.name}（{application.committee.name}）"
        else:  # 考核认定 / 职称确认 / 博士后认定: "考核认定（五华区人力资源和社会保障局）"
            what = f"{application.title.name}，{application.committee_label}"
        rows.append((user.name, user.username, user.phone, what, demo_application_state(application)))
    return rows


def _demo_usernames() -> list[str]:
    from .demo_paths import PATH_APPLICANTS
    from .demo_routes import routes_usernames

    people = [*APPLICANTS, *PATH_APPLICANTS]
    usernames = [s.username for s in STAFF] + [u.username for u in UNITS] + [a.id_number for a in people]
    return usernames + routes_usernames()


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def format_table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> str:
    widths = [max(_width(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    out = [line, "| " + " | ".join(_pad(h, w) for h, w in zip(header, widths, strict=True)) + " |", line]
    for row in rows:
        out.append("| " + " | ".join(_pad(str(c), w) for c, w in zip(row, widths, strict=True)) + " |")
    out.append(line)
    return "\n".join(out)
