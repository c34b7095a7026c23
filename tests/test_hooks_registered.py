"""Every hook a lower app declares is answered once the project has started: a hook left empty
would fall back to its default silently (a dossier under review editable again, a guard of 通过
gone), so an AppConfig.ready() that stops registering must fail here."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from core.hooks import Hook


def _declared_hooks() -> list[tuple[str, Hook]]:
    found = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.hooks")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.hooks":
                raise
            continue
        found += [
            (f"{config.name}.hooks.{name}", value)
            for name, value in vars(module).items()
            if isinstance(value, Hook)
        ]
    return found


def test_the_project_declares_hooks():
    names = {name for name, _ in _declared_hooks()}
    assert {
        "dossier.hooks.dossier_frozen",
        "attachments.hooks.reviewer_may_view",
        "applications.hooks.pass_hold",
    } <= names


@pytest.mark.parametrize(
    "name, hook", _declared_hooks(), ids=lambda value: value if isinstance(value, str) else ""
)
def test_every_declared_hook_is_registered(name, hook):
    assert len(hook) >= 1, f"{name}: no app registers an answer"
