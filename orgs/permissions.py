"""Who may see and change a unit and its staff. Pages, API and admin all ask these functions.

Each `can_*` returns (allowed, reason); the reason is shown to the person when refused."""

from __future__ import annotations

from accounts.models import Role, User

from .models import Organisation


def _signed_in(actor: User) -> bool:
    return bool(actor.is_authenticated and actor.is_active)


def can_edit_unit(actor: User, unit: Organisation) -> tuple[bool, str]:
    """单位信息: only the unit's own admin edits it (rule 26; FAQ 7)."""
    if not _signed_in(actor):
        return False, "请先登录。"
    if actor.role == Role.UNIT_ADMIN and actor.organisation_id and actor.organisation_id == unit.pk:
        return True, ""
    return False, "只有本单位的单位管理员可以修改单位信息。"


def can_view_unit_staff(actor: User, unit: Organisation | None) -> tuple[bool, str]:
    """专业技术人员: the unit's admin sees its staff; technical support sees any unit's."""
    if not _signed_in(actor):
        return False, "请先登录。"
    if actor.role == Role.SUPPORT:
        return True, ""
    if (
        actor.role == Role.UNIT_ADMIN
        and unit is not None
        and actor.organisation_id
        and actor.organisation_id == unit.pk
    ):
        return True, ""
    return False, "只有本单位的单位管理员可以管理专业技术人员。"


def can_manage_staff_member(actor: User, target: User) -> tuple[bool, str]:
    """发送信息 / 重置密码 / 移除 / 解锁: an applicant of the actor's own unit, or any applicant for
    technical support (rule 21)."""
    if not _signed_in(actor):
        return False, "请先登录。"
    if target.role != Role.APPLICANT:
        return False, "只能管理申报人账号。"
    if actor.role == Role.SUPPORT:
        return True, ""
    if (
        actor.role == Role.UNIT_ADMIN
        and actor.organisation_id
        and target.organisation_id == actor.organisation_id
    ):
        return True, ""
    return False, "该申报人不属于您的单位。"
