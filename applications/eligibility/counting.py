"""Rule 8: the month the committee meets in a year, and the applicant's age and years of
professional work counted up to its last day (questions 10 and 11 for where the years start and
which months they leave out)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.dates import month_label
from core.months import age_at, committee_month_end
from core.sources import cite
from dossier.service_years import FROM_PROFESSIONAL_START, service_count
from orgs.windows import closing_month, committee_month, window_for


@dataclass(frozen=True)
class CommitteeMonth:
    """Rule 8: the month the committee meets in a year (its plan); without a plan for that year,
    the month its online window closes (`from_window`)."""

    year: int
    month: int
    from_window: bool = False

    @property
    def label(self) -> str:
        return month_label((self.year, self.month))

    @property
    def last_day(self) -> date:
        return committee_month_end(year=self.year, month=self.month)

    @property
    def note(self) -> str:
        if not self.from_window:
            return ""
        return f"该评委会尚未公布{self.year}年的评审月份，按网上申报截止月份（{self.label}）计算。"


def committee_month_of(*, committee, year: int, window=None) -> CommitteeMonth | None:
    """The committee's month for `year` (rule 8), or None when neither a plan nor a window exists."""
    planned = committee_month(committee=committee, year=year)
    if planned:
        return CommitteeMonth(planned[0], planned[1])
    window = window if window is not None else window_for(committee=committee, year=year)
    if window is None:
        return None
    # The close instant is exclusive ("24:00 of 30 September" is 1 October 00:00): the month of
    # its last moment before it.
    last = closing_month(window.closes_at)
    return CommitteeMonth(last.year, last.month, from_window=True)


def years_months(value: tuple[int, int] | None) -> str:
    if value is None:
        return ""
    years, months = value
    return f"{years}年{months}个月" if months else f"{years}年"


@dataclass(frozen=True)
class CountedAt:
    """Rule 8: the applicant's age and years of professional work up to the committee's month.
    `service_from` names the date the years count from (question 10); `excluded_months` the months
    of 工作经历 left out by rule 11."""

    month: CommitteeMonth
    age: tuple[int, int] | None
    service: tuple[int, int] | None
    service_from: str = ""
    excluded_months: int = 0

    @property
    def age_label(self) -> str:
        return f"{self.age[0]}周岁{self.age[1]}个月" if self.age else ""

    @property
    def service_label(self) -> str:
        return years_months(self.service)

    @property
    def service_note(self) -> str:
        """How the years were counted, when not simply from 从事专业技术工作时间 (questions 10, 11)."""
        parts = []
        if self.service_from and self.service_from != FROM_PROFESSIONAL_START:
            parts.append(f"自{self.service_from}起计算")
        if self.excluded_months:
            parts.append(
                f"已扣除借调期间未承担本单位工作或未在专业技术岗位的{self.excluded_months}个月（{cite(11)}）"
            )
        return "，".join(parts)


def counted_at(
    *, dossier, committee_month: CommitteeMonth, level: str | None = None, work: list | None = None
) -> CountedAt:
    """Age and 从事专业技术工作年限 counted up to the last day of the committee's month (rule 8). The
    years start, for 工勤技能 or management staff moved to a professional post, at the date
    question 10 gives for `level`, and leave out the 工作经历 months that do not count (rule 11):
    dossier.service_years. `work`: the 工作经历 entries when the caller has read them."""
    end = committee_month.last_day
    age = age_at(birth_date=dossier.birth_date, on=end) if dossier.birth_date else None
    count = service_count(dossier=dossier, end=end, level=level, entries=work)
    return CountedAt(
        month=committee_month,
        age=age,
        service=divmod(count.months, 12) if count.months is not None else None,
        service_from=count.start_label,
        excluded_months=count.excluded_months,
    )
