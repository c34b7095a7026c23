"""Who may apply to which committee in which year, server-side, each refusal with a clear Chinese
reason (domain.md rules 1, 6, 7, 8, 9, 11, 12, 16, 18, 19, 20 and seed question 10).

`eligibility_problems` is run when the cover is saved and again, under the row lock, at
submission (applications/state.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from catalog.models import LEVEL_ORDER
from core import rulebook
from core.dates import CALENDAR_TZ, date_label, datetime_label, month_label
from core.errors import ServiceError
from core.months import age_at, committee_month_end
from core.sources import cite
from dossier.service_years import FROM_PROFESSIONAL_START, service_count
from orgs.windows import (
    STATE_CLOSED,
    STATE_OPEN,
    STATE_PENDING,
    closing_month,
    committee_month,
    window_for,
    window_state,
)
from rules.retirement import statutory_retirement
from rules.skilled import GRADE_LEVEL, PASSED_RESULTS, SkillGrade, skilled_evaluate

from .models import Application, ApplicationKind, IntegrityRecord, ReviewEvent
from .same_level import same_level_problems

# Rule 20 counts these ReviewEvent actions together.
RETURN_AND_RESET_ACTIONS = ("return", "reset")

CLOSED_MESSAGE = "该评委会网上申报已截止，无法重新开通。"


@dataclass(frozen=True)
class Problem:
    field: str  # the cover field it belongs to ("__all__" for the person as a whole)
    message: str


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


def _local(value: datetime) -> datetime:
    return value.astimezone(CALENDAR_TZ)


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


def returns_used_count(*, user, year: int) -> int:
    """Rule 20: returns and resets together on the person's applications of that year."""
    return ReviewEvent.objects.filter(
        application__applicant=user, application__year=year, action__in=RETURN_AND_RESET_ACTIONS
    ).count()


def _window_problems(*, committee, year: int, now: datetime) -> list[Problem]:
    """Rules 6 and 7: the committee's window for the year must be open now."""
    if not committee.is_active:
        return [Problem("committee_id", f"{committee.name}已停止受理申报，请选择其他评委会。")]
    window = window_for(committee=committee, year=year)
    state = window_state(window=window, now=now)
    if state == STATE_OPEN:
        return []
    if state == STATE_CLOSED:
        return [Problem("committee_id", CLOSED_MESSAGE)]
    if state == STATE_PENDING:
        return [
            Problem(
                "committee_id",
                f"该评委会{year}年网上申报尚未开通，将于{datetime_label(window.opens_at)}开通，请届时申报。",
            )
        ]
    return [
        Problem(
            "committee_id",
            f"该评委会尚未公布{year}年的网上申报时间，请注意查看各系列各层级的评委会申报通知。",
        )
    ]


def _retirement_problems(*, dossier, committee, year: int) -> list[Problem]:
    """Rule 9: statutory retirement age reached on or before the last day of the committee's month
    is refused, unless an approved delayed retirement covers that month."""
    missing = []
    if not dossier.birth_date:
        missing.append("出生日期")
    if not dossier.sex:
        missing.append("性别")
    if not dossier.original_retirement_age:
        missing.append("原法定退休年龄")
    if missing:
        return [
            Problem(
                "__all__",
                f"请先在基本信息中完善{'、'.join(missing)}，以便核对法定退休年龄。",
            )
        ]
    month = committee_month_of(committee=committee, year=year)
    if month is None:
        return []  # no plan and no window: the window problem already refuses
    try:
        retirement = statutory_retirement(
            birth_date=dossier.birth_date, sex=dossier.sex, original_age=dossier.original_retirement_age
        )
    except ServiceError as exc:
        return [Problem("__all__", f"无法核对法定退休年龄：{exc.detail}请先在基本信息中修改。")]
    reached = retirement.reached_month
    if (reached.year, reached.month) > (month.year, month.month):
        return []
    delayed = dossier.delayed_retirement_until
    if delayed and (delayed.year, delayed.month) >= (month.year, month.month):
        return []  # an approved delay covers the committee's month
    text = (
        f"您的法定退休年龄为{retirement.years}周岁"
        + (f"{retirement.months}个月" if retirement.months else "")
        + f"，于{month_label(reached)}达到，不晚于所选评委会的评审月份（{month.label}），"
        "不能申报。"
    )
    if delayed:
        text += f"您批准延迟退休至{month_label(delayed)}，未覆盖评审月份。"
    else:
        text += "如已批准延迟退休，请在基本信息中填写“批准延迟退休至（月）”并上传批准文件。"
    if month.note:
        text += month.note
    return [Problem("committee_id", text)]


