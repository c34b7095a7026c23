"""/api/v1/evaluation/: 评议 (rule 28). `opinions_put`: the drawn expert writes or edits their
opinion on an application of their group (while the round is 已抽取专家). `opinions_list`: the
committee office's summary of a round (every opinion; only the office). Thin: evaluation/opinions.py."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status

from accounts.auth import api_auth
from core.http import client_ip

from . import opinions
from .api_errors import ERRORS

router = Router(tags=["评议"])


class OpinionPutIn(Schema):
    text: str
    recommendation: str
    scores: dict[str, float | int | str | None] = {}


class OpinionOut(Schema):
    id: int
    entry_id: int
    text: str
    recommendation: str
    recommendation_label: str
    scores: dict[str, float | int]
    submitted_at: datetime
    updated_at: datetime


class OpinionSummaryItemOut(Schema):
    expert_id: int
    expert: str
    text: str
    recommendation: str
    recommendation_label: str
    scores: dict[str, float | int]
    updated_at: datetime


class OpinionCriterionAverageOut(Schema):
    key: str
    label: str
    weight: int
    scored: int
    average: float | None
    average_exact: str | None


class OpinionSummaryEntryOut(Schema):
    entry_id: int
    application_id: int
    name: str
    group: str
    expected: int
    submitted: int
    recommend_pass: int
    recommend_fail: int
    averages: list[OpinionCriterionAverageOut]
    opinions: list[OpinionSummaryItemOut]


def _opinion(row) -> dict:
    return {
        "id": row.pk,
        "entry_id": row.entry_id,
        "text": row.text,
        "recommendation": row.recommendation,
        "recommendation_label": row.get_recommendation_display(),
        "scores": row.scores or {},
        "submitted_at": row.submitted_at,
        "updated_at": row.updated_at,
    }


@router.put(
    "/assignments/{entry_id}/opinion/",
    auth=api_auth,
    response={200: OpinionOut, 201: OpinionOut, **ERRORS},
    operation_id="opinions_put",
    summary="提交或修改评议意见（抽取的评审专家，对本组未回避的申报人；评审会议开始前）",
)
def opinions_put(request: HttpRequest, entry_id: int, payload: OpinionPutIn):
    row, created = opinions.opinion_put(
        actor=request.auth,
        entry_id=entry_id,
        text=payload.text,
        recommendation=payload.recommendation,
        scores=payload.scores,
        ip=client_ip(request),
    )
    return Status(201 if created else 200, _opinion(row))


@router.get(
    "/rounds/{round_id}/opinions/",
    auth=api_auth,
    response={200: list[OpinionSummaryEntryOut], **ERRORS},
    operation_id="opinions_list",
    summary="评议汇总（评委会办事机构）：每名申报人的评议份数、建议通过/不通过人数、各评分项平均分和评议意见",
)
def opinions_list(request: HttpRequest, round_id: int):
    _row, summary = opinions.opinions_for_office(actor=request.auth, round_id=round_id)
    return [
        {
            "entry_id": s.entry.pk,
            "application_id": s.entry.application_id,
            "name": s.entry.application.applicant.name,
            "group": s.entry.group.name if s.entry.group_id else "",
            "expected": s.expected,
            "submitted": s.submitted,
            "recommend_pass": s.passes,
            "recommend_fail": s.fails,
            "averages": [
                {
                    "key": a.criterion.key,
                    "label": a.criterion.label,
                    "weight": a.criterion.weight,
                    "scored": a.scored,
                    "average": round(float(a.average), 2) if a.average is not None else None,
                    "average_exact": str(a.average) if a.average is not None else None,
                }
                for a in s.averages
            ],
            "opinions": [
                {
                    "expert_id": o.expert_id,
                    "expert": o.expert.name,
                    "text": o.text,
                    "recommendation": o.recommendation,
                    "recommendation_label": o.get_recommendation_display(),
                    "scores": o.scores or {},
                    "updated_at": o.updated_at,
                }
                for o in s.opinions
            ],
        }
        for s in summary
    ]
