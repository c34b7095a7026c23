"""Run a few lines of Python under a settings module in a child process, as a deployment or
`manage.py runserver` loads it (settings are read once per process), and read back the JSON the
program prints last."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def settings_probe(tmp_path: Path, program: str, *, settings_module: str, **env: str) -> dict:
    environment = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DATABASE_URL")}
    environment.update(
        DJANGO_SETTINGS_MODULE=settings_module,
        DATABASE_URL=f"sqlite:///{tmp_path / 'probe.sqlite3'}",
        PYTHONPATH=str(ROOT),
        **env,
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-W", "ignore", "-c", program],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])
