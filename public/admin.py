from django.contrib import admin

from .models import Notice


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ("title", "published_at", "is_published", "created_by")
    list_select_related = ("created_by",)
    list_editable = ("is_published",)
    search_fields = ("title", "body")
    list_filter = ("is_published", "published_at")
    date_hierarchy = "published_at"
    fields = ("title", "body", "published_at", "is_published", "created_by")
    readonly_fields = ("created_by",)

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
