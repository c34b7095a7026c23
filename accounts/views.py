"""Account pages. Thin: collect input, call the service, show its messages (core.forms)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_session_login
from django.contrib.auth import logout as auth_session_logout
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import rulebook
from core.errors import ServiceError
from core.forms import add_service_error, real_choices
from core.htmx import htmx_error
from core.http import client_ip
from core.validators import mask_id_number, mask_mobile

from . import policy, selectors, services
from .forms import (
    LOGIN_TABS,
    LoginForm,
    PasswordChangeForm,
    PasswordResetForm,
    RegisterForm,
    SupportSearchForm,
    UnitChoiceForm,
    UnitPasswordResetForm,
)
from .models import LoginChannel, Role, SmsPurpose, User
from .permissions import can_use_support_pages
from .sms_codes import sms_resend_wait, sms_sent_message

SUPPORT_EMAIL_FALLBACK = "hrmosmo@163.com"


def _sent_context(row, code: str) -> dict:
    """The status block after a code was sent (and the demo's code)."""
    return {
        "sms_sent": sms_sent_message(row.phone),
        "demo_code": code if settings.SMS_SHOW_CODE_ON_PAGE else None,
    }


def _send_code(form, *, phone: str, purpose: str) -> dict:
    """获取验证码 without JavaScript (the whole form is posted with action=send_code): a refusal
    goes next to its field (手机号码, or 短信验证码 for the resend wait); the context of the
    status block and of the button's countdown."""
    try:
        row, code = services.sms_code_request(phone=phone, purpose=purpose)
    except ServiceError as exc:
        add_service_error(form, exc)
        return {"sms_wait": exc.retry_after} if exc.retry_after else {}
    return {**_sent_context(row, code), "sms_wait": rulebook.SMS_CODE_RESEND_SECONDS}


def sms_countdown(request: HttpRequest, context: dict, *, purpose: str, phone_field: str = "phone") -> None:
    """The 获取验证码 button's countdown: its length, and on a page shown again after a POST the
    seconds still to wait: the wait the send just gave (`sms_wait` in the context), else what is
    left of an earlier code's."""
    context["sms_resend_seconds"] = rulebook.SMS_CODE_RESEND_SECONDS
    if request.method == "POST" and "sms_wait" not in context:
        context["sms_wait"] = sms_resend_wait(phone=request.POST.get(phone_field, ""), purpose=purpose)


# --- Login and logout ------------------------------------------------------------------------


def _next_url(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    tab = request.POST.get("type") or request.GET.get("type") or "person"
    tab = tab if tab in LOGIN_TABS else "person"
    if request.method == "POST":
        form = LoginForm(request.POST, tab=tab)
        if form.is_valid():
            try:
                user = services.auth_login(
                    identifier=form.cleaned_data["username"],
                    password=form.cleaned_data["password"],
                    ip=client_ip(request),
                    channel=LoginChannel.WEB,
                )
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                auth_session_login(request, user)  # a new session id at every login
                if user.must_change_password:
                    messages.warning(request, "您的密码已被重置，请先将临时密码修改为新密码。")
                    return redirect("accounts:password_change")
                return redirect(_next_url(request) or "accounts:home")
    else:
        if request.user.is_authenticated:
            return redirect("accounts:home")
        form = LoginForm(tab=tab)
    return render(
        request,
        "accounts/login.html",
        {
            "form": form,
            "tab": tab,
            "next": _next_url(request) or "",
            "max_failed": rulebook.login_max_failed_attempts(),
        },
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    auth_session_logout(request)
    messages.info(request, "您已退出登录。")
    return redirect(settings.LOGOUT_REDIRECT_URL)


# --- Registration ----------------------------------------------------------------------------


def _unit_choices(form, *, q: str, selected_id: str | None, household: bool = False) -> None:
    selected = selectors.unit_get_choosable(unit_id=selected_id, household=household) if selected_id else None
    form.set_unit_choices(selectors.unit_choices(q=q, household=household), selected)


@require_http_methods(["GET", "POST"])
def register_view(request: HttpRequest) -> HttpResponse:
    context: dict = {}
    if request.method == "POST":
        form = RegisterForm(request.POST)
        form.is_valid()
        data = form.cleaned_data
        action = request.POST.get("action", "register")
        _unit_choices(form, q=data.get("unit_q", ""), selected_id=data.get("unit_id"))
        if action == "send_code":
            context.update(_send_code(form, phone=data.get("phone", ""), purpose=SmsPurpose.REGISTER))
        elif action == "search_unit":
            pass  # the page comes back with the units that match
        else:
            try:
                services.person_register(
                    name=data.get("name", ""),
                    id_number=data.get("id_number", ""),
                    phone=data.get("phone", ""),
                    password=data.get("password", ""),
                    password_confirm=data.get("password_confirm", ""),
                    sms_code=data.get("sms_code", ""),
                    unit_id=data.get("unit_id") or None,
                    ip=client_ip(request),
                )
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, "注册成功，请使用身份证号或手机号码和密码登录。")
                return redirect("accounts:login")
    else:
        form = RegisterForm()
        _unit_choices(form, q="", selected_id=None)
    context["form"] = form
    sms_countdown(request, context, purpose=SmsPurpose.REGISTER)
    return render(request, "accounts/register.html", context)


@require_POST
def sms_code_view(request: HttpRequest) -> HttpResponse:
    """The 获取验证码 button with htmx: sends a code and answers with the status block; a refusal
    is the JSON error body (400 for the mobile number, 429 with Retry-After during the resend
    wait), which site.js shows next to the field it names and counts down."""
    try:
        row, code = services.sms_code_request(
            phone=request.POST.get("phone", ""), purpose=request.POST.get("purpose", "")
        )
    except ServiceError as exc:
        return htmx_error(exc)
    return render(request, "accounts/includes/sms_status.html", _sent_context(row, code))


@require_GET
def unit_options_view(request: HttpRequest) -> HttpResponse:
    """The 工作单位 options matching the search box (htmx), keeping the current choice; `household=1`
    (基本信息) lists the district offices a freelancer may choose too."""
    form = UnitChoiceForm()
    q = request.GET.get("unit_q", "")
    selected = request.GET.get("unit_id", "")
    _unit_choices(form, q=q, selected_id=selected, household=request.GET.get("household") == "1")
    choices = form.fields["unit_id"].widget.choices
    found = real_choices(choices)
    if q.strip() and not selected and len(found) == 1:
        selected = found[0][0]  # one unit found is the one meant, as without JS (issue 11 item 21)
    return render(request, "accounts/includes/unit_options.html", {"choices": choices, "selected": selected})


# --- Password recovery (rule 22) -------------------------------------------------------------


def _recovery_page(request: HttpRequest, *, unit: bool) -> HttpResponse:
    form_class = UnitPasswordResetForm if unit else PasswordResetForm
    context: dict = {"unit": unit}
    if request.method == "POST":
        form = form_class(request.POST)
        form.is_valid()
        data = form.cleaned_data
        if request.POST.get("action") == "send_code":
            context.update(_send_code(form, phone=data.get("phone", ""), purpose=SmsPurpose.RESET_PASSWORD))
        else:
            account_field = (
                {"username": data.get("username", "")} if unit else {"id_number": data.get("id_number", "")}
            )
            try:
                user = services.account_recover_password(
                    phone=data.get("phone", ""),
                    sms_code=data.get("sms_code", ""),
                    new_password=data.get("new_password", ""),
                    new_password_confirm=data.get("new_password_confirm", ""),
                    ip=client_ip(request),
                    **account_field,
                )
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                text = policy.recovery_done_message(user)
                (messages.warning if user.is_locked else messages.success)(request, text)
                return redirect(reverse("accounts:login") + ("?type=unit" if unit else ""))
    else:
        form = form_class()
    context["form"] = form
    sms_countdown(request, context, purpose=SmsPurpose.RESET_PASSWORD)
    return render(request, "accounts/password_reset.html", context)


@require_http_methods(["GET", "POST"])
def password_reset_view(request: HttpRequest) -> HttpResponse:
    return _recovery_page(request, unit=False)


@require_http_methods(["GET", "POST"])
def password_reset_unit_view(request: HttpRequest) -> HttpResponse:
    return _recovery_page(request, unit=True)


@require_GET
def password_reset_manual_view(request: HttpRequest) -> HttpResponse:
    """Seed 五(四)2: the manual route when the registered mobile is lost."""
    phone = selectors.contact_value("technical_support", settings.SUPPORT_PHONE)
    context = {
        "personal_note": selectors.contact_note(
            "personal_recovery",
            f"个人密码可在登录页“忘记密码”中通过身份证号和注册时填写的手机号找回；"
            f"若手机号码无法找回，可拨打系统技术支持电话{phone}。",
        ),
        "support_phone": phone,
        "unit_note": selectors.contact_note(
            "unit_recovery_email",
            "若单位账号密码和联系人电话同时丢失，需将单位名称+诉求+加盖单位公章的情况说明+"
            f"单位社会信用代码证（或营业执照）发送至邮箱{SUPPORT_EMAIL_FALLBACK}。",
        ),
        "unit_email": selectors.contact_value("unit_recovery_email", SUPPORT_EMAIL_FALLBACK),
    }
    return render(request, "accounts/password_reset_manual.html", context)


# --- Signed-in pages -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def password_change_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user
    temporary = user.must_change_password
    if request.method == "POST":
        form = PasswordChangeForm(request.POST, temporary=temporary)
        form.is_valid()
        data = form.cleaned_data
        try:
            services.account_change_password(
                user=user,
                old_password=data.get("old_password", ""),
                new_password=data.get("new_password", ""),
                new_password_confirm=data.get("new_password_confirm", ""),
                ip=client_ip(request),
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            update_session_auth_hash(request, user)  # this session stays; the others end
            messages.success(request, "密码已修改。")
            return redirect("accounts:home")
    else:
        form = PasswordChangeForm(temporary=temporary)
    return render(request, "accounts/password_change.html", {"form": form, "temporary": temporary})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user: User = request.user
    context = {"user_obj": user}
    if user.role == Role.SUPPORT:
        context["locked_count"] = User.objects.filter(locked_at__isnull=False).count()
    if user.role == Role.APPLICANT:
        from applications.selectors import application_status_context

        context["status"] = application_status_context(user=user)
    from reviews.permissions import can_review

    if can_review(user)[0]:
        from reviews.summary import summary_context

        context["summary"] = summary_context(actor=user, year=request.GET.get("year"))
    return render(request, "accounts/home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def profile_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user
    form = None
    if user.role == Role.APPLICANT:
        if request.method == "POST":
            form = UnitChoiceForm(request.POST)
            form.is_valid()
            data = form.cleaned_data
            _unit_choices(form, q=data.get("unit_q", ""), selected_id=data.get("unit_id"))
            if request.POST.get("action") != "search_unit":
                try:
                    services.applicant_set_unit(user=user, unit_id=data.get("unit_id"), ip=client_ip(request))
                except ServiceError as exc:
                    add_service_error(form, exc)
                else:
                    messages.success(request, f"工作单位已保存为“{user.organisation.name}”。")
                    return redirect("accounts:profile")
        else:
            form = UnitChoiceForm(initial={"unit_id": str(user.organisation_id or "")})
            _unit_choices(form, q="", selected_id=str(user.organisation_id or ""))
    elif request.method == "POST":
        raise PermissionDenied("只有申报人可以选择工作单位。")
    return render(request, "accounts/profile.html", {"form": form, "profile": user})


# --- Technical support -----------------------------------------------------------------------


def _require_support(request: HttpRequest) -> None:
    allowed, reason = can_use_support_pages(request.user)
    if not allowed:
        raise PermissionDenied(reason)


@login_required
@require_GET
def support_accounts_view(request: HttpRequest) -> HttpResponse:
    _require_support(request)
    form = SupportSearchForm(request.GET)
    form.is_valid()
    q = form.cleaned_data.get("q", "")
    try:
        users = selectors.support_account_search(q=q)
    except ServiceError as exc:  # a whole ID number that cannot be one: its message by the box
        add_service_error(form, exc)
        users = []
    rows = [
        {
            "user": u,
            "id_number": mask_id_number(u.id_number or ""),
            "phone": mask_mobile(u.phone),
            "attempts": u.recent_attempts,
        }
        for u in users
    ]
    return render(
        request,
        "accounts/support_accounts.html",
        {"form": form, "q": q, "rows": rows, "searched": bool(q)},
    )


def _back_to_search(request: HttpRequest) -> HttpResponse:
    q = request.POST.get("q", "")
    url = reverse("accounts:support_accounts")
    return redirect(f"{url}?{urlencode({'q': q})}" if q else url)


@login_required
@require_POST
def support_account_unlock_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require_support(request)
    target = get_object_or_404(User, pk=pk)
    try:
        services.account_unlock(actor=request.user, user=target, ip=client_ip(request))
    except ServiceError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, f"已解锁账号 {target}。")
    return _back_to_search(request)


@login_required
@require_POST
def support_account_reset_password_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require_support(request)
    target = get_object_or_404(User, pk=pk)
    try:
        services.account_reset_password_by_admin(actor=request.user, user=target, ip=client_ip(request))
    except ServiceError as exc:
        messages.error(request, exc.detail)
    else:
        if target.phone:
            messages.success(
                request,
                f"已重置 {target} 的密码，临时密码已通过短信发送至 {mask_mobile(target.phone)}，"
                "对方登录后须立即修改。",
            )
        else:
            messages.warning(request, f"已重置 {target} 的密码，但该账号没有登记手机号码，无法发送临时密码。")
    return _back_to_search(request)
