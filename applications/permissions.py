"""Who may use the 职称申报 pages and API: applicants, for their own applications only (anyone
else's application is "not found"). Reviewers' access comes with issue 4."""

from __future__ import annotations

from accounts.models import Role


def can_apply(actor) -> tuple[bool, str]:
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False, "请先登录。"
    if actor.role == Role.APPLICANT:
        return True, ""
    return False, "职称申报只对申报人开放。"
