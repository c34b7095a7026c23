"""Rule 21 under a burst: parallel wrong passwords cannot slip past the lock.

Only PostgreSQL proves this (SQLite serialises every writer and ignores select_for_update),
so on SQLite the test is skipped with its reason shown by `pytest -ra`."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from accounts.models import LoginAttempt, LoginResult, User
from accounts.services import auth_login
from core.errors import AccountLocked, AuthenticationFailed
from tests import factories
from zhicheng import rules

from .helpers import WRONG_PASSWORD

THREADS = 12


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason=(
        "并发锁定只能在 PostgreSQL 上验证（SQLite 不支持 select_for_update）："
        "请用 DATABASE_URL=postgres://… 运行"
    ),
)
@pytest.mark.django_db(transaction=True)
def test_parallel_wrong_passwords_lock_after_exactly_the_allowed_number():
    limit = rules.login_max_failed_attempts()
    user = factories.make_applicant()
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt() -> None:
        try:
            barrier.wait(timeout=10)
            try:
                auth_login(
                    identifier=user.username, password=WRONG_PASSWORD, ip="198.51.100.7", channel="api"
                )
                outcome = "success"
            except AccountLocked:
                outcome = "locked"
            except AuthenticationFailed:
                outcome = "wrong"
            except Exception as exc:  # any other failure is a finding
                outcome = f"error: {exc!r}"
            with lock:
                outcomes.append(outcome)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

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
