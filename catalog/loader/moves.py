"""What a change of the district offices means for the rows that point to them (seed part 四; the
loader runs it after the tables are in line with the data, in the same transaction).

- An office folded into another (offices.yaml `merged_rows`, e.g. 西山区's second row, now a branch
  of the one 西山区 office): every row that pointed to the old record — units' 属地县（市）区人社部门,
  staff accounts, review steps, notices… — points to the office that replaced it, and the old
  record is deleted.
- An office the data no longer lists at all (row 22, 昆明地铁运营有限公司, is a committee's
  organiser, not an HR office): a unit that had chosen it has no 属地县（市）区人社部门 any more and
  is asked for it again (the route refuses with a message naming 单位信息); the record itself stays,
  deactivated, for what already happened there.

Both are reported like the table differences, and with `check=True` nothing is written."""

from __future__ import annotations

from collections.abc import Callable

from django.db import models

from orgs.models import Organisation, OrgKind

Note = Callable[[str, str], None]


def _pointers() -> list[models.ForeignKey]:
    """Every foreign key to Organisation (the many-to-many tables' included)."""
    fields = []
    for rel in Organisation._meta.get_fields(include_hidden=True):
        if rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one):
            fields.append(rel.remote_field)
    return fields


def _repoint(old: Organisation, new: Organisation) -> int:
    moved = 0
    for fk in _pointers():
        manager = fk.model._base_manager
        moved += manager.filter(**{fk.name: old}).update(**{fk.name: new})
    return moved


def _referenced(org: Organisation) -> int:
    return sum(fk.model._base_manager.filter(**{fk.name: org}).count() for fk in _pointers())


def merge_offices(*, merges: dict[str, str], check: bool, note: Note) -> None:
    """Folds each old office record (by data reference) into the office that replaced it."""
    for old_ref, new_ref in merges.items():
        old = Organisation.objects.filter(ref=old_ref, kind=OrgKind.DISTRICT_BUREAU).first()
        new = Organisation.objects.filter(ref=new_ref, kind=OrgKind.DISTRICT_BUREAU).first()
        if old is None or new is None or old.pk == new.pk:
            continue
        if check:
            note("merge", f"合并 组织机构「{old}」到「{new}」：{_referenced(old)} 条记录将改为指向后者")
            continue
        label = str(old)
        moved = _repoint(old, new)
        old.delete()
        note("merge", f"合并 组织机构「{label}」到「{new}」：{moved} 条记录已改为指向后者")


def release_retired_offices(*, wanted_refs: set[str], check: bool, note: Note) -> None:
    """Units whose 属地县（市）区人社部门 is an office record the data no longer lists choose again."""
    retired = Organisation.objects.filter(kind=OrgKind.DISTRICT_BUREAU, ref__isnull=False).exclude(
        ref__in=wanted_refs
    )
    units = Organisation.objects.filter(district__in=retired).select_related("district").order_by("name")
    for unit in units:
        verb = "将清空" if check else "已清空"
        note(
            "release",
            f"单位「{unit.name}」的属地县（市）区人社部门「{unit.district}」已不是县（市）区人社部门，"
            f"{verb}，请单位在“单位信息”中重新选择",
        )
    if not check:
        Organisation.objects.filter(district__in=retired).update(district=None)
