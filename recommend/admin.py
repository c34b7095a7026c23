"""后台管理: the unit step's records, read-only. They are written only by the unit admin through
recommend/services.py (pages and API), so every change has its audit row."""

from __future__ import annotations

from django.contrib import admin

from .models import UnitPublicity, UnitRecommendation


class ReadOnlyAdmin(admin.ModelAdmin):
    list_select_related = ("application__applicant", "application__title", "application__unit", "updated_by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="申报人")
    def applicant(self, obj):
        return obj.application.applicant.name

    @admin.display(description="工作单位")
    def unit(self, obj):
        return obj.application.unit.name

    @admin.display(description="申报年度")
    def year(self, obj):
        return obj.application.year


@admin.register(UnitRecommendation)
class UnitRecommendationAdmin(ReadOnlyAdmin):
    list_display = ("applicant", "unit", "year", "method", "participant_count", "updated_by", "updated_at")
    list_filter = ("application__year",)
    search_fields = ("application__applicant__name", "application__unit__name")
    fields = (
        "application",
        "evaluation",
        "method",
        "participants",
        "participant_count",
        "opinion",
        "formation",
        "updated_by",
        "updated_at",
    )
    readonly_fields = fields


@admin.register(UnitPublicity)
class UnitPublicityAdmin(ReadOnlyAdmin):
    list_display = ("applicant", "unit", "year", "start_date", "end_date", "workdays", "result", "updated_at")
    list_filter = ("result", "application__year")
    search_fields = ("application__applicant__name", "application__unit__name")
    fields = (
        "application",
        "start_date",
        "end_date",
        "workdays",
        "place",
        "result",
        "handling",
        "updated_by",
        "updated_at",
    )
    readonly_fields = fields
