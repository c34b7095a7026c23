"""The demo app is left out of production (its password is published): the production settings,
loaded in a child process as a deployment loads them, have no `demo` app and no load_demo or
demo_accounts command; the local settings of `make run` / `make dev` have both."""

from __future__ import annotations

from pathlib import Path

from tests.settings_probe import settings_probe

PROBE = """
import json, django
django.setup()
from django.apps import apps
from django.core.management import get_commands
print(json.dumps({
    "installed": apps.is_installed("demo"),
    "commands": sorted(name for name in get_commands() if name in ("load_demo", "demo_accounts")),
}))
"""


def _probe(tmp_path: Path, settings_module: str) -> dict:
    # production refuses the default secret key
    return settings_probe(
        tmp_path, PROBE, settings_module=settings_module, SECRET_KEY="production-probe-key-not-insecure"
    )


def test_production_settings_have_no_demo_app(tmp_path):
    seen = _probe(tmp_path, "zhicheng.settings.production")
    assert seen == {"installed": False, "commands": []}


def test_local_settings_keep_the_demo_commands(tmp_path):
    seen = _probe(tmp_path, "zhicheng.settings.local")
    assert seen == {"installed": True, "commands": ["demo_accounts", "load_demo"]}
