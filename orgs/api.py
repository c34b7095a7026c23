"""/api/v1/units/: unit registration (rule 26), 单位信息, 专业技术人员管理. Thin: every endpoint calls
the same service as the page; a ServiceError becomes {"detail", "errors"} (zhicheng/api.py)."""

from __future__ import annotations

import math
from datetime import datetime

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from accounts.auth import api_auth
from accounts.models import Role, SmsPurpose, User
from accounts.sms_codes import sms_code_send
from catalog.models import Level
from core import rulebook
from core.errors import Forbidden, ServiceError
from core.http import client_ip
from core.validators import mask_id_number, mask_mobile

from . import services, windows
from .models import Organisation
from .selectors import STAFF_PAGE_SIZE, staff_unit_for, unit_of_admin, unit_staff_list, unit_staff_member_get

router = Router(tags=["单位"])


def csrf_exempt(func):
    """Anonymous endpoints for API clients: no session, so no CSRF token to check. (Marks the
    function the way django-ninja 1.7 reads it — Operation.csrf_exempt — without wrapping it, so
    the endpoint's annotations still resolve.)"""
    func.csrf_exempt = True
    return func


class OrgRef(Schema):
    id: int
    name: str


class UnitOut(Schema):
    id: int
    kind: str
    kind_label: str
    name: str
    credit_code: str
    ownership: str
    ownership_label: str
    district: OrgRef | None
    department: OrgRef | None
    civil_servant_managed: bool
    head_name: str
    head_phone: str
    phone: str
    created_at: datetime
    updated_at: datetime


def unit_out(unit: Organisation) -> dict:
    return {
        "id": unit.pk,
        "kind": unit.kind,
        "kind_label": unit.get_kind_display(),
        "name": unit.name,
        "credit_code": unit.credit_code or "",
        "ownership": unit.ownership,
        "ownership_label": unit.get_ownership_display(),
        "district": {"id": unit.district.pk, "name": str(unit.district)} if unit.district else None,
        "department": {"id": unit.department.pk, "name": unit.department.name} if unit.department else None,
        "civil_servant_managed": unit.civil_servant_managed,
        "head_name": unit.head_name,
        "head_phone": unit.head_phone,
        "phone": unit.phone,
        "created_at": unit.created_at,
        "updated_at": unit.updated_at,
    }


class Error(Schema):
    detail: str
    errors: dict[str, list[str]]


# --- registration (anonymous) ---------------------------------------------------------------------


class UnitSmsCodeIn(Schema):
    phone: str = ""


class UnitSmsCodeOut(Schema):
    detail: str
    expires_in_minutes: int
    resend_after_seconds: int
    code: str | None = None


@router.post(
    "/register/sms-code",
    response={200: UnitSmsCodeOut, 400: Error, 429: Error},
    operation_id="units_register_sms_code",
    summary="单位注册：向单位负责人手机发送验证码",
)
@csrf_exempt
def register_sms_code(request: HttpRequest, payload: UnitSmsCodeIn):
    row, code = sms_code_send(phone=payload.phone, purpose=SmsPurpose.UNIT_REGISTER)
    return {
        "detail": f"验证码已发送至 {mask_mobile(row.phone)}。",
        "expires_in_minutes": rulebook.SMS_CODE_TTL_MINUTES,
        "resend_after_seconds": rulebook.SMS_CODE_RESEND_SECONDS,
        "code": code if settings.SMS_SHOW_CODE_ON_PAGE else None,
    }


class UnitRegisterIn(Schema):
    name: str = ""
    credit_code: str = ""
    ownership: str = ""
    district_id: str | int | None = None
    department_id: str | int | None = None
    civil_servant_managed: bool = False
    head_name: str = ""
    head_phone: str = ""
    phone: str = ""
    username: str = ""
    password: str = ""
    password_confirm: str | None = None
    sms_code: str = ""


