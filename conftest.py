"""Shared fixtures. Factories live in tests/factories.py."""

import pytest

pytest_plugins = ["tests.browser.fixtures"]


@pytest.fixture(autouse=True)
def _media_and_tasks(settings):
    from django.core.cache import cache

    settings.TASKS_BACKEND = "core.tasks.InlineBackend"
    cache.clear()  # figures kept for a minute (reviews.summary.review_summary) belong to one test
    yield
