"""Read-only: notices and objections are published and handled through the services (pages and
API), never edited in the admin."""

from django.contrib import admin

from .models import Objection, PreReviewFiledApplication, PreReviewFiling, Publicity, PublicityEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class EntryInline(admin.TabularInline):
    model = PublicityEntry
    fields = ("order", "name", "unit_name", "series_name", "level_label", "title_name", "id_number_masked")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Publicity)
class PublicityAdmin(ReadOnlyAdmin):
    list_display = (
        "title",
        "kind",
        "publisher_org",
        "publisher_committee",
        "start_date",
        "end_date",
        "workdays",
    )
    list_filter = ("kind",)
    search_fields = ("title",)
    inlines = [EntryInline]


@admin.register(Objection)
class ObjectionAdmin(ReadOnlyAdmin):
    list_display = ("pk", "publicity", "entry", "handling_status", "created_at", "handled_at")
    list_filter = ("handling_status",)
    exclude = ("attachment",)


class FiledInline(admin.TabularInline):
    model = PreReviewFiledApplication
    fields = ("entry", "application")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PreReviewFiling)
class PreReviewFilingAdmin(ReadOnlyAdmin):
    list_display = ("notice", "filed_with", "document_number", "filed_on", "filed_by", "created_at")
    list_filter = ("filed_with",)
    search_fields = ("document_number", "notice__title")
    exclude = ("receipt",)
    inlines = [FiledInline]
