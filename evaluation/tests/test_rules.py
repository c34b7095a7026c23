"""Rules 27–30: the evaluation's arithmetic at every boundary the issue names (pool 24/25 and 10/11,
评议组 2/3, quorum for 3..30 members, votes for 3, 6, 7, 9, 10, 11 present), exact fractions, and
the settings a deployer may change."""

import math
import re
from fractions import Fraction

import pytest

from evaluation import rules

ORDER_40 = "《职称评审管理暂行规定》（人社部令第40号）"


# Rule 27: pool size ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tier", "formation", "minimum"),
    [
        ("senior", "series", 25),
        ("senior", "specialty", 11),
        ("intermediate", "series", 15),
        ("intermediate", "specialty", 7),
        ("junior", "series", 7),
        ("junior", "specialty", 7),
    ],
)
def test_pool_minimum_defaults(tier, formation, minimum):
    assert rules.pool_minimum(tier=tier, formation=formation) == minimum


def test_senior_pool_by_series_needs_25():
    problem = rules.pool_size_problem(tier="senior", formation="series", size=24)
    assert problem is not None
    assert "至少需要25名在库专家，现有24名" in problem
    assert "按职称系列组建的高级职称评审委员会" in problem
    assert ORDER_40 in problem and "不少于25人" in problem
    assert rules.pool_size_problem(tier="senior", formation="series", size=25) is None


def test_senior_pool_by_specialty_needs_11():
    problem = rules.pool_size_problem(tier="senior", formation="specialty", size=10)
    assert problem is not None and "至少需要11名在库专家，现有10名" in problem
    assert "按专业组建的高级职称评审委员会" in problem
    assert rules.pool_size_problem(tier="senior", formation="specialty", size=11) is None


def test_pool_minimum_is_a_setting(settings):
    settings.EVALUATION_POOL_MIN_SENIOR_SERIES = 21  # 经省级人力资源社会保障行政部门同意，可以适当调整
    settings.EVALUATION_POOL_MIN_INTERMEDIATE_SPECIALTY = 9
    assert rules.pool_minimum(tier="senior", formation="series") == 21
    assert rules.pool_size_problem(tier="senior", formation="series", size=21) is None
    problem = rules.pool_size_problem(tier="senior", formation="series", size=20)
    # The regulation's words say 25: a local number cites the document by name only.
    assert "至少需要21名" in problem and "不少于25人" not in problem and ORDER_40 in problem
    assert rules.pool_size_problem(tier="intermediate", formation="specialty", size=8) is not None
    assert rules.pool_size_problem(tier="intermediate", formation="specialty", size=9) is None


def test_pool_minimum_refuses_an_unknown_tier():
    with pytest.raises(KeyError):
        rules.pool_minimum(tier="provincial", formation="series")


# Rule 28: 评议组 ------------------------------------------------------------------------------------


def test_group_needs_three_experts():
    for n in (0, 1, 2):
        problem = rules.group_size_problem(n)
        assert problem is not None and f"至少需要3名评审专家，本组只有{n}名" in problem
        assert "每个评议组评审专家不少于3人" in problem
    assert rules.group_size_problem(3) is None
    assert rules.group_size_problem(9) is None


def test_group_minimum_is_a_setting(settings):
    settings.EVALUATION_GROUP_MIN_EXPERTS = 5
    assert rules.group_size_problem(4) is not None
    assert "不少于3人" not in rules.group_size_problem(4)
    assert rules.group_size_problem(5) is None


# Rule 29: quorum --------------------------------------------------------------------------------------


