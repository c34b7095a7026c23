"""The demo's applications of the kinds no committee decides (issue 6, docs/decisions/0007): the
people and their data, loaded by demo.paths:

- 马晓宇, a 本科 graduate hired at 昆明滇云机电科技有限公司 (unit3, 非公) about two years ago, with a
  submitted 考核认定 (助理工程师) at its unit step: `unit3` sees 用人单位考核 in 申报审核; after it,
  五华区人社局 (`district`) recognises the title.
- unit3 holds the province's delegated senior review authority for 工程技术 (seed question 16 (3);
  the city bureau sets it in the admin, so the demo writes it on the unit, once).
- 郭建平, moved from 四川, with a submitted 高级 职称确认 (高级工程师) at unit3: its route is the unit
  alone; 罗佳, moved from 贵州, with a submitted 中级 职称确认 (工程师) at unit3: unit → 五华区人社局 →
  市人社局 (`city`), the delegation concerning 高级 only.
- 林博文, an enterprise postdoc (a doctorate in 学历情况) at 昆明西山智造工程有限公司 (unit4, 非公, its
  credit code 91…), with a complete 博士后认定 draft, not submitted: he sees the form filled and may
  press 提交 himself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from applications.models import ApplicationKind
from attachments.models import AttachmentKind
from catalog.models import Level
from core.dates import date_label
from dossier.models import EmploymentForm
from recognition.models import HeldTitleSource, HiringDocument

from .common import id_number
from .files import DemoFile
from .people import DemoApplicant

# --- the data ------------------------------------------------------------------------------------

PATH_APPLICANTS: list[DemoApplicant] = [
    DemoApplicant("马晓宇", id_number("530102", "20020315", 151), "13900000113", "unit3"),
    DemoApplicant("郭建平", id_number("510104", "19760520", 131), "13900000114", "unit3"),
    DemoApplicant("罗佳", id_number("520102", "19890902", 142), "13900000115", "unit3"),
    DemoApplicant("林博文", id_number("530102", "19900118", 161), "13900000116", "unit4"),
]

# Seed question 16 (3): the unit to which the province delegated the senior review of a series.
DELEGATED_UNIT = "unit3"
DELEGATED_SERIES = "工程技术"
DELEGATION_DOCUMENT = "云人社发〔2020〕58号"

UNIT3 = "昆明滇云机电科技有限公司"
UNIT4 = "昆明西山智造工程有限公司"
STATION = f"{UNIT4}博士后科研工作站"
SERIES = "工程技术"


@dataclass(frozen=True)
class PathApplication:
    applicant: str  # the applicant's name in PATH_APPLICANTS
    kind: str  # ApplicationKind: recognition / confirmation / postdoc
    series: str
    specialty: str
    facts: dict  # the kind's save arguments besides user, series, track and specialty
    basic: dict
    entries: tuple[tuple[str, dict], ...]
    files: tuple[DemoFile, ...]
    submit: bool = False


def _education(school: str, major: str, education: str, degree: str, start: str, end: str) -> tuple:
    return (
        "education",
        {
            "school": school,
            "major": major,
            "education": education,
            "degree": degree,
            "study_mode": "全日制",
            "start": start,
            "end": end,
            "technical_class": "无",
        },
    )


def _work(start: str, employer: str, post: str, witness: str, end: str = "") -> tuple:
    data = {"start": start, "employer": employer, "post": post, "professional": True, "seconded": False}
    return ("work", {**data, "witness": witness, **({"end": end} if end else {})})


def _id_card() -> DemoFile:
    return DemoFile(AttachmentKind.ID_CARD, "居民身份证（正反面）", "jpeg", "RESIDENT ID CARD")


def _trial(name: str, post: str, transferred: date) -> DemoFile:
    return DemoFile(
        AttachmentKind.TRIAL_ASSESSMENT,
        "试用期考核登记表",
        "pdf",
        "试用期满考核登记表",
        (
            f"姓名：{name}    单位：{UNIT3}",
            f"岗位：{post}",
            f"劳动合同签订日期：{date_label(transferred)}，试用期六个月。",
            "考核意见：试用期内能胜任本岗位工作，考核合格。",
            "",
            f"{UNIT3}（盖章）",
        ),
    )


def path_applications(year: int) -> list[PathApplication]:
    """The four issue 6 applications of `year` (the current application year): fixed data; the
    graduate's hiring and the transfers follow the year (hired in November two years before, moved
    in March and June of the year before), so rules 14 and 17 are met whenever the demo is loaded."""
    hired = date(year - 2, 11, 1)
    senior_moved, intermediate_moved = date(year - 1, 3, 1), date(year - 1, 6, 15)
    return [
        PathApplication(
            applicant="马晓宇",
            kind=ApplicationKind.RECOGNITION,
            series=SERIES,
            specialty="机械设计制造及其自动化",
            facts={
                "schooling": "benke",
                "hired_on": hired.isoformat(),
                "hiring_document": HiringDocument.RECRUITMENT_FORM,
            },
            basic={
                "work_start_date": hired.isoformat(),
                "professional_start_date": hired.isoformat(),
                "employment_form": EmploymentForm.CONTRACT,
                "current_post": "机械设计技术员",
                "is_civil_servant": False,
                "original_retirement_age": 60,
            },
            entries=(
                _education(
                    "昆明理工大学",
                    "机械设计制造及其自动化",
                    "本科",
                    "学士",
                    f"{year - 6}-09",
                    f"{year - 2}-07",
                ),
                _work(f"{year - 2}-11", UNIT3, "机械设计技术员", "孙立新"),
            ),
            files=(
                _id_card(),
                DemoFile(
                    AttachmentKind.DIPLOMA, "学历学位证书-本科", "jpeg", "DIPLOMA AND DEGREE - BACHELOR"
                ),
                DemoFile(
                    AttachmentKind.HIRING_FORM,
                    "云南省招工录用登记表",
                    "pdf",
                    "云南省招工录用登记表",
                    (
                        "姓名：马晓宇    性别：男    学历：本科（学士）",
                        f"毕业学校：昆明理工大学    毕业时间：{year - 2}年7月",
                        f"录用单位：{UNIT3}",
                        f"录用日期：{date_label(hired)}    岗位：机械设计技术员",
                        "",
                        f"{UNIT3}（盖章）    五华区人力资源和社会保障局（备案）",
                    ),
                ),
            ),
            submit=True,
        ),
        PathApplication(
            applicant="郭建平",
            kind=ApplicationKind.CONFIRMATION,
            series=SERIES,
            specialty="机械工程（机电设备）",
            facts={
                "level": Level.SENIOR_ASSOCIATE,
                "obtained_on": "2015-12-28",
                "issuer": "四川省人力资源和社会保障厅",
                "source": HeldTitleSource.OTHER_PROVINCE,
                "certificate_no": "SC2015GJ0318",
                "transferred_on": senior_moved.isoformat(),
                "assessment_passed": "yes",
                "exam_only": "no",
            },
            basic={
                "work_start_date": "1998-07-01",
                "professional_start_date": "1998-07-01",
                "employment_form": EmploymentForm.CONTRACT,
                "current_post": "主任工程师（机电设备研发）",
                "is_civil_servant": False,
                "original_retirement_age": 60,
            },
            entries=(
                _education("西南交通大学", "机械设计制造及其自动化", "本科", "学士", "1994-09", "1998-07"),
                (
                    "current_titles",
                    {
                        "series": SERIES,
                        "title_name": "高级工程师",
                        "level": Level.SENIOR_ASSOCIATE,
                        "obtained_on": "2015-12-28",
                        "certificate_no": "SC2015GJ0318",
                        "issuer": "四川省人力资源和社会保障厅",
                        "appointed": True,
                        "appointed_on": "2016-01-01",
                    },
                ),
                _work(
                    "1998-07",
                    "成都蜀电机电设备有限公司",
                    "机电工程师、高级工程师",
                    "王志强",
                    end=f"{year - 1}-02",
                ),
                _work(f"{year - 1}-03", UNIT3, "主任工程师（机电设备研发）", "孙立新"),
            ),
            files=(
                _id_card(),
                DemoFile(
                    AttachmentKind.TITLE_CERTIFICATE,
                    "高级工程师资格证书（四川省）",
                    "jpeg",
                    "TITLE CERTIFICATE",
                ),
                _trial("郭建平", "主任工程师（机电设备研发）", senior_moved),
            ),
            submit=True,
        ),
        PathApplication(
            applicant="罗佳",
            kind=ApplicationKind.CONFIRMATION,
            series=SERIES,
            specialty="电气工程",
            facts={
                "level": Level.INTERMEDIATE,
                "obtained_on": "2019-12-20",
                "issuer": "贵阳市人力资源和社会保障局",
                "source": HeldTitleSource.OTHER_PROVINCE,
                "certificate_no": "GY2019ZJ1126",
                "transferred_on": intermediate_moved.isoformat(),
                "assessment_passed": "yes",
                "exam_only": "no",
            },
            basic={
                "work_start_date": "2012-07-01",
                "professional_start_date": "2012-07-01",
                "employment_form": EmploymentForm.CONTRACT,
                "current_post": "电气工程师",
                "is_civil_servant": False,
                "original_retirement_age": 55,
            },
            entries=(
                _education("贵州大学", "电气工程及其自动化", "本科", "学士", "2008-09", "2012-07"),
                (
                    "current_titles",
                    {
                        "series": SERIES,
                        "title_name": "工程师",
                        "level": Level.INTERMEDIATE,
                        "obtained_on": "2019-12-20",
                        "certificate_no": "GY2019ZJ1126",
                        "issuer": "贵阳市人力资源和社会保障局",
                        "appointed": True,
                        "appointed_on": "2020-01-01",
                    },
                ),
                _work(
                    "2012-07",
                    "贵州黔源电力设备有限公司",
                    "电气技术员、电气工程师",
                    "杨光明",
                    end=f"{year - 1}-05",
                ),
                _work(f"{year - 1}-06", UNIT3, "电气工程师", "孙立新"),
            ),
            files=(
                _id_card(),
                DemoFile(
                    AttachmentKind.TITLE_CERTIFICATE, "工程师资格证书（贵州省）", "jpeg", "TITLE CERTIFICATE"
                ),
                _trial("罗佳", "电气工程师", intermediate_moved),
            ),
            submit=True,
        ),
        PathApplication(
            applicant="林博文",
            kind=ApplicationKind.POSTDOC,
            series=SERIES,
            specialty="机械工程（智能制造）",
            facts={
                "exit_on": "2021-08-31",
                "station": STATION,
                "funded": "yes",
                "funding_reference": "2019M653512",
                "led_project": "no",
                "project_name": "",
                "stays": "yes",
            },
            basic={
                "work_start_date": "2018-09-01",
                "professional_start_date": "2018-09-01",
                "employment_form": EmploymentForm.CONTRACT,
                "current_post": "研发中心副主任（智能制造）",
                "is_civil_servant": False,
                "original_retirement_age": 60,
            },
            entries=(
                _education("昆明理工大学", "机械设计制造及其自动化", "本科", "学士", "2008-09", "2012-07"),
                _education("华中科技大学", "机械工程", "博士研究生", "博士", "2012-09", "2018-06"),
                _work("2018-09", STATION, "博士后研究人员", "李卫东", end="2021-08"),
                _work("2021-09", UNIT4, "研发中心副主任（智能制造）", "李卫东"),
            ),
            files=(
                _id_card(),
                DemoFile(AttachmentKind.DIPLOMA, "学历学位证书-博士", "jpeg", "DIPLOMA AND DEGREE - DOCTOR"),
                DemoFile(
                    AttachmentKind.POSTDOC_CERTIFICATE,
                    "博士后研究人员出站证明",
                    "pdf",
                    "博士后研究人员出站证明",
                    (
                        "林博文同志于2018年9月进入本工作站从事博士后研究工作，",
                        "研究方向：工业机器人视觉检测与智能装配，",
                        "经考核合格，准予于2021年8月31日出站。",
                        "",
                        f"{STATION}（盖章）",
                    ),
                ),
                DemoFile(
                    AttachmentKind.POSTDOC_ACHIEVEMENT,
                    "中国博士后科学基金资助证书",
                    "pdf",
                    "中国博士后科学基金资助证书",
                    (
                        "资助编号：2019M653512",
                        "林博文同志获中国博士后科学基金第66批面上资助。",
                        "",
                        "中国博士后科学基金会",
                    ),
                ),
            ),
        ),
    ]
