"""The generic part of the loader: compare the wanted rows of a table with the database, report
every difference, and apply them.

Matching. Each table says how a row is identified (`identity`) and, optionally, by what it is
recognised first (`alt_identity`). Committees, organisations and series are recognised by name
first, then by their ref / number: a committee that moved down the list after an insertion keeps
its row (and everything pointing to it) and only its ref changes; a committee renamed in place
keeps its row too. A row may also name what it was called before (`former`: an organisation's
other spellings): an existing row under such a name is the same row, renamed. Child rows are
identified through the row their parent was matched to, so a renumbered series keeps its tracks
and titles.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError

REMOVE_DELETE = "delete"
REMOVE_DEACTIVATE = "deactivate"


@dataclass
class Row:
    """A wanted row. `key` is what the data calls it (children point to it); `parents` names the
    foreign keys as (table name, the parent's key)."""

    key: Hashable
    label: str
    values: dict[str, Any]
    parents: dict[str, tuple[str, Hashable]] = field(default_factory=dict)


@dataclass
class Existing:
    """A row in the database, with its values and the primary keys of its parents."""

    obj: models.Model
    label: str
    values: dict[str, Any]
    parents: dict[str, int | None] = field(default_factory=dict)


Identity = Callable[[dict[str, Any], dict[str, int | None]], Hashable]


@dataclass
class Table:
    name: str
    model: type[models.Model]
    rows: list[Row]
    load: Callable[[Matches], list[Existing]]  # the database rows the data governs
    identity: Identity
    alt_identity: Identity | None = None
    missing: str = REMOVE_DELETE
    unique_fields: tuple[str, ...] = ()  # changed in two steps so that swapped values never collide
    # The alt identities the row had under its former names (tried after alt_identity and identity).
    former: Callable[[dict[str, Any]], list[Hashable]] | None = None

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name)

    def field_label(self, name: str) -> str:
        return str(self.model._meta.get_field(name).verbose_name)


@dataclass
class Matches:
    """For every table: data key → primary key of the matched (or created) row, and labels."""

    pks: dict[str, dict[Hashable, int | None]] = field(default_factory=dict)
    labels: dict[str, dict[int, str]] = field(default_factory=dict)
    row_labels: dict[str, dict[Hashable, str]] = field(default_factory=dict)

    def matched_pks(self, table: str) -> list[int]:
        return [pk for pk in self.pks.get(table, {}).values() if pk is not None]


@dataclass
class TableResult:
    label: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0  # deleted, or deactivated for organisations and committees
    kept: int = 0  # no longer in the data but still referenced: kept

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.removed


@dataclass(frozen=True)
class Difference:
    action: str  # create, update, remove, keep
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass
class Plan:
    table: Table
    result: TableResult
    create: list[Row] = field(default_factory=list)
    update: list[tuple[Existing, Row, list[str]]] = field(default_factory=list)
    remove: list[Existing] = field(default_factory=list)


def _short(value: Any, limit: int = 40) -> str:
    if isinstance(value, list):
        value = "、".join(str(v) for v in value)
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[:limit] + "…"


