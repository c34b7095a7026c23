"""Evaluation's entries of the left menu (core.menu): the committee office's 评审专家库, 评审批次,
评审结果 and 复查申请 (in the 评委会 band, 600, after 网上申报时间); the city bureau's 评审结果核准（备案）
(provincial committees' results), 撤销职称 and 评审专家（全市）; the expert's 我的信息, 我的评审任务
and 会议投票; the applicant's 评审结果 once they have one."""

from accounts.models import Role
from core.menu import entry, menu

from .appeals import has_result
from .revocation import is_city_bureau, may_revoke_any

menu.register(
    entry("评审专家库", "evaluation:pool", "评委会", 620, [Role.COMMITTEE_OFFICE]),
    entry("评审批次", "evaluation:rounds", "评委会", 640, [Role.COMMITTEE_OFFICE]),
    entry("我的信息", "evaluation:expert_me", "评审专家", 100, [Role.EXPERT]),
    entry("我的评审任务", "evaluation:assignments", "评审专家", 500, [Role.EXPERT]),
    entry("会议投票", "evaluation:ballots", "评审专家", 520, [Role.EXPERT]),
    entry("评审结果", "evaluation:results", "评委会", 650, [Role.COMMITTEE_OFFICE]),
    entry("评审结果核准（备案）", "evaluation:results", "评委会", 670, [Role.CITY_REVIEWER]),
)
# 复查 and 撤销职称 (rules 1, 34, 35): the applicant's 评审结果 once they have one; the office's
# 复查申请; 撤销职称 for the city bureau and a committee's organiser; the city bureau's experts.
menu.register(
    entry("评审结果", "evaluation:my_results", "职称申报", 330, [Role.APPLICANT], visible=has_result),
    entry("复查申请", "evaluation:appeals", "评委会", 660, [Role.COMMITTEE_OFFICE]),
    entry(
        "撤销职称",
        "evaluation:titles",
        "评委会",
        680,
        [Role.CITY_REVIEWER, Role.DEPARTMENT_REVIEWER, Role.DISTRICT_REVIEWER],
        visible=may_revoke_any,
    ),
    entry(
        "评审专家（全市）",
        "evaluation:experts_all",
        "评委会",
        690,
        [Role.CITY_REVIEWER],
        visible=is_city_bureau,
    ),
)