class UnitRegisterOut(Schema):
    detail: str
    username: str
    unit: UnitOut


@router.post(
    "/register",
    response={201: UnitRegisterOut, 400: Error},
    operation_id="units_register",
    summary="单位注册（统一社会信用代码 + 单位负责人手机验证码）",
)
@csrf_exempt
def register(request: HttpRequest, payload: UnitRegisterIn):
    unit, user = services.unit_register(**payload.model_dump(), ip=client_ip(request))
    return Status(
        201,
        {
            "detail": f"单位“{unit.name}”注册成功，请使用管理员用户名 {user.username} 登录。",
            "username": user.username,
            "unit": unit_out(unit),
        },
    )


# --- 单位信息 ----------------------------------------------------------------------------------------


@router.get(
    "/me", auth=api_auth, response={200: UnitOut, 403: Error}, operation_id="units_me", summary="单位信息"
)
def me(request: HttpRequest):
    return unit_out(unit_of_admin(actor=request.auth))


class UnitUpdateIn(Schema):
    """Fields left out keep their current value."""

    name: str | None = None
    phone: str | None = None
    head_name: str | None = None
    head_phone: str | None = None
    district_id: str | int | None = None
    department_id: str | int | None = None
    civil_servant_managed: bool | None = None


@router.post(
    "/me",
    auth=api_auth,
    response={200: UnitOut, 400: Error, 403: Error},
    operation_id="units_update",
    summary="修改单位信息（单位更名而信用代码不变的在此改名；信用代码不可修改）",
)
def update(request: HttpRequest, payload: UnitUpdateIn):
    return _update(request, payload)


@router.put(
    "/me",
    auth=api_auth,
    response={200: UnitOut, 400: Error, 403: Error},
    operation_id="units_update_put",
    summary="修改单位信息（与 units_update 相同，PUT 方式）",
)
def update_put(request: HttpRequest, payload: UnitUpdateIn):
    return _update(request, payload)


def _update(request: HttpRequest, payload: UnitUpdateIn) -> dict:
    unit = unit_of_admin(actor=request.auth)
    given = payload.model_dump(exclude_unset=True)
    current = {
        "name": unit.name,
        "phone": unit.phone,
        "head_name": unit.head_name,
        "head_phone": unit.head_phone,
        "district_id": unit.district_id,
        "department_id": unit.department_id,
        "civil_servant_managed": unit.civil_servant_managed,
    }
    values = {**current, **given}
    values["civil_servant_managed"] = bool(values["civil_servant_managed"])
    row = services.unit_update(actor=request.auth, unit=unit, ip=client_ip(request), **values)
    return unit_out(Organisation.objects.select_related("district", "department").get(pk=row.pk))


# --- 专业技术人员管理 ----------------------------------------------------------------------------------


class StaffOut(Schema):
    id: int
    name: str
    id_number: str
    phone: str
    locked: bool
    failed_login_count: int
    date_joined: datetime
    unit: OrgRef | None


class StaffPage(Schema):
    count: int
    page: int
    pages: int
    page_size: int
    items: list[StaffOut]


def staff_out(user: User) -> dict:
    return {
        "id": user.pk,
        "name": user.name,
        "id_number": mask_id_number(user.id_number or ""),
        "phone": mask_mobile(user.phone or ""),
        "locked": user.is_locked,
        "failed_login_count": user.failed_login_count,
        "date_joined": user.date_joined,
        "unit": {"id": user.organisation.pk, "name": user.organisation.name} if user.organisation else None,
    }


def _staff_manager(request: HttpRequest) -> User:
    actor = request.auth
    if actor.role not in (Role.UNIT_ADMIN, Role.SUPPORT):
        raise Forbidden("只有单位管理员可以管理专业技术人员。")
    return actor


