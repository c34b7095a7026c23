"""The numbers the seed gives, in one place, each with its rule number from domain.md.

Settings that a deployer may tune (for example the rule 21 failure limit) are read from
django.conf.settings here, so code asks this module and never hard-codes a number."""

from fractions import Fraction

from django.conf import settings


def login_max_failed_attempts() -> int:
    """Rule 21: more than this many consecutive wrong passwords lock the account (default 3)."""
    return settings.LOGIN_MAX_FAILED_ATTEMPTS


# Rules 27–30: the committee's evaluation (人社部令第40号《职称评审管理暂行规定》). Each number is a
# setting (zhicheng/settings/base.py, README's table); evaluation.rules does the arithmetic.
_POOL_MINIMUM_SETTINGS = {
    ("senior", "series"): "EVALUATION_POOL_MIN_SENIOR_SERIES",
    ("senior", "specialty"): "EVALUATION_POOL_MIN_SENIOR_SPECIALTY",
    ("intermediate", "series"): "EVALUATION_POOL_MIN_INTERMEDIATE_SERIES",
    ("intermediate", "specialty"): "EVALUATION_POOL_MIN_INTERMEDIATE_SPECIALTY",
    ("junior", "series"): "EVALUATION_POOL_MIN_JUNIOR_SERIES",
    ("junior", "specialty"): "EVALUATION_POOL_MIN_JUNIOR_SPECIALTY",
}
# The regulation's own numbers, used when a setting is absent: a senior committee formed by series
# at least 25 experts, by specialty at least 11. Intermediate and junior are local (see settings).
POOL_MINIMUM_DEFAULTS = {
    ("senior", "series"): 25,
    ("senior", "specialty"): 11,
    ("intermediate", "series"): 15,
    ("intermediate", "specialty"): 7,
    ("junior", "series"): 7,
    ("junior", "specialty"): 7,
}
GROUP_MIN_EXPERTS = 3
QUORUM = Fraction(2, 3)
PASS_SHARE = Fraction(2, 3)


def pool_minimum(tier: str, formation: str) -> int:
    """Rule 27: the smallest pool of a committee of `tier` (senior / intermediate / junior) formed by
    `formation` (series / specialty). KeyError for an unknown pair: a caller's mistake."""
    name = _POOL_MINIMUM_SETTINGS[(tier, formation)]
    return int(getattr(settings, name, POOL_MINIMUM_DEFAULTS[(tier, formation)]))


def group_min_experts() -> int:
    """Rule 28: each 评议组 has at least this many experts (default 3)."""
    return int(getattr(settings, "EVALUATION_GROUP_MIN_EXPERTS", GROUP_MIN_EXPERTS))


def _share(value: object, default: Fraction) -> Fraction:
    share = default if value in (None, "") else Fraction(str(value))
    if not 0 < share <= 1:
        raise ValueError(f"a share must lie in (0, 1], got {value!r}")
    return share


def quorum_share() -> Fraction:
    """Rule 29: the experts present are at least this share of the members drawn (default 2/3)."""
    return _share(getattr(settings, "EVALUATION_QUORUM", None), QUORUM)


def pass_share() -> Fraction:
    """Rule 30: an application passes with 同意 votes of at least this share of the experts present
    (default 2/3)."""
    return _share(getattr(settings, "EVALUATION_PASS", None), PASS_SHARE)


# Rule 20: returns and resets together, per person per year.
RETURNS_AND_RESETS_PER_YEAR = 4
# Rules 2 and 3 (and 33: the evaluation's result notice): every publicity lasts at least this many
# working days.
PUBLICITY_MIN_WORKDAYS = 5
# Rule 7: a provincial committee's window opens this many working days before collection.
PROVINCIAL_WINDOW_WORKDAYS = 7
# Rule 1 (and 35: a title obtained by fraud is revoked and recorded): an integrity record is kept
# this many years.
INTEGRITY_RECORD_YEARS = 3

# SMS verification codes (rules 22 and 26 rely on them): lifetime, resend interval, tries, daily cap.
SMS_CODE_TTL_MINUTES = 10
SMS_CODE_RESEND_SECONDS = 60
SMS_CODE_MAX_TRIES = 5
SMS_CODES_PER_PHONE_PER_DAY = 10

# Password policy (issue 2): at least 8 characters, at least 3 of the 4 character classes.
PASSWORD_MIN_LENGTH = 8
PASSWORD_MIN_CLASSES = 3

# Rule 9: statutory retirement age under the 2025 gradual reform (全国人大常委会关于实施渐进式延迟
# 法定退休年龄的决定, in force 2025-01-01). Keyed by (sex, original age): the first birth month the
# reform reaches, how many months of birth add one month to the age, and the most months it adds.
# Born before the first month: the original age. From it: one month more for each started group of
# `birth_months_per_step` birth months (the first group: +1 month), up to `max_delay_months`.
RETIREMENT_REFORM: dict[tuple[str, int], dict[str, int]] = {
    # Men 60 → 63: born 1965-01..04 retire at 60 years 1 month; born 1976-09 or later at 63.
    ("male", 60): {"first_year": 1965, "first_month": 1, "birth_months_per_step": 4, "max_delay_months": 36},
    # Women (cadres) 55 → 58: born 1970-01..04 at 55 years 1 month; born 1981-09 or later at 58.
    ("female", 55): {
        "first_year": 1970,
        "first_month": 1,
        "birth_months_per_step": 4,
        "max_delay_months": 36,
    },
    # Women (workers) 50 → 55: born 1975-01..02 at 50 years 1 month; born 1984-11 or later at 55.
    ("female", 50): {
        "first_year": 1975,
        "first_month": 1,
        "birth_months_per_step": 2,
        "max_delay_months": 60,
    },
}

# Rule 14 (seed question 18 (2)): 中专 / 大专 (or 技工院校 中级工班 / 高级工班) after a 1-year
# internship → 员级; 本科 / 学士 (or 预备技师班) → 员级 at hiring and 助理级 after 1 year. The
# internship counts from the date on the hiring record (question 18 (3)).
RECOGNITION_INTERNSHIP_MONTHS = 12
# Rule 15 (seed question 19): from 2022 graduate recognition is accepted in January, April, July and
# October (2021: June and October). A deployer may override it with settings.RECOGNITION_MONTHS.
RECOGNITION_WINDOW_MONTHS = (1, 4, 7, 10)


def recognition_months() -> tuple[int, ...]:
    """Rule 15: the months graduate recognition is accepted, settings.RECOGNITION_MONTHS when set."""
    return tuple(getattr(settings, "RECOGNITION_MONTHS", RECOGNITION_WINDOW_MONTHS))


# Rule 16 (seed question 21): years of technical work after the skill grade before the matching
# level may be applied for, and how many recent annual assessments must all be passed (近3年).
SKILLED_YEARS = {"advanced_worker": 2, "technician": 3, "senior_technician": 4}
SKILLED_ASSESSMENT_YEARS = 3
# Rules 17 and 18 (seed questions 16 and 17): at least half a year's trial (半年以上试用).
TRIAL_MONTHS = 6
# Rule 12 (seed question 12): a major mismatch counts as made good by specialty training of half a
# year or more in total, 3 or more course certificates, 1 year or more of study, or city training.
MISMATCH_TRAINING_MONTHS = 6
MISMATCH_COURSE_CERTIFICATES = 3
MISMATCH_STUDY_YEARS = 1
