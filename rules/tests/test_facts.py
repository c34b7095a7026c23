"""Rule 13 (question 13), question 10, rule 12 (question 12), and rule 11 through dossier.rules."""

from __future__ import annotations

from datetime import date

import pytest

from core.errors import ServiceError
from rules.facts import (
    POSTDOC_ACHIEVEMENT_PROBLEM,
    POSTDOC_STAYS_PROBLEM,
    mismatch_made_good,
    postdoc_senior_direct,
    service_start_for_level,
    work_counts_for_service,
)


@pytest.mark.parametrize(
    ("funded", "led", "stays", "ok", "problems"),
    [
        pytest.param(True, False, True, True, [], id="funded-stays"),
        pytest.param(False, True, True, True, [], id="led-project-stays"),
        pytest.param(True, True, True, True, [], id="both-stays"),
        pytest.param(True, True, False, False, [POSTDOC_STAYS_PROBLEM], id="leaves"),
        pytest.param(False, False, True, False, [POSTDOC_ACHIEVEMENT_PROBLEM], id="neither"),
        pytest.param(
            False, False, False, False, [POSTDOC_ACHIEVEMENT_PROBLEM, POSTDOC_STAYS_PROBLEM], id="nothing"
        ),
    ],
)
def test_postdoc_senior_direct(funded, led, stays, ok, problems):
    assert postdoc_senior_direct(funded=funded, led_provincial_project=led, stays=stays) == (ok, problems)


CHANGED = date(2020, 3, 1)
APPOINTED = date(2022, 7, 1)


@pytest.mark.parametrize(
    ("level", "appointed_on", "start"),
    [
        pytest.param("junior", APPOINTED, CHANGED, id="员级-from-post-change"),
        pytest.param("assistant", APPOINTED, CHANGED, id="助理级-from-post-change"),
        pytest.param("assistant", None, CHANGED, id="助理级-no-appointment-needed"),
        pytest.param("intermediate", APPOINTED, APPOINTED, id="中级-from-appointment"),
        pytest.param("senior_associate", APPOINTED, APPOINTED, id="副高级-from-appointment"),
        pytest.param("senior_full", APPOINTED, APPOINTED, id="正高级-from-appointment"),
        pytest.param("intermediate", None, None, id="中级-appointment-missing"),
    ],
)
def test_service_start_for_level(level, appointed_on, start):
    assert service_start_for_level(level=level, post_changed_on=CHANGED, appointed_on=appointed_on) == start


def test_service_start_unknown_level():
    with pytest.raises(ServiceError) as caught:
        service_start_for_level(level="", post_changed_on=CHANGED, appointed_on=None)
    assert caught.value.errors == {"level": ["职称层级只能是正高级、副高级、中级、助理级或员级。"]}


@pytest.mark.parametrize(
    ("kwargs", "made_good"),
    [
        pytest.param({}, False, id="nothing"),
        pytest.param({"training_months": 5}, False, id="training-5-months"),
        pytest.param({"training_months": 6}, True, id="training-half-year"),
        pytest.param({"course_certificates": 2}, False, id="2-certificates"),
        pytest.param({"course_certificates": 3}, True, id="3-certificates"),
        pytest.param({"study_years": 0.9}, False, id="study-under-a-year"),
        pytest.param({"study_years": 1}, True, id="study-a-year"),
        pytest.param({"city_training": True}, True, id="city-training"),
        pytest.param(
            {"training_months": 5, "course_certificates": 2, "study_years": 0.5}, False, id="all-short"
        ),
    ],
)
def test_mismatch_made_good(kwargs, made_good):
    assert mismatch_made_good(**kwargs) is made_good


@pytest.mark.parametrize(
    ("data", "counts"),
    [
        pytest.param({"professional": True}, True, id="professional-post"),
        pytest.param({"professional": False}, False, id="administrative-post"),
        pytest.param({"professional": True, "seconded": True}, False, id="seconded-without-own-duties"),
        pytest.param(
            {"professional": True, "seconded": True, "seconded_own_duties": True},
            True,
            id="seconded-kept-duties",
        ),
    ],
)
def test_rule_11_comes_from_the_dossier(data, counts):
    assert work_counts_for_service(data) is counts
