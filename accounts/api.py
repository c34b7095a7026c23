"""Account API: registration, login (rule 21), logout, password recovery (rule 22) and change,
the signed-in person (`me`). Thin: every endpoint calls the same service as the pages.

`router` is mounted at /api/v1/auth/, `me_router` at /api/v1/. The anonymous endpoints
(auth_sms_code, auth_register_person, auth_login, auth_reset_password, auth_unit_choices) have
no authentication, so django-ninja asks no CSRF token for them (ninja checks CSRF only inside
cookie/session authentication); signed-in endpoints accept a bearer token, or the session
together with the CSRF token."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import logout as auth_session_logout
from django.contrib.auth import update_session_auth_hash
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from core import rulebook
from core.errors import Forbidden, NotFound
from core.http import client_ip
from core.validators import mask_id_number, mask_mobile

from . import policy, selectors, services
from .auth import api_auth, token_issue
from .models import LoginChannel, SmsPurpose, User
from .permissions import can_use_support_pages

router = Router(tags=["账号"])
me_router = Router(tags=["账号"])


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class DetailOut(Schema):
    detail: str


class RefOut(Schema):
    id: int
    name: str


class MeOut(Schema):
    id: int
    username: str
    name: str
    role: str
    role_label: str
    id_number: str | None = Field(None, description="身份证号（脱敏）")
    phone: str
    organisation: RefOut | None = None
    committee: RefOut | None = None
    must_change_password: bool
    is_locked: bool


def me_out(user: User) -> dict:
    org = user.organisation
    committee = user.committee
    return {
        "id": user.pk,
        "username": user.username,
        "name": user.name,
        "role": user.role,
        "role_label": user.get_role_display(),
        "id_number": mask_id_number(user.id_number) if user.id_number else None,
        "phone": user.phone,
        "organisation": {"id": org.pk, "name": org.name} if org else None,
        "committee": {"id": committee.pk, "name": committee.name} if committee else None,
        "must_change_password": user.must_change_password,
        "is_locked": user.is_locked,
    }


ERRORS = {400: ErrorOut, 422: ErrorOut}


# --- Anonymous -------------------------------------------------------------------------------


class SmsCodeIn(Schema):
    phone: str = Field("", description="中国大陆手机号码")
    purpose: str = Field(
        "", description="用途：" + "，".join(f"{value}（{label}）" for value, label in SmsPurpose.choices)
    )


class SmsCodeOut(Schema):
    detail: str
    resend_after_seconds: int = Field(
        description="再次获取验证码前须等待的秒数（等待期内再请求返回 429 和 Retry-After）"
    )
    demo_code: str | None = Field(None, description="仅演示环境（SMS_SHOW_CODE_ON_PAGE）返回验证码")


@router.post(
    "/sms-code",
    auth=None,
    response={200: SmsCodeOut, 429: ErrorOut, **ERRORS},
    operation_id="auth_sms_code",
    summary="获取短信验证码",
    exclude_none=True,
)
def sms_code(request: HttpRequest, payload: SmsCodeIn):
    _row, code = services.sms_code_request(phone=payload.phone, purpose=payload.purpose)
    body = {
        "detail": f"验证码已发送，{rulebook.SMS_CODE_TTL_MINUTES} 分钟内有效。",
        "resend_after_seconds": rulebook.SMS_CODE_RESEND_SECONDS,
    }
    if settings.SMS_SHOW_CODE_ON_PAGE:
        body["demo_code"] = code
    return body


class RegisterIn(Schema):
    name: str = Field("", description="姓名")
    id_number: str = Field("", description="身份证号（注册后作为用户名）")
    phone: str = Field("", description="手机号码")
    password: str = Field("", description="至少 8 位，大写字母、小写字母、数字、符号中至少 3 种")
    sms_code: str = Field("", description="purpose=register 的短信验证码")
    unit_id: int | None = Field(None, description="工作单位（可选，见 auth_unit_choices）")


@router.post(
    "/register",
    auth=None,
    response={201: MeOut, **ERRORS},
    operation_id="auth_register_person",
    summary="个人注册",
)
def register_person(request: HttpRequest, payload: RegisterIn):
    user = services.person_register(
        name=payload.name,
        id_number=payload.id_number,
        phone=payload.phone,
        password=payload.password,
        sms_code=payload.sms_code,
        unit_id=payload.unit_id,
        ip=client_ip(request),
    )
    return Status(201, me_out(user))


@router.get(
    "/unit-choices",
    auth=None,
    response=list[RefOut],
    operation_id="auth_unit_choices",
    summary="可选择的工作单位（已注册的单位，按名称检索）",
)
def unit_choices(request: HttpRequest, q: str = "", household: bool = False):
    """`household=true`：同时列出各县（市）区人社部门——自由职业者可在基本信息中选择户口所在地人社部门
    （职称知识25问第5问）。"""
    return [{"id": unit.pk, "name": unit.name} for unit in selectors.unit_choices(q=q, household=household)]


class LoginIn(Schema):
    username: str = Field("", description="身份证号、手机号码或用户名")
    password: str = ""


class LoginOut(Schema):
    token: str = Field(description="以 `Authorization: Bearer <token>` 访问需要登录的接口")
    user: MeOut


@router.post(
    "/login",
    auth=None,
    response={200: LoginOut, 401: ErrorOut, 423: ErrorOut, **ERRORS},
    operation_id="auth_login",
    summary="登录（取得令牌）",
    description="密码错误返回 401；连续输错超过规定次数（默认 3 次）账号锁定，返回 423。",
)
def login(request: HttpRequest, payload: LoginIn):
    user = services.auth_login(
        identifier=payload.username,
        password=payload.password,
        ip=client_ip(request),
        channel=LoginChannel.API,
    )
    return {"token": token_issue(user=user), "user": me_out(user)}


class ResetPasswordIn(Schema):
    id_number: str = Field("", description="个人账号：身份证号")
    username: str = Field(
        "",
        description="单位账号：用户名（统一社会信用代码），代替 id_number；此时 phone 为单位注册时的手机号码",
    )
    phone: str = Field("", description="注册时填写的手机号码")
    sms_code: str = Field("", description="purpose=reset_password 的短信验证码")
    new_password: str = ""


class ResetPasswordOut(Schema):
    detail: str
    locked: bool = Field(description="账号仍处于锁定状态（找回密码不解除锁定）")


@router.post(
    "/reset-password",
    auth=None,
    response={200: ResetPasswordOut, **ERRORS},
    operation_id="auth_reset_password",
    summary="找回密码（身份证号或单位用户名 + 注册手机号 + 短信验证码）",
)
def reset_password(request: HttpRequest, payload: ResetPasswordIn):
    if payload.username.strip() and not payload.id_number.strip():
        account = {"username": payload.username}
    else:
        account = {"id_number": payload.id_number}
    user = services.account_recover_password(
        phone=payload.phone,
        sms_code=payload.sms_code,
        new_password=payload.new_password,
        ip=client_ip(request),
        **account,
    )
    return {"detail": policy.recovery_done_message(user), "locked": user.is_locked}


# --- Signed in -------------------------------------------------------------------------------


@router.post(
    "/logout",
    auth=api_auth,
    response={200: DetailOut, 401: ErrorOut},
    operation_id="auth_logout",
    summary="退出登录（删除当前令牌，或结束会话）",
)
def logout(request: HttpRequest):
    token = getattr(request, "api_token", None)
    if token is not None:
        token.delete()
    else:
        auth_session_logout(request)
    return {"detail": "已退出登录。"}


class ChangePasswordIn(Schema):
    old_password: str = ""
    new_password: str = ""
    new_password_confirm: str | None = Field(None, description="可选：填写时须与 new_password 相同")


@router.post(
    "/change-password",
    auth=api_auth,
    response={200: DetailOut, 401: ErrorOut, **ERRORS},
    operation_id="auth_change_password",
    summary="修改密码（其他令牌随之失效）",
)
def change_password(request: HttpRequest, payload: ChangePasswordIn):
    token = getattr(request, "api_token", None)
    services.account_change_password(
        user=request.auth,
        old_password=payload.old_password,
        new_password=payload.new_password,
        new_password_confirm=payload.new_password_confirm,
        keep_token_id=token.pk if token is not None else None,
        ip=client_ip(request),
    )
    if token is None:
        update_session_auth_hash(request, request.auth)
    return {"detail": "密码已修改。"}


@me_router.get(
    "/me", auth=api_auth, response={200: MeOut, 401: ErrorOut}, operation_id="me", summary="当前用户"
)
def me(request: HttpRequest):
    return me_out(request.auth)


class UnitIn(Schema):
    unit_id: int | None = Field(None, description="工作单位（见 auth_unit_choices）")


@me_router.post(
    "/me/unit",
    auth=api_auth,
    response={200: MeOut, 401: ErrorOut, 403: ErrorOut, **ERRORS},
    operation_id="me_update_unit",
    summary="申报人选择或更换工作单位",
)
def update_unit(request: HttpRequest, payload: UnitIn):
    user = services.applicant_set_unit(user=request.auth, unit_id=payload.unit_id, ip=client_ip(request))
    return me_out(user)


# --- Technical support -----------------------------------------------------------------------


class SupportAccountOut(Schema):
    id: int
    username: str
    name: str
    role: str
    role_label: str
    id_number: str | None = Field(None, description="身份证号（脱敏）")
    phone: str = Field(description="手机号码（脱敏）")
    organisation: RefOut | None = None
    is_locked: bool
    failed_login_count: int


def _support(request: HttpRequest) -> User:
    allowed, reason = can_use_support_pages(request.auth)
    if not allowed:
        raise Forbidden(reason)
    return request.auth


def _account(user_id: int) -> User:
    target = User.objects.select_related("organisation").filter(pk=user_id).first()
    if target is None:
        raise NotFound("未找到该账号。")
    return target


def support_account_out(user: User) -> dict:
    org = user.organisation
    return {
        "id": user.pk,
        "username": user.username,
        "name": user.name,
        "role": user.role,
        "role_label": user.get_role_display(),
        "id_number": mask_id_number(user.id_number) if user.id_number else None,
        "phone": mask_mobile(user.phone),
        "organisation": {"id": org.pk, "name": org.name} if org else None,
        "is_locked": user.is_locked,
        "failed_login_count": user.failed_login_count,
    }


@me_router.get(
    "/support/accounts",
    auth=api_auth,
    response={200: list[SupportAccountOut], 400: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    operation_id="support_accounts",
    summary="技术支持：按身份证号、手机号码、用户名或姓名查找账号",
)
def support_accounts(request: HttpRequest, q: str = ""):
    _support(request)
    return [support_account_out(user) for user in selectors.support_account_search(q=q)]


@me_router.post(
    "/support/accounts/{user_id}/unlock",
    auth=api_auth,
    response={200: SupportAccountOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    operation_id="support_account_unlock",
    summary="技术支持：解锁账号（见“申报网站常见问题”第1问）",
)
def support_account_unlock(request: HttpRequest, user_id: int):
    actor = _support(request)
    user = services.account_unlock(actor=actor, user=_account(user_id), ip=client_ip(request))
    return support_account_out(user)


@me_router.post(
    "/support/accounts/{user_id}/reset-password",
    auth=api_auth,
    response={200: SupportAccountOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    operation_id="support_account_reset_password",
    summary="技术支持：重置密码（临时密码以短信发给本人，下次登录须修改）",
)
def support_account_reset_password(request: HttpRequest, user_id: int):
    actor = _support(request)
    user = services.account_reset_password_by_admin(
        actor=actor, user=_account(user_id), ip=client_ip(request)
    )
    return support_account_out(user)
