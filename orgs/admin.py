"""Back-office administration of the organisation tree and the committees (Chinese labels come
from the models' verbose names)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils import timezone

from .models import Committee, CommitteeCoverage, CommitteePlan, CommitteeWindow, Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("kind", "name", "branch", "credit_code", "ownership", "district", "civil_servant_managed")
    list_display_links = ("name",)
    list_filter = ("kind", "ownership", "district", "civil_servant_managed", "is_active")
    search_fields = ("name", "credit_code", "aliases", "branch")
    list_select_related = ("district",)
    autocomplete_fields = ("district", "department")
    readonly_fields = ("ref", "created_at", "updated_at")
    list_per_page = 50
    fieldsets = (
        (None, {"fields": ("kind", "name", "branch", "ref", "is_active", "sort_order")}),
        (
            "用人单位（规则 26）",
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
        ("联系与服务", {"fields": ("area", "services", "address", "phone", "aliases")}),
        ("时间", {"fields": ("created_at", "updated_at")}),
    )


class CommitteeCoverageInline(admin.TabularInline):
    model = CommitteeCoverage
    extra = 0


class CommitteePlanInline(admin.TabularInline):
    model = CommitteePlan
    extra = 0


class CommitteeWindowForm(forms.ModelForm):
    """Rule 6: once a window has closed it cannot be reopened (its dates no longer change)."""

    class Meta:
        model = CommitteeWindow
        fields = ("committee", "year", "opens_at", "closes_at")

    def clean(self):
        data = super().clean()
        opens_at, closes_at = data.get("opens_at"), data.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", "关闭时间须晚于开放时间。")
        original = CommitteeWindow.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None
        closed = original is not None and original.closes_at <= timezone.now()
        if closed and (
            (opens_at and opens_at != original.opens_at) or (closes_at and closes_at != original.closes_at)
        ):
            raise forms.ValidationError("该网上申报时间已关闭，不能重新开放或修改（规则 6）。")
        return data


class CommitteeWindowInline(admin.TabularInline):
    model = CommitteeWindow
    form = CommitteeWindowForm
    extra = 0


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ("name", "tier", "number", "organiser", "phone", "is_provincial", "is_active")
    list_filter = ("tier", "organiser", "is_provincial", "is_active")
    search_fields = ("name", "scope", "organiser__name")
    list_select_related = ("organiser",)
    autocomplete_fields = ("organiser",)
    readonly_fields = ("ref",)
    inlines = (CommitteeCoverageInline, CommitteePlanInline, CommitteeWindowInline)


@admin.register(CommitteeWindow)
class CommitteeWindowAdmin(admin.ModelAdmin):
    form = CommitteeWindowForm
    list_display = ("committee", "year", "opens_at", "closes_at", "state")
    list_filter = ("year", "committee__tier")
    search_fields = ("committee__name",)
    list_select_related = ("committee",)
    autocomplete_fields = ("committee",)
    date_hierarchy = "opens_at"

    @admin.display(description="状态")
    def state(self, obj: CommitteeWindow) -> str:
        now = timezone.now()
        if now < obj.opens_at:
            return "未开放"
        if now < obj.closes_at:
            return "申报中"
        return "已关闭"

    def get_readonly_fields(self, request, obj=None):
        # Rule 6: once closed, a window cannot be reopened.
        if obj is not None and obj.closes_at <= timezone.now():
            return ("committee", "year", "opens_at", "closes_at")
        return ()
