"""后台管理 for the dossier: read-only. Support may look at an applicant's 申报信息 to help, but
applicants' data changes only through the applicant's own pages and API (the services)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html_join

from core.validators import mask_id_number

from .display import entry_display
from .models import Dossier, DossierEntry
from .sections import SECTIONS_BY_KEY


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


def _entry_html(entry: DossierEntry) -> str:
    section = SECTIONS_BY_KEY.get(entry.section)
    if section is None:
        return str(entry.data)
    return format_html_join(
        "",
        "<div><strong>{}</strong>：{}</div>",
        ((row["label"], row["text"]) for row in entry_display(section, entry.data)),
    )


class DossierEntryInline(admin.TabularInline):
    model = DossierEntry
    extra = 0
    can_delete = False
    fields = ("section_label", "position", "content", "updated_at")
    readonly_fields = fields
    ordering = ("section", "position", "id")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="栏目")
    def section_label(self, entry: DossierEntry) -> str:
        section = SECTIONS_BY_KEY.get(entry.section)
        return section.label if section else entry.section

    @admin.display(description="内容")
    def content(self, entry: DossierEntry) -> str:
        return _entry_html(entry)


@admin.register(Dossier)
class DossierAdmin(ReadOnlyAdmin):
    list_display = ("applicant", "sex", "birth_date", "employment_form", "current_post", "updated_at")
    list_filter = ("sex", "employment_form", "is_civil_servant")
    search_fields = ("user__name", "user__id_number", "user__phone")
    list_select_related = ("user",)
    inlines = [DossierEntryInline]

    @admin.display(description="申报人", ordering="user__name")
    def applicant(self, dossier: Dossier) -> str:
        # Lists show the ID number masked (issue 3 item 1).
        return f"{dossier.user.name}（{mask_id_number(dossier.user.id_number or '')}）"


@admin.register(DossierEntry)
class DossierEntryAdmin(ReadOnlyAdmin):
    list_display = ("id", "dossier", "section_label", "position", "updated_at")
    list_filter = ("section",)
    search_fields = ("dossier__user__name", "dossier__user__id_number")
    list_select_related = ("dossier__user",)
    fields = ("dossier", "section_label", "position", "content", "created_at", "updated_at")
    readonly_fields = fields

    @admin.display(description="栏目")
    def section_label(self, entry: DossierEntry) -> str:
        section = SECTIONS_BY_KEY.get(entry.section)
        return section.label if section else entry.section

    @admin.display(description="内容")
    def content(self, entry: DossierEntry) -> str:
        return _entry_html(entry)
