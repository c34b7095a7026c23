"""How often a person may apply in a year: one application per level and year (rule 19,
applications/same_level.py; decision 0008) and the returns and resets of the year (rule 20)."""

from __future__ import annotations

from core import rulebook

from ..models import Application, ReviewEvent
from ..same_level import same_level_problems
from .problem import Problem

# Rule 20 counts these ReviewEvent actions together.
RETURN_AND_RESET_ACTIONS = ("return", "reset")


def returns_used_count(*, user, year: int) -> int:
    """Rule 20: returns and resets together on the person's applications of that year."""
    return ReviewEvent.objects.filter(
        application__applicant=user, application__year=year, action__in=RETURN_AND_RESET_ACTIONS
    ).count()


def same_level_year_problems(
    *, user, level: str, year: int, application: Application | None
) -> list[Problem]:
    """Rule 19 (applications/same_level.py; decision 0008)."""
    return [
        Problem(field, message)
        for field, message in same_level_problems(user=user, level=level, year=year, application=application)
    ]


def chances_problems(*, user, year: int, application: Application | None) -> list[Problem]:
    """Rule 20: returns and resets together, 4 per person per year. The last chance may be spent
    on the application that was returned (it is resubmitted); a new application is refused."""
    used = returns_used_count(user=user, year=year)
    limit = rulebook.RETURNS_AND_RESETS_PER_YEAR
    resubmission = application is not None and application.pk and application.events.exists()
    if used > limit or (used >= limit and not resubmission):
        return [
            Problem(
                "__all__",
                f"您{year}年返回修改和重置流程的机会（共{limit}次）已用完，当年不能再申报。",
            )
        ]
    return []
