"""撤销职称 (人社部令第40号, rules 1, 35 of docs/domain.md; issue 13 item 10): a title obtained by
fraud and already confirmed (核准/备案, a ResultConfirmation) is revoked by the city bureau (市人社局)
or by the committee's organiser (orgs.Committee.organiser: its department or district reviewers),
with a reason, a document number and a date.

One transaction through the state machine (applications.state.application_revoke, 评审通过 →
已撤销, one ReviewEvent "revoke"), and with it: the Revocation row; an IntegrityRecord of
rulebook.INTEGRITY_RECORD_YEARS (3) years from the revocation date (rule 1), which
applications.eligibility reads to bar the person from applying; the 现有职称情况 entry the
confirmation wrote marked 已撤销 with the document number (dossier.display.REVOKED_KEY: shown as
"已撤销（文号）", no longer editable by the applicant)."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import Role
from applications.models import Application, ApplicationStatus, IntegrityRecord
from applications.state import AlreadyDone, application_revoke
from core import rulebook
from core.audit import audit
from core.dates import add_years, date_label
from core.errors import Conflict, FieldErrors, Forbidden, NotFound, id_or_not_found
from core.fields import date_field, line_field
from core.sources import cite
from dossier.display import REVOKED_KEY
from dossier.models import DossierEntry
from orgs.models import Committee

from .result_models import ResultConfirmation, Revocation

REASON_MAX = 1000
DOCUMENT_MAX = 100
ORGANISER_ROLES = (Role.DEPARTMENT_REVIEWER, Role.DISTRICT_REVIEWER)
MSG_NOT_ALLOWED = "只有市人社局或评委会组建单位可以撤销职称。"


# --- who may ----------------------------------------------------------------------------------------


def is_city_bureau(actor) -> bool:
    return getattr(actor, "role", None) == Role.CITY_REVIEWER and bool(
        getattr(actor, "organisation_id", None)
    )


def can_revoke(actor, committee: Committee | None) -> bool:
    """The city bureau for any committee; a reviewer of the committee's organiser for its own."""
    if is_city_bureau(actor):
        return True
    return (
        committee is not None
        and getattr(actor, "role", None) in ORGANISER_ROLES
        and getattr(actor, "organisation_id", None) is not None
        and actor.organisation_id == committee.organiser_id
    )


def may_revoke_any(actor) -> bool:
    """Whether the actor may revoke titles of some committee (the menu's 撤销职称)."""
    if is_city_bureau(actor):
        return True
    return (
        getattr(actor, "role", None) in ORGANISER_ROLES
        and getattr(actor, "organisation_id", None) is not None
        and Committee.objects.filter(organiser_id=actor.organisation_id).exists()
    )


def _scope(actor) -> QuerySet[ResultConfirmation]:
    if is_city_bureau(actor):
        return ResultConfirmation.objects.all()
    if getattr(actor, "role", None) in ORGANISER_ROLES and getattr(actor, "organisation_id", None):
        return ResultConfirmation.objects.filter(application__committee__organiser_id=actor.organisation_id)
    raise Forbidden(MSG_NOT_ALLOWED)


def confirmed_titles(*, actor, q: str = "") -> QuerySet[ResultConfirmation]:
    """The confirmed titles the actor may revoke (revoked ones included, marked), newest first."""
    qs = _scope(actor).select_related(
        "application__applicant",
        "application__title",
        "application__committee",
        "application__revocation",
    )
    q = (q or "").strip()
    if q:
        qs = qs.filter(application__applicant__name__contains=q) | qs.filter(document_number__contains=q)
    return qs.order_by("-confirmed_on", "-pk")


# --- the write ----------------------------------------------------------------------------------------


def _clean(reason, document_number, revoked_on, *, today: date) -> tuple[str, str, date | None]:
    errors = FieldErrors()
    values: dict[str, str] = {}
    for field, value, label, limit in (
        ("reason", reason, "撤销事由", REASON_MAX),
        ("document_number", document_number, "撤销文号", DOCUMENT_MAX),
    ):
        values[field] = line_field(errors, field, value, label=label, max_length=limit)
    day = date_field(errors, "revoked_on", revoked_on, label="撤销日期")
    if day is not None and day > today:
        errors.add("revoked_on", f"撤销日期不能晚于今天（{date_label(today)}）。")
    errors.raise_if_any("职称未撤销，请按提示修改。")
    return values["reason"], values["document_number"], day


