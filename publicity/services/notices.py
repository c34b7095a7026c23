"""Publishing notices (rules 2 and 3) and settling a unit notice's 单位公示 (rule 2)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from applications.models import Application, ApplicationStatus
from core.audit import audit
from core.errors import FieldErrors, Forbidden
from core.fields import date_field, text_field
from core.http import valid_ip
from core.sources import cite
from core.validators import mask_id_number

from ..entry_details import entry_details
from ..models import (
    Publicity,
    PublicityEntry,
    PublicityKind,
)
from ..selectors import (
    candidates_for,
    publisher_for,
    unit_notice_outcome,
)
from .fields import BODY_MAX, TITLE_MAX, clean_ids, period_check

UNIT_PLACE = "本系统网上公示"


# --- notices --------------------------------------------------------------------------------------


# The notices that show each applicant's 学历、资历条件及学术、业绩成果 (seed 必读 (三)1; the
# pre-review notice publishes the same applicants to the public before the committee).
DETAILED_KINDS = (PublicityKind.UNIT, PublicityKind.PRE_REVIEW)


def _entry_values(application: Application, snapshot: dict | None) -> dict:
    details = entry_details(snapshot)
    return {
        "name": application.applicant.name,
        "unit_name": str(application.unit),
        "series_name": application.series.name,
        "level_label": application.get_level_display(),
        "title_name": application.title.name,
        "id_number_masked": mask_id_number(application.applicant.id_number or ""),
        "education": details.education,
        "qualifications": details.qualifications,
        "achievements": details.achievements,
    }


# The generic 发布公示 refuses a result notice: it is generated from a closed round's fixed results
# (evaluation: 评审批次 → 评审结果), which calls `result_notice_publish` (issue 13 item 8).
RESULT_VIA_ROUND = (
    "评审结果公示由评审会议确定的表决结果生成，只列评审通过的申报人，不能在这里选择人员发布："
    f"请在“评审批次 → 评审结果”中生成评审结果公示（{cite(3, 33)}）。"
)


def publicity_create(
    *,
    actor,
    kind,
    title,
    body="",
    start_date,
    end_date,
    application_ids,
    ip: str | None = None,
    today: date | None = None,
) -> Publicity:
    """Publish a 单位公示 or 评前公示 for applications of the actor's jurisdiction; every field
    error is reported at once. A 评审结果公示 is refused here (RESULT_VIA_ROUND)."""
    today = today or timezone.localdate()
    publisher = publisher_for(actor)
    if publisher is None:
        raise Forbidden("只有单位管理员、评委会办事机构和市人社局审核员可以发布公示。")
    errors = FieldErrors()
    kind = "" if kind is None else str(kind).strip()
    if kind == PublicityKind.RESULT and kind in publisher.kinds:
        errors.add("kind", RESULT_VIA_ROUND)
    elif kind not in publisher.kinds or kind == PublicityKind.RESULT:
        allowed = "、".join(PublicityKind(k).label for k in publisher.kinds if k != PublicityKind.RESULT)
        errors.add("kind", f"请选择公示类别（{allowed}）。")
    values = _notice_values(
        errors, title=title, body=body, start_date=start_date, end_date=end_date, today=today
    )
    ids = clean_ids(errors, application_ids)
    errors.raise_if_any("公示未发布，请按提示修改。")

    with transaction.atomic():
        # The rows are locked so a pass of the same application cannot interleave (a unit notice
        # records its 单位公示 on each of them).
        locked = _lock(ids)
        chosen = {a.pk: a for a in candidates_for(actor=actor, kind=kind).filter(pk__in=locked)}
        _refuse_outside(errors, kind, ids, chosen)
        return _create(actor=actor, publisher=publisher, kind=kind, ids=ids, chosen=chosen, ip=ip, **values)


def result_notice_publish(
    *,
    actor,
    title,
    body="",
    start_date,
    end_date,
    application_ids,
    ip: str | None = None,
    today: date | None = None,
) -> Publicity:
    """The 评审结果公示 of a committee's fixed results (rules 3, 33), called by the evaluation's
    round (evaluation/results.py, which chooses the applications: its round's 评审通过, under the
    round's lock): the committee office publishes; only 评审通过 applications of its committee; a
    period of at least PUBLICITY_MIN_WORKDAYS working days. No 学历、资历 or 成果: only results."""
    today = today or timezone.localdate()
    publisher = publisher_for(actor)
    if publisher is None or publisher.committee is None:
        raise Forbidden("评审结果公示由评委会办事机构生成。")
    errors = FieldErrors()
    values = _notice_values(
        errors, title=title, body=body, start_date=start_date, end_date=end_date, today=today
    )
    ids = clean_ids(errors, application_ids)
    errors.raise_if_any("评审结果公示未生成，请按提示修改。")
    with transaction.atomic():
        locked = _lock(ids)
        chosen = {
            a.pk: a
            for a in Application.objects.defer("snapshot")
            .select_related("applicant", "unit", "series", "title")
            .filter(pk__in=locked, status=ApplicationStatus.PASSED, committee=publisher.committee)
        }
        _refuse_outside(errors, PublicityKind.RESULT, ids, chosen)
        return _create(
            actor=actor,
            publisher=publisher,
            kind=PublicityKind.RESULT,
            ids=ids,
            chosen=chosen,
            ip=ip,
            **values,
        )


def _notice_values(errors: FieldErrors, *, title, body, start_date, end_date, today: date) -> dict:
    title_text = text_field(errors, "title", title, label="公示标题", max_length=TITLE_MAX)
    body_text = text_field(errors, "body", body, label="公示说明", max_length=BODY_MAX, required=False)
    start = date_field(errors, "start_date", start_date, label="公示开始日期")
    end = date_field(errors, "end_date", end_date, label="公示结束日期")
    workdays = period_check(errors, start=start, end=end, today=today)
    return {"title": title_text, "body": body_text, "start": start, "end": end, "workdays": workdays}


def _lock(ids: list[int]) -> set[int]:
    return set(
        Application.objects.select_for_update(of=("self",)).filter(pk__in=ids).values_list("pk", flat=True)
    )


def _refuse_outside(errors: FieldErrors, kind: str, ids: list[int], chosen: dict) -> None:
    outside = [pk for pk in ids if pk not in chosen]
    if outside:
        errors.add("application_ids", _outside_message(kind, len(outside)))
        errors.raise_if_any("公示未发布，请按提示修改。")


def _create(
    *, actor, publisher, kind: str, ids: list[int], chosen: dict, ip, title, body, start, end, workdays
) -> Publicity:
    """The notice and its frozen entries, inside the caller's transaction; audited."""
    notice = Publicity.objects.create(
        kind=kind,
        publisher_org=publisher.org if publisher.committee is None else None,
        publisher_committee=publisher.committee,
        title=title,
        body=body,
        start_date=start,
        end_date=end,
        workdays=workdays,
        created_by=actor,
    )
    # The snapshots in one query (the candidates are read without them).
    snapshots = (
        dict(Application.objects.filter(pk__in=ids).values_list("pk", "snapshot"))
        if kind in DETAILED_KINDS
        else {}
    )
    PublicityEntry.objects.bulk_create(
        PublicityEntry(
            publicity=notice,
            application=chosen[pk],
            order=order,
            **_entry_values(chosen[pk], snapshots.get(pk)),
        )
        for order, pk in enumerate(ids, start=1)
    )
    if kind == PublicityKind.UNIT:
        _record_unit_publicity(notice=notice, applications=[chosen[pk] for pk in ids], actor=actor)
    audit(
        actor=actor,
        action="publicity_create",
        target=notice,
        detail={
            "kind": kind,
            "start_date": start.isoformat(),
            "end_date": end.isoformat(),
            "workdays": workdays,
            "application_ids": ids,
        },
        ip=valid_ip(ip),
    )
    return notice


def _outside_message(kind: str, count: int) -> str:
    if kind == PublicityKind.UNIT:
        where = "单位公示的对象是在单位审核环节的本单位申报"
    elif kind == PublicityKind.RESULT:
        where = "评审结果公示的对象是本评委会评审通过的申报"
    else:
        where = "评前公示的对象是本评委会经资格审查（电子材料审核通过）的申报"
    return f"所选申报中有 {count} 项不在可公示范围内（{where}），请刷新页面后重新选择。"


def _record_unit_publicity(*, notice: Publicity, applications: list[Application], actor) -> None:
    """Rule 2 without typing twice: each applicant's 单位公示 follows the online notice (its result
    is read from the notice: recommend.selectors.publicity_for)."""
    from recommend.models import UnitPublicity

    place = f"{UNIT_PLACE}：{notice.title}"[:200]
    for application in applications:
        UnitPublicity.objects.update_or_create(
            application=application,
            defaults={
                "unit": application.unit,
                "start_date": notice.start_date,
                "end_date": notice.end_date,
                "workdays": notice.workdays,
                "place": place,
                "result": "",
                "handling": "",
                "notice": notice,
                "updated_by": actor,
            },
        )


def unit_publicity_settle(*, notice: Publicity, today: date | None = None) -> int:
    """Store the settled result of a closed unit notice on its applicants' 单位公示 rows (the
    pages already read it from the notice; this keeps the stored row, which the printed review
    form uses, in step). Returns how many rows changed."""
    from recommend.models import UnitPublicity

    if notice.kind != PublicityKind.UNIT:
        return 0
    today = today or timezone.localdate()
    changed = 0
    for row in UnitPublicity.objects.filter(notice=notice):
        outcome = unit_notice_outcome(notice=notice, application_id=row.application_id, today=today)
        if outcome.result and (row.result, row.handling) != (outcome.result, outcome.handling):
            row.result, row.handling = outcome.result, outcome.handling
            row.save(update_fields=["result", "handling", "updated_at"])
            changed += 1
    return changed


def unit_publicity_settle_closed(*, today: date | None = None) -> int:
    """Daily (or on any page of the publisher): settle every unit notice that has closed."""
    today = today or timezone.localdate()
    changed = 0
    for notice in Publicity.objects.filter(
        kind=PublicityKind.UNIT, end_date__lt=today, end_date__gte=today - timedelta(days=60)
    ):
        changed += unit_publicity_settle(notice=notice, today=today)
    return changed
