"""The seed's other facts for a promotion or series-change review: a secondment still going
without duties in the own unit (rule 11), the appointment with its pay after a move from a 工勤技能
or management post (question 10), a major that does not match (rule 12)."""

from __future__ import annotations

from dossier.facts import major_made_good, major_summary, moved_to_professional
from dossier.service_years import current_secondment, work_entries
from rules.facts import JUNIOR_LEVELS

from .problem import Problem

SECONDMENT_REFUSAL = "借调人员未在本单位履行岗位职责的，不得以本单位名义申报职称。"
PAY_FORM = "《事业单位工作人员岗位（职务）变动工资审批表》"
# Rule 12 (seed question 12), the seed's words.
MISMATCH_NEEDS = (
    "毕业专业与所申报专业不相符的，须参加所从事专业的专业培训累计半年以上，或取得大专院校本专业"
    "主要科目三门以上进修结业证书（含专业证书班），或参加大专院校本专业学习累计1年以上，"
    "或参加市级行业主管部门统一组织的业务培训，方视为具备同专业能力要求。"
)


def secondment_problems(*, entries) -> list[Problem]:
    """Rule 11 (question 11 (1)): a secondment still going without duties in the own unit."""
    current = current_secondment(entries)
    if current is None:
        return []
    where = str(current.get("employer") or "").strip()
    since = str(current.get("start") or "").strip()
    detail = (
        f"您的工作经历中{since}起"
        + (f"借调至“{where}”" if where else "借调")
        + "尚未结束，且借调期间未承担本单位工作。"
    )
    return [Problem("__all__", detail + SECONDMENT_REFUSAL)]


def post_change_problems(*, dossier, level: str) -> list[Problem]:
    """Seed question 10 (3): moved from a 工勤技能 or management post, a 中级 or higher application
    counts the years from the appointment with its pay, which 基本信息 must record."""
    if not moved_to_professional(dossier) or level in JUNIOR_LEVELS or dossier.appointed_with_pay_on:
        return []
    moved = dossier.get_moved_from_post_display()
    return [
        Problem(
            "__all__",
            f"您由{moved}转到专业技术岗位，申报评审中、高级职称的，需提供{PAY_FORM}，"
            "下一级专业技术职务的履职年限以取得职称资格受聘并享有相应职务工资时间起算："
            "请在基本信息中填写该时间，并上传该审批表。",
        )
    ]


def major_problems(*, dossier) -> list[Problem]:
    """Rule 12 (question 12): a major that does not match, not made good, is refused."""
    if dossier.major_matches or major_made_good(dossier):
        return []
    return [
        Problem(
            "__all__",
            f"{MISMATCH_NEEDS}您在基本信息中填写的：{major_summary(dossier)}，尚未达到。",
        )
    ]


def facts_issues(*, dossier, level: str, entries=None) -> list[Problem]:
    """The seed's other facts for a promotion or series-change review: secondment (rule 11), the
    appointment with its pay after a post change (question 10), the major (rule 12)."""
    entries = entries if entries is not None else work_entries(dossier=dossier)
    return [
        *secondment_problems(entries=entries),
        *post_change_problems(dossier=dossier, level=level),
        *major_problems(dossier=dossier),
    ]