def passed_assessment_years(*, dossier) -> list[int]:
    """Rule 16: the years of 年度考核情况 whose result is 合格 or better."""
    from dossier.models import DossierEntry

    years = []
    for data in DossierEntry.objects.filter(dossier=dossier, section="annual_assessments").values_list(
        "data", flat=True
    ):
        year, result = str((data or {}).get("year") or ""), (data or {}).get("result")
        if year.isdigit() and result in PASSED_RESULTS:
            years.append(int(year))
    return years


def skilled_route(*, dossier, level: str) -> bool:
    """Rule 16: an application at `level` goes by the skill grade when 基本信息 records a grade
    leading to that level and 现有职称情况 holds no title at the level below (with one, it is an
    ordinary promotion)."""
    grade = dossier.skill_grade
    if grade not in SkillGrade.values or GRADE_LEVEL[SkillGrade(grade)] != level:
        return False
    index = LEVEL_ORDER.index(level)
    below = LEVEL_ORDER[index + 1] if index + 1 < len(LEVEL_ORDER) else None
    from dossier.models import DossierEntry

    held = DossierEntry.objects.filter(dossier=dossier, section="current_titles").values_list(
        "data__level", flat=True
    )
    return below not in {str(value) for value in held if value}


def _skilled_problems(*, dossier, committee, level: str, year: int) -> list[Problem]:
    """Rule 16 (with rule 8): by a skill grade, its years and the 3 annual assessments before the
    committee's month are met, counted to the last day of that month."""
    if not skilled_route(dossier=dossier, level=level) or dossier.skill_grade_obtained_on is None:
        return []
    month = committee_month_of(committee=committee, year=year)
    if month is None:
        return []  # no plan and no window: the window problem already refuses
    evaluation = skilled_evaluate(
        grade=dossier.skill_grade,
        obtained_on=dossier.skill_grade_obtained_on,
        on=month.last_day,
        passed_years=passed_assessment_years(dossier=dossier),
    )
    suffix = f"（按职业资格（职业技能等级）申报，计算到评委会评审月份{month.label}）{month.note}"
    return [Problem("level", problem + suffix) for problem in evaluation.problems]


def _civil_servant_problems(*, dossier, unit) -> list[Problem]:
    """Rule 9: civil servants and 参公 staff are not eligible."""
    problems = []
    if dossier.is_civil_servant:
        problems.append(Problem("__all__", "公务员（含参照公务员法管理人员）不能申报职称评审。"))
    if unit is not None and unit.civil_servant_managed:
        problems.append(
            Problem(
                "__all__",
                f"您的工作单位“{unit.name}”为参照公务员法管理（参公）单位，参公人员不能申报职称评审。",
            )
        )
    return problems


def _integrity_problems(*, user, today: date) -> list[Problem]:
    """Rule 1: an integrity record inside its 3 years."""
    record = (
        IntegrityRecord.objects.filter(
            id_number=(user.id_number or "").upper(), recorded_on__lte=today, expires_on__gt=today
        )
        .order_by("-expires_on")
        .first()
        if user.id_number
        else None
    )
    if record is None:
        return []
    return [
        Problem(
            "__all__",
            f"您有诚信档案记录（{date_label(record.recorded_on)}记入，保留{rulebook.INTEGRITY_RECORD_YEARS}年），"
            f"记录期满日为{date_label(record.expires_on)}，期满前不能申报职称。",
        )
    ]


