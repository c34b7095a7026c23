"""The demo's evaluation round (issue 13 item 12; called last from demo.season): a newcomer signs in
as `committee`, opens the meeting, marks who is present, votes as `expert1` and `expert2` and, once
the meeting is closed, sees the results.

What is loaded, through the real services and as the people would:
1. four engineers of 昆明滇云机电科技有限公司 (demo.evaluation_specs), each submitted for 工程师 at
   昆明市机电工程中级职称评审委员会 and passed along the route to 电子材料审核通过, with the unit's
   基层意见 and 单位公示, then the office's 评前公示 and its filing (demo.evaluation_steps);
2. a round of the committee for the month the window gives (rule 8) with two 评议组 by specialty
   (rule 28): 机械设计制造 and 自动化;
3. the draw, done. Each group draws every eligible expert of its specialty in the pool — three
   each: expert1, expert3, expert13 (机械设计制造) and expert2, expert5, expert10 (自动化). Drawing
   all of a group's candidates is what makes expert1 and expert2 certain while the draw stays
   the real random one with a recorded seed (only the order depends on it); the meeting then has
   6 members, so 4 present make the quorum (rule 29);
4. the drawn experts' written opinions on their group's applicants, except expert1's and expert2's
   on the first applicant of their group, left for the newcomer to write.
The meeting is not opened.

Idempotent: once the round exists (by committee, year and name) nothing is loaded again. Skipped,
with the reason, when the committee's window opened too late this year for the submission the
publicity periods need (demo.evaluation_steps.round_days)."""

from __future__ import annotations

from datetime import date, timedelta

from accounts.models import Role, User
from core.dates import date_label
from core.errors import ServiceError
from evaluation.draw import round_draw
from evaluation.models import Assignment, ReviewGroup, Round, RoundApplication, RoundStatus
from evaluation.opinion_models import Recommendation
from evaluation.opinions import opinion_put
from evaluation.rounds import DEFAULT_GROUP_NAME, group_create, group_delete, round_create
from orgs.windows import window_for
from publicity.models import FilingAuthority, PublicityKind
from publicity.services.filings import prereview_filing_create
from publicity.services.notices import publicity_create

from .common import DemoRefused, DemoResult, demo_today, get_or_create_user, service_error_text
from .dossiers import touched
from .evaluation_dossiers import engineer_application
from .evaluation_specs import AUTOMATION, MECHANICAL, ROUND_APPLICANTS, ROUND_UNIT, RoundApplicant
from .evaluation_steps import RoundDays, pass_route, round_days, submit_application, unit_records
from .people import COMMITTEE_MECH

GROUPS = ((f"{MECHANICAL}评议组", MECHANICAL), (f"{AUTOMATION}评议组", AUTOMATION))
DRAW_SEED = "demo-evaluation-round"  # fixed, so a second database draws in the same order
LEFT_FOR_THE_NEWCOMER = ("expert1", "expert2")  # no opinion on the first applicant of their group


def round_name(year: int) -> str:
    return f"{year}年度工程师评审（演示批次）"


def _office() -> User:
    return User.objects.select_related("committee").get(
        role=Role.COMMITTEE_OFFICE, committee__name=COMMITTEE_MECH
    )


def load_round_people(result: DemoResult) -> dict[str, User]:
    """The four applicants' accounts (readable usernames; the ID number and mobile sign in too)."""
    unit = User.objects.get(username=ROUND_UNIT).organisation
    return {
        person.username: get_or_create_user(
            result,
            person.username,
            f"申报人 {person.name}（{person.username}）",
            role=Role.APPLICANT,
            name=person.name,
            id_number=person.id_number,
            phone=person.phone,
            organisation=unit,
        )
        for person in ROUND_APPLICANTS
    }