def titles_revoke(
    *, actor, application_id, reason, document_number, revoked_on, ip: str | None = None
) -> Revocation:
    """撤销职称 of a confirmed 评审通过: → 已撤销, the Revocation, the 3-year integrity record
    (rule 1), the 现有职称情况 entry marked. Refused for anyone but the city bureau or the
    committee's organiser, for a result not confirmed, and a second time."""
    if not (is_city_bureau(actor) or getattr(actor, "role", None) in ORGANISER_ROLES):
        raise Forbidden(MSG_NOT_ALLOWED)
    pk = id_or_not_found(application_id, "未找到该申报。")
    application = Application.objects.select_related("applicant", "committee", "title").filter(pk=pk).first()
    if application is None or application.committee_id is None:
        raise NotFound("未找到该申报。")
    if not can_revoke(actor, application.committee):
        raise Forbidden(
            f"您所在单位不是{application.committee.name}的组建单位，不能撤销其评审通过的职称；"
            "请由评委会组建单位或市人社局办理。"
        )
    today = timezone.localdate()
    text, number, day = _clean(reason, document_number, revoked_on, today=today)
    name = application.applicant.name
    found: dict[str, object] = {}

    def refuse_if_not_revocable(locked: Application) -> ResultConfirmation:
        if locked.status == ApplicationStatus.REVOKED:
            done = Revocation.objects.filter(application=locked).first()
            detail = f"（{date_label(done.revoked_on)}，{done.document_number}）" if done else ""
            raise Conflict(f"申报人{name}的职称已撤销{detail}，不能重复撤销。")
        confirmation = (
            ResultConfirmation.objects.select_for_update().filter(application=locked).first()
            if locked.status == ApplicationStatus.PASSED
            else None
        )
        if confirmation is None:
            raise Conflict(
                f"申报人{name}的评审结果（{locked.get_status_display()}）尚未核准（备案），不能撤销职称："
                f"撤销的是经核准（备案）取得的职称（{cite(33, 35)}）。"
            )
        return confirmation

    def guard(locked: Application) -> None:
        confirmation = refuse_if_not_revocable(locked)
        if day is not None and day < confirmation.confirmed_on:
            raise Conflict(
                f"撤销日期（{date_label(day)}）不能早于该职称的核准（备案）日期"
                f"（{date_label(confirmation.confirmed_on)}）。"
            )
        found["confirmation"] = confirmation

    def after_event(event) -> None:
        confirmation: ResultConfirmation = found["confirmation"]  # type: ignore[assignment]
        applicant = application.applicant
        record = IntegrityRecord.objects.create(
            id_number=(applicant.id_number or "").upper(),
            name=applicant.name,
            reason=f"通过不正当手段取得职称（{application.title.name}），于{date_label(day)}撤销（{number}）：{text}",
            recorded_on=day,
            expires_on=add_years(day, rulebook.INTEGRITY_RECORD_YEARS),
        )
        revocation = Revocation.objects.create(
            application=application,
            confirmation=confirmation,
            reason=text,
            document_number=number,
            revoked_on=day,
            revoked_by=actor,
            integrity_record=record,
        )
        entry = (
            DossierEntry.objects.select_for_update().filter(pk=confirmation.title_entry_id).first()
            if confirmation.title_entry_id
            else None
        )
        if entry is not None:
            entry.data = {
                **entry.data,
                REVOKED_KEY: {"document_number": number, "revoked_on": day.isoformat()},
            }
            entry.save(update_fields=["data", "updated_at"])
        found["revocation"] = revocation
        audit(
            actor=actor,
            action="evaluation_title_revoke",
            target=revocation,
            detail={
                "application": application.pk,
                "event": event.pk,
                "document_number": number,
                "revoked_on": day.isoformat(),
                "integrity_record": record.pk,
                "expires_on": record.expires_on.isoformat(),
                "title_entry": entry.pk if entry is not None else None,
            },
            ip=ip,
        )

    if application.status != ApplicationStatus.PASSED:
        refuse_if_not_revocable(application)
    try:
        application_revoke(
            application_id=application.pk,
            actor=actor,
            opinion=(
                f"撤销职称（{number}，{date_label(day)}）：{text.rstrip('。')}。"
                f"记入职称评审诚信档案，记录期限{rulebook.INTEGRITY_RECORD_YEARS}年"
                f"（至{date_label(add_years(day, rulebook.INTEGRITY_RECORD_YEARS))}）。"
            ),
            ip=ip,
            guard=guard,
            after_event=after_event,
        )
    except AlreadyDone:
        application.refresh_from_db()
        refuse_if_not_revocable(application)
        raise
    return found["revocation"]  # type: ignore[return-value]


__all__ = ["can_revoke", "confirmed_titles", "is_city_bureau", "may_revoke_any", "titles_revoke"]