def _same_level_problems(*, user, level: str, year: int, application: Application | None) -> list[Problem]:
    """Rule 19 (applications/same_level.py; decision 0008)."""
    return [
        Problem(field, message)
        for field, message in same_level_problems(user=user, level=level, year=year, application=application)
    ]


def _chances_problems(*, user, year: int, application: Application | None) -> list[Problem]:
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


SECONDMENT_REFUSAL = "借调人员未在本单位履行岗位职责的，不得以本单位名义申报职称。"
PAY_FORM = "《事业单位工作人员岗位（职务）变动工资审批表》"
# Rule 12 (seed question 12), the seed's words.
MISMATCH_NEEDS = (
    "毕业专业与所申报专业不相符的，须参加所从事专业的专业培训累计半年以上，或取得大专院校本专业"
    "主要科目三门以上进修结业证书（含专业证书班），或参加大专院校本专业学习累计1年以上，"
    "或参加市级行业主管部门统一组织的业务培训，方视为具备同专业能力要求。"
)


def _secondment_problems(*, entries) -> list[Problem]:
    """Rule 11 (question 11 (1)): a secondment still going without duties in the own unit."""
    from dossier.service_years import current_secondment

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


def _post_change_problems(*, dossier, level: str) -> list[Problem]:
    """Seed question 10 (3): moved from a 工勤技能 or management post, a 中级 or higher application
    counts the years from the appointment with its pay, which 基本信息 must record."""
    from dossier.facts import moved_to_professional
    from rules.facts import JUNIOR_LEVELS

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


def _major_problems(*, dossier) -> list[Problem]:
    """Rule 12 (question 12): a major that does not match, not made good, is refused."""
    from dossier.facts import major_made_good, major_summary

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
    from dossier.service_years import work_entries

    entries = entries if entries is not None else work_entries(dossier=dossier)
    return [
        *_secondment_problems(entries=entries),
        *_post_change_problems(dossier=dossier, level=level),
        *_major_problems(dossier=dossier),
    ]


def person_issues(
    *, user, level: str, year: int, application: Application | None = None, now: datetime | None = None
) -> list[Problem]:
    """What refuses the person whatever the committee (rules 1, 9 without the committee's month,
    11's secondment, 19, 20): asked for the kinds no committee decides (考核认定, decision 0007)."""
    from dossier.selectors import dossier_get_or_create
    from dossier.service_years import work_entries

    now = now or timezone.now()
    dossier = dossier_get_or_create(user=user)
    return [
        *_civil_servant_problems(dossier=dossier, unit=user.organisation),
        # Rule 11: not in the own unit's name while seconded without its duties.
        *_secondment_problems(entries=work_entries(dossier=dossier)),
        *_integrity_problems(user=user, today=_local(now).date()),
        *_same_level_problems(user=user, level=level, year=year, application=application),
        *_chances_problems(user=user, year=year, application=application),
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
    from dossier.selectors import dossier_get_or_create

    from .series_change import promotion_after_change_problems, series_change_problems

    now = now or timezone.now()
    dossier = dossier_get_or_create(user=user)
    problems = [
        *_civil_servant_problems(dossier=dossier, unit=user.organisation),
        # Rule 9: statutory retirement age in the committee's month (rule 8 counts up to it).
        *_retirement_problems(dossier=dossier, committee=committee, year=year),
        *_integrity_problems(user=user, today=_local(now).date()),
        *_same_level_problems(user=user, level=level, year=year, application=application),
        *_chances_problems(user=user, year=year, application=application),
        # Rules 6 and 7: the committee's window for the year is open now.
        *_window_problems(committee=committee, year=year, now=now),
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
        problems += _skilled_problems(dossier=dossier, committee=committee, level=level, year=year)
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
