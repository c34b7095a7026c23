"""How the evaluation round's applications reach 电子材料审核通过 (demo.evaluation_round), as the
people would: the applicant saves the cover and submits, the unit writes its 基层意见 (rule 25) and
its 单位公示 (rule 2), each reviewer on the route passes, the committee office publishes the
评前公示 and records its filing (seed 必读 (三)2). Everything through the real services.

The days (`round_days`): the unit's 单位公示 must start after the submission and end before today,
the 评前公示 must end before the filing, which is today — so the applications were submitted in
the past, on a working day while the committee's window was open (the services take `now=` and
`today=`); the reviewers' passes happen now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from accounts.models import Role, User
from applications.models import Application, ApplicationStatus, StepKind
from applications.permissions import can_act_on_step
from applications.state import application_pass, application_submit
from core import rulebook
from core.dates import CALENDAR_TZ
from orgs.models import Committee
from recommend.services import publicity_put, recommendation_put
from workcal.services import CalendarUnknown, is_workday

from .common import DemoRefused
from .dossiers import fill_dossier
from .promotion_specs import DemoApplication
from .promotions import save_cover

SAVED_AT = time(9, 30)  # the applicant saves the cover at 09:30 (Beijing time)
SUBMITTED_AT = time(10, 0)  # and submits at 10:00, the same day

PASS_OPINIONS = {
    StepKind.UNIT: "申报材料真实、完整，基层意见已填写，单位公示5个工作日无异议，同意推荐。",
    StepKind.DISTRICT: "经审核，申报人符合工程师申报条件，材料齐全，同意报送评委会。",
    StepKind.DEPARTMENT: "经审核，申报人符合工程师申报条件，材料齐全，同意报送评委会。",
    StepKind.COMMITTEE: "电子材料审核通过，拟提交评委会评审。",
}


def _workday(day: date) -> bool:
    try:
        return is_workday(day)
    except CalendarUnknown:  # a year the calendar does not hold yet: Monday to Friday
        return day.weekday() < 5


def _workday_before(day: date) -> date:
    day -= timedelta(days=1)
    while not _workday(day):
        day -= timedelta(days=1)
    return day


def _period_ending(end: date) -> date:
    """The first day of the shortest publicity that ends on the working day `end` and lasts the
    rule 2 / rule 3 minimum of working days."""
    start = end
    for _ in range(rulebook.PUBLICITY_MIN_WORKDAYS - 1):
        start = _workday_before(start)
    return start


@dataclass(frozen=True)
class RoundDays:
    submitted_on: date  # the applicants save and submit (rule 6: inside the window)
    unit_start: date  # 单位公示 (rule 2), after the submission, ended before today
    unit_end: date
    pre_start: date  # 评前公示 (rule 3, seed 必读 (三)2), after the unit's, ended before today
    pre_end: date
    filed_on: date  # the 评前公示 filed with the city bureau: today

    def saved_at(self) -> datetime:
        return datetime.combine(self.submitted_on, SAVED_AT, tzinfo=CALENDAR_TZ)

    def submitted_at(self) -> datetime:
        return datetime.combine(self.submitted_on, SUBMITTED_AT, tzinfo=CALENDAR_TZ)


def round_days(today: date) -> RoundDays:
    """Counting back from today: the 评前公示 ends on the last working day before today, the
    单位公示 on the working day before the 评前公示 starts, and the submission is the working day
    before the 单位公示 starts."""
    pre_end = _workday_before(today)
    pre_start = _period_ending(pre_end)
    unit_end = _workday_before(pre_start)
    unit_start = _period_ending(unit_end)
    return RoundDays(
        submitted_on=_workday_before(unit_start),
        unit_start=unit_start,
        unit_end=unit_end,
        pre_start=pre_start,
        pre_end=pre_end,
        filed_on=today,
    )


def submit_application(user: User, spec: DemoApplication, *, year: int, days: RoundDays, stored: list[str]):
    """The applicant fills the dossier, saves the cover and submits, on `days.submitted_on`."""
    fill_dossier(user, basic=spec.basic, entries=spec.entries, files=spec.files, stored=stored)
    committee = Committee.objects.get(name=spec.committee)
    application = save_cover(user, spec, year=year, committee=committee, now=days.saved_at())
    return application_submit(application_id=application.pk, actor=user, now=days.submitted_at())


def unit_records(application: Application, *, unit_admin: User, days: RoundDays) -> None:
    """基层意见 (rule 25) and the 单位公示 (rule 2) that ended before today, as the unit admin."""
    name = application.applicant.name
    recommendation_put(
        actor=unit_admin,
        application_id=application.pk,
        evaluation=f"{name}同志专业基础扎实，能独立承担{application.specialty}方面的工程技术工作，业绩突出，工作认真负责。",
        method="单位技术委员会民主推荐",
        participants="公司技术委员会委员、部门负责人和技术骨干",
        participant_count=15,
        opinion=f"同意推荐{name}同志申报工程师。",
        formation="经公司技术委员会会议讨论，无记名投票，15人同意，全票通过。",
    )
    publicity_put(
        actor=unit_admin,
        application_id=application.pk,
        start_date=days.unit_start,
        end_date=days.unit_end,
        place="公司办公楼一楼公告栏及公司内部网站",
        result="无异议",
    )


def _reviewer(application: Application) -> User:
    """The demo account that acts at the application's current step."""
    step = application.current_step
    staff = User.objects.filter(is_active=True).exclude(role__in=[Role.APPLICANT, Role.EXPERT])
    if step.committee_id:
        staff = staff.filter(committee_id=step.committee_id)
    else:
        staff = staff.filter(organisation_id=step.organisation_id)
    for user in staff.order_by("pk"):
        if can_act_on_step(user, application)[0]:
            return user
    raise DemoRefused(
        f"没有可办理“{step.get_kind_display()}”的演示账号，申报人{application.applicant.name}未能审核通过。"
    )


def pass_route(application: Application) -> Application:
    """Each reviewer on the route passes the application in turn, to 电子材料审核通过."""
    while application.status == ApplicationStatus.IN_REVIEW:
        application = Application.objects.select_related("current_step", "applicant").get(pk=application.pk)
        reviewer = _reviewer(application)
        application_pass(
            application_id=application.pk,
            actor=reviewer,
            opinion=PASS_OPINIONS.get(application.current_step.kind, "审核通过。"),
        )
        application.refresh_from_db()
    if application.status != ApplicationStatus.APPROVED:
        raise DemoRefused(
            f"申报人{application.applicant.name}的申报未能审核通过（{application.get_status_display()}）。"
        )
    return application
