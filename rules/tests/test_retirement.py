"""Rule 9: statutory retirement age under the 2025 gradual reform, at every boundary."""

from __future__ import annotations

from datetime import date

import pytest

from core.errors import ServiceError
from rules.retirement import Retirement, statutory_retirement


def age(birth: str, sex: str, original: int) -> tuple[int, int, str, str]:
    r = statutory_retirement(birth_date=date.fromisoformat(birth), sex=sex, original_age=original)
    return r.years, r.months, r.label, f"{r.reached_month:%Y-%m-%d}"


@pytest.mark.parametrize(
    ("birth", "expected"),
    [
        # Before the reform: 60.
        ("1964-12-31", (60, 0, "60岁", "2024-12-01")),
        # First group, January–April 1965: 60 years 1 month, retiring 2025-02 .. 2025-05.
        ("1965-01-01", (60, 1, "60岁1个月", "2025-02-01")),
        ("1965-04-30", (60, 1, "60岁1个月", "2025-05-01")),
        # Second group, May–August 1965: 60 years 2 months.
        ("1965-05-01", (60, 2, "60岁2个月", "2025-07-01")),
        ("1965-08-15", (60, 2, "60岁2个月", "2025-10-01")),
        ("1965-09-01", (60, 3, "60岁3个月", "2025-12-01")),
        # A middle group: 1970-01..04 is group 16 → 61 years 4 months.
        ("1970-01-10", (61, 4, "61岁4个月", "2031-05-01")),
        # Last step below the cap: 1976-05..08 → 62 years 11 months.
        ("1976-05-01", (62, 11, "62岁11个月", "2039-04-01")),
        ("1976-08-31", (62, 11, "62岁11个月", "2039-07-01")),
        # The cap: born September 1976 or later → 63.
        ("1976-09-01", (63, 0, "63岁", "2039-09-01")),
        ("1976-12-31", (63, 0, "63岁", "2039-12-01")),
        ("1990-06-15", (63, 0, "63岁", "2053-06-01")),
    ],
)
def test_men_60_to_63(birth, expected):
    assert age(birth, "male", 60) == expected


@pytest.mark.parametrize(
    ("birth", "expected"),
    [
        ("1969-12-31", (55, 0, "55岁", "2024-12-01")),
        ("1970-01-01", (55, 1, "55岁1个月", "2025-02-01")),
        ("1970-04-30", (55, 1, "55岁1个月", "2025-05-01")),
        ("1970-05-01", (55, 2, "55岁2个月", "2025-07-01")),
        ("1981-08-31", (57, 11, "57岁11个月", "2039-07-01")),
        ("1981-09-01", (58, 0, "58岁", "2039-09-01")),
        ("1985-02-01", (58, 0, "58岁", "2043-02-01")),
    ],
)
def test_women_55_to_58(birth, expected):
    assert age(birth, "female", 55) == expected


@pytest.mark.parametrize(
    ("birth", "expected"),
    [
        ("1974-12-31", (50, 0, "50岁", "2024-12-01")),
        # Every 2 months of birth: 1975-01..02 → 50 years 1 month, 1975-03..04 → 2 months.
        ("1975-01-01", (50, 1, "50岁1个月", "2025-02-01")),
        ("1975-02-28", (50, 1, "50岁1个月", "2025-03-01")),
        ("1975-03-01", (50, 2, "50岁2个月", "2025-05-01")),
        ("1980-01-01", (52, 7, "52岁7个月", "2032-08-01")),
        # Last step below the cap: 1984-09..10 → 54 years 11 months; November 1984 or later → 55.
        ("1984-10-31", (54, 11, "54岁11个月", "2039-09-01")),
        ("1984-11-01", (55, 0, "55岁", "2039-11-01")),
        ("1995-07-07", (55, 0, "55岁", "2050-07-01")),
    ],
)
def test_women_50_to_55(birth, expected):
    assert age(birth, "female", 50) == expected


def test_result_is_a_frozen_dataclass():
    r = statutory_retirement(birth_date=date(1976, 9, 1), sex="male", original_age=60)
    assert isinstance(r, Retirement) and r.total_months == 63 * 12
    with pytest.raises(AttributeError):
        r.years = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("kwargs", "errors"),
    [
        ({"sex": "male", "original_age": 55}, {"original_age": ["男职工的原法定退休年龄为 60 周岁。"]}),
        (
            {"sex": "female", "original_age": 60},
            {"original_age": ["女职工的原法定退休年龄为 55 周岁（女干部）或 50 周岁（女职工）。"]},
        ),
        ({"sex": "other", "original_age": 60}, {"sex": ["性别只能是男（male）或女（female）。"]}),
        ({"sex": "", "original_age": 60}, {"sex": ["请选择性别。"]}),
        ({"sex": "male", "original_age": 65}, {"original_age": ["原法定退休年龄只能是 60、55 或 50 周岁。"]}),
        (
            {"sex": "male", "original_age": None},
            {"original_age": ["请选择原法定退休年龄（60、55 或 50 周岁）。"]},
        ),
    ],
)
def test_invalid_combinations(kwargs, errors):
    with pytest.raises(ServiceError) as exc:
        statutory_retirement(birth_date=date(1970, 1, 1), **kwargs)
    assert exc.value.detail == "无法计算法定退休年龄，请按提示修改。"
    assert exc.value.errors == errors


def test_all_errors_at_once():
    with pytest.raises(ServiceError) as exc:
        statutory_retirement(birth_date=None, sex="", original_age="x")  # type: ignore[arg-type]
    assert set(exc.value.errors) == {"birth_date", "sex", "original_age"}
