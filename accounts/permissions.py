"""Who may act on an account. Pages, API and admin all ask these functions.

Each `can_*` returns (allowed, reason); the reason is shown to the person when refused."""

from __future__ import annotations

from .models import Role, User


def can_manage_staff_account(actor: User, target: User) -> tuple[bool, str]:
    """Unlock, reset the password of, message or remove an applicant (rule 21): only the admin of
    the applicant's own unit, or technical support."""
    if not actor.is_authenticated or not actor.is_active:
        return False, "请先登录。"
    if actor.role == Role.SUPPORT:
        return True, ""
    if target.role != Role.APPLICANT:
        return False, "只能管理本单位的申报人账号。"
    if (
        actor.role == Role.UNIT_ADMIN
        and actor.organisation_id
        and actor.organisation_id == target.organisation_id
    ):
        return True, ""
    return False, "该申报人不属于您的单位。"


def unlock_contact(target: User) -> str:
    """The locked message names who can unlock (rule 21, seed 五(四)1): the applicant's unit and
    its phone, or technical support when no unit is chosen (and for every other kind of account)."""
    from django.conf import settings

    unit = target.organisation if target.role == Role.APPLICANT else None
    if unit is not None and not unit.is_unit:
        # A freelancer's 户口所在地人社部门 has no unit account: technical support unlocks.
        return f"请联系系统技术支持（电话：{settings.SUPPORT_PHONE}）解锁。"
    if unit is not None:
        phone = unit.phone or unit.head_phone
        phone_text = f"（电话：{phone}）" if phone else ""
        return f"请联系您所在单位“{unit.name}”{phone_text}登录单位账号解锁。"
    if target.role == Role.APPLICANT:
        return f"您尚未选择工作单位，请联系系统技术支持（电话：{settings.SUPPORT_PHONE}）解锁。"
    return f"请联系系统技术支持（电话：{settings.SUPPORT_PHONE}）解锁。"


def can_use_support_pages(actor: User) -> tuple[bool, str]:
    """The support pages (account search, unlock, password reset) are for technical support only."""
    if not actor.is_authenticated or not actor.is_active:
        return False, "请先登录。"
    if actor.role == Role.SUPPORT:
        return True, ""
    return False, "只有技术支持人员可以使用此页面。"


def can_choose_unit(actor: User) -> tuple[bool, str]:
    """Only an applicant chooses (or changes) a work unit on the 基本信息 page."""
    if not actor.is_authenticated or not actor.is_active:
        return False, "请先登录。"
    if actor.role == Role.APPLICANT:
        return True, ""
    return False, "只有申报人可以选择工作单位。"
