"""Messaging's entries of the left menu (core.menu): 站内消息 with the unread count, and the
support's 短信发件箱."""

from accounts.models import Role
from core.menu import entry, menu

from .selectors import site_message_unread_count


def unread_badge(user) -> int:
    return site_message_unread_count(user=user)


menu.register(
    entry("短信发件箱", "messaging:sms_outbox", "技术支持", 710, [Role.SUPPORT]),
    entry("站内消息", "messaging:inbox", "账号", 910, Role.values, badge=unread_badge),
)
