"""Other facts the seed names and their effect on eligibility: enterprise postdocs (rule 13, seed
question 13), 工勤 or management staff moved to a professional post (question 10), major mismatch
made good (rule 12, question 12). Secondment and service on a professional post (rule 11, question
11) live in dossier.rules.work_counts_for_service and are re-exported here, not repeated."""

from __future__ import annotations

from datetime import date

from catalog.models import Level
from core import rulebook
from core.errors import FieldErrors
from dossier.rules import work_counts_for_service

__all__ = [
    "mismatch_made_good",
    "postdoc_senior_direct",
    "service_start_for_level",
    "work_counts_for_service",
]

# Question 10 (3): 初级 (员级, 助理级) counts from the post change; 中级 and above from the appointment.
JUNIOR_LEVELS = (Level.ASSISTANT, Level.JUNIOR)

POSTDOC_ACHIEVEMENT_PROBLEM = "须获得中国博士后科学基金资助或主持省部级以上科研项目。"
POSTDOC_STAYS_PROBLEM = "须出站后继续留在企业工作。"


def postdoc_senior_direct(
    *, funded: bool, led_provincial_project: bool, stays: bool
) -> tuple[bool, list[str]]:
    """Rule 13 (question 13): an enterprise postdoc (企业博士后) funded by the China Postdoctoral
    Science Foundation or leading a provincial or national research project (主持省部级以上科研项目),
    who stays in the enterprise after leaving the station, may be recognised as 副高级 directly.
    Returns (whether, each unmet condition as a problem)."""
    problems = []
    if not (funded or led_provincial_project):
        problems.append(POSTDOC_ACHIEVEMENT_PROBLEM)
    if not stays:
        problems.append(POSTDOC_STAYS_PROBLEM)
    return not problems, problems


def service_start_for_level(*, level: str, post_changed_on: date, appointed_on: date | None) -> date | None:
    """Question 10 (3): for 工勤技能 or management staff of a public institution moved to a professional
    post, the years for a 初级 application (员级, 助理级) count from the post change fixed by the unit's
    official document (`post_changed_on`); for 中级 and above, the years at the level below count
    from the appointment with its pay (《事业单位工作人员岗位（职务）变动工资审批表》, `appointed_on`):
    None when that record is missing. `level` is the level applied for."""
    errors = FieldErrors()
    if level not in Level.values:
        errors.add("level", "职称层级只能是正高级、副高级、中级、助理级或员级。")
    errors.raise_if_any()
    if level in JUNIOR_LEVELS:
        return post_changed_on
    return appointed_on


def mismatch_made_good(
    *,
    training_months: int = 0,
    course_certificates: int = 0,
    study_years: float = 0,
    city_training: bool = False,
) -> bool:
    """Rule 12 (question 12): a degree in another major counts as the applied specialty after any
    one of: specialty training of half a year or more in total (累计半年以上: `training_months` >= 6),
    course-completion certificates in 3 or more main subjects of the major from a college (三门以上,
    专业证书班 included), study of the major at a college of 1 year or more in total (累计1年以上),
    or the business training organised by the city's competent department. "以上" includes the
    number itself, as in Chinese regulations. Industries with their own degree rules (除行业有学历
    专业规定外) are outside this function."""
    return (
        training_months >= rulebook.MISMATCH_TRAINING_MONTHS
        or course_certificates >= rulebook.MISMATCH_COURSE_CERTIFICATES
        or study_years >= rulebook.MISMATCH_STUDY_YEARS
        or bool(city_training)
    )
