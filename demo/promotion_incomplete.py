"""The demo's half-filled draft (issue 3): 李娜 of 官渡区金马中学 (unit2), 一级教师 at
官渡区中小学教师中级职称评审委员会, whose 申报 page lists several 去完善 items."""

from __future__ import annotations

from attachments.models import AttachmentKind
from catalog.models import Level
from dossier.models import EmploymentForm

from .files import DemoFile
from .people import COMMITTEE_GUANDU_TEACHERS
from .promotion_specs import DemoApplication
from .states import STATE_INCOMPLETE

LI_UNIT = "官渡区金马中学"


def incomplete_application(year: int) -> DemoApplication:
    """李娜's application of `year` (the current application year): 资料未完成."""
    return DemoApplication(
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
    )
