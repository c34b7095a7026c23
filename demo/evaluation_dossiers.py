"""The dossiers of the evaluation round's applicants (demo.evaluation_specs), modelled on 陈静's
(demo.promotion_ready): every required section and attachment, built from a few facts; only the
five years of 年度考核 follow the year."""

from __future__ import annotations

from attachments.models import AttachmentKind
from catalog.models import Level
from dossier.models import EmploymentForm

from .evaluation_specs import STATE_ROUND, RoundApplicant
from .files import DemoFile
from .people import COMMITTEE_MECH
from .promotion_ready import CHEN_UNIT
from .promotion_specs import DemoApplication, annual_file, assessments, pledge


def _summary(p: RoundApplicant) -> str:
    return (
        f"本人{p.graduated}年7月毕业于{p.school}{p.major}专业，先后在{p.earlier_employer}、{CHEN_UNIT}"
        f"从事专业技术工作，{p.assistant_on[:4]}年取得助理工程师资格。\n"
        f"任现职以来，本人{p.work}。作为主要技术人员完成了{p.project}等项目：{p.results}\n"
        f"本人注重总结工程实践，以第一作者在《{p.journal}》发表论文《{p.paper}》；"
        "按规定参加继续教育，近五年年度考核均为合格以上。今后将继续提高解决复杂工程问题的能力。"
    )


def _entries(p: RoundApplicant, year: int) -> tuple[tuple[str, dict], ...]:
    appointed = f"{int(p.assistant_on[:4]) + 1}-01-01"
    return (
        (
            "current_titles",
            {
                "series": "工程技术",
                "title_name": "助理工程师",
                "level": Level.ASSISTANT,
                "obtained_on": p.assistant_on,
                "certificate_no": p.certificate_no,
                "issuer": "昆明市人力资源和社会保障局",
                "appointed": True,
                "appointed_on": appointed,
            },
        ),
        (
            "education",
            {
                "school": p.school,
                "major": p.major,
                "education": "本科",
                "degree": "学士",
                "study_mode": "全日制",
                "start": f"{p.graduated - 4}-09",
                "end": f"{p.graduated}-07",
                "technical_class": "无",
            },
        ),
        (
            "work",
            {
                "start": f"{p.graduated}-07",
                "end": "2016-06",
                "employer": p.earlier_employer,
                "post": "技术员",
                "professional": True,
                "seconded": False,
                "witness": p.witness,
            },
        ),
        (
            "work",
            {
                "start": "2016-07",
                "employer": CHEN_UNIT,
                "post": p.post,
                "professional": True,
                "seconded": False,
                "witness": p.witness,
            },
        ),
        ("work_summary", {"summary": _summary(p)}),
        (
            "main_work",
            {
                "start": "2023-03",
                "end": "2024-09",
                "name": p.project,
                "role": f"主要技术人员，{p.work}",
                "results": p.results,
            },
        ),
        (
            "papers",
            {
                "title": p.paper,
                "journal": p.journal,
                "journal_number": p.journal_number,
                "published_on": "2024-06",
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
                "name": f"{p.specialty}新技术专业科目培训",
                "organiser": "昆明理工大学继续教育学院",
                "hours": "42",
                "kind": "专业技术培训",
            },
        ),
        *assessments(year, CHEN_UNIT, excellent=p.excellent),
    )


def _files(p: RoundApplicant, year: int) -> tuple[DemoFile, ...]:
    appointed = int(p.assistant_on[:4]) + 1
    return (
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
                f"滇云机电〔{appointed}〕2号",
                "公司各部门：",
                f"经研究，决定聘任{p.name}同志为助理工程师，聘期自{appointed}年1月1日起。",
                "",
                f"{CHEN_UNIT}（盖章）",
                f"{appointed}年1月1日",
            ),
        ),
        annual_file(p.name, CHEN_UNIT, year),
        DemoFile(
            AttachmentKind.CONTINUING_EDUCATION, "继续教育学时证明", "png", "CONTINUING EDUCATION RECORD"
        ),
        DemoFile(
            AttachmentKind.ACHIEVEMENTS,
            f"论文-{p.paper}",
            "pdf",
            p.paper,
            (
                f"{p.name}（{CHEN_UNIT}，云南 昆明 650000）",
                f"《{p.journal}》2024年第6期",
                "",
                f"摘要：{p.results}",
            ),
        ),
        pledge(p.name, CHEN_UNIT, year),
    )


def engineer_application(p: RoundApplicant, year: int) -> DemoApplication:
    """`p`'s application of `year` for 工程师 at the demo committee, complete and ready to submit."""
    return DemoApplication(
        applicant=p.name,
        promise=STATE_ROUND,
        committee=COMMITTEE_MECH,
        series="工程技术",
        level=Level.INTERMEDIATE,
        specialty=p.specialty,
        basic={
            "work_start_date": f"{p.graduated}-07-01",
            "professional_start_date": f"{p.graduated}-07-01",
            "employment_form": EmploymentForm.CONTRACT,
            "current_post": p.post,
            "is_civil_servant": False,
            "original_retirement_age": 55 if int(p.id_number[16]) % 2 == 0 else 60,
        },
        entries=_entries(p, year),
        files=_files(p, year),
        submit=True,
    )
