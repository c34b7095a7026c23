"""Rule 19 (seed question 25): "同一年度内，申报人员不得同时向两个及以上同级评审委员会报送申报评审材料，
也不得将评审未通过的材料再送其他评审委员会评审".

The first half: a live application at a level and year blocks another one (also the partial
constraint `application_one_live_per_level_year`). The second half: materials a committee failed at
its evaluation go to no other committee that year — `failed_at_evaluation`, where the committee's
evaluation (issue 13) fixes as 评审未通过. An application ended before any committee's
decision (审核不通过, 视为放弃) bars nothing (decision 0008). Asked by `applications.eligibility.chances`."""

from __future__ import annotations

from core.sources import cite

from .models import ENDED_BEFORE_DECISION, Application, ApplicationStatus

# Rule 19's second half (seed question 25: "不得将评审未通过的材料再送其他评审委员会评审"): the
# status a committee's evaluation gives an application it failed (its meeting's fixed result,
# issue 13); a rejection at a review step before the committee decides is not one of them
# (decision 0008).
EVALUATION_FAILED_STATUSES: tuple[str, ...] = (ApplicationStatus.FAILED,)


def failed_at_evaluation(application: Application) -> bool:
    """Whether a committee has failed `application` at its evaluation (评审未通过), so that its
    materials may go to no other committee of the same level that year (rule 19's second half).
    The one place rule 19 asks it."""
    return application.status in EVALUATION_FAILED_STATUSES


def same_level_problems(
    *, user, level: str, year: int, application: Application | None
) -> list[tuple[str, str]]:
    """Rule 19: one committee per level per year (a live application of the same level and year
    blocks another), and materials a committee failed at its evaluation go nowhere else that year.
    An application ended before any committee's decision (审核不通过, 视为放弃) bars nothing
    (decision 0008), like the partial constraint `application_one_live_per_level_year`."""
    problems = []
    others = (
        Application.objects.filter(applicant=user, year=year, level=level)
        .exclude(status__in=ENDED_BEFORE_DECISION)
        .select_related("committee", "recognition__office", "confirmation__office", "postdoc__office")
    )
    if application is not None and application.pk:
        others = others.exclude(pk=application.pk)
    for other in others:
        if failed_at_evaluation(other):
            problems.append(
                (
                    "level",
                    f"您{year}年申报{other.get_level_display()}的材料经{other.committee_label}评审未通过，"
                    f"同一年度同一层级不得将评审未通过的材料再送其他评审委员会评审（{cite(19)}）。",
                )
            )
        elif other.committee_id is None:  # 考核认定, 职称确认, 博士后认定 (decision 0007)
            problems.append(
                (
                    "level",
                    f"您{year}年已申报{other.committee_label}{other.get_level_display()}，"
                    "同一年度同一层级只能申报一次。",
                )
            )
        else:
            problems.append(
                (
                    "level",
                    f"您{year}年已向{other.committee_label}申报{other.get_level_display()}，"
                    f"同一年度同一层级只能向一个评委会申报（{cite(19)}）。",
                )
            )
    return problems
