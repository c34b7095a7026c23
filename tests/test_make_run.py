"""`make run` serves the demo as people see it (issue 11 item 7): DEBUG off, the Chinese error pages,
static files through WhiteNoise without collectstatic; `make dev` keeps DEBUG; PORT= chooses the port.
The local settings are loaded in a child process, as `manage.py runserver` loads them."""

from __future__ import annotations

import re
from pathlib import Path

from tests.settings_probe import settings_probe

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
client = Client(raise_request_exception=False)
missing = client.get("/reviews/no-such-page/")
css = client.get("/static/css/site.css")
print(json.dumps({
    "debug": settings.DEBUG,
    "missing_status": missing.status_code,
    "missing_chinese": "页面不存在" in missing.content.decode(),
    "missing_lists_urls": "URLconf" in missing.content.decode(),
    "css_status": css.status_code,
}))
"""


def _probe(tmp_path: Path, **env: str) -> dict:
    return settings_probe(tmp_path, PROBE, settings_module="zhicheng.settings.local", **env)


def test_make_run_settings_hide_debug_pages_and_serve_static(tmp_path):
    seen = _probe(tmp_path)
    assert seen["debug"] is False
    assert seen["missing_status"] == 404
    assert seen["missing_chinese"] and not seen["missing_lists_urls"]
    assert seen["css_status"] == 200  # WhiteNoise, straight from core/static


def test_make_dev_keeps_debug(tmp_path):
    assert _probe(tmp_path, DEBUG="1")["debug"] is True


def _recipe(target: str) -> str:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(rf"^{target}:[^\n]*\n((?:\t[^\n]*\n)+)", makefile, re.MULTILINE)
    assert match, f"Makefile has no {target} target"
    return match.group(1)


def test_makefile_run_is_not_debug_and_takes_a_port():
    run = _recipe("run")
    assert "DEBUG=0" in run and "$(PORT)" in run
    assert "DEBUG=1" in _recipe("dev")
    assert re.search(r"^PORT \?= 8000$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
