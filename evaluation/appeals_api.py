"""/api/v1/evaluation/: 复查 (rule 34), 撤销职称 (rules 1, 35) and removing an expert from every
pool (rule 35). Thin: the same functions as the pages (evaluation/appeals.py, revocation.py,
expert_removal.py)."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status

from accounts.auth import api_auth
from core.http import client_ip

from . import appeals, expert_removal, revocation
from .api_errors import ERRORS
from .result_models import Appeal, Revocation

router = Router(tags=["复查与撤销"])


class AppealIn(Schema):
    """application_id: the applicant's own application with a fixed result; reasons: 复查理由."""

    application_id: int | str
    reasons: str = ""


class AppealDecisionIn(Schema):
    """decision: kept (维持原评审结果) / reconsider (重新评议); note: 复查意见."""

    decision: str = ""
    note: str = ""


class AppealOut(Schema):
    id: int
    application_id: int
    applicant: str
    round: str
    outcome: str
    outcome_label: str
    reasons: str
    created_at: datetime
    decision: str
    decision_label: str
    decision_note: str
    decided_at: datetime | None
    application_status: str
    application_status_label: str


class RevokeIn(Schema):
    application_id: int | str
    reason: str = ""
    document_number: str = ""
    revoked_on: str = ""  # YYYY-MM-DD


class RevocationOut(Schema):
    id: int
    application_id: int
    application_status: str
    application_status_label: str
    reason: str
    document_number: str
    revoked_on: date
    integrity_expires_on: date | None


class ExpertRemoveIn(Schema):
    expert_id: int | str
    reason: str = ""


class ExpertRemovalOut(Schema):
    expert_id: int
    name: str
    pools: list[str]
    rounds: list[str]
    short_groups: list[str]
    open_meetings: list[str]
    message: str


def appeal_out(appeal: Appeal) -> dict:
    application, tally = appeal.application, appeal.tally
    return {
        "id": appeal.pk,
        "application_id": application.pk,
        "applicant": application.applicant.name,
        "round": tally.entry.round.name,
        "outcome": tally.outcome,
        "outcome_label": tally.get_outcome_display(),
        "reasons": appeal.reasons,
        "created_at": appeal.created_at,
        "decision": appeal.decision,
        "decision_label": appeal.get_decision_display() if appeal.decision else "待办理",
        "decision_note": appeal.decision_note,
        "decided_at": appeal.decided_at,
        "application_status": application.status,
        "application_status_label": application.get_status_display(),
    }


def _appeal(pk: int) -> Appeal:
    return Appeal.objects.select_related("application__applicant", "tally__entry__round").get(pk=pk)


@router.post(
    "/appeals",
    auth=api_auth,
    response={201: AppealOut, **ERRORS},
    operation_id="appeals_create",
    summary="申请复查（申报人本人，对本人申报的评审结果，在评审结果公示期内，每个结果一次）",
)
def appeals_create(request: HttpRequest, payload: AppealIn):
    appeal = appeals.appeals_create(
        actor=request.auth,
        application_id=payload.application_id,
        reasons=payload.reasons,
        ip=client_ip(request),
    )
    return Status(201, appeal_out(_appeal(appeal.pk)))


@router.get(
    "/appeals",
    auth=api_auth,
    response={200: list[AppealOut], **ERRORS},
    operation_id="appeals_list",
    summary="复查申请（评委会办事机构：本评委会的复查申请，待办理的在前）",
)
def appeals_list(request: HttpRequest):
    return [appeal_out(a) for a in appeals.appeals_list(actor=request.auth)]


@router.post(
    "/appeals/{appeal_id}/decision",
    auth=api_auth,
    response={200: AppealOut, **ERRORS},
    operation_id="appeals_decide",
    summary="办理复查（评委会办事机构）：维持原评审结果，或重新评议（退回电子材料审核通过，参加下一次评审会议）",
)
def appeals_decide(request: HttpRequest, appeal_id: str, payload: AppealDecisionIn):
    appeal = appeals.appeals_decide(
        actor=request.auth,
        appeal_id=appeal_id,
        decision=payload.decision,
        note=payload.note,
        ip=client_ip(request),
    )
    return appeal_out(_appeal(appeal.pk))


@router.post(
    "/titles/revoke",
    auth=api_auth,
    response={201: RevocationOut, **ERRORS},
    operation_id="titles_revoke",
    summary="撤销职称（市人社局或评委会组建单位；已核准（备案）的评审通过，记入诚信档案3年）",
)
def titles_revoke(request: HttpRequest, payload: RevokeIn):
    done = revocation.titles_revoke(
        actor=request.auth,
        application_id=payload.application_id,
        reason=payload.reason,
        document_number=payload.document_number,
        revoked_on=payload.revoked_on,
        ip=client_ip(request),
    )
    done = Revocation.objects.select_related("application", "integrity_record").get(pk=done.pk)
    return Status(
        201,
        {
            "id": done.pk,
            "application_id": done.application_id,
            "application_status": done.application.status,
            "application_status_label": done.application.get_status_display(),
            "reason": done.reason,
            "document_number": done.document_number,
            "revoked_on": done.revoked_on,
            "integrity_expires_on": done.integrity_record.expires_on if done.integrity_record else None,
        },
    )


@router.post(
    "/expert-removals",
    auth=api_auth,
    response={200: ExpertRemovalOut, **ERRORS},
    operation_id="experts_remove",
    summary="取消评审专家在全部评审专家库中的资格（市人社局；移出尚未开始评审会议的评审批次）",
)
def experts_remove(request: HttpRequest, payload: ExpertRemoveIn):
    result = expert_removal.expert_remove_everywhere(
        actor=request.auth, expert_id=payload.expert_id, reason=payload.reason, ip=client_ip(request)
    )
    return {
        "expert_id": result.expert.pk,
        "name": result.expert.name,
        "pools": result.pools,
        "rounds": result.rounds,
        "short_groups": result.short_groups,
        "open_meetings": result.open_meetings,
        "message": result.message,
    }