def compare(table: Table, matches: Matches, note: Callable[[str, str], None]) -> Plan:
    """Pairs the wanted rows with the database rows and lists the differences (nothing written)."""
    plan = Plan(table, TableResult(table.label))
    existing = table.load(matches)
    matches.labels[table.name] = {e.obj.pk: e.label for e in existing}
    matches.row_labels[table.name] = {row.key: row.label for row in table.rows}
    pks = matches.pks.setdefault(table.name, {})

    row_parents = [
        {name: matches.pks.get(parent, {}).get(key) for name, (parent, key) in row.parents.items()}
        for row in table.rows
    ]
    paired: dict[int, Existing] = {}
    used: set[int] = set()
    identities = [table.identity] if table.alt_identity is None else [table.alt_identity, table.identity]
    by_alt: dict[Hashable, Existing] = {}
    for identity in identities:
        by_identity = {identity(e.values, e.parents): e for e in existing}
        if identity is table.alt_identity:
            by_alt = by_identity  # asked again below, for the former names
        for i, row in enumerate(table.rows):
            if i in paired:
                continue
            current = by_identity.get(identity(row.values, row_parents[i]))
            if current is not None and id(current) not in used:
                paired[i] = current
                used.add(id(current))
    if table.former is not None and table.alt_identity is not None:
        for i, row in enumerate(table.rows):
            if i in paired:
                continue
            for key in table.former(row.values):
                current = by_alt.get(key)
                if current is not None and id(current) not in used:
                    paired[i] = current
                    used.add(id(current))
                    break

    for i, row in enumerate(table.rows):
        current = paired.get(i)
        if current is None:
            pks[row.key] = None
            plan.create.append(row)
            note("create", f"新增 {table.label}「{row.label}」")
            continue
        pks[row.key] = current.obj.pk
        changes = []
        changed = []
        for name, value in row.values.items():
            if current.values.get(name) != value:
                changed.append(name)
                old, new = _short(current.values.get(name)), _short(value)
                changes.append(f"{table.field_label(name)} “{old}” → “{new}”")
        for name, (parent, key) in row.parents.items():
            if current.parents.get(name) != row_parents[i][name]:
                changed.append(name)
                old = matches.labels.get(parent, {}).get(current.parents.get(name), "")
                new = matches.row_labels.get(parent, {}).get(key, str(key))
                changes.append(f"{table.field_label(name)} “{old}” → “{new}”")
        if not changed:
            plan.result.unchanged += 1
            continue
        plan.update.append((current, row, changed))
        note("update", f"更新 {table.label}「{current.label}」：" + "；".join(changes))

    for current in existing:
        if id(current) in used:
            continue
        if table.missing == REMOVE_DEACTIVATE:
            if current.values.get("is_active"):
                plan.remove.append(current)
                note("remove", f"停用 {table.label}「{current.label}」（数据文件中已没有）")
        else:
            plan.remove.append(current)
            note("remove", f"删除 {table.label}「{current.label}」（数据文件中已没有）")
    plan.result.created = len(plan.create)
    plan.result.updated = len(plan.update)
    plan.result.removed = len(plan.remove)
    return plan


def _save(obj: models.Model, names: list[str]) -> None:
    update_fields = [obj._meta.get_field(name).attname for name in names]
    if any(f.name == "updated_at" for f in obj._meta.fields):
        update_fields.append("updated_at")
    obj.save(update_fields=update_fields)


def remove(plan: Plan, note: Callable[[str, str], None]) -> None:
    """Deactivates or deletes the rows the data no longer has. A deactivated row gives up its ref
    when a wanted row takes it over."""
    wanted_refs = {row.values.get("ref") for row in plan.table.rows}
    for current in plan.remove:
        obj = current.obj
        if plan.table.missing == REMOVE_DEACTIVATE:
            obj.is_active = False
            names = ["is_active"]
            if getattr(obj, "ref", None) in wanted_refs:
                obj.ref = f"retired:{obj.pk}"
                names.append("ref")
            _save(obj, names)
            continue
        try:
            with transaction.atomic():
                obj.delete()
        except (ProtectedError, RestrictedError):
            plan.result.removed -= 1
            plan.result.kept += 1
            note("keep", f"保留 {plan.table.label}「{current.label}」：仍被其他记录引用，未删除")


def _temporary(model: type[models.Model], name: str, obj: models.Model, index: int) -> Any:
    if isinstance(model._meta.get_field(name), models.IntegerField):
        return 32767 - index
    return f"~{obj.pk}~{name}"


def write(plan: Plan, matches: Matches) -> None:
    """Applies the updates (unique values in two steps) and creates the new rows."""
    table = plan.table
    pks = matches.pks[table.name]

    def parent_ids(row: Row) -> dict[str, int | None]:
        return {
            table.model._meta.get_field(name).attname: matches.pks[parent][key]
            for name, (parent, key) in row.parents.items()
        }

    clashing = [
        (c, row, changed) for c, row, changed in plan.update if set(changed) & set(table.unique_fields)
    ]
    for index, (current, _row, changed) in enumerate(clashing):
        names = [name for name in changed if name in table.unique_fields]
        for name in names:
            setattr(current.obj, name, _temporary(table.model, name, current.obj, index))
        _save(current.obj, names)
    for current, row, changed in plan.update:
        ids = parent_ids(row)
        for name in changed:
            if name in row.parents:
                attname = table.model._meta.get_field(name).attname
                setattr(current.obj, attname, ids[attname])
            else:
                setattr(current.obj, name, row.values[name])
        _save(current.obj, changed)
    if plan.create:
        objs = [table.model(**row.values, **parent_ids(row)) for row in plan.create]
        table.model.objects.bulk_create(objs)
        for row, obj in zip(plan.create, objs, strict=True):
            pks[row.key] = obj.pk
