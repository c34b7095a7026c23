"""Side effects of transitions, queued with core.tasks.enqueue (they run after commit, with plain
JSON arguments so a queue backend can carry them). Every message goes through the one adapter,
messaging.notify.notify (site message always; SMS for the decisions the applicant must act on)."""

from __future__ import annotations

from accounts.models import Role, User
from core.dates import date_label, deadline_label
from messaging.notify import notify

from .models import Application, ReviewEvent, step_label

HISTORY_HINT = "可登录系统在“申报记录”中查看审核记录和审核意见。"
# The committee's steps after its meeting (issue 13): the title of the message and the SMS. The
# meeting's results themselves are told once per meeting by evaluation.tasks.
RESULT_MESSAGES = {
    "confirm": (
        "评审结果已核准（备案）",
        "您的职称评审结果已核准（备案），职称已记入现有职称情况，请登录系统查看。",
    ),
    "appeal": ("复查申请已提交", None),
    "appeal_kept": (
        "复查结论：维持原评审结果",
        "您的职称评审复查已办结，结论为维持原评审结果，请登录系统查看。",
    ),
    "reconsider": (
        "复查结论：重新评议",
        "您的职称评审复查已办结，结论为重新评议，将提交下一次评审会议，请登录系统查看。",
    ),
    "revoke": ("职称已撤销", "您通过评审取得的职称已被撤销，请登录系统查看撤销文件和事由。"),
}


def _what(application: Application) -> str:
    return (
        f"{application.year}年{application.title.name}（{application.get_level_display()}）申报"
        f"（{application.committee_label}）"
    )


