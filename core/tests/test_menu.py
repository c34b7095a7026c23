"""The menu registry (core.menu) on its own, and the error pages in Chinese. What the apps
declare, per role, is checked in tests/test_menu.py."""

import pytest
from django.urls import reverse

from core.menu import Menu, entry


def test_the_registry_puts_entries_of_several_apps_in_the_seed_order():
    registry = Menu()
    # Declared by different apps, in any order: each names its position on the one scale.
    registry.register(entry("附件管理", "attachments:manage", "职称申报", 330, ["applicant"]))
    registry.register(entry("基本信息", "dossier:basic", "基本信息", 100, ["applicant"]))
    registry.register(
        entry("修改密码", "accounts:password_change", "账号", 920, ["applicant", "unit_admin"]),
        entry("单位信息", "units:info", "基本信息", 100, ["unit_admin"]),
    )
    registry.register(entry("职称申报", "applications:cover", "职称申报", 310, ["applicant"]))
    registry.register(entry("基本信息", "dossier:basic", "基本信息", 100, ["applicant"]))  # again: once
    assert [item.label for item in registry.items_for("applicant")] == [
        "基本信息",
        "职称申报",
        "附件管理",
        "修改密码",
    ]
    assert [item.label for item in registry.items_for("unit_admin")] == ["单位信息", "修改密码"]
    assert registry.items_for("support") == []


@pytest.mark.django_db
def test_missing_pages_and_expired_forms_answer_in_chinese(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
    strict = type(client)(enforce_csrf_checks=True)
    response = strict.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()
