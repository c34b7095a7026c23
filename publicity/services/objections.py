"""Objections (rule 4): lodged by anyone while a notice is open, handled by the publisher."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from applications.models import Application, ReviewEvent
from core.audit import audit
from core.dates import date_label, deadline_label
from core.errors import Conflict, FieldErrors, NotFound, TooManyRequests
from core.fields import text_field
from core.http import valid_ip
from core.tasks import enqueue
from core.validators import clean_mobile

from ..models import (
    RESOLVED_STATUSES,
    Objection,
    ObjectionStatus,
    Publicity,
    PublicityKind,
    PublicityState,
)
from ..selectors import (
    NOTICE_NOT_FOUND,
    objection_for_publisher,
)
from .fields import FACTS_MAX, NAME_MAX, NOTE_MAX, checked_upload, store_upload, upload_removed_on_failure
from .notices import unit_publicity_settle

# A simple brake on anonymous objections: at most this many from one IP address per hour.
OBJECTIONS_PER_IP_PER_HOUR = 10


# --- objections -----------------------------------------------------------------------------------


def _event_summary_lodged(objection: Objection, notice: Publicity) -> str:
    return (
        f"{notice.get_kind_display()}“{notice.title}”期间收到异议（异议编号 {objection.pk}），"
        f"已转{notice.publisher_name}核实处理；异议办结前暂停审核通过。"
    )


def objection_create(
    *,
    notice_id,
    entry_id,
    objector_name,
    objector_phone,
    facts,
    attachment=None,
    ip: str | None = None,
    today: date | None = None,
) -> Objection:
    """Lodge an objection (rule 4): anyone, without signing in, while the notice is open. The
    person concerned must be on the notice. One ReviewEvent ("objection") in the application's
    trail; the application is held until the publisher resolves it."""
    today = today or timezone.localdate()
    try:
        pk = int(str(notice_id).strip())
    except (TypeError, ValueError):
        raise NotFound(NOTICE_NOT_FOUND) from None
    notice = Publicity.objects.select_related("publisher_org", "publisher_committee").filter(pk=pk).first()
    if notice is None:
        raise NotFound(NOTICE_NOT_FOUND)
    state = notice.state_on(today)
    if state == PublicityState.UPCOMING:
        raise Conflict(f"公示尚未开始（{date_label(notice.start_date)}开始），公示期内方可提出异议。")
    if state == PublicityState.CLOSED:
        raise Conflict(f"公示已于 {deadline_label(notice.end_date)} 结束，不能再提出异议。")
    ip = valid_ip(ip)
    if ip:
        recent = Objection.objects.filter(ip=ip, created_at__gte=timezone.now() - timedelta(hours=1)).count()
        if recent >= OBJECTIONS_PER_IP_PER_HOUR:
            raise TooManyRequests("提交过于频繁，请一小时后再试。如有紧急情况，请直接联系公示发布单位。")

    errors = FieldErrors()
    entry = None
    try:
        entry = notice.entries.filter(pk=int(str(entry_id).strip())).first()
    except (TypeError, ValueError):
        entry = None
    if entry is None:
        errors.add("entry_id", "请选择被反映的公示人员。")
    name = text_field(errors, "objector_name", objector_name, label="异议人姓名", max_length=NAME_MAX)
    phone = ""
    try:
        phone = clean_mobile(objector_phone or "")
    except ValueError as exc:
        errors.add("objector_phone", str(exc))
    facts_text = text_field(errors, "facts", facts, label="异议事实", max_length=FACTS_MAX)
    checked = checked_upload(errors, attachment, field="attachment")
    errors.raise_if_any("异议未提交，请按提示修改。")

    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",)).defer("snapshot").get(pk=entry.application_id)
        )
        objection = Objection(
            publicity=notice,
            entry=entry,
            application=application,
            objector_name=name,
            objector_phone=phone,
            facts=facts_text,
            ip=ip,
        )
        with upload_removed_on_failure(objection, "attachment"):
            store_upload(objection, "attachment", checked)
            objection.save()
            ReviewEvent.objects.create(
                application=application,
                actor=None,
                organisation=notice.publisher_org,
                action="objection",
                from_status=application.status,
                to_status=application.status,
                opinion=_event_summary_lodged(objection, notice),
                ip=ip,
            )
        enqueue("publicity.services.objection_notify_publisher", objection_id=objection.pk)
    return objection


def objection_notify_publisher(*, objection_id: int) -> int:
    """Task: a site message to every active account of the publishing organisation."""
    from accounts.models import Role, User
    from messaging.notify import notify

    objection = Objection.objects.select_related("publicity", "entry").filter(pk=objection_id).first()
    if objection is None:
        return 0
    notice = objection.publicity
    if notice.publisher_committee_id:
        people = User.objects.filter(role=Role.COMMITTEE_OFFICE, committee_id=notice.publisher_committee_id)
    elif notice.kind == PublicityKind.UNIT:
        people = User.objects.filter(role=Role.UNIT_ADMIN, organisation_id=notice.publisher_org_id)
    else:
        people = User.objects.filter(role=Role.CITY_REVIEWER, organisation_id=notice.publisher_org_id)
    told = 0
    for user in people.filter(is_active=True):
        notify(
            user=user,
            title="公示收到异议",
            body=(
                f"“{notice.title}”收到对{objection.entry.name}的异议（异议编号 {objection.pk}），"
                "请到“公示管理”中受理、核实并记录处理结果。异议办结前该申报不能审核通过。"
            ),
        )
        told += 1
    return told


HANDLE_CHOICES = (
    ObjectionStatus.ACCEPTED,
    ObjectionStatus.VERIFYING,
    ObjectionStatus.NOT_ACCEPTED,
    ObjectionStatus.CONCLUDED,
)
# The finding of a concluded objection (异议是否成立), as the API sends it and as people write it.
FINDING_CHOICES = (("not_upheld", "异议不成立"), ("upheld", "异议成立"))
FINDING_WORDS = {
    "upheld": True,
    "成立": True,
    "异议成立": True,
    "not_upheld": False,
    "不成立": False,
    "异议不成立": False,
}


def _finding(errors: FieldErrors, value, *, status: str) -> bool | None:
    """Required when the objection is concluded (已办结): upheld (成立) or not (不成立)."""
    text = "" if value is None else str(value).strip()
    if status != ObjectionStatus.CONCLUDED:
        return None
    if text not in FINDING_WORDS:
        errors.add("finding", "办结异议须写明核实结论：异议成立或异议不成立。")
        return None
    return FINDING_WORDS[text]


def objection_handle(
    *,
    actor,
    objection_id,
    status,
    acceptance_note="",
    verification="",
    outcome="",
    finding="",
    ip: str | None = None,
    today: date | None = None,
) -> Objection:
    """Record the publishing organisation's handling (rule 4): 已受理 / 核实中 with the notes so
    far, or resolve it — 不予受理 (with the reason) or 已办结 (with the verification, the outcome
    and the finding: 异议成立 / 异议不成立). A resolved objection is final; resolving it writes
    "objection_handled" in the application's trail and releases the hold. An upheld objection
    then blocks instead: on a unit notice the unit cannot recommend (recommend.selectors), on a
    pre-review notice the application cannot be filed (prereview_filed). Anyone but the
    publisher: NotFound."""
    objection = objection_for_publisher(actor=actor, objection_id=objection_id)
    errors = FieldErrors()
    status = "" if status is None else str(status).strip()
    if status not in HANDLE_CHOICES:
        errors.add("status", "请选择办理状态（已受理、核实中、不予受理、已办结）。")
    note = text_field(
        errors,
        "acceptance_note",
        acceptance_note,
        label="受理意见（不予受理的理由）" if status == ObjectionStatus.NOT_ACCEPTED else "受理意见",
        max_length=NOTE_MAX,
        required=status == ObjectionStatus.NOT_ACCEPTED,
    )
    verification_text = text_field(
        errors,
        "verification",
        verification,
        label="核实情况",
        max_length=NOTE_MAX,
        required=status == ObjectionStatus.CONCLUDED,
    )
    outcome_text = text_field(
        errors,
        "outcome",
        outcome,
        label="处理结果",
        max_length=NOTE_MAX,
        required=status == ObjectionStatus.CONCLUDED,
    )
    upheld = _finding(errors, finding, status=status)
    errors.raise_if_any("异议办理情况未保存，请按提示修改。")
    now = timezone.now()
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .defer("snapshot")
            .get(pk=objection.application_id)
        )
        objection = (
            Objection.objects.select_for_update().select_related("publicity", "entry").get(pk=objection.pk)
        )
        if objection.handling_status in RESOLVED_STATUSES:
            raise Conflict(
                f"该异议已{objection.get_handling_status_display()}，办理结果不能再修改。",
            )
        objection.handling_status = status
        objection.acceptance_note = note
        objection.verification = verification_text
        objection.outcome = outcome_text
        objection.upheld = upheld
        objection.handled_by = actor
        objection.handled_at = now
        resolved = status in RESOLVED_STATUSES
        if resolved:
            objection.resolved_at = now
        objection.save()
        notice = objection.publicity
        if resolved:
            if status == ObjectionStatus.NOT_ACCEPTED:
                summary = f"异议（编号 {objection.pk}）不予受理：{note}"
            else:
                summary = (
                    f"异议（编号 {objection.pk}）已办结，经核实{objection.finding_label}。"
                    f"核实情况：{verification_text} 处理结果：{outcome_text}"
                )
            ReviewEvent.objects.create(
                application=application,
                actor=actor,
                organisation=notice.publisher_org,
                action="objection_handled",
                from_status=application.status,
                to_status=application.status,
                opinion=f"{notice.publisher_name}：{summary}"[:2000],
                ip=valid_ip(ip),
            )
            if notice.kind == PublicityKind.UNIT:
                unit_publicity_settle(notice=notice, today=today)
        audit(
            actor=actor,
            action="objection_handle",
            target=objection,
            detail={
                "status": status,
                "upheld": upheld,
                "application_id": application.pk,
                "publicity_id": notice.pk,
            },
            ip=valid_ip(ip),
        )
    return objection
