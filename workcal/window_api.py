"""The committee office's 网上申报时间 endpoints (rules 6 and 7) and the committees open now,
mounted at /api/v1/units/ next to the unit endpoints (orgs.api). Thin: they call orgs.windows (the
reads) and workcal.windows.window_set, as the page does."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema

from accounts.auth import api_auth
from catalog.models import Level
from core.dates import CALENDAR_TZ
from core.errors import ServiceError
from core.http import client_ip
from orgs import windows

from . import windows as window_writes

router = Router(tags=["单位"])


class Error(Schema):
    detail: str
    errors: dict[str, list[str]]


# --- 网上申报时间 (rules 6 and 7) and the committees open now ---------------------------------------


class CommitteeRef(Schema):
    id: int
    name: str
    is_provincial: bool


class WindowOut(Schema):
    committee: CommitteeRef
    year: int
    state: str
    state_label: str
    opens_at: datetime | None
    closes_at: datetime | None
    collection_date: str | None
    meeting_month: str | None = Field(
        description="评委会召开时间（YYYY-MM），办事机构设置网上申报时间时填写；年龄、年限计算到该月"
    )
    planned_month: str | None = Field(
        description="计算年龄、年限所到的月份（YYYY-MM）：评委会召开时间，未填写的（旧记录）取评审计划月份"
    )


def window_out(committee, year: int) -> dict:
    window = windows.window_for(committee=committee, year=year)
    state = windows.window_state(window=window)
    month = windows.committee_month(committee=committee, year=year)
    return {
        "committee": {"id": committee.pk, "name": committee.name, "is_provincial": committee.is_provincial},
        "year": year,
        "state": state,
        "state_label": windows.STATE_LABELS[state],
        "opens_at": window.opens_at.astimezone(CALENDAR_TZ) if window else None,
        "closes_at": window.closes_at.astimezone(CALENDAR_TZ) if window else None,
        "collection_date": window.collection_date.isoformat() if window and window.collection_date else None,
        "meeting_month": f"{window.meeting_month:%Y-%m}" if window and window.meeting_month else None,
        "planned_month": f"{month[0]:04d}-{month[1]:02d}" if month else None,
    }


def _year_param(year: str) -> int:
    if not year:
        return windows.current_year()
    try:
        value = int(year)
    except ValueError:
        value = 0
    if not windows.YEAR_MIN <= value <= windows.YEAR_MAX:
        raise ServiceError("提交的信息有误，请按提示修改。", {"year": ["请填写正确的申报年度（如 2026）。"]})
    return value


@router.get(
    "/window",
    auth=api_auth,
    response={200: WindowOut, 400: Error, 403: Error, 404: Error},
    operation_id="windows_get",
    summary="本评委会的网上申报时间（评委会办事机构；技术支持用 committee 指定评委会）",
    tags=["评委会"],
)
def window_get(request: HttpRequest, committee: str = "", year: str = ""):
    target = windows.committee_for_office(actor=request.auth, committee_id=committee or None)
    return window_out(target, _year_param(year))


class WindowSetIn(Schema):
    """A city committee gives opens_at and closes_at ("YYYY-MM-DD HH:MM", Beijing time; the close
    is exclusive, "2026-09-30 24:00" is accepted); a provincial committee gives only
    collection_date ("YYYY-MM-DD") and the window follows 《职称知识25问》第7问 (opens 7 working
    days before, closes at 24:00 of the day before). Both give meeting_month, the month the
    committee meets ("YYYY-MM", required, not before the closing month; ages and years count up
    to it, 《职称知识25问》第8问)."""

    committee: str | int | None = None
    year: str | int | None = None
    opens_at: str = ""
    closes_at: str = ""
    collection_date: str = ""
    meeting_month: str = Field("", description="评委会召开时间（YYYY-MM，必填，不早于网上申报关闭的月份）")


@router.post(
    "/window",
    auth=api_auth,
    response={200: WindowOut, 400: Error, 403: Error, 404: Error, 409: Error},
    operation_id="windows_set",
    summary="设置网上申报时间和评委会召开时间（关闭后不能重新开放或修改；省级评委会按收审材料日期计算）",
    tags=["评委会"],
)
def window_set(request: HttpRequest, payload: WindowSetIn):
    target = windows.committee_for_office(actor=request.auth, committee_id=payload.committee)
    year = payload.year if payload.year not in (None, "") else windows.current_year()
    window = window_writes.window_set(
        actor=request.auth,
        committee=target,
        year=year,
        opens_at=payload.opens_at or None,
        closes_at=payload.closes_at or None,
        collection_date=payload.collection_date or None,
        meeting_month=payload.meeting_month or None,
        ip=client_ip(request),
    )
    return window_out(target, window.year)


class OpenCommitteeOut(Schema):
    id: int
    name: str
    tier: str
    tier_label: str
    is_provincial: bool
    organiser: str
    phone: str
    opens_at: datetime
    closes_at: datetime


@router.get(
    "/committees/open",
    auth=api_auth,
    response={200: list[OpenCommitteeOut], 400: Error},
    operation_id="committees_open",
    summary="当前网上申报时间开放中的评委会，可按系列（series）和层级（level）筛选",
    tags=["评委会"],
)
def open_committees(request: HttpRequest, series: str = "", level: str = ""):
    errors: dict[str, list[str]] = {}
    series_id = None
    if series:
        try:
            series_id = int(series)
        except ValueError:
            errors["series"] = ["系列应为系列编号（整数）。"]
    if level and level not in Level.values:
        errors["level"] = ["层级只能是：" + "、".join(f"{v}（{label}）" for v, label in Level.choices) + "。"]
    if errors:
        raise ServiceError("提交的信息有误，请按提示修改。", errors)
    return [
        {
            "id": c.pk,
            "name": c.name,
            "tier": c.tier,
            "tier_label": c.get_tier_display(),
            "is_provincial": c.is_provincial,
            "organiser": c.organiser.name,
            "phone": c.phone,
            "opens_at": c.window_opens_at.astimezone(CALENDAR_TZ),
            "closes_at": c.window_closes_at.astimezone(CALENDAR_TZ),
        }
        for c in windows.committees_open(series_id=series_id, level=level or None)
    ]
