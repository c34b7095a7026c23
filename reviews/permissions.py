"""Who may use the review pages and API (申报审核). Pages, API and the attachment check all ask
these functions; what a reviewer may see is `reviews.selectors.review_scope` (the one place of
jurisdiction), and whether a reviewer may act at a step is
`applications.permissions.can_act_on_step`."""

from __future__ import annotations

from accounts.models import Role

# The roles that review (support uses the admin, not these pages).
REVIEWER_ROLES = (
    Role.UNIT_ADMIN,
    Role.DEPARTMENT_REVIEWER,
    Role.DISTRICT_REVIEWER,
    Role.CITY_REVIEWER,
    Role.COMMITTEE_OFFICE,
)


def can_review(actor) -> tuple[bool, str]:
    """The review queue, the review page and the export: reviewing organisations only."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False, "请先登录。"
    if actor.role in REVIEWER_ROLES:
        return True, ""
    return False, "申报审核只对审核单位开放。"


def can_batch_pass(actor) -> tuple[bool, str]:
    """批量通过: units only (seed 五 (三) 4: 单位审核); each application still gets its own event."""
    allowed, reason = can_review(actor)
    if not allowed:
        return allowed, reason
    if actor.role == Role.UNIT_ADMIN:
        return True, ""
    return False, "只有单位可以批量通过。"


def sees_full_id_number(actor) -> bool:
    """Lists and the 花名册 mask ID numbers; the unit admin sees its own staff's in full (the scope
    already limits a unit to its own staff)."""
    return getattr(actor, "role", "") == Role.UNIT_ADMIN
