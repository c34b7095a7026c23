"""暂停推荐: the city bureau suspends a unit's 职称申报推荐 work for a year (seed 必读 (一)2:
"情节严重造成不良影响的，暂停该单位下一年度职称申报推荐工作限期整改"), with the reason and the
document, and lifts it early once the unit has rectified. Each change writes one audit row and
tells the unit's admins by site message.

While a suspension is in force for an application's year, the unit cannot pass anything at its
unit step (recommend.selectors.unit_step_check asks `suspension_message`; single pass, batch pass
and the API all go through the state machine's guard). Its applicants see why on 职称申报, 申报记录
and their home (`applicant_notices`, templatetags/orgs_suspension.py). They may still save the
cover and submit — the application waits at the unit step until the suspension is lifted (or the
applicant changes unit through 重置流程) — and the unit may still return or reset: neither is a
recommendation (docs/decisions/0009-unit-suspension.md)."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import Role
from core.audit import audit
from core.dates import date_label, datetime_label, deadline_label
from core.errors import Conflict, FieldErrors, Forbidden, NotFound
from core.fields import date_field, text_field
from core.http import valid_ip
from core.sources import YUNNAN_57

from .models import UNIT_KINDS, Organisation
from .services import _pk
from .suspension_models import UnitSuspension
from .windows import current_year

REASON_MAX = 1000
DOCUMENT_MAX = 100  # model max_length
# Where people read the rule: seed part 一 and the policy it quotes.
SOURCE = f"见《职称申报必读》（一）2，{YUNNAN_57}"
NOT_FOUND = "未找到该暂停记录。"


# --- who -------------------------------------------------------------------------------------------


def can_manage_suspensions(actor) -> bool:
    """The city bureau's staff (市人社局审核员) decide and lift suspensions."""
    return bool(
        getattr(actor, "is_authenticated", False)
        and actor.is_active
        and actor.role == Role.CITY_REVIEWER
        and actor.organisation_id
    )


def _require_manager(actor) -> None:
    if not can_manage_suspensions(actor):
        raise Forbidden("只有市人社局可以暂停或恢复单位的职称申报推荐工作。")


# --- reads -----------------------------------------------------------------------------------------


def active_suspension(*, unit_id, year: int) -> UnitSuspension | None:
    if not unit_id:
        return None
    return (
        UnitSuspension.objects.select_related("unit")
        .filter(unit_id=unit_id, year=year, lifted_at__isnull=True)
        .first()
    )


def _reason(suspension: UnitSuspension) -> str:
    """The reason without its closing punctuation (the sentences around it supply it)."""
    return suspension.reason.strip().rstrip("。；;.，, ")


def unit_message(suspension: UnitSuspension) -> str:
    """What the unit reads: on its pass refused, its review page and its home."""
    return (
        f"{suspension.unit.name}{suspension.year}年度职称申报推荐工作已暂停、限期整改（{suspension.document}），"
        f"暂停期间单位审核不能通过任何申报（{SOURCE}）。暂停原因：{_reason(suspension)}。"
        "整改完成后，请联系市人社局解除暂停；暂停期间仍可返回修改或重置流程。"
    )


def suspension_message(*, unit_id, year: int) -> str:
    """Why the unit cannot pass an application of `year` at its step ("" when it may)."""
    suspension = active_suspension(unit_id=unit_id, year=year)
    return unit_message(suspension) if suspension is not None else ""


def applicant_notice(suspension: UnitSuspension) -> str:
    """What an applicant of the suspended unit reads (职称申报, 申报记录, home)."""
    return (
        f"您所在单位{suspension.unit.name}{suspension.year}年度职称申报推荐工作已暂停：原因：{_reason(suspension)}"
        f"（{suspension.document}，{SOURCE}）。暂停期间单位不能审核通过（推荐）您的申报："
        "已提交的申报停留在单位审核环节，待暂停解除后由单位审核；尚未提交的仍可保存封面、提交申报。请联系单位。"
    )


def applicant_notices(*, unit_id, year: int | None = None) -> list[UnitSuspension]:
    """The suspensions in force that concern an applicant of `unit_id`: of `year`, or (no year)
    of this year and later."""
    if not unit_id:
        return []
    qs = UnitSuspension.objects.select_related("unit").filter(unit_id=unit_id, lifted_at__isnull=True)
    qs = qs.filter(year=year) if year else qs.filter(year__gte=current_year())
    return list(qs.order_by("year", "id"))


def suspensions_list(*, actor, year=None, state: str = "") -> QuerySet[UnitSuspension]:
    """Every suspension, newest first, for the city bureau; `state` "active" or "lifted"."""
    _require_manager(actor)
    qs = UnitSuspension.objects.select_related("unit", "created_by", "lifted_by")
    try:
        year_value = int(str(year).strip()) if year not in (None, "") else None
    except (TypeError, ValueError):
        year_value = None
    if year_value:
        qs = qs.filter(year=year_value)
    if state == "active":
        qs = qs.filter(lifted_at__isnull=True)
    elif state == "lifted":
        qs = qs.filter(lifted_at__isnull=False)
    return qs.order_by("-year", "-created_at", "-id")


def suspension_get(*, actor, suspension_id) -> UnitSuspension:
    _require_manager(actor)
    pk = _pk(suspension_id)  # None or -1 when it is no number: found nowhere
    suspension = UnitSuspension.objects.select_related("unit").filter(pk=pk).first()
    if suspension is None:
        raise NotFound(NOT_FOUND)
    return suspension


def suspension_years(today: date | None = None) -> list[int]:
    """The years a suspension may be decided for: the seed's next year, or this year still."""
    year = today.year if today else current_year()
    return [year + 1, year]


