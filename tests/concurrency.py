"""Real concurrency for tests: N threads start the same action at one barrier, each on its own
database connection. Only PostgreSQL proves anything (SQLite serialises writers and ignores
select_for_update), so such tests carry `postgres_only`."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason=(
        "并发只能在 PostgreSQL 上验证（SQLite 不支持 select_for_update）：请用 DATABASE_URL=postgres://… 运行"
    ),
)


def run_in_threads(action: Callable[[], str], *, threads: int) -> list[str]:
    """Run `action` in `threads` threads released together; collect what each returned (an outcome
    label). An unexpected exception is collected as "error: …", which a test then reports."""
    barrier = threading.Barrier(threads)
    outcomes: list[str] = []
    lock = threading.Lock()

    def worker() -> None:
        try:
            barrier.wait(timeout=10)
            try:
                outcome = action()
            except Exception as exc:  # any failure the action did not expect is a finding
                outcome = f"error: {exc!r}"
            with lock:
                outcomes.append(outcome)
        finally:
            connections.close_all()

    started = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join(timeout=60)
    return outcomes
