"""The facts of 基本信息 that seed questions 10 and 12 name, as rules.facts asks them: a move from
a 工勤技能 or management post to a professional post, and a major mismatch made good (rule 12).
The counted years they lead to are in dossier/service_years.py."""

from __future__ import annotations

from rules.facts import mismatch_made_good

MONTHS_PER_YEAR = 12


def moved_to_professional(dossier) -> bool:
    """Question 10: 基本信息 records a move from a 工勤技能 or management post, with its date."""
    return bool(dossier.moved_from_post) and dossier.post_changed_on is not None


def major_made_good(dossier) -> bool:
    """Rule 12: a 不相符 major made good by what 基本信息 records (months of study counted as years,
    so 12 months is 1 year)."""
    return mismatch_made_good(
        training_months=dossier.mismatch_training_months or 0,
        course_certificates=dossier.mismatch_course_certificates or 0,
        study_years=(dossier.mismatch_study_months or 0) / MONTHS_PER_YEAR,
        city_training=dossier.mismatch_city_training,
    )


def major_summary(dossier) -> str:
    """What 基本信息 records against rule 12, in words (for the refusal and the reviewers)."""
    parts = [
        f"专业培训累计{dossier.mismatch_training_months or 0}个月",
        f"本专业主要科目进修结业证书{dossier.mismatch_course_certificates or 0}门",
        f"大专院校本专业学习累计{dossier.mismatch_study_months or 0}个月",
        "参加了市级行业主管部门统一组织的业务培训"
        if dossier.mismatch_city_training
        else "未参加市级行业主管部门统一组织的业务培训",
    ]
    return "、".join(parts)
