"""Evaluation's entries of the left menu (core.menu): the committee office's 评审专家库 and 评审批次
(in the 评委会 band, 600, after 网上申报时间); the expert's 我的信息 and 我的评审任务."""

from accounts.models import Role
from core.menu import entry, menu

menu.register(
    entry("评审专家库", "evaluation:pool", "评委会", 620, [Role.COMMITTEE_OFFICE]),
    entry("评审批次", "evaluation:rounds", "评委会", 640, [Role.COMMITTEE_OFFICE]),
    entry("我的信息", "evaluation:expert_me", "评审专家", 100, [Role.EXPERT]),
    entry("我的评审任务", "evaluation:assignments", "评审专家", 500, [Role.EXPERT]),
    entry("会议投票", "evaluation:ballots", "评审专家", 520, [Role.EXPERT]),
    entry("评审结果", "evaluation:results", "评委会", 660, [Role.COMMITTEE_OFFICE]),
    entry("评审结果核准（备案）", "evaluation:results", "审核", 540, [Role.CITY_REVIEWER]),
)
