"""The task interface for long work (PDF batches, exports, notifications).

`enqueue("module.function", **kwargs)` runs the function inline by default (after the current
transaction commits, so a rolled-back change sends nothing). A deployment with a queue sets
TASKS_BACKEND to a class with the same `enqueue` method."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class InlineBackend:
    def enqueue(self, func_path: str, kwargs: dict[str, Any]) -> None:
        func = import_string(func_path)
        func(**kwargs)


class RedisQueueBackend:
    """Pushes jobs to a Redis list; `manage.py run_tasks` pops and runs them."""

    key = "zhicheng:tasks"

    def __init__(self) -> None:
        import redis

        self.client = redis.Redis.from_url(settings.REDIS_URL)

    def enqueue(self, func_path: str, kwargs: dict[str, Any]) -> None:
        import json

        self.client.rpush(self.key, json.dumps({"func": func_path, "kwargs": kwargs}))


def get_backend() -> Any:
    return import_string(settings.TASKS_BACKEND)()


def enqueue(func_path: str, **kwargs: Any) -> None:
    """Queue `func_path(**kwargs)` to run once the current transaction has committed."""
    transaction.on_commit(lambda: get_backend().enqueue(func_path, kwargs))


def run_one(payload: dict[str, Any]) -> None:
    func = import_string(payload["func"])
    try:
        func(**payload["kwargs"])
    except Exception:
        logger.exception("任务执行失败：%s", payload["func"])
