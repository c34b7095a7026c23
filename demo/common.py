"""What every part of the demo data set uses: the published password, the refusal, the result a
load collects, the valid codes and ID numbers the data is written with, the accounts made once.

Fixed data, no randomness: the same run gives the same rows. Idempotent: rows are matched by
username, credit code or name, and an existing row is never changed. Never in production."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.utils import timezone
from stdnum.cn import ric, uscc

from accounts.models import User
from core.dates import CALENDAR_TZ
from core.errors import ServiceError

DEMO_PASSWORD = "Demo@2026"  # noqa: S105 - the published password of the demo accounts


class DemoRefused(Exception):
    """load_demo cannot run here (production settings, or the catalogue is not loaded)."""


@dataclass
class DemoResult:
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # could not be made now (a window is closed)


def is_production() -> bool:
    module = getattr(settings, "SETTINGS_MODULE", "") or os.environ.get("DJANGO_SETTINGS_MODULE", "")
    return bool(getattr(settings, "IS_PRODUCTION", False)) or module.endswith(".production")


def credit_code(prefix: str, n: int) -> str:
    """A valid GB 32100 code: 8 digits (authority, type, region) + 9-character body + check."""
    body = f"{prefix}MA6K{n:05d}"
    return body + uscc.calc_check_digit(body)


def id_number(region: str, birth: str, order: int) -> str:
    body = f"{region}{birth}{order:03d}"
    return body + ric.calc_check_digit(body + "0")  # stdnum expects the number with a check slot


def demo_today(now: datetime | None = None) -> date:
    """Today in Beijing time (the calendar of windows and application years)."""
    return (now or timezone.now()).astimezone(CALENDAR_TZ).date()


def get_or_create_user(result: DemoResult, username: str, label: str, **fields) -> User:
    """The account `username`, made with the demo password if it does not exist yet."""
    user = User.objects.filter(username=username).first()
    if user is not None:
        result.existing.append(label)
        return user
    user = User(username=username, **fields)
    user.set_password(DEMO_PASSWORD)
    user.save()
    result.created.append(label)
    return user


def service_error_text(exc: ServiceError) -> str:
    """A service's refusal in one line: its message, then its field messages."""
    details = [message for messages in exc.errors.values() for message in messages if message != exc.detail]
    return exc.detail + ("（" + "；".join(details) + "）" if details else "")