@router.get(
    "/staff",
    auth=api_auth,
    response={200: StaffPage, 400: Error, 403: Error, 404: Error},
    operation_id="units_staff_list",
    summary="专业技术人员列表（技术支持可用 unit 指定单位）",
)
def staff_list(request: HttpRequest, page: int = 1, q: str = "", unit: str = ""):
    actor = _staff_manager(request)
    scope = staff_unit_for(actor=actor, unit_id=unit or None)
    qs = unit_staff_list(actor=actor, unit=scope, q=q)
    count = qs.count()
    pages = max(1, math.ceil(count / STAFF_PAGE_SIZE))
    page = min(max(1, page), pages)
    start = (page - 1) * STAFF_PAGE_SIZE
    return {
        "count": count,
        "page": page,
        "pages": pages,
        "page_size": STAFF_PAGE_SIZE,
        "items": [staff_out(u) for u in qs[start : start + STAFF_PAGE_SIZE]],
    }


class Done(Schema):
    detail: str


@router.post(
    "/staff/{user_id}/unlock",
    auth=api_auth,
    response={200: Done, 403: Error, 404: Error},
    operation_id="units_staff_unlock",
    summary="解锁（连续输错密码锁定的账号）",
)
def staff_unlock(request: HttpRequest, user_id: int):
    actor = _staff_manager(request)
    target = unit_staff_member_get(actor=actor, user_id=user_id)
    services.unit_staff_unlock(actor=actor, user=target, ip=client_ip(request))
    return {"detail": f"已解锁 {target.name} 的账号。"}


@router.post(
    "/staff/{user_id}/reset-password",
    auth=api_auth,
    response={200: Done, 400: Error, 403: Error, 404: Error},
    operation_id="units_staff_reset_password",
    summary="重置密码（临时密码以短信发给本人，下次登录须修改）",
)
def staff_reset_password(request: HttpRequest, user_id: int):
    actor = _staff_manager(request)
    target = unit_staff_member_get(actor=actor, user_id=user_id)
    services.unit_staff_reset_password(actor=actor, user=target, ip=client_ip(request))
    return {"detail": f"临时密码已通过短信发送至 {mask_mobile(target.phone)}，本人下次登录时须修改密码。"}


@router.post(
    "/staff/{user_id}/remove",
    auth=api_auth,
    response={200: Done, 400: Error, 403: Error, 404: Error},
    operation_id="units_staff_remove",
    summary="移除（申报人不再属于本单位，账号保留）",
)
def staff_remove(request: HttpRequest, user_id: int):
    actor = _staff_manager(request)
    target = unit_staff_member_get(actor=actor, user_id=user_id)
    services.unit_staff_remove(actor=actor, user=target, ip=client_ip(request))
    return {"detail": f"已将 {target.name} 移出本单位。"}


class StaffMessageIn(Schema):
    title: str = ""
    body: str = ""


class MessageOut(Schema):
    detail: str
    id: int


@router.post(
    "/staff/{user_id}/message",
    auth=api_auth,
    response={201: MessageOut, 400: Error, 403: Error, 404: Error},
    operation_id="units_staff_message",
    summary="发送信息（站内消息）",
)
def staff_message(request: HttpRequest, user_id: int, payload: StaffMessageIn):
    actor = _staff_manager(request)
    target = unit_staff_member_get(actor=actor, user_id=user_id)
    message = services.unit_staff_message(actor=actor, user=target, title=payload.title, body=payload.body)
    return Status(201, {"detail": f"信息已发送给 {target.name}。", "id": message.pk})


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
        "opens_at": window.opens_at.astimezone(windows.CALENDAR_TZ) if window else None,
        "closes_at": window.closes_at.astimezone(windows.CALENDAR_TZ) if window else None,
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
    window = windows.window_set(
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
            "opens_at": c.window_opens_at.astimezone(windows.CALENDAR_TZ),
            "closes_at": c.window_closes_at.astimezone(windows.CALENDAR_TZ),
        }
        for c in windows.committees_open(series_id=series_id, level=level or None)
    ]
