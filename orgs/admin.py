"""Back-office administration of the organisation tree and the committees (Chinese labels come
from the models' verbose names). The committees' windows (网上申报时间) are administered in
workcal/window_admin.py: a provincial window follows from the working-day calendar."""

from __future__ import annotations

from django.contrib import admin

from .models import Committee, CommitteeCoverage, CommitteePlan, OfficeBranch, Organisation


class OfficeBranchInline(admin.TabularInline):
    model = OfficeBranch
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("kind", "name", "branch", "credit_code", "ownership", "district", "civil_servant_managed")
    list_display_links = ("name",)
    list_filter = ("kind", "ownership", "district", "civil_servant_managed", "is_active")
    search_fields = ("name", "credit_code", "aliases", "branch")
    list_select_related = ("district",)
    autocomplete_fields = ("district", "department")
    filter_horizontal = ("senior_delegated_series",)
    readonly_fields = ("ref", "created_at", "updated_at")
    inlines = (OfficeBranchInline,)
    list_per_page = 50
    fieldsets = (
        (None, {"fields": ("kind", "name", "branch", "ref", "is_active", "sort_order")}),
        (
            "用人单位（单位注册：统一社会信用代码、单位负责人手机）",
            {
                "fields": (
                    "credit_code",
                    "ownership",
                    "district",
                    "department",
                    "civil_servant_managed",
                    "head_name",
                    "head_phone",
                )
            },
        ),
        (
            "下放评审权限（常见问题 16）",
            {"fields": ("senior_delegated_series", "senior_delegation_document")},
        ),
        ("联系与服务", {"fields": ("area", "services", "address", "phone", "aliases")}),
        ("时间", {"fields": ("created_at", "updated_at")}),
    )


class CommitteeCoverageInline(admin.TabularInline):
    model = CommitteeCoverage
    extra = 0


class CommitteePlanInline(admin.TabularInline):
    model = CommitteePlan
    extra = 0


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ("name", "tier", "number", "organiser", "phone", "is_provincial", "is_active")
    list_filter = ("tier", "organiser", "is_provincial", "is_active")
    search_fields = ("name", "scope", "organiser__name")
    list_select_related = ("organiser",)
    autocomplete_fields = ("organiser",)
    readonly_fields = ("ref",)
    # workcal/window_admin.py adds the windows (网上申报时间) inline: its form needs the calendar.
    inlines = (CommitteeCoverageInline, CommitteePlanInline)


from .suspension_admin import UnitSuspensionAdmin  # noqa: E402, F401 - 暂停推荐 (read-only)
