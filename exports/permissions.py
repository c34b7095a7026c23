"""Who may create which export (pages, API and the task itself ask `can_export`). What goes into
a file is the owner's jurisdiction (`reviews.selectors.review_scope`), read when the job runs."""

from __future__ import annotations

from accounts.models import Role
from reviews.permissions import can_review

from .models import ExportKind


def can_export(actor, kind: str) -> tuple[bool, str]:
    """花名册: any reviewing organisation (its own queue); photos and review forms: committee
    offices only (their own committee's applications)."""
    allowed, _reason = can_review(actor)
    if not allowed:
        return False, "导出只对审核单位开放。"
    if kind in (ExportKind.PHOTOS, ExportKind.REVIEW_FORMS) and (
        actor.role != Role.COMMITTEE_OFFICE or not actor.committee_id
    ):
        return False, "只有评委会办事机构可以下载全部照片和申报评审表。"
    return True, ""