@pytest.mark.parametrize("members", range(3, 31))
def test_quorum_for_3_to_30_members(members):
    needed = rules.quorum_needed(members=members)
    # The smallest whole number at or above 2/3 of the members, by exact arithmetic.
    assert needed == -((-2 * members) // 3)
    assert rules.quorum_met(present=needed, members=members)
    assert not rules.quorum_met(present=needed - 1, members=members)
    assert rules.quorum_met(present=members, members=members)
    assert rules.quorum_problem(present=needed, members=members) is None
    problem = rules.quorum_problem(present=needed - 1, members=members)
    assert f"不足本次评审委员会{members}人的2/3（至少需要{needed}人）" in problem
    assert "出席评审会议的专家人数应当不少于职称评审委员会人数的2/3" in problem


@pytest.mark.parametrize(
    ("members", "needed"),
    [(3, 2), (6, 4), (7, 5), (9, 6), (10, 7), (11, 8), (25, 17), (30, 20)],
)
def test_quorum_named_boundaries(members, needed):
    assert rules.quorum_needed(members=members) == needed


def test_quorum_refuses_impossible_counts():
    for present, members in ((0, 0), (8, 7), (-1, 7)):
        with pytest.raises(ValueError):
            rules.quorum_met(present=present, members=members)


def test_quorum_is_a_setting(settings):
    settings.EVALUATION_QUORUM = "3/4"
    assert rules.quorum_needed(members=7) == 6
    assert not rules.quorum_met(present=5, members=7)
    problem = rules.quorum_problem(present=5, members=7)
    assert "的3/4（至少需要6人）" in problem and "人数的2/3" not in problem


def test_a_share_outside_zero_and_one_is_refused(settings):
    settings.EVALUATION_PASS = "4/3"
    with pytest.raises(ValueError):
        rules.passes(agree=3, present=3)


# Rule 30: votes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("present", "needed"),
    [(1, 1), (2, 2), (3, 2), (6, 4), (7, 5), (9, 6), (10, 7), (11, 8), (25, 17)],
)
def test_votes_needed_at_each_boundary(present, needed):
    assert rules.votes_needed(present=present) == needed
    assert rules.passes(agree=needed, present=present)
    assert not rules.passes(agree=needed - 1, present=present)
    assert rules.passes(agree=present, present=present)


@pytest.mark.parametrize("present", range(1, 40))
def test_votes_needed_is_exact_two_thirds(present):
    needed = rules.votes_needed(present=present)
    assert Fraction(needed, present) >= Fraction(2, 3) > Fraction(needed - 1, present)
    # The smallest number of votes whose share of those present is at least 2/3, exactly.
    assert needed == math.ceil(Fraction(2 * present, 3))


def test_passes_refuses_impossible_counts():
    for agree, present in ((0, 0), (8, 7), (-1, 7)):
        with pytest.raises(ValueError):
            rules.passes(agree=agree, present=present)
    with pytest.raises(ValueError):
        rules.votes_needed(present=0)


def test_pass_share_is_a_setting(settings):
    settings.EVALUATION_PASS = "1/2"
    assert rules.votes_needed(present=7) == 4
    assert rules.passes(agree=5, present=10)
    assert not rules.passes(agree=4, present=10)


def test_ballot_counts_that_add_up_are_accepted():
    assert rules.ballot_count_problems(agree=5, disagree=1, abstain=1, present=7) == []
    assert rules.ballot_count_problems(agree=4, disagree=0, abstain=0, present=7) == []  # fewer ballots
    assert rules.ballot_count_problems(agree=0, disagree=0, abstain=0, present=3) == []


def test_ballot_counts_above_the_experts_present_are_refused():
    problems = rules.ballot_count_problems(agree=5, disagree=2, abstain=1, present=7)
    assert len(problems) == 1
    assert "合计8票，超过出席评审会议的专家人数7人" in problems[0]
    assert "未出席评审会议的评审专家不得委托他人投票或者补充投票" in problems[0]


def test_negative_ballot_counts_are_refused():
    problems = rules.ballot_count_problems(agree=-1, disagree=0, abstain=-2, present=7)
    assert problems == ["同意票数不能为负数（填写了-1）。", "弃权票数不能为负数（填写了-2）。"]


def test_a_count_with_no_one_present_is_refused():
    problems = rules.ballot_count_problems(agree=0, disagree=0, abstain=0, present=0)
    assert len(problems) == 1 and "没有出席评审会议的专家" in problems[0]


def test_messages_never_show_our_rule_numbers():
    messages = [
        rules.pool_size_problem(tier="senior", formation="series", size=1),
        rules.group_size_problem(1),
        rules.quorum_problem(present=1, members=7),
        *rules.ballot_count_problems(agree=9, disagree=-1, abstain=0, present=7),
    ]
    for message in messages:
        assert not re.search(r"规则\s*\d", message), message
        assert re.search(r"[\u4e00-\u9fff]", message)


def test_a_local_share_is_exact_where_a_float_is_not(settings):
    # 11/20 of 100 is 55.00000000000001 as a float: ceil would ask for 56 votes.
    settings.EVALUATION_PASS = "11/20"
    assert rules.votes_needed(present=100) == 55
    assert rules.passes(agree=55, present=100)
    assert not rules.passes(agree=54, present=100)
