"""The demo app is left out of production (its password is published): the production settings,
loaded in a child process as a deployment loads them, have no `demo` app and no load_demo or
demo_accounts command; the local settings of `make run` / `make dev` have both."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

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
    environment = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DATABASE_URL")}
    environment.update(
        DJANGO_SETTINGS_MODULE=settings_module,
        SECRET_KEY="production-probe-key-not-insecure",  # production refuses the default one
        DATABASE_URL=f"sqlite:///{tmp_path / 'probe.sqlite3'}",
        PYTHONPATH=str(ROOT),
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-W", "ignore", "-c", PROBE],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings_have_no_demo_app(tmp_path):
    seen = _probe(tmp_path, "zhicheng.settings.production")
    assert seen == {"installed": False, "commands": []}


def test_local_settings_keep_the_demo_commands(tmp_path):
    seen = _probe(tmp_path, "zhicheng.settings.local")
    assert seen == {"installed": True, "commands": ["demo_accounts", "load_demo"]}
