"""The evaluation's numbers as pure functions (rules 27–30 of docs/domain.md, from 人社部令第40号
《职称评审管理暂行规定》): the pool's and the 评议组's minimum sizes, the meeting's quorum, the votes
an application needs, and the sanity of a ballot count.

Exact arithmetic: shares are `fractions.Fraction` (2/3 of 7 is 14/3, so 5 votes are needed, never a
float that rounds the wrong way). The numbers come from core.rulebook (settings a deployer may
change). No database, no request: the services of the pool, the round and the meeting call these
and turn a message into `core.errors` themselves.

Every message is Chinese and names its source as people know it: the regulation (by name; the
article numbers could not be confirmed, see docs/decisions/0011-evaluation.md) and, where the
number in force is the regulation's own, its words.
"""

from __future__ import annotations

import math
from fractions import Fraction

from core import rulebook
from core.sources import cite, quote

TIER_LABELS = {"senior": "高级", "intermediate": "中级", "junior": "初级"}
FORMATION_LABELS = {"series": "按职称系列组建", "specialty": "按专业组建"}


def _share_label(share: Fraction) -> str:
    return f"{share.numerator}/{share.denominator}"


def _source(rule: int, *, as_regulation: bool) -> str:
    """The regulation's words when the number in force is its own; its name only when a deployer
    changed the number (quoting "2/3" next to a local 3/4 would contradict the message)."""
    return quote(rule) if as_regulation else cite(rule)


# Rule 27 -------------------------------------------------------------------------------------------


def pool_minimum(*, tier: str, formation: str) -> int:
    """Rule 27: the fewest experts (在库) a committee's pool needs to hold a meeting. `tier` is the
    committee's (senior / intermediate / junior), `formation` the pool's (series / specialty)."""
    return rulebook.pool_minimum(tier, formation)


def pool_size_problem(*, tier: str, formation: str, size: int) -> str | None:
    """Rule 27: why a pool of `size` active experts cannot hold a meeting, or None."""
    minimum = pool_minimum(tier=tier, formation=formation)
    if size >= minimum:
        return None
    as_regulation = tier == "senior" and minimum == rulebook.POOL_MINIMUM_DEFAULTS[(tier, formation)]
    return (
        f"{FORMATION_LABELS[formation]}的{TIER_LABELS[tier]}职称评审委员会，评审专家库至少需要"
        f"{minimum}名在库专家，现有{size}名，不能召开评审会议。{_source(27, as_regulation=as_regulation)}"
    )


# Rule 28 -------------------------------------------------------------------------------------------


def group_size_problem(n: int, /) -> str | None:
    """Rule 28: why a 评议组 of `n` experts is too small, or None (at least 3 by default)."""
    minimum = rulebook.group_min_experts()
    if n >= minimum:
        return None
    as_regulation = minimum == rulebook.GROUP_MIN_EXPERTS
    return f"每个评议组至少需要{minimum}名评审专家，本组只有{n}名。{_source(28, as_regulation=as_regulation)}"


# Rule 29 -------------------------------------------------------------------------------------------


def quorum_needed(*, members: int) -> int:
    """Rule 29: the fewest experts present for a valid meeting of `members` drawn members."""
    if members < 1:
        raise ValueError("a meeting has at least one member")
    return math.ceil(rulebook.quorum_share() * members)


def quorum_met(*, present: int, members: int) -> bool:
    """Rule 29: the experts present are at least 2/3 (the setting) of the members drawn for the
    meeting. A meeting with no member, or more present than members, is a caller's mistake."""
    if members < 1 or present < 0 or present > members:
        raise ValueError(f"present={present} members={members}")
    return Fraction(present) >= rulebook.quorum_share() * members


def quorum_problem(*, present: int, members: int) -> str | None:
    """Rule 29: why a meeting with `present` of `members` is not valid, or None."""
    if quorum_met(present=present, members=members):
        return None
    share = rulebook.quorum_share()
    return (
        f"出席评审会议的专家{present}人，不足本次评审委员会{members}人的{_share_label(share)}"
        f"（至少需要{quorum_needed(members=members)}人），会议不能进行表决。"
        f"{_source(29, as_regulation=share == rulebook.QUORUM)}"
    )


# Rule 30 -------------------------------------------------------------------------------------------


def votes_needed(*, present: int) -> int:
    """Rule 30: the fewest 同意 votes to pass with `present` experts present (7 → 5, 10 → 7)."""
    if present < 1:
        raise ValueError("no expert present")
    return math.ceil(rulebook.pass_share() * present)


def passes(*, agree: int, present: int) -> bool:
    """Rule 30: 同意 votes are at least 2/3 (the setting) of the experts present."""
    if present < 1 or agree < 0 or agree > present:
        raise ValueError(f"agree={agree} present={present}")
    return Fraction(agree) >= rulebook.pass_share() * present


def ballot_count_problems(*, agree: int, disagree: int, abstain: int, present: int) -> list[str]:
    """Rule 30: what is wrong with a ballot count (an office's paper count, or the tally before it
    is fixed): each count non-negative, their sum not above the experts present. Empty when sound.
    Fewer ballots than experts present is allowed (an expert may hand in no ballot)."""
    source = _source(30, as_regulation=rulebook.pass_share() == rulebook.PASS_SHARE)
    problems: list[str] = []
    if present < 1:
        problems.append(f"没有出席评审会议的专家，不能计票。{source}")
    for label, count in (("同意", agree), ("不同意", disagree), ("弃权", abstain)):
        if count < 0:
            problems.append(f"{label}票数不能为负数（填写了{count}）。")
    total = agree + disagree + abstain
    if present >= 1 and total > present:
        problems.append(
            f"同意、不同意、弃权票数合计{total}票，超过出席评审会议的专家人数{present}人；"
            f"未出席的专家不能投票，每位出席专家只投一票。{source}"
        )
    return problems
