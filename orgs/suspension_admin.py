"""后台管理: 暂停推荐, read-only (decided and lifted only through orgs/suspension.py, each with its
audit row). Registered from orgs/admin.py."""

from __future__ import annotations

from django.contrib import admin

from .suspension_models import UnitSuspension


@admin.register(UnitSuspension)
class UnitSuspensionAdmin(admin.ModelAdmin):
    list_display = ("unit", "year", "document", "rectify_by", "created_by", "created_at", "lifted_at")
    list_filter = ("year",)
    search_fields = ("unit__name", "document")
    list_select_related = ("unit", "created_by")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
