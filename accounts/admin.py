"""后台管理 for accounts. The lock state and the failure counter are read-only here: unlocking
goes through the 解锁 action (accounts.services.account_unlock, with its permission check and
audit row); a password changes only through Django's password form (hashed with Argon2)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from core.errors import ServiceError
from core.http import client_ip
from core.validators import clean_id_number, clean_mobile

from .hooks import user_renamed
from .models import ApiToken, LoginAttempt, SmsCode, User
from .services import account_unlock


class _CleanPersonFields:
    """The same 身份证号 / 手机号码 checks as the services, with their Chinese messages."""

    def clean_id_number(self):
        value = (self.cleaned_data.get("id_number") or "").strip()
        if not value:
            return None
        try:
            return clean_id_number(value)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean_phone(self):
        value = (self.cleaned_data.get("phone") or "").strip()
        if not value:
            return ""
        try:
            return clean_mobile(value)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None


class UserCreateForm(_CleanPersonFields, AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "name", "role", "id_number", "phone", "organisation", "committee")


class UserEditForm(_CleanPersonFields, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


class LockedFilter(admin.SimpleListFilter):
    title = "锁定状态"
    parameter_name = "locked"

    def lookups(self, request, model_admin):
        return [("yes", "已锁定"), ("no", "未锁定")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(locked_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(locked_at__isnull=True)
        return queryset


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreateForm
    list_display = (
        "username",
        "name",
        "role",
        "organisation",
        "is_active",
        "locked",
        "failed_login_count",
        "last_login",
    )
    list_filter = ("role", "is_active", LockedFilter, "is_staff")
    search_fields = ("username", "name", "id_number", "phone")
    ordering = ("id",)
    list_select_related = ("organisation",)
    raw_id_fields = ("organisation", "committee")
    readonly_fields = ("failed_login_count", "locked_at", "must_change_password", "last_login", "date_joined")
    filter_horizontal = ("groups", "user_permissions")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("个人信息", {"fields": ("name", "id_number", "phone")}),
        ("角色与所属机构", {"fields": ("role", "organisation", "committee")}),
        (
            "登录状态",
            {
                "fields": (
                    "is_active",
                    "failed_login_count",
                    "locked_at",
                    "must_change_password",
                    "last_login",
                    "date_joined",
                )
            },
        ),
        ("后台权限", {"fields": ("is_staff", "is_superuser", "groups", "user_permissions")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "name",
                    "role",
                    "id_number",
                    "phone",
                    "organisation",
                    "committee",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    actions = ["unlock_accounts"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            for renamed in user_renamed:
                renamed(user=obj)

    @admin.display(description="锁定", boolean=True)
    def locked(self, obj: User) -> bool:
        return obj.is_locked

    @admin.action(description="解锁")
    def unlock_accounts(self, request, queryset):
        done = 0
        for user in queryset.filter(locked_at__isnull=False):
            try:
                account_unlock(actor=request.user, user=user, ip=client_ip(request))
            except ServiceError as exc:
                self.message_user(request, f"{user}：{exc.detail}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, f"已解锁 {done} 个账号。", messages.SUCCESS)
        elif not queryset.filter(locked_at__isnull=False).exists():
            self.message_user(request, "所选账号均未锁定。", messages.INFO)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LoginAttempt)
class LoginAttemptAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "identifier", "user", "result", "ip", "channel")
    list_filter = ("result", "channel", "created_at")
    search_fields = ("identifier", "ip", "user__name", "user__username")
    list_select_related = ("user",)
    date_hierarchy = "created_at"


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued at login only; here they can be seen and revoked (deleted)."""

    list_display = ("user", "created_at", "last_used_at")
    search_fields = ("user__username", "user__name")
    list_select_related = ("user",)
    fields = ("user", "created_at", "last_used_at")
    readonly_fields = ("user", "created_at", "last_used_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SmsCode)
class SmsCodeAdmin(ReadOnlyAdmin):
    list_display = ("phone", "purpose", "created_at", "expires_at", "tries", "used_at")
    list_filter = ("purpose",)
    search_fields = ("phone",)
    fields = ("phone", "purpose", "created_at", "expires_at", "tries", "used_at")
    readonly_fields = fields
