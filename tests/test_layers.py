"""The layer order of docs/architecture.md, kept: each app imports only from its own layer or the
layers below (import-linter's layers contract, configured in pyproject.toml), and no module takes
part in an import cycle (a cycle inside one app is refused as much as one between apps). Imports
inside functions count: grimp reads every import statement of a module, wherever it stands."""

from __future__ import annotations

import tomllib
from pathlib import Path

import grimp
from importlinter import cli

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
# Tests and migrations may import anything; these two patterns are the only exceptions allowed.
ALWAYS_IGNORED = {"**.tests.** -> **", "**.migrations.** -> **"}


def _is_code(module: str) -> bool:
    parts = module.split(".")
    return "tests" not in parts and "migrations" not in parts


def import_cycles() -> list[list[str]]:
    """Every set of modules that import each other round in a circle (Tarjan's strongly connected
    components over the direct imports of non-test, non-migration modules)."""
    graph = grimp.build_graph(*CONFIG["root_packages"], include_external_packages=False)
    modules = sorted(m for m in graph.modules if _is_code(m))
    edges = {m: sorted(i for i in graph.find_modules_directly_imported_by(m) if _is_code(i)) for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    for start in modules:
        if start in index:
            continue
        # Iterative Tarjan: (module, position in its edge list).
        work = [(start, 0)]
        while work:
            module, position = work.pop()
            if position == 0:
                index[module] = low[module] = len(index)
                stack.append(module)
                on_stack.add(module)
            targets = edges[module]
            if position < len(targets):
                work.append((module, position + 1))
                target = targets[position]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[module] = min(low[module], index[target])
                continue
            if low[module] == index[module]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == module:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[module])
    return cycles


def test_layers_contract_is_kept(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    exit_code = cli.lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True)
    assert exit_code == 0, capsys.readouterr().out


def test_no_import_cycle():
    assert import_cycles() == []


def test_cycle_finder_sees_a_cycle_and_a_clean_chain(tmp_path, monkeypatch):
    """The check above can fail: two modules that import each other inside functions are a cycle."""
    package = tmp_path / "loopy"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from loopy import b\n")
    (package / "b.py").write_text("def g():\n    from loopy.a import f\n")
    (package / "c.py").write_text("from loopy import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(CONFIG, "root_packages", ["loopy"])
    assert import_cycles() == [["loopy.a", "loopy.b"]]


def test_no_exception_is_listed():
    assert set(CONFIG["contracts"][0].get("ignore_imports", [])) <= ALWAYS_IGNORED
