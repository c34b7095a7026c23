"""Evaluation's entries of the left menu (core.menu): the committee office's 评审专家库 (in the
评委会 band, 600), the expert's 我的信息."""

from accounts.models import Role
from core.menu import entry, menu

menu.register(
    entry("评审专家库", "evaluation:pool", "评委会", 620, [Role.COMMITTEE_OFFICE]),
    entry("我的信息", "evaluation:expert_me", "评审专家", 100, [Role.EXPERT]),
)
