"""后台管理 for applications. The status and the route change only through applications/state.py,
so applications, steps and events are read-only here (no add, change or delete for anyone);
诚信档案 (rule 1) and each committee's required attachments are edited here."""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin
from django.utils.html import format_html

from core import rulebook
from core.dates import add_years
from core.validators import clean_id_number

from .models import (
    Application,
    CommitteeRequiredAttachment,
    IntegrityRecord,
    ReturnRequest,
    ReviewEvent,
    ReviewStep,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReviewStepInline(admin.TabularInline):
    model = ReviewStep
    fields = ("order", "kind", "organisation", "committee", "state", "decided_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReviewEventInline(ReviewStepInline):
    model = ReviewEvent
    fields = (
        "created_at",
        "action",
        "organisation",
        "step",
        "from_status",
        "to_status",
        "opinion",
        "actor",
        "ip",
    )
    readonly_fields = fields


# The facts rows of the kinds no committee decides, shown first on an application: the app of those
# kinds adds its inlines here when its admin module loads (recognition/admin.py).
kind_inlines: list[type[admin.options.InlineModelAdmin]] = []


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = (
        "applicant",
        "year",
        "title",
        "committee",
        "unit",
        "status",
        "current_step",
        "submitted_at",
    )
    list_filter = ("year", "status", "level", "kind", "committee")
    search_fields = ("applicant__name", "applicant__id_number", "unit__name", "committee__name")
    list_select_related = ("applicant", "title", "committee", "unit", "current_step")
    date_hierarchy = "created_at"
    fields = (
        "applicant",
        "year",
        "kind",
        "unit",
        "series",
        "track",
        "specialty",
        "level",
        "title",
        "committee",
        "status",
        "current_step",
        "submitted_at",
        "created_at",
        "updated_at",
        "snapshot_display",
    )
    readonly_fields = fields

    def get_inlines(self, request, obj):
        return (*kind_inlines, ReviewStepInline, ReviewEventInline)

    @admin.display(description="提交时的申报信息（快照）")
    def snapshot_display(self, obj: Application):
        if not obj.snapshot:
            return "（尚未提交）"
        text = json.dumps(obj.snapshot, ensure_ascii=False, indent=2)
        return format_html('<pre style="white-space:pre-wrap;max-height:40em;overflow:auto">{}</pre>', text)


@admin.register(ReviewStep)
class ReviewStepAdmin(ReadOnlyAdmin):
    list_display = ("application", "order", "kind", "organisation", "committee", "state", "decided_at")
    list_filter = ("kind", "state")
    list_select_related = ("application__applicant", "application__title", "organisation", "committee")
    search_fields = ("application__applicant__name", "application__applicant__id_number")


@admin.register(ReviewEvent)
class ReviewEventAdmin(ReadOnlyAdmin):
    """Append-only: nobody adds, changes or deletes an event, not even a superuser."""

    list_display = (
        "created_at",
        "application",
        "action",
        "organisation",
        "from_status",
        "to_status",
        "actor",
        "ip",
    )
    list_filter = ("action", "to_status")
    list_select_related = ("application__applicant", "application__title", "organisation", "actor")
    search_fields = ("application__applicant__name", "application__applicant__id_number", "opinion")
    date_hierarchy = "created_at"

    def get_actions(self, request):
        return {}  # no bulk delete either


@admin.register(ReturnRequest)
class ReturnRequestAdmin(ReadOnlyAdmin):
    """Rule 5: the returns with their items and deadline; read-only (written by the state machine,
    withdrawn by `manage.py withdraw_overdue_returns`)."""

    list_display = ("application", "deadline", "resolved_at", "withdrawn_at")
    list_filter = ("deadline",)
    list_select_related = ("application__applicant", "application__title")
    search_fields = ("application__applicant__name", "application__applicant__id_number")

    def get_actions(self, request):
        return {}


class IntegrityRecordForm(forms.ModelForm):
    """Rule 1: the record is kept 3 years; 记录期满 defaults to 记录日期 + 3 years."""

    class Meta:
        model = IntegrityRecord
        fields = ("id_number", "name", "reason", "recorded_on", "expires_on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].required = False
        self.fields["expires_on"].help_text = f"留空则为记录日期起 {rulebook.INTEGRITY_RECORD_YEARS} 年。"

    def clean_id_number(self):
        try:  # the same check as registration: a record under a number nobody can have finds nobody
            return clean_id_number(self.cleaned_data.get("id_number") or "")
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean(self):
        data = super().clean()
        recorded_on, expires_on = data.get("recorded_on"), data.get("expires_on")
        if recorded_on and not expires_on:
            data["expires_on"] = add_years(recorded_on, rulebook.INTEGRITY_RECORD_YEARS)
            self.instance.expires_on = data["expires_on"]
        elif recorded_on and expires_on and expires_on <= recorded_on:
            self.add_error("expires_on", "记录期满日须晚于记录日期。")
        return data


@admin.register(IntegrityRecord)
class IntegrityRecordAdmin(admin.ModelAdmin):
    form = IntegrityRecordForm
    list_display = ("name", "id_number", "recorded_on", "expires_on", "created_at")
    search_fields = ("name", "id_number")
    date_hierarchy = "recorded_on"


@admin.register(CommitteeRequiredAttachment)
class CommitteeRequiredAttachmentAdmin(admin.ModelAdmin):
    list_display = ("committee", "order", "kind")
    list_display_links = ("kind",)
    list_filter = ("committee",)
    list_select_related = ("committee",)
    autocomplete_fields = ("committee",)
    ordering = ("committee", "order")
