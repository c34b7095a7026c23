"""/api/v1/units/: unit registration (rule 26), 单位信息, 专业技术人员管理. Thin: every endpoint calls
the same service as the page; a ServiceError becomes {"detail", "errors"} (zhicheng/api.py)."""

from __future__ import annotations

import math
from datetime import datetime

from django.conf import settings
from django.http import HttpRequest
from ninja import Router, Schema, Status

from accounts.auth import api_auth
from accounts.models import Role, SmsPurpose, User
from accounts.sms_codes import sms_code_send
from core import rulebook
from core.errors import Forbidden
from core.http import client_ip
from core.validators import mask_id_number, mask_mobile

from . import services
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
