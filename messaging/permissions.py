"""Who may read what in messaging. Pages, API and admin all ask these functions."""

from __future__ import annotations

from accounts.models import Role, User


def can_view_sms_outbox(actor: User) -> tuple[bool, str]:
    """The SMS outbox (every code and temporary password sent) is for technical support only."""
    if not actor.is_authenticated or not actor.is_active:
        return False, "请先登录。"
    if actor.role == Role.SUPPORT:
        return True, ""
    return False, "只有技术支持可以查看短信发件箱。"