# --- writes ----------------------------------------------------------------------------------------


def _unit(errors: FieldErrors, unit_id) -> Organisation | None:
    pk = _pk(unit_id)
    unit = Organisation.objects.filter(pk=pk, kind__in=UNIT_KINDS).first() if pk else None
    if unit is None:
        errors.add("unit_id", "请选择要暂停推荐工作的用人单位或人事代理机构。")
    return unit


def _year(errors: FieldErrors, value, *, today: date) -> int | None:
    allowed = suspension_years(today)
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        year = None
    if year not in allowed:
        errors.add("year", f"暂停年度应为{allowed[0]}年（下一年度）或{allowed[1]}年。")
        return None
    return year


def _notify_unit(unit: Organisation, *, title: str, body: str) -> None:
    from accounts.models import User
    from messaging.notify import notify

    for user in User.objects.filter(role=Role.UNIT_ADMIN, organisation=unit, is_active=True):
        notify(user=user, title=title, body=body)


def suspension_create(
    *,
    actor,
    unit_id,
    year,
    reason,
    document,
    rectify_by=None,
    ip: str | None = None,
    today: date | None = None,
) -> UnitSuspension:
    """Suspend the unit's recommendation work for `year` (default in the pages: next year) with
    the reason, the document number and, optionally, the deadline to rectify. A second suspension
    of the same unit and year while one is in force: Conflict."""
    _require_manager(actor)
    today = today or timezone.localdate()
    errors = FieldErrors()
    unit = _unit(errors, unit_id)
    year_value = _year(errors, year, today=today)
    reason_text = text_field(errors, "reason", reason, label="暂停原因", max_length=REASON_MAX)
    document_text = text_field(errors, "document", document, label="文件文号", max_length=DOCUMENT_MAX)
    deadline = None
    if rectify_by not in (None, ""):
        deadline = date_field(errors, "rectify_by", rectify_by, label="整改期限")
        if deadline and deadline < today:
            errors.add("rectify_by", f"整改期限不能早于今天（{date_label(today)}）。")
    errors.raise_if_any("未暂停，请按提示修改。")
    try:
        with transaction.atomic():
            Organisation.objects.select_for_update().filter(pk=unit.pk).values_list("pk").first()
            existing = active_suspension(unit_id=unit.pk, year=year_value)
            if existing is not None:
                raise _already(existing)
            suspension = UnitSuspension.objects.create(
                unit=unit,
                year=year_value,
                reason=reason_text,
                document=document_text,
                rectify_by=deadline,
                created_by=actor,
            )
            audit(
                actor=actor,
                action="unit_suspension_create",
                target=suspension,
                detail={
                    "unit_id": unit.pk,
                    "year": year_value,
                    "document": document_text,
                    "rectify_by": deadline.isoformat() if deadline else None,
                },
                ip=valid_ip(ip),
            )
            _notify_unit(
                unit,
                title=f"{year_value}年度职称申报推荐工作已暂停",
                body=unit_message(suspension)
                + (f" 整改期限：{deadline_label(deadline)}。" if deadline else ""),
            )
    except IntegrityError:  # a concurrent suspension of the same unit and year
        raise _already(active_suspension(unit_id=unit.pk, year=year_value)) from None
    return suspension


def _already(existing: UnitSuspension | None) -> Conflict:
    document = f"（{existing.document}）" if existing is not None else ""
    year = existing.year if existing is not None else ""
    message = f"该单位{year}年度职称申报推荐工作已暂停{document}，无需重复暂停。"
    return Conflict(message, {"unit_id": [message]})


def suspension_lift(*, actor, suspension_id, reason, document="", ip: str | None = None) -> UnitSuspension:
    """Lift a suspension in force early (the unit has rectified): the rectification (required)
    and, optionally, the document. A lifted suspension stays on record and cannot be lifted again."""
    _require_manager(actor)
    pk = _pk(suspension_id)  # None or -1 when it is no number: found nowhere
    errors = FieldErrors()
    reason_text = text_field(errors, "reason", reason, label="整改情况（解除原因）", max_length=REASON_MAX)
    document_text = text_field(
        errors, "document", document, label="解除文件文号", max_length=DOCUMENT_MAX, required=False
    )
    with transaction.atomic():
        # Read once, under the lock: unknown first, then the field errors, then already lifted.
        suspension = UnitSuspension.objects.select_for_update().select_related("unit").filter(pk=pk).first()
        if suspension is None:
            raise NotFound(NOT_FOUND)
        errors.raise_if_any("未解除，请按提示修改。")
        if suspension.lifted_at is not None:
            raise Conflict(f"该暂停已于 {datetime_label(suspension.lifted_at)} 解除。")
        suspension.lifted_at = timezone.now()
        suspension.lifted_by = actor
        suspension.lift_reason = reason_text
        suspension.lift_document = document_text
        suspension.save(update_fields=["lifted_at", "lifted_by", "lift_reason", "lift_document"])
        audit(
            actor=actor,
            action="unit_suspension_lift",
            target=suspension,
            detail={"unit_id": suspension.unit_id, "year": suspension.year, "document": document_text},
            ip=valid_ip(ip),
        )
        _notify_unit(
            suspension.unit,
            title=f"{suspension.year}年度职称申报推荐工作已恢复",
            body=(
                f"{suspension.unit.name}{suspension.year}年度职称申报推荐工作的暂停已解除"
                f"{f'（{document_text}）' if document_text else ''}，单位可以继续审核推荐。"
            ),
        )
    return suspension
