"""The demo's submitted application, waiting at 单位审核 (issue 3): 张伟 of 昆明市春城人民医院
(unit1), 副高级 at 昆明市卫生技术高级职称评审委员会; only the five years of 年度考核
follow the year."""

from __future__ import annotations

from attachments.models import AttachmentKind
from catalog.models import Level
from dossier.models import EmploymentForm

from .files import DemoFile
from .people import COMMITTEE_HEALTH
from .promotion_specs import DemoApplication, annual_file, assessments, pledge
from .states import STATE_SUBMITTED

ZHANG_UNIT = "昆明市春城人民医院"

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


def submitted_application(year: int) -> DemoApplication:
    """张伟's application of `year` (the current application year): 已提交，单位审核中."""
    return DemoApplication(
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
            *assessments(year, ZHANG_UNIT, excellent=3),
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
            annual_file("张伟", ZHANG_UNIT, year),
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
            pledge("张伟", ZHANG_UNIT, year),
        ),
        photo=True,
        submit=True,
    )
