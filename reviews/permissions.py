"""Who may use the review pages and API (申报审核). Pages, API and the attachment check all ask
these functions; what a reviewer may see is `reviews.selectors.review_scope` (the one place of
jurisdiction), and whether a reviewer may act at a step is
`applications.permissions.can_act_on_step`."""

from __future__ import annotations

from accounts.models import Role

from .selectors import scope_names_attachment

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


def can_view_submitted_attachment(*, actor, attachment) -> bool:
    """A reviewer may open another person's attachment when a submitted snapshot of an application
    in their scope names it (registered for attachments.hooks.reviewer_may_view; pages, API and
    admin ask attachments.permissions.can_view_attachment)."""
    return can_review(actor)[0] and scope_names_attachment(actor=actor, attachment=attachment)


def can_batch_pass(actor) -> tuple[bool, str]:
    """批量通过: units only (seed 五 (三) 4: 单位审核); each application still gets its own event."""
    allowed, reason = can_review(actor)
    if not allowed:
        return allowed, reason
    if actor.role == Role.UNIT_ADMIN:
        return True, ""
    return False, "只有单位可以批量通过。"


# Who needs full ID numbers in the 花名册 (issue 11.24): the unit, for its own staff (the scope
# limits a unit to them); the committee office, which names the photos 身份证号+姓名 (rule 23) and
# checks the paper copies and originals against them (seed question 24); the city bureau, which
# files the lists with the province. Departments and district offices get them masked. Every
# export that carries them is audited (reviews.export.roster_write).
FULL_ID_NUMBER_ROLES = (Role.UNIT_ADMIN, Role.COMMITTEE_OFFICE, Role.CITY_REVIEWER)


def sees_full_id_number(actor) -> bool:
    """Lists and the 花名册 mask ID numbers except for FULL_ID_NUMBER_ROLES."""
    if not getattr(actor, "is_authenticated", False) or not getattr(actor, "is_active", False):
        return False
    return getattr(actor, "role", "") in FULL_ID_NUMBER_ROLES
