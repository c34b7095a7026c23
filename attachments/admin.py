"""Attachments in the back office: read-only (rows never change after upload). The file is opened
through the permission-checked download view, never a storage URL."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from core.validators import mask_id_number

from .models import Attachment


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "kind",
        "owner_label",
        "content_type",
        "size",
        "created_at",
        "archived_at",
        "view_link",
    )
    list_filter = ("kind", "content_type", ("archived_at", admin.EmptyFieldListFilter))
    search_fields = ("title", "owner__name", "owner__id_number", "sha256")
    list_select_related = ("owner",)
    date_hierarchy = "created_at"
    list_per_page = 50
    fields = (
        "owner",
        "entry",
        "kind",
        "title",
        "view_link",
        "content_type",
        "size",
        "width",
        "height",
        "sha256",
        "created_at",
        "archived_at",
    )
    readonly_fields = fields

    @admin.display(description="申报人")
    def owner_label(self, obj: Attachment) -> str:
        return f"{obj.owner.name}（{mask_id_number(obj.owner.id_number or '')}）"

    @admin.display(description="文件")
    def view_link(self, obj: Attachment) -> str:
        if not obj.pk:
            return "—"
        url = reverse("attachments:download", args=[obj.pk])
        return format_html('<a href="{}?inline=1" target="_blank" rel="noopener">查看</a>', url)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
