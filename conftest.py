"""Shared fixtures. Factories live in tests/factories.py."""

import pytest

pytest_plugins = ["tests.browser.fixtures"]


@pytest.fixture(autouse=True)
def _media_and_tasks(settings):
    settings.TASKS_BACKEND = "core.tasks.InlineBackend"
    yield
