"""Evaluation's entries of the left menu (core.menu): 评审批次 for the committee office (its 600
band, after 网上申报时间), 我的评审任务 for the expert."""

from accounts.models import Role
from core.menu import entry, menu

menu.register(
    entry("评审批次", "evaluation:rounds", "评委会", 640, [Role.COMMITTEE_OFFICE]),
    entry("我的评审任务", "evaluation:assignments", "评审", 500, [Role.EXPERT]),
)