def application_submitted_notify(*, application_id: int, resubmitted: bool = False) -> int:
    """站内消息 to the admins of the applicant's unit: an application waits for the unit's review.
    Returns how many were told."""
    application = (
        Application.objects.defer("snapshot")
        .select_related(
            "applicant",
            "unit",
            "title",
            "committee",
            "recognition__office",
            "confirmation__office",
            "postdoc__office",
        )
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return 0
    # A freelancer's 户口所在地人社部门 takes the unit step (seed question 5 (1) d): its reviewers.
    admins = User.objects.filter(
        role__in=(Role.UNIT_ADMIN, Role.DISTRICT_REVIEWER), organisation=application.unit, is_active=True
    )
    verb = "修改后重新提交" if resubmitted else "提交"
    sent = 0
    for admin in admins:
        notify(
            user=admin,
            title=f"{application.applicant.name}{verb}了职称申报",
            body=(
                f"本单位{application.applicant.name}已{verb}{application.year}年"
                f"{application.title.name}（{application.get_level_display()}）申报，"
                f"{'评审委员会' if application.committee_id else '申报类别'}：{application.committee_label}。"
                "请登录单位账号进行单位审核。"
            ),
        )
        sent += 1
    return sent


def _return_body(application: Application, event: ReviewEvent) -> tuple[str, str]:
    from .review_input import return_section_label
    from .selectors import return_deadline_note, returns_remaining

    request = getattr(event, "return_request", None)
    lines = [f"您的{_what(application)}已被{step_label(event.step)}退回修改。", f"审核意见：{event.opinion}"]
    sms = "您的职称申报已被退回修改，请登录系统按审核意见修改后重新提交。"
    if request is not None:
        lines.append("需修改的内容（请一次性修改完善）：")
        lines += [
            f"{number}. {return_section_label(item.get('section', ''))}：{item.get('comment', '')}"
            for number, item in enumerate(request.items or [], start=1)
        ]
        lines.append(
            f"请于 {deadline_label(request.deadline)} 前修改完善并重新提交，"
            "逾期未提交视为放弃（见职称申报必读（二）2）。重新提交后将从单位审核开始重新审核。"
        )
        note = return_deadline_note(application=application, deadline=request.deadline)
        if note:
            lines.append(note)
        sms = (
            f"您的职称申报已被退回修改，请于 {deadline_label(request.deadline)} 前"
            "登录系统按审核意见修改后重新提交，逾期视为放弃。"
        )
    remaining = returns_remaining(user=application.applicant, year=application.year)
    lines.append(f"本年度返回修改和重置流程的机会剩余 {remaining} 次。")
    return "\n".join(lines), sms


def review_event_notify(*, event_id: int) -> int:
    """Tell the applicant about the transition recorded by `event_id` (every action), and the
    unit's admins about a submission. Returns how many people were told."""
    event = (
        ReviewEvent.objects.select_related(
            "application",
            "application__applicant",
            "application__unit",
            "application__title",
            "application__committee",
            "application__recognition__office",
            "application__confirmation__office",
            "application__postdoc__office",
            "step",
            "step__organisation",
            "step__committee",
            "return_request",
        )
        .defer("application__snapshot")
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        return 0
    application = event.application
    applicant = application.applicant
    what = _what(application)
    action = event.action
    sms = None
    told = 0
    if action == "submit":
        resubmitted = application.events.filter(action="return", pk__lt=event.pk).exists()
        current = application.current_step
        title = "职称申报已重新提交" if resubmitted else "职称申报已提交"
        body = f"您的{what}已提交，当前环节：{step_label(current)}。{HISTORY_HINT}"
        told += application_submitted_notify(application_id=application.pk, resubmitted=resubmitted)
    elif action == "pass" and event.to_status == "approved" and application.committee_id is None:
        # 考核认定 (rule 14) / 职称确认 (rule 17): the last office's pass recognises or confirms the
        # title.
        kind = application.get_kind_display()
        verb = "确认" if application.kind == "confirmation" else "认定"
        title = f"{kind}已通过：{application.title.name}"
        body = (
            f"您的{what}已通过{step_label(event.step)}，{verb}为{application.title.name}"
            f"（{application.get_level_display()}），取得时间为{date_label(event.created_at)}，"
            f"已记入您申报信息的“现有职称情况”。审核意见：{event.opinion}"
        )
        sms = f"您的{kind}已通过，{verb}为{application.title.name}，请登录系统查看。"
    elif action == "pass" and event.to_status == "approved":
        title = "职称申报电子材料审核已通过"
        body = (
            f"您的{what}已通过{step_label(event.step)}，电子材料审核全部通过。"
            f"审核意见：{event.opinion}\n"
            "请登录系统在“职称申报”中查看需要打印的材料：《专业技术职称申报评审表》按正常大小100%打印、"
            "承诺书、申报材料复印件（同时提交原件以供核验），按网络申报流程逐级审核盖章后交至所申报的评审委员会。"
        )
        sms = "您的职称申报电子材料审核已通过，请登录系统查看需打印的材料和逐级盖章顺序。"
    elif action == "pass":
        current = application.current_step
        title = f"职称申报已通过{event.step.get_kind_display() if event.step else '审核'}"
        body = (
            f"您的{what}已通过{step_label(event.step)}，当前环节：{step_label(current)}。"
            f"审核意见：{event.opinion}\n{HISTORY_HINT}"
        )
    elif action == "return":
        title = "职称申报已被退回修改"
        body, sms = _return_body(application, event)
    elif action == "reset":
        from .selectors import returns_remaining

        remaining = returns_remaining(user=applicant, year=application.year)
        title = "职称申报流程已重置"
        body = (
            f"您的{what}已被{step_label(event.step)}重置流程，申报已退回为草稿，"
            "可修改封面（如工作单位、评审委员会）后重新申报。"
            f"审核意见：{event.opinion}\n本年度返回修改和重置流程的机会剩余 {remaining} 次。"
        )
        sms = "您的职称申报流程已被重置，请登录系统查看审核意见，修改后重新申报。"
    elif action == "reject":
        title = "职称申报未通过审核"
        # Decision 0008: a rejection before any committee's decision ends only this application;
        # it is not the committee's 评审未通过 and bars no other committee.
        body = (
            f"您的{application.year}年{application.title.name}（{application.get_level_display()}）申报"
            f"经{step_label(event.step)}审核不通过，该申报已结束。审核意见：{event.opinion}\n"
            "本年度如仍符合申报条件，可在“职称申报”中重新保存封面，选择相应评委会另行申报。"
        )
        sms = "您的职称申报审核结果为不通过，请登录系统查看审核意见。"
    elif action == "withdraw":
        request = application.return_requests.filter(withdrawn_at__isnull=False).order_by("-id").first()
        deadline = f"（{deadline_label(request.deadline)}）" if request is not None else ""
        title = "职称申报视为放弃"
        body = f"您的{what}未在补正截止日期{deadline}前修改并重新提交，视为放弃（见职称申报必读（二）2）。"
        sms = "您的职称申报未在补正截止日期前重新提交，已视为放弃。"
    elif action in RESULT_MESSAGES:
        title, sms = RESULT_MESSAGES[action]
        body = f"您的{what}：{title}。{event.opinion}\n{HISTORY_HINT}"
    else:
        return told
    notify(user=applicant, title=title, body=body, sms_text=sms)
    return told + 1


def review_digest_send() -> int:
    """`manage.py send_review_digest`: every active user of a reviewing organisation (unit admins,
    department / district / city reviewers, committee offices) whose steps have applications
    waiting gets one site message with the count; organisations with none get nothing. Returns
    how many people were told. A constant number of queries before the messages."""
    from .permissions import REVIEWER_ROLES
    from .selectors import pending_count_for, pending_counts

    counts = pending_counts()
    if not counts:
        return 0
    from django.db.models import Q

    org_ids = {key[1] for key in counts if isinstance(key, tuple) and key[0] != "committee"}
    committee_ids = {key[1] for key in counts if isinstance(key, tuple) and key[0] == "committee"}
    concerned = Q(organisation_id__in=org_ids) | Q(committee_id__in=committee_ids)
    if "provincial" in counts:
        concerned |= Q(role=Role.CITY_REVIEWER)
    told = 0
    reviewers = User.objects.filter(concerned, role__in=REVIEWER_ROLES, is_active=True).order_by("id")
    for user in reviewers.iterator():
        count = pending_count_for(user, counts)
        if not count:
            continue
        notify(
            user=user,
            title=f"待审核提醒：{count} 份职称申报待审核",
            body=(
                f"截至目前，有 {count} 份职称申报在您所在机构的审核环节等待审核。"
                "请登录系统在“申报审核”中及时办理（通过、返回修改、重置流程或不通过，均须填写审核意见）。"
            ),
        )
        told += 1
    return told
