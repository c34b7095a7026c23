"""/api/v1/units/applications/: the unit step's records — 基层意见 (rule 25) and 单位公示 (rule 2).
Thin: each endpoint calls the same service as the page and answers with the saved record and
`problems`, what still keeps the unit from passing the application (unit_step_problems)."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Router, Schema

from accounts.auth import api_auth
from core.http import client_ip

from .models import UnitPublicity, UnitRecommendation
from .selectors import unit_step_problems
from .services import publicity_put, recommendation_put

router = Router(tags=["申报审核"])


class Error(Schema):
    detail: str
    errors: dict[str, list[str]]


class UnitRecommendationIn(Schema):
    """基层意见: every part is required (the service says which are missing, all at once)."""

    evaluation: str | None = None
    method: str | None = None
    participants: str | None = None
    participant_count: int | str | None = None
    opinion: str | None = None
    formation: str | None = None


class UnitRecommendationOut(Schema):
    application_id: int
    evaluation: str
    method: str
    participants: str
    participant_count: int
    opinion: str
    formation: str
    updated_at: datetime
    problems: list[str]


class UnitPublicityIn(Schema):
    """单位公示: dates as YYYY-MM-DD; result "no_objection" (无异议), "objection_handled"
    (有异议，经核实不成立, with handling) or "objection_upheld" (有异议，经核实成立, with handling:
    recorded, but the unit then cannot pass the application), left empty while the publicity has
    not ended."""

    start_date: str | None = None
    end_date: str | None = None
    place: str | None = None
    result: str | None = None
    handling: str | None = None


class UnitPublicityOut(Schema):
    application_id: int
    start_date: date
    end_date: date
    workdays: int
    place: str
    result: str
    result_label: str
    handling: str
    updated_at: datetime
    problems: list[str]


def recommendation_out(row: UnitRecommendation, problems: list[str]) -> dict:
    return {
        "application_id": row.application_id,
        "evaluation": row.evaluation,
        "method": row.method,
        "participants": row.participants,
        "participant_count": row.participant_count,
        "opinion": row.opinion,
        "formation": row.formation,
        "updated_at": row.updated_at,
        "problems": problems,
    }


def publicity_out(row: UnitPublicity, problems: list[str]) -> dict:
    return {
        "application_id": row.application_id,
        "start_date": row.start_date,
        "end_date": row.end_date,
        "workdays": row.workdays,
        "place": row.place,
        "result": row.result,
        "result_label": row.get_result_display() if row.result else "",
        "handling": row.handling,
        "updated_at": row.updated_at,
        "problems": problems,
    }


@router.put(
    "/{application_id}/recommendation",
    auth=api_auth,
    response={200: UnitRecommendationOut, 400: Error, 404: Error, 409: Error},
    operation_id="units_recommendation_put",
    summary="基层意见：填写或修改单位推荐意见（仅本单位管理员，申报在单位审核环节时）",
)
def recommendation(request: HttpRequest, application_id: str, payload: UnitRecommendationIn):
    row = recommendation_put(
        actor=request.auth, application_id=application_id, ip=client_ip(request), **payload.model_dump()
    )
    return recommendation_out(row, unit_step_problems(application=row.application))


@router.put(
    "/{application_id}/publicity",
    auth=api_auth,
    response={200: UnitPublicityOut, 400: Error, 404: Error, 409: Error},
    operation_id="units_publicity_put",
    summary="单位公示：填写或修改公示起止日期、地点和公示结果（公示期不少于5个工作日）",
)
def publicity(request: HttpRequest, application_id: str, payload: UnitPublicityIn):
    values = payload.model_dump()
    values["handling"] = values["handling"] or ""
    row = publicity_put(actor=request.auth, application_id=application_id, ip=client_ip(request), **values)
    return publicity_out(row, unit_step_problems(application=row.application))
