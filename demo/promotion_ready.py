"""The demo's complete draft, ready to 提交 (issue 3): 陈静 of 昆明滇云机电科技有限公司 (unit3, 非公),
工程师 at 昆明市机电工程中级职称评审委员会, with every section, attachment and the rule 23 photo;
only the five years of 年度考核 follow the year."""

from __future__ import annotations

from attachments.models import AttachmentKind
from catalog.models import Level
from dossier.models import EmploymentForm

from .files import DemoFile
from .people import COMMITTEE_MECH
from .promotion_specs import DemoApplication, annual_file, assessments, pledge
from .states import STATE_READY

CHEN_UNIT = "昆明滇云机电科技有限公司"

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


def ready_application(year: int) -> DemoApplication:
    """陈静's application of `year` (the current application year): 资料齐全，可直接提交."""
    return DemoApplication(
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
            *assessments(year, CHEN_UNIT, excellent=2),
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
            annual_file("陈静", CHEN_UNIT, year),
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
            pledge("陈静", CHEN_UNIT, year),
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
    )
