"""Shared fixtures. Factories live in tests/factories.py."""

import pytest

pytest_plugins = ["tests.browser.fixtures"]


@pytest.fixture(autouse=True)
def _media_and_tasks(settings):
    from django.core.cache import cache

    settings.TASKS_BACKEND = "core.tasks.InlineBackend"
    cache.clear()  # figures kept for a minute (reviews.summary.review_summary) belong to one test
    yield


@pytest.fixture
def small_pools(settings):
    """Tests of rounds, draws and meetings, not of rule 27: a pool of a few experts may draw (the
    pool size rule has its own tests in evaluation/tests/test_pool_services.py and test_rules.py)."""
    for tier in ("SENIOR", "INTERMEDIATE", "JUNIOR"):
        for formation in ("SERIES", "SPECIALTY"):
            setattr(settings, f"EVALUATION_POOL_MIN_{tier}_{formation}", 1)
