"""The SMS outbox and site messages in the back office: read-only records."""

from __future__ import annotations

from django.contrib import admin

from .models import SiteMessage, SmsOutbox


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SmsOutbox)
class SmsOutboxAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "phone", "purpose", "status", "backend", "text")
    list_filter = ("status", "purpose", "backend")
    search_fields = ("phone", "text")
    date_hierarchy = "created_at"
    list_per_page = 100


@admin.register(SiteMessage)
class SiteMessageAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "title", "recipient", "sender", "sender_org", "read_at")
    list_filter = ("read_at",)
    search_fields = ("title", "recipient__name", "recipient__username", "sender_org__name")
    list_select_related = ("recipient", "sender", "sender_org")
    date_hierarchy = "created_at"
