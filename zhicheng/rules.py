"""The numbers the seed gives, in one place, each with its rule number from domain.md.

Settings that a deployer may tune (for example the rule 21 failure limit) are read from
django.conf.settings here, so code asks this module and never hard-codes a number."""

from django.conf import settings


def login_max_failed_attempts() -> int:
    """Rule 21: more than this many consecutive wrong passwords lock the account (default 3)."""
    return settings.LOGIN_MAX_FAILED_ATTEMPTS


# Rule 20: returns and resets together, per person per year.
RETURNS_AND_RESETS_PER_YEAR = 4
# Rules 2 and 3: every publicity lasts at least this many working days.
PUBLICITY_MIN_WORKDAYS = 5
# Rule 7: a provincial committee's window opens this many working days before collection.
PROVINCIAL_WINDOW_WORKDAYS = 7
# Rule 1: an integrity record is kept this many years.
INTEGRITY_RECORD_YEARS = 3

# SMS verification codes (rules 22 and 26 rely on them): lifetime, resend interval, tries, daily cap.
SMS_CODE_TTL_MINUTES = 10
SMS_CODE_RESEND_SECONDS = 60
SMS_CODE_MAX_TRIES = 5
SMS_CODES_PER_PHONE_PER_DAY = 10

# Password policy (issue 2): at least 8 characters, at least 3 of the 4 character classes.
PASSWORD_MIN_LENGTH = 8
PASSWORD_MIN_CLASSES = 3
