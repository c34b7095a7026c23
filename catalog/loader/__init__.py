"""Loads the reference data of the seed (catalog/data/*.yaml, orgs/data/*.yaml) into the database.

`catalog_load()` is the service (the `load_catalog` command is a thin wrapper):

- every data file is read and checked first; all problems are reported at once and nothing is
  written when there is one (`CatalogDataError`);
- the wanted rows are compared with the database table by table (see sync.py for how rows are
  matched: committees, organisations and series by name first, then by `ref` / number);
- with `check=True` nothing is written and the report lists every difference;
- otherwise the differences are applied in one transaction: new rows created, changed fields
  updated, unchanged rows not touched (a second run changes nothing). Rows the data no longer has
  are deleted, except organisations and committees, which are deactivated (`is_active=False`)
  because accounts point to them. A row something still points to is kept and reported.

Changes of the district offices (moves.py): an office folded into another (`merged_rows`) has every
row that pointed to it moved to the office that replaced it; a unit whose 属地县（市）区人社部门 is an
office the data no longer lists is asked for it again. Both are reported (and, with `check=True`,
only reported).

Scope: organisations and committees without a `ref` (units, agencies, rows made by hand) are never
touched. Coverage rows are synced exactly for every committee in the data; plan rows for the years
the data gives (a later year's plan entered by an admin survives the next load).

Refs: the city bureau `city-bureau`, departments `dept:<name>` (a department renamed in the data
keeps its row when its old name is among its aliases), district offices `office:<number>` (the
seed's row), committees `<tier>:<number>`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from .checks import CatalogDataError
from .data import build_tables
from .moves import merge_offices, release_retired_offices
from .org_data import CITY_BUREAU_REF, committee_ref, department_ref, office_ref
from .sync import Difference, Matches, TableResult, compare, remove, write

__all__ = [
    "CATALOG_DATA_DIR",
    "CITY_BUREAU_REF",
    "ORGS_DATA_DIR",
    "CatalogDataError",
    "LoadReport",
    "catalog_load",
    "committee_ref",
    "department_ref",
    "office_ref",
]

CATALOG_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
ORGS_DATA_DIR = Path(settings.BASE_DIR) / "orgs" / "data"


@dataclass
class LoadReport:
    check: bool
    tables: list[TableResult] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.differences)

    def note(self, action: str, text: str) -> None:
        self.differences.append(Difference(action, text))

    def summary_lines(self) -> list[str]:
        verb = ("应新增", "应更新", "应删除/停用") if self.check else ("新增", "更新", "删除/停用")
        lines = []
        for t in self.tables:
            line = f"{t.label}：{verb[0]} {t.created}，{verb[1]} {t.updated}，未变 {t.unchanged}"
            if t.removed:
                line += f"，{verb[2]} {t.removed}"
            if t.kept:
                line += f"，仍被引用而保留 {t.kept}"
            lines.append(line)
        return lines


def catalog_load(
    *, check: bool = False, catalog_dir: Path | None = None, orgs_dir: Path | None = None
) -> LoadReport:
    """Brings the catalogue and organisation tables in line with the data files (see above).

    With `check=True` nothing is written. Raises CatalogDataError when a data file is wrong."""
    tables, org_data = build_tables(catalog_dir or CATALOG_DATA_DIR, orgs_dir or ORGS_DATA_DIR)
    report = LoadReport(check=check)
    matches = Matches()
    wanted_refs = {row.values["ref"] for row in org_data.rows} | set(org_data.merges)
    with transaction.atomic():
        plans = [compare(table, matches, report.note) for table in tables]
        report.tables = [plan.result for plan in plans]
        if not check:
            # Rows that go away first (children before parents), then changed and new rows (parents first).
            for plan in reversed(plans):
                remove(plan, report.note)
            for plan in plans:
                write(plan, matches)
        merge_offices(merges=org_data.merges, check=check, note=report.note)
        release_retired_offices(wanted_refs=wanted_refs, check=check, note=report.note)
    return report
