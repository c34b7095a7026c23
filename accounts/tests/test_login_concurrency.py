"""Rule 21 under a burst: parallel wrong passwords cannot slip past the lock.

Only PostgreSQL proves this (SQLite serialises every writer and ignores select_for_update),
so on SQLite the test is skipped with its reason shown by `pytest -ra`."""

from __future__ import annotations

import pytest

from accounts.models import LoginAttempt, LoginResult, User
from accounts.services import auth_login
from core import rulebook
from core.errors import AccountLocked, AuthenticationFailed
from tests import factories
from tests.concurrency import postgres_only, run_in_threads

from .helpers import WRONG_PASSWORD

THREADS = 12


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_parallel_wrong_passwords_lock_after_exactly_the_allowed_number():
    limit = rulebook.login_max_failed_attempts()
    user = factories.make_applicant()

    def attempt() -> str:
        try:
            auth_login(identifier=user.username, password=WRONG_PASSWORD, ip="198.51.100.7", channel="api")
        except AccountLocked:
            return "locked"
        except AuthenticationFailed:
            return "wrong"
        return "success"

    outcomes = run_in_threads(attempt, threads=THREADS)

    assert len(outcomes) == THREADS, outcomes
    assert outcomes.count("wrong") == limit, outcomes
    assert outcomes.count("locked") == THREADS - limit, outcomes
    user.refresh_from_db()
    assert user.is_locked
    # the counter stops at the attempt that locked: limit + 1 wrong passwords in a row
    assert user.failed_login_count == limit + 1
    results = list(LoginAttempt.objects.filter(user=user).values_list("result", flat=True))
    assert len(results) == THREADS
    assert results.count(LoginResult.WRONG_PASSWORD) == limit
    assert results.count(LoginResult.LOCKED_NOW) == 1
    assert results.count(LoginResult.LOCKED) == THREADS - limit - 1
    assert User.objects.filter(pk=user.pk, locked_at__isnull=False).count() == 1
