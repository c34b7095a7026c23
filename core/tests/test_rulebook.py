"""The evaluation's numbers (rules 27–30) are settings with the regulation's defaults."""

from fractions import Fraction

import pytest

from core import rulebook


def test_defaults_are_the_regulations():
    assert rulebook.pool_minimum("senior", "series") == 25
    assert rulebook.pool_minimum("senior", "specialty") == 11
    assert rulebook.group_min_experts() == 3
    assert rulebook.quorum_share() == Fraction(2, 3)
    assert rulebook.pass_share() == Fraction(2, 3)
    # Rules 33 and 35 reuse the publicity and integrity numbers of rules 1 and 3.
    assert rulebook.PUBLICITY_MIN_WORKDAYS == 5
    assert rulebook.INTEGRITY_RECORD_YEARS == 3


def test_settings_override_them(settings):
    settings.EVALUATION_POOL_MIN_JUNIOR_SERIES = 9
    settings.EVALUATION_QUORUM = "3/4"
    settings.EVALUATION_PASS = Fraction(1, 2)
    assert rulebook.pool_minimum("junior", "series") == 9
    assert rulebook.quorum_share() == Fraction(3, 4)
    assert rulebook.pass_share() == Fraction(1, 2)


def test_a_missing_setting_falls_back_to_the_default(settings):
    del settings.EVALUATION_QUORUM
    del settings.EVALUATION_POOL_MIN_SENIOR_SPECIALTY
    assert rulebook.quorum_share() == Fraction(2, 3)
    assert rulebook.pool_minimum("senior", "specialty") == 11


@pytest.mark.parametrize("value", ["0", "0/3", "5/4", "-2/3"])
def test_a_share_must_lie_between_zero_and_one(settings, value):
    settings.EVALUATION_PASS = value
    with pytest.raises(ValueError):
        rulebook.pass_share()
