"""/api/v1/paths/: 我能申报什么 as data (`eligibility_check`), the same list as the page, from the
same selector. Thin: a ServiceError becomes {"detail", "errors"} with its status (zhicheng/api.py)."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema

from accounts.auth import api_auth

from .results import PathResult
from .selectors import application_paths, path_facts

router = Router(tags=["申报途径"])


class Error(Schema):
    detail: str
    errors: dict[str, list[str]]


class CommitteeOut(Schema):
    id: int
    name: str
    closes_at: datetime | None


class ConditionOut(Schema):
    text: str
    source: str  # where the condition comes from, as people know it: "《职称知识25问》第18问"
    source_url: str  # its help page
    met_on: date | None
    month_only: bool  # rule 8: met for committees meeting in met_on's month or later
    met_on_label: str  # "将于 2027年3月10日 满足" / "将于 2027年3月 满足"
    kind: str  # wait (met by time on met_on), need (fill something: link), never, unknown
    link: str


class PathOut(Schema):
    path: str
    path_label: str
    level: str
    level_label: str
    series: str
    title: str
    status: str
    status_label: str
    committees: list[CommitteeOut]
    authority: str
    conditions: list[ConditionOut]
    ready_on: date | None
    notes: list[str]
    link: str


class FactsIn(Schema):
    """What the dossier cannot hold, for this query only (nothing is saved); dates YYYY-MM-DD."""

    hired_on: str = ""
    changed_on: str = ""
    transferred_on: str = ""
    moved_from: str = ""
    skill_grade: str = ""
    skill_obtained_on: str = ""


def path_out(result: PathResult) -> dict:
    return {
        "path": result.path,
        "path_label": result.path_label,
        "level": result.level,
        "level_label": result.level_label,
        "series": result.series,
        "title": result.title,
        "status": result.status,
        "status_label": result.status_label,
        "committees": [{"id": c.id, "name": c.name, "closes_at": c.closes_at} for c in result.committees],
        "authority": result.authority,
        "conditions": [
            {
                "text": c.text,
                "source": c.source.label if c.source else "",
                "source_url": c.source.url if c.source else "",
                "met_on": c.met_on,
                "month_only": c.month_only,
                "met_on_label": c.met_on_label,
                "kind": c.kind,
                "link": c.link,
            }
            for c in result.conditions
        ],
        "ready_on": result.ready_on,
        "notes": result.notes,
        "link": result.link,
    }


@router.get(
    "/eligibility",
    auth=api_auth,
    response={200: list[PathOut], 400: Error, 403: Error},
    operation_id="eligibility_check",
    summary="我能申报什么：每个申报途径和层级，可以申报（及开放的评委会）或未满足的条件及满足日期",
)
def eligibility_check(request: HttpRequest, facts: Query[FactsIn]):
    values = facts.model_dump()
    parsed = path_facts(**values) if any(values.values()) else None
    return [path_out(result) for result in application_paths(user=request.auth, facts=parsed)]