def meeting_day(*, month: date, today: date) -> date:
    """The meeting date in the committee's month (rule 8): today when today is in it, else the
    month's first Monday-to-Friday day."""
    if (today.year, today.month) == (month.year, month.month):
        return today
    day = date(month.year, month.month, 1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def load_evaluation_round(result: DemoResult, *, year: int, stored: list[str]) -> None:
    """The round and everything before it (see the module); `stored` collects the files written."""
    office = _office()
    committee = office.committee
    users = load_round_people(result)
    name = round_name(year)
    label = f"{committee.name}评审批次“{name}”（{len(ROUND_APPLICANTS)}名申报人，已抽取专家和填写评议意见）"
    if Round.objects.filter(committee=committee, year=year, name=name).exists():
        result.existing.append(label)
        return
    if any(touched(user) for user in users.values()):
        result.skipped.append(f"{label}：演示申报人已有申报材料，未创建。")
        return
    today = demo_today()
    days = round_days(today)
    window = window_for(committee=committee, year=year)
    if window is None or window.opens_at > days.saved_at() or days.submitted_on.year != year:
        opens = f"自{date_label(window.opens_at)}开放" if window else "未设置"
        result.skipped.append(
            f"{label}：{committee.name}{year}年网上申报时间{opens}，演示申报须在{date_label(days.submitted_on)}"
            "提交（单位公示和评前公示各不少于5个工作日，均在今天之前结束），未创建。"
        )
        return
    try:
        applications = _approved(users, year=year, days=days, stored=stored)
        _pre_review(office, applications, year=year, days=days)
        row = _round(office, year=year, month=window.meeting_month, today=today)
        _opinions(row)
    except ServiceError as exc:
        raise DemoRefused(f"演示评审批次“{name}”未能创建：{service_error_text(exc)}") from exc
    result.created.append(label)


def _approved(users: dict[str, User], *, year: int, days: RoundDays, stored: list[str]) -> list:
    unit_admin = User.objects.get(username=ROUND_UNIT)
    approved = []
    for person in ROUND_APPLICANTS:
        application = submit_application(
            users[person.username], engineer_application(person, year), year=year, days=days, stored=stored
        )
        unit_records(application, unit_admin=unit_admin, days=days)
        approved.append(pass_route(application))
    return approved


def _pre_review(office: User, applications: list, *, year: int, days: RoundDays) -> None:
    """评前公示 (ended before today) and its filing with the city bureau (seed 必读 (三)2)."""
    notice = publicity_create(
        actor=office,
        kind=PublicityKind.PRE_REVIEW,
        title=f"{office.committee.name}{year}年度评前公示（演示）",
        body="以下人员经资格审查，拟提交评委会评审，现予公示。如有异议，请在公示期内实名反映。（演示数据）",
        start_date=days.pre_start,
        end_date=days.pre_end,
        application_ids=[a.pk for a in applications],
        today=days.pre_start,
    )
    prereview_filing_create(
        actor=office,
        notice_id=notice.pk,
        filed_with=FilingAuthority.CITY,
        document_number=f"昆职评备〔{year}〕1号（演示）",
        filed_on=days.filed_on,
    )


def _round(office: User, *, year: int, month: date, today: date) -> Round:
    """The round with its two groups, each drawing all its eligible experts (see the module)."""
    row = round_create(
        actor=office, name=round_name(year), year=year, meeting_date=meeting_day(month=month, today=today)
    )
    for group_name, specialty in GROUPS:
        group_create(actor=office, round_id=row.pk, name=group_name, specialties=specialty, experts_to_draw=3)
    catch_all = ReviewGroup.objects.get(round=row, name=DEFAULT_GROUP_NAME)
    if not catch_all.entries.exists():  # another application of the year would stay in it
        group_delete(actor=office, round_id=row.pk, group_id=catch_all.pk)
    round_draw(actor=office, round_id=row.pk, seed=DRAW_SEED)
    return row


def _opinion(person: RoundApplicant, position: int) -> tuple[str, str, dict]:
    """The `position`-th drawn expert's opinion on `person`: text, recommendation, scores."""
    doubtful = person.excellent == 3 and position == 3  # one dissent, so the summary is not unanimous
    texts = (
        f"{person.name}长期从事{person.specialty}工作，{person.project}项目成效明显，论文与本专业相关，"
        "专业能力达到工程师水平。",
        f"申报人任助理工程师以来业绩较突出，{person.results}继续教育和年度考核符合要求。",
        f"申报人专业基础扎实，能独立解决本专业一般技术问题；论文《{person.paper}》有一定实用价值。",
    )
    text = texts[(position - 1) % 3]
    if doubtful:
        text = f"申报人{person.project}项目中本人作用描述不够具体，论文数量偏少，建议进一步积累业绩后再申报。"
    scores = {"achievements": 80 + position, "publications": 72 + position, "service": 85, "education": 88}
    if doubtful:
        scores = {"achievements": 62, "publications": 58, "service": 80, "education": 85}
    return text, Recommendation.FAIL if doubtful else Recommendation.PASS, scores


def _opinions(row: Round) -> None:
    by_name = {p.name: p for p in ROUND_APPLICANTS}
    entries = list(
        RoundApplication.objects.filter(round=row).select_related("application__applicant").order_by("pk")
    )
    for assignment in (
        Assignment.objects.filter(round=row).select_related("expert__user").order_by("group_id", "position")
    ):
        mine = [e for e in entries if e.group_id == assignment.group_id]
        for index, entry in enumerate(mine):
            user = assignment.expert.user
            if index == 0 and user.username in LEFT_FOR_THE_NEWCOMER:
                continue
            person = by_name.get(entry.application.applicant.name)
            if person is None:  # an application of the year that is not the demo's
                continue
            text, recommendation, scores = _opinion(person, assignment.position)
            opinion_put(
                actor=user, entry_id=entry.pk, text=text, recommendation=recommendation, scores=scores
            )


# --- what demo_accounts and load_demo print ---------------------------------------------------------


def demo_round() -> Round | None:
    year = demo_today().year
    return Round.objects.filter(committee__name=COMMITTEE_MECH, year=year, name=round_name(year)).first()


def expert_tasks() -> dict[str, str]:
    """What expert1 and expert2 can do in the demo round now, by username."""
    row = demo_round()
    if row is None:
        return {}
    tasks = {}
    for assignment in Assignment.objects.filter(
        round=row, expert__user__username__in=LEFT_FOR_THE_NEWCOMER
    ).select_related("expert__user", "group"):
        where = f"已抽入“{row.name}”{assignment.group.name}"
        if row.status == RoundStatus.DRAWN:
            missing = RoundApplication.objects.filter(group=assignment.group).exclude(
                opinions__expert=assignment.expert
            )
            tasks[assignment.expert.user.username] = (
                f"{where}，待写评议意见{missing.count()}份；会议开始并登记出席后可投票"
            )
        elif row.status == RoundStatus.MEETING:
            tasks[assignment.expert.user.username] = f"{where}，评审会议进行中，登记出席后可投票"
        else:
            tasks[assignment.expert.user.username] = f"{where}，评审会议已结束"
    return tasks


def round_notes() -> list[str]:
    """The note printed under the tables: how to run the demo meeting."""
    row = demo_round()
    if row is None:
        return []
    drawn = list(
        Assignment.objects.filter(round=row)
        .order_by("expert__user__username")
        .values_list("expert__user__username", flat=True)
    )
    others = sorted((u for u in drawn if u not in LEFT_FOR_THE_NEWCOMER), key=lambda u: (len(u), u))
    return [
        f"演示评审批次“{row.name}”（{row.get_status_display()}，"
        f"评审会议日期 {date_label(row.meeting_date)}）："
        "以 committee 登录 → 评审批次 → 评审会议，开始会议并登记出席（抽取6人，至少4人出席）；"
        "expert1、expert2 在“我的评审任务”中补写评议意见、在“会议投票”中投票；结束会议后查看评审结果。"
        f"其余抽中的专家（{'、'.join(others)}）密码相同，也可登录投票。"
    ]
