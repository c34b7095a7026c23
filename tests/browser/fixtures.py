"""Browser fixtures (a pytest plugin loaded by the root conftest.py): Playwright for Python driving
Debian's Chromium, no browser download. Skipped, with the reason printed by `pytest -ra`, when
Chromium or Playwright is missing."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _skip_reason() -> str | None:
    if not os.path.exists(CHROMIUM):
        return "未安装 Chromium（apt-get install chromium），跳过浏览器测试"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "未安装 playwright（pip install playwright），跳过浏览器测试"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


@pytest.fixture
def new_page(browser, live_server):
    """`new_page(viewport=PHONE, javascript=False)`: a page in a fresh context (its own cookies)."""
    contexts = []

    def make(*, viewport: dict = DESKTOP, javascript: bool = True):
        context = browser.new_context(
            base_url=live_server.url, locale="zh-CN", viewport=viewport, java_script_enabled=javascript
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot_dir():
    """Screenshots of the pages the browser tests pass through, for people to look at."""
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture
def signed_in_page(new_page, live_server):
    """`signed_in_page(user)`: a fresh page already signed in as `user` (its session cookie set
    directly, the login form has tests of its own)."""
    from django.conf import settings as django_settings
    from django.test import Client

    def make(user, **options):
        client = Client()
        client.force_login(user)
        page = new_page(**options)
        cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies(
            [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
        )
        return page

    return make
