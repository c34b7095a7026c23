"""Pages for units: 单位注册 (rule 26), 单位信息, 专业技术人员管理. Thin: they collect input, call
orgs.services, and show the service's messages next to the inputs."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Role, SmsPurpose, User
from accounts.sms_codes import sms_code_send, sms_sent_message
from accounts.views import sms_countdown
from core import rulebook
from core.errors import ServiceError
from core.forms import add_service_error
from core.htmx import htmx_error, is_htmx
from core.http import client_ip
from core.validators import mask_id_number, mask_mobile

from . import services
from .forms import StaffMessageForm, StaffSearchForm, UnitInfoForm, UnitRegisterForm
from .selectors import STAFF_PAGE_SIZE, staff_unit_for, unit_of_admin, unit_staff_list, unit_staff_member_get

# --- 单位注册 ----------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        messages.info(request, "您已登录。如需注册新单位，请先退出当前账号。")
        return redirect("workbench:home")
    form = UnitRegisterForm(request.POST or None)
    context: dict = {"form": form}
    if request.method == "POST" and "send_code" in request.POST:
        sent, refusal = _send_register_code(request, request.POST.get("head_phone", ""))
        if is_htmx(request):
            # htmx: only the status line is replaced, the typed passwords stay on the page; a
            # refusal goes next to its field (site.js) and the resend wait is counted down.
            if refusal is not None:
                return htmx_error(refusal)
            return render(request, "orgs/includes/sms_status.html", {"sent": sent})
        form.is_valid()
        if refusal is not None:
            add_service_error(form, refusal)
            if refusal.retry_after:
                context["sms_wait"] = refusal.retry_after
        else:
            context["sms_wait"] = rulebook.SMS_CODE_RESEND_SECONDS
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit, user = services.unit_register(
                name=data["name"],
                credit_code=data["credit_code"],
                ownership=data["ownership"],
                district_id=data["district_id"],
                department_id=data["department_id"],
                civil_servant_managed=data["civil_servant_managed"],
                head_name=data["head_name"],
                head_phone=data["head_phone"],
                phone=data["phone"],
                username=data["username"],
                password=data["password"],
                password_confirm=data["password_confirm"],
                sms_code=data["sms_code"],
                ip=client_ip(request),
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                f"单位“{unit.name}”注册成功。请使用管理员用户名 {user.username} 和您设置的密码登录。",
            )
            return redirect("accounts:login")
    sms_countdown(request, context, purpose=SmsPurpose.UNIT_REGISTER, phone_field="head_phone")
    return render(request, "orgs/unit_register.html", context)


def _send_register_code(request: HttpRequest, phone: str) -> tuple[str, ServiceError | None]:
    """获取验证码 for the unit head's mobile: the confirmation text, or the refusal in the form's
    terms (the service's `phone` is 单位负责人手机, `head_phone`; the resend wait stays with
    短信验证码)."""
    try:
        _row, code = sms_code_send(phone=phone, purpose=SmsPurpose.UNIT_REGISTER)
    except ServiceError as exc:
        if not (phone or "").strip():
            exc.errors = {"head_phone": ["请先填写单位负责人手机，再获取验证码。"]}
        elif "phone" in exc.errors:
            exc.errors = {
                "head_phone": [
                    f"单位负责人{message}" if message.startswith("手机") else message
                    for message in exc.errors["phone"]
                ]
            }
        return "", exc
    text = sms_sent_message(phone)
    if settings.SMS_SHOW_CODE_ON_PAGE:
        text += f"（演示环境：验证码为 {code}）"
    if not is_htmx(request):
        messages.info(request, text)
    return text, None


# --- 单位信息 ----------------------------------------------------------------------------------------


def _admin_unit(request: HttpRequest):
    try:
        return unit_of_admin(actor=request.user)
    except ServiceError:
        raise Http404("只有单位管理员可以访问单位信息。") from None


@login_required
@require_http_methods(["GET", "POST"])
def info(request: HttpRequest) -> HttpResponse:
    unit = _admin_unit(request)
    initial = {
        "name": unit.name,
        "phone": unit.phone,
        "head_name": unit.head_name,
        "head_phone": unit.head_phone,
        "district_id": str(unit.district_id or ""),
        "department_id": str(unit.department_id or ""),
        "civil_servant_managed": unit.civil_servant_managed,
    }
    form = UnitInfoForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.unit_update(
                actor=request.user,
                unit=unit,
                name=data["name"],
                phone=data["phone"],
                head_name=data["head_name"],
                head_phone=data["head_phone"],
                department_id=data["department_id"],
                district_id=data["district_id"],
                civil_servant_managed=data["civil_servant_managed"],
                ip=client_ip(request),
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "单位信息已保存。")
            return redirect("units:info")
    admins = unit.members.filter(role=Role.UNIT_ADMIN).order_by("id")
    return render(request, "orgs/unit_info.html", {"unit": unit, "form": form, "admins": admins})


# --- 专业技术人员管理 ----------------------------------------------------------------------------------


def _staff_viewer(request: HttpRequest) -> None:
    if request.user.role not in (Role.UNIT_ADMIN, Role.SUPPORT):
        raise Http404("只有单位管理员可以管理专业技术人员。")


def _member(request: HttpRequest, user_id: int) -> User:
    _staff_viewer(request)
    try:
        return unit_staff_member_get(actor=request.user, user_id=user_id)
    except ServiceError:
        raise Http404("未找到该专业技术人员。") from None


def _back_to_staff(request: HttpRequest, unit_id: int | None) -> str:
    url = reverse("units:staff")
    if request.user.role == Role.SUPPORT and unit_id:
        url += f"?unit={unit_id}"
    return url


def staff_row(user: User) -> dict:
    return {
        "id": user.pk,
        "name": user.name,
        "id_number": mask_id_number(user.id_number or ""),
        "phone": mask_mobile(user.phone or ""),
        "locked": user.is_locked,
        "failed_login_count": user.failed_login_count,
        "date_joined": user.date_joined,
        "unit": user.organisation,
    }


@login_required
def staff(request: HttpRequest) -> HttpResponse:
    _staff_viewer(request)
    try:
        unit = staff_unit_for(actor=request.user, unit_id=request.GET.get("unit"))
    except ServiceError:
        raise Http404("未找到该单位。") from None
    search = StaffSearchForm(request.GET or None)
    q = search.cleaned_data["q"] if search.is_valid() else ""
    try:
        people = unit_staff_list(actor=request.user, unit=unit, q=q)
    except ServiceError as exc:  # a whole ID number that cannot be one: its message by the box
        add_service_error(search, exc)
        people = User.objects.none()
    page = Paginator(people, STAFF_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "unit": unit,
        "search": search,
        "q": q,
        "page": page,
        "rows": [staff_row(u) for u in page.object_list],
        "is_support": request.user.role == Role.SUPPORT,
    }
    return render(request, "orgs/staff_list.html", context)


@login_required
@require_POST
def staff_unlock(request: HttpRequest, user_id: int) -> HttpResponse:
    target = _member(request, user_id)
    try:
        services.unit_staff_unlock(actor=request.user, user=target, ip=client_ip(request))
    except ServiceError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, f"已解锁 {target.name} 的账号，可以重新登录。")
    return redirect(_back_to_staff(request, target.organisation_id))


@login_required
@require_http_methods(["GET", "POST"])
def staff_reset_password(request: HttpRequest, user_id: int) -> HttpResponse:
    target = _member(request, user_id)
    back = _back_to_staff(request, target.organisation_id)
    if request.method == "POST":
        try:
            services.unit_staff_reset_password(actor=request.user, user=target, ip=client_ip(request))
        except ServiceError as exc:
            messages.error(request, exc.detail)
        else:
            messages.success(
                request,
                f"已重置 {target.name} 的密码：临时密码已通过短信发送至 {mask_mobile(target.phone)}，"
                "本人下次登录时须修改密码。",
            )
        return redirect(back)
    return render(
        request,
        "orgs/staff_confirm.html",
        {
            "member": staff_row(target),
            "action": "重置密码",
            "explain": "系统将生成临时密码并通过短信发送到申报人登记的手机号码，申报人下次登录时须修改密码。"
            "您不会看到该临时密码。",
            "button": "确认重置密码",
            "back": back,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_remove(request: HttpRequest, user_id: int) -> HttpResponse:
    target = _member(request, user_id)
    back = _back_to_staff(request, target.organisation_id)
    if request.method == "POST":
        try:
            services.unit_staff_remove(actor=request.user, user=target, ip=client_ip(request))
        except ServiceError as exc:
            messages.error(request, exc.detail)
        else:
            messages.success(request, f"已将 {target.name} 移出本单位。")
        return redirect(back)
    return render(
        request,
        "orgs/staff_confirm.html",
        {
            "member": staff_row(target),
            "action": "移除",
            "explain": "移除后该申报人不再属于本单位，其账号保留；如需再由本单位审核，须本人重新选择单位。",
            "button": "确认移除",
            "danger": True,
            "back": back,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_message(request: HttpRequest, user_id: int) -> HttpResponse:
    target = _member(request, user_id)
    back = _back_to_staff(request, target.organisation_id)
    form = StaffMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_staff_message(
                actor=request.user,
                user=target,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"信息已发送给 {target.name}。")
            return redirect(back)
    return render(
        request, "orgs/staff_message.html", {"member": staff_row(target), "form": form, "back": back}
    )
