"""All the eligibility questions together: `eligibility_issues` / `eligibility_problems` for an
application to a committee (saving the cover and, under the row lock, submitting), `person_issues`
for the kinds no committee decides (考核认定, decision 0007)."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from core.dates import CALENDAR_TZ
from dossier.selectors import dossier_get_or_create
from dossier.service_years import work_entries

from ..models import Application, ApplicationKind
from ..series_change import promotion_after_change_problems, series_change_problems
from .chances import chances_problems, same_level_year_problems
from .facts import facts_issues, secondment_problems
from .person import civil_servant_problems, integrity_problems, retirement_problems
from .problem import Problem
from .skilled import skilled_problems
from .window import window_problems


def _local(value: datetime) -> datetime:
    return value.astimezone(CALENDAR_TZ)


def person_issues(
    *, user, level: str, year: int, application: Application | None = None, now: datetime | None = None
) -> list[Problem]:
    """What refuses the person whatever the committee (rules 1, 9 without the committee's month,
    11's secondment, 19, 20): asked for the kinds no committee decides (考核认定, decision 0007)."""
    now = now or timezone.now()
    dossier = dossier_get_or_create(user=user)
    return [
        *civil_servant_problems(dossier=dossier, unit=user.organisation),
        # Rule 11: not in the own unit's name while seconded without its duties.
        *secondment_problems(entries=work_entries(dossier=dossier)),
        *integrity_problems(user=user, today=_local(now).date()),
        *same_level_year_problems(user=user, level=level, year=year, application=application),
        *chances_problems(user=user, year=year, application=application),
    ]


def eligibility_issues(
    *,
    user,
    committee,
    level: str,
    year: int,
    series=None,
    application: Application | None = None,
    now: datetime | None = None,
    kind: str | None = None,
    changed_on=None,
    after_change: bool = True,
    work: list | None = None,
) -> list[Problem]:
    """Every reason `user` may not apply to `committee` at `level` in `year` (empty: eligible).
    `kind` and `changed_on` (转系列评审's post change, rule 18) default to the application's; a
    promotion is also refused in the year of a series change into its series (rule 18; not asked
    with after_change=False, for 我能申报什么, which asks it itself with the day it is met). `work`:
    the 工作经历 entries' data when the caller has read them (dossier.service_years.work_entries),
    so asking for many committees reads them once."""
    now = now or timezone.now()
    dossier = dossier_get_or_create(user=user)
    problems = [
        *civil_servant_problems(dossier=dossier, unit=user.organisation),
        # Rule 9: statutory retirement age in the committee's month (rule 8 counts up to it).
        *retirement_problems(dossier=dossier, committee=committee, year=year),
        *integrity_problems(user=user, today=_local(now).date()),
        *same_level_year_problems(user=user, level=level, year=year, application=application),
        *chances_problems(user=user, year=year, application=application),
        # Rules 6 and 7: the committee's window for the year is open now.
        *window_problems(committee=committee, year=year, now=now),
    ]
    # The committee must review this series and level.
    if series is not None and not committee.coverages.filter(series=series, level=level).exists():
        problems.append(Problem("committee_id", f"{committee.name}不评审所选系列和层级，请重新选择评委会。"))
    # Rule 18: 转系列评审 (same level, new series) and promotion after a series change.
    if kind is None:
        kind = application.kind if application is not None else ApplicationKind.PROMOTION
        changed_on = application.series_changed_on if application is not None else None
    # Rule 16: a promotion by a skill grade, without a title at the level below.
    if kind == ApplicationKind.PROMOTION:
        problems += skilled_problems(dossier=dossier, committee=committee, level=level, year=year)
    # Rules 11 and 12, question 10: secondment, the appointment after a post change, the major.
    if kind in (ApplicationKind.PROMOTION, ApplicationKind.SERIES_CHANGE):
        problems += facts_issues(dossier=dossier, level=level, entries=work)
    if series is not None and kind == ApplicationKind.SERIES_CHANGE:
        problems += [
            Problem(field, message)
            for field, message in series_change_problems(
                user=user, level=level, series=series, changed_on=changed_on, today=_local(now).date()
            )
        ]
    elif series is not None and kind == ApplicationKind.PROMOTION and after_change:
        problems += [
            Problem(field, message)
            for field, message in promotion_after_change_problems(user=user, series=series, year=year)
        ]
    return problems


def eligibility_problems(
    *,
    user,
    committee,
    level: str,
    year: int,
    series=None,
    application: Application | None = None,
    now: datetime | None = None,
) -> list[str]:
    """The Chinese reasons `user` may not apply (empty: eligible). Rules 1, 6, 7, 8, 9, 19, 20."""
    return [
        problem.message
        for problem in eligibility_issues(
            user=user,
            committee=committee,
            level=level,
            year=year,
            series=series,
            application=application,
            now=now,
        )
    ]
