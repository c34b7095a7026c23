"""后台管理: 评审批次 and their 评议组, read-only (made and changed only through evaluation/rounds.py,
draw.py and conflicts.py, each with its audit row). The draw and the drawn experts are
confidential until the result notice (人社部令第40号, rule 31): their pages open to superusers
only, never to the support staff. Registered from evaluation/admin.py."""

from __future__ import annotations

from django.contrib import admin

from .models import Assignment, Conflict, Draw, ReviewGroup, Round


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class Confidential(ReadOnly):
    """Rule 31: who was drawn (and who recused) is read by superusers only."""

    def has_view_permission(self, request, obj=None) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_module_permission(self, request) -> bool:
        return self.has_view_permission(request)


class GroupInline(admin.TabularInline):
    model = ReviewGroup
    fields = ("name", "specialties", "experts_to_draw", "position")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Round)
class RoundAdmin(ReadOnly):
    list_display = ("name", "committee", "year", "meeting_date", "status", "created_by", "created_at")
    list_filter = ("status", "year")
    search_fields = ("name", "committee__name")
    list_select_related = ("committee", "created_by")
    inlines = [GroupInline]


@admin.register(Draw)
class DrawAdmin(Confidential):
    list_display = ("round", "seed", "drawn_by", "drawn_at")
    list_select_related = ("round", "drawn_by")


@admin.register(Assignment)
class AssignmentAdmin(Confidential):
    list_display = ("round", "group", "expert", "position")
    list_select_related = ("round", "group", "expert")


@admin.register(Conflict)
class ConflictAdmin(Confidential):
    list_display = ("entry", "expert", "source", "reason", "declared_at")
    list_select_related = ("entry__round", "expert")
