from django.contrib import admin

from .models import ExportJob


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    """Read-only: jobs are made by the pages and the API, run by the task queue."""

    list_display = ("id", "owner", "kind", "status", "done", "total", "filename", "created_at", "finished_at")
    list_filter = ("kind", "status")
    search_fields = ("owner__username", "owner__name", "filename")
    readonly_fields = [f.name for f in ExportJob._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
