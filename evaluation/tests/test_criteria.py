"""evaluation/data/criteria.yaml is valid: every set non-empty, keys unique, weights positive and
summing to 100, maxima positive; and the checker catches each mistake."""

from __future__ import annotations

import yaml

from evaluation.criteria import DATA, criteria_for, problems


def test_the_file_is_valid():
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    assert problems(data) == []
    assert sum(c.weight for c in criteria_for(None)) == 100


def test_the_checker_finds_mistakes():
    good = {"key": "a", "label": "甲", "weight": 60, "max": 100}
    assert problems({"default": [good, {**good, "key": "b", "weight": 40}]}) == []
    assert "keys" in problems({"default": [good, {**good, "weight": 40}]})[0]
    assert "sum to 90" in problems({"default": [good, {**good, "key": "b", "weight": 30}]})[0]
    assert (
        "positive" in problems({"default": [{**good, "weight": 0}, {**good, "key": "b", "weight": 100}]})[0]
    )
    assert "no criteria" in problems({"default": []})[0]
    assert "series 会计" in problems({"default": [{**good, "weight": 100}], "series": {"会计": []}})[0]
