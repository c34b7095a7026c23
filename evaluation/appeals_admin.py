"""后台管理: 复查申请 and 撤销职称, read-only (made only through evaluation/appeals.py and
revocation.py, each with its ReviewEvent and audit row). Registered from evaluation/admin.py."""

from __future__ import annotations

from django.contrib import admin

from .result_models import Appeal, Revocation
from .rounds_admin import ReadOnly


@admin.register(Appeal)
class AppealAdmin(ReadOnly):
    list_display = ("application", "created_at", "decision", "decided_at")
    list_filter = ("decision",)
    list_select_related = ("application__applicant", "application__title")
    search_fields = ("application__applicant__name",)


@admin.register(Revocation)
class RevocationAdmin(ReadOnly):
    list_display = ("application", "document_number", "revoked_on", "revoked_by")
    list_select_related = ("application__applicant", "application__title", "revoked_by")
    search_fields = ("application__applicant__name", "document_number")
