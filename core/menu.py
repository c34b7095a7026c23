"""The left menu of the signed-in pages, per role, in the seed's order (part 五), as a registry.

Core knows no app: each app declares its own entries in its `menu.py` (`menu.register(...)`),
which CoreConfig.ready() imports with `autodiscover_modules("menu")`. An entry says who sees it
(role values as strings), where it stands (`position`: the seed's order across all apps, one scale
for every role; see the bands below) and, optionally, how to count its badge (messaging's unread
count). Consecutive entries of one `group` make one heading. Each entry names a URL that must exist
(a test reverses every one).

Positions, by the seed's part 五 (applicants: 基本信息, the 13 申报信息 sections, 职称申报,
申报记录, 附件管理; units: 单位信息, 专业技术人员管理, 申报审核):
  100 基本信息 / 单位信息 · 200 申报信息 · 300 职称申报 · 400 专业技术人员管理 ·
  500 审核 / 申报审核 · 600 单位管理, 评委会 · 700 技术支持 · 900 账号."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    group: str
    position: int
    roles: frozenset[str]
    args: tuple = ()
    badge: Callable[..., int] | None = None  # badge(user) -> a number shown next to the label (0: none)
    # visible(user) -> bool: the entry shows only when true (None: always, for the roles above);
    # e.g. the applicant's 评审结果 once they have a result.
    visible: Callable[..., bool] | None = None


def entry(
    label: str,
    url_name: str,
    group: str,
    position: int,
    roles: Iterable[str],
    *,
    args: tuple = (),
    badge: Callable[..., int] | None = None,
    visible: Callable[..., bool] | None = None,
) -> MenuItem:
    """A menu entry; `roles` are role values (strings); `visible(user)` narrows it further."""
    return MenuItem(
        label, url_name, group, position, frozenset(str(role) for role in roles), tuple(args), badge, visible
    )


class Menu:
    """The registry of menu entries the apps declare."""

    def __init__(self) -> None:
        self._items: list[MenuItem] = []

    def register(self, *items: MenuItem) -> None:
        """Add entries; one registered again is ignored (a module imported twice adds nothing)."""
        for item in items:
            if item not in self._items:
                self._items.append(item)

    def items_for(self, role: str) -> list[MenuItem]:
        """The role's entries in the seed's order (by position; equal positions keep their order)."""
        return sorted((item for item in self._items if role in item.roles), key=lambda item: item.position)

    def roles(self) -> set[str]:
        """Every role that sees at least one entry."""
        return {role for item in self._items for role in item.roles}


menu = Menu()


def menu_for(user, current_path: str) -> list[dict]:
    """Groups of links for the user's role, the current one marked, each with its badge count."""
    groups: list[dict] = []
    for item in menu.items_for(getattr(user, "role", "")):
        if item.visible is not None and not item.visible(user):
            continue
        url = reverse(item.url_name, args=item.args)
        if not groups or groups[-1]["title"] != item.group:
            groups.append({"title": item.group, "items": []})
        badge = item.badge(user) if item.badge else 0
        groups[-1]["items"].append(
            {"label": item.label, "url": url, "active": current_path == url, "badge": badge}
        )
    return groups
