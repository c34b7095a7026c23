"""Accounts' entries of the left menu (core.menu): 账号信息, 修改密码 and the support's 账号解锁."""

from core.menu import entry, menu

from .models import Role

menu.register(
    entry("账号解锁", "accounts:support_accounts", "技术支持", 700, [Role.SUPPORT]),
    entry("账号信息", "accounts:profile", "账号", 900, Role.values),
    entry("修改密码", "accounts:password_change", "账号", 920, Role.values),
)
