"""Application.status and Application.current_step are assigned only in applications/machine.py
(the state machine's core; style.md convention 3). This reads the source tree (its syntax, not its
text, so a filter like `.filter(status=...)` is not mistaken for a write) and fails on any other
assignment."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STATE_MODULE = ROOT / "applications" / "machine.py"
GUARDED = {"status", "current_step", "current_step_id"}
WRITE_CALLS = {"update", "create", "get_or_create", "update_or_create", "bulk_create", "bulk_update"}
SKIP_DIRS = {".venv", "node_modules", "migrations", "tests", "bench", "test-artifacts", "__pycache__"}


def _mentions_applications(tree: ast.AST, path: Path) -> bool:
    """Only code that can reach Application is checked (other models have their own `status`)."""
    if path.is_relative_to(ROOT / "applications"):
        return True
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("applications"):
            return True
        if isinstance(node, ast.Import) and any(a.name.startswith("applications") for a in node.names):
            return True
        if isinstance(node, ast.Name) and node.id == "Application":
            return True
    return False


def violations_in(source: str, path: Path = ROOT / "somewhere.py") -> list[str]:
    tree = ast.parse(source)
    if not _mentions_applications(tree, path):
        return []
    found = []
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        for target in targets:
            for sub in ast.walk(target):
                if isinstance(sub, ast.Attribute) and sub.attr in GUARDED:
                    found.append(f"{path}:{node.lineno}: .{sub.attr} = …")
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "setattr" and len(node.args) >= 2:
                arg = node.args[1]
                if isinstance(arg, ast.Constant) and arg.value in GUARDED:
                    found.append(f"{path}:{node.lineno}: setattr(…, {arg.value!r}, …)")
            if name in WRITE_CALLS or name == "Application":
                for keyword in node.keywords:
                    if keyword.arg in GUARDED:
                        found.append(f"{path}:{node.lineno}: {name}({keyword.arg}=…)")
                if name == "bulk_update":
                    for sub in ast.walk(node):
                        if isinstance(sub, ast.Constant) and sub.value in GUARDED:
                            found.append(f"{path}:{node.lineno}: bulk_update(…, [{sub.value!r}])")
    return found


def _source_files():
    for path in ROOT.rglob("*.py"):
        parts = set(path.relative_to(ROOT).parts)
        if parts & SKIP_DIRS or path.name.startswith("test_") or path.name == "conftest.py":
            continue
        if path == STATE_MODULE:
            continue
        yield path


def test_only_the_state_machine_assigns_status_or_current_step():
    found = []
    for path in _source_files():
        found += violations_in(path.read_text(encoding="utf-8"), path)
    assert found == [], (
        "Application.status / current_step 只能在 applications/machine.py 中修改：\n" + "\n".join(found)
    )


def test_the_checker_catches_each_kind_of_write_and_ignores_reads():
    writes = """
from applications.models import Application
def f(app, qs):
    app.status = "approved"
    app.current_step = None
    setattr(app, "status", "x")
    qs.update(status="rejected")
    Application.objects.create(status="approved")
    Application(status="approved")
    Application.objects.bulk_update([app], ["status"])
"""
    assert len(violations_in(writes)) == 7
    reads = """
from applications.models import Application
def f(qs):
    qs.filter(status="draft").exclude(status__in=["x"])
    return Application.objects.get(status="draft", current_step__isnull=True)
"""
    assert violations_in(reads) == []
    unrelated = "def f(row):\n    row.status = 'failed'\n"
    assert violations_in(unrelated) == []
    # the state machine itself does assign them (so the test above is not vacuous)
    assert violations_in(STATE_MODULE.read_text(encoding="utf-8"), STATE_MODULE)
