"""The organisation data files (orgs/data: the city bureau, the departments, the offices and their
branches, the committees with their coverage and plans) turned into the wanted rows of each table,
with the data references the rows are matched by. Part of build_tables (catalog/loader/data.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from orgs.models import (
    TIER_LEVELS,
    Committee,
    CommitteeCoverage,
    CommitteePlan,
    CommitteeTier,
    OfficeBranch,
    Organisation,
    OrgKind,
)

from ..models import Level
from .checks import (
    LEVEL_CODES,
    Problems,
    integer,
    one_line,
    one_line_list,
    read_file,
    records,
    unique,
)
from .sync import REMOVE_DEACTIVATE, Existing, Matches, Row, Table

CITY_BUREAU_REF = "city-bureau"
TIER_CODES = {tier.value for tier in CommitteeTier}


def department_ref(name: str) -> str:
    return f"dept:{name}"


def office_ref(number: int) -> str:
    return f"office:{number}"


def committee_ref(tier: str, number: int) -> str:
    return f"{tier}:{number}"


# --------------------------------------------------------------------------- organisations, committees

ORG_FIELDS = (
    "ref",
    "kind",
    "name",
    "branch",
    "area",
    "services",
    "address",
    "phone",
    "aliases",
    "sort_order",
)


@dataclass
class OrgData:
    """The organisation rows, every spelling of a department or office → its data reference, the
    office branches, and the offices folded into another (old reference → new reference)."""

    rows: list[Row] = field(default_factory=list)
    spellings: dict[str, str] = field(default_factory=dict)
    branch_rows: list[Row] = field(default_factory=list)
    merges: dict[str, str] = field(default_factory=dict)


def _office_branches(item: dict, ref: str, label: str, where: str, problems: Problems) -> list[Row]:
    """The branches (办事窗口) of an office that serves from several places (西山区, seed part 四
    rows 2 and 3), each with its own services, address and phones."""
    rows = []
    for order, branch in records(item.get("branches") or [], where, problems):
        name = one_line(branch, "name", where, problems)
        phones = one_line_list(branch, "phones", where, problems)
        if not phones:
            problems.add(where, f"{label}（{name}）没有联系电话（phones）。")
        values = {
            "order": order,
            "name": name,
            "services": one_line(branch, "services", where, problems),
            "address": one_line(branch, "address", where, problems),
            "phone": "、".join(phones),
        }
        rows.append(Row((ref, order), f"{label}（{name}）", values, {"office": ("org", ref)}))
    unique((r.values["name"] for r in rows), f"{label} 的办事窗口名称", where, problems)
    return rows


def _org_rows(orgs_dir: Path, problems: Problems) -> OrgData:
    out = OrgData()
    rows = out.rows
    city = read_file(orgs_dir / "city_bureau.yaml", problems, dict)
    if city:
        where = "city_bureau.yaml"
        values = {
            "ref": CITY_BUREAU_REF,
            "kind": OrgKind.CITY_BUREAU.value,
            "name": one_line(city, "name", where, problems),
            "aliases": one_line_list(city, "aliases", where, problems),
            "phone": one_line(city, "phone", where, problems),
            "area": one_line(city, "area", where, problems, required=False),
            "services": one_line(city, "services", where, problems, required=False),
            "is_active": True,
        }
        rows.append(Row(CITY_BUREAU_REF, values["name"], values))

    where = "departments.yaml"
    spellings = out.spellings  # every spelling (name or alias) → the organisation's data reference
    for order, item in records(read_file(orgs_dir / where, problems, list), where, problems):
        name = one_line(item, "name", where, problems)
        aliases = one_line_list(item, "aliases", where, problems)
        for spelling in [name, *aliases]:
            if spelling in spellings:
                problems.add(where, f"写法重复：{spelling}")
            spellings[spelling] = department_ref(name)
        scope = item.get("scope")
        area = one_line(item, "district", where, problems, required=False)
        if scope not in ("city", "district"):
            problems.add(where, f"{name} 的 scope 应为 city 或 district。")
        elif scope == "district" and not area:
            problems.add(where, f"{name} 是县区部门，缺少 district。")
        values = {
            "ref": department_ref(name),
            "kind": OrgKind.DEPARTMENT.value,
            "name": name,
            "aliases": aliases,
            "phone": one_line(item, "phone", where, problems),
            "area": area if scope == "district" else "",
            "sort_order": order,
            "is_active": True,
        }
        rows.append(Row(values["ref"], name, values))

    where = "offices.yaml"
    for order, item in records(read_file(orgs_dir / where, problems, list), where, problems):
        number = integer(item, "number", where, problems)
        ref = office_ref(number)
        name = one_line(item, "name", where, problems)
        branches = _office_branches(item, ref, name, where, problems) if item.get("branches") else []
        if branches:
            # One office serving from several places: what each serves, where and its phones are the
            # branches'; the office itself carries every phone, so a search by number finds it.
            for key in ("services", "address", "phones"):
                if item.get(key):
                    problems.add(where, f"第 {number} 行有办事窗口（branches），{key} 应写在各窗口中。")
            services, address = "", ""
            phones = [p for b in branches for p in b.values["phone"].split("、")]
        else:
            services = one_line(item, "services", where, problems)
            address = one_line(item, "address", where, problems)
            phones = one_line_list(item, "phones", where, problems)
            if not phones:
                problems.add(where, f"第 {number} 行没有联系电话（phones）。")
        values = {
            "ref": ref,
            "kind": OrgKind.DISTRICT_BUREAU.value,
            "name": name,
            "branch": "",
            "area": one_line(item, "district", where, problems),
            "services": services,
            "address": address,
            "phone": "、".join(phones),
            "sort_order": order,
            "is_active": True,
        }
        rows.append(Row(ref, name, values))
        out.branch_rows += branches
        merged = item.get("merged_rows") or []
        if not isinstance(merged, list):
            problems.add(where, f"第 {number} 行的 merged_rows 应为列表。")
            merged = []
        for old in merged:
            if not isinstance(old, int) or isinstance(old, bool) or old == number:
                problems.add(where, f"第 {number} 行的 merged_rows 不正确：{old!r}")
                continue
            out.merges[office_ref(old)] = ref
        # A district office may organise a 初级 committee (seed part 四); a department of the same
        # name (经开区's 党群工作部 is both) is the organiser meant by the directory.
        spellings.setdefault(name, ref)
    unique((r.key for r in rows), "数据标识", "departments.yaml/offices.yaml", problems)
    offices = [r.values for r in rows if r.values["kind"] == OrgKind.DISTRICT_BUREAU]
    unique((v["name"] for v in offices), "县（市）区人社部门名称", where, problems)
    for old in out.merges:
        if old in {v["ref"] for v in offices}:
            problems.add(where, f"{old} 已并入其他人社部门（merged_rows），不能再单独列出。")
    return out


def org_tables(orgs_dir: Path, series_names: set[str], problems: Problems) -> tuple[list[Table], OrgData]:
    org_data = _org_rows(orgs_dir, problems)
    org_rows, spellings = org_data.rows, org_data.spellings

    where = "committees.yaml"
    committee_rows: list[Row] = []
    coverage_rows: list[Row] = []
    plan_rows: list[Row] = []
    for i, item in records(read_file(orgs_dir / where, problems, list), where, problems):
        tier = item.get("tier")
        if tier not in TIER_CODES:
            problems.add(where, f"第 {i} 条：未知层级 tier {tier!r}。")
            continue
        number = integer(item, "number", where, problems)
        ref = committee_ref(tier, number)
        name = one_line(item, "name", where, problems)
        organiser = one_line(item, "organiser", where, problems)
        if organiser and organiser not in spellings:
            problems.add(where, f"{name}：组建单位 {organiser} 不在 departments.yaml 或 offices.yaml 中。")
        values = {
            "ref": ref,
            "tier": tier,
            "number": number,
            "name": name,
            "scope": one_line(item, "scope", where, problems),
            "phone": one_line(item, "phone", where, problems),
            "is_active": True,
        }
        organiser_key = spellings.get(organiser, department_ref(organiser))
        committee_rows.append(Row(ref, name, values, {"organiser": ("org", organiser_key)}))

        coverage = item.get("coverage")
        if not isinstance(coverage, list) or not coverage:
            problems.add(where, f"{name}：没有评审范围（coverage）。")
            coverage = []
        for cover in coverage:
            series = cover.get("series") if isinstance(cover, dict) else None
            levels = cover.get("levels") if isinstance(cover, dict) else None
            if series not in series_names:
                problems.add(where, f"{name}：评审范围的系列 {series!r} 不在 series.yaml 中。")
                continue
            if not isinstance(levels, list) or not levels:
                problems.add(where, f"{name}：{series} 没有层级。")
                continue
            for level in levels:
                if level not in LEVEL_CODES:
                    problems.add(where, f"{name}：未知层级 {level!r}。")
                    continue
                if level not in TIER_LEVELS[tier]:
                    tier_label, level_label = CommitteeTier(tier).label, Level(level).label
                    problems.add(where, f"{name}：{tier_label}评委会不评审{level_label}（{series}）。")
                    continue
                coverage_rows.append(
                    Row(
                        (ref, series, level),
                        f"{name} · {series} · {Level(level).label}",
                        {"level": level},
                        {"committee": ("committee", ref), "series": ("series", series)},
                    )
                )
        plans = item.get("plans") or {}
        if not isinstance(plans, dict):
            problems.add(where, f"{name}：plans 应为映射（年度: 月份）。")
            plans = {}
        for year, month in plans.items():
            if not isinstance(year, int) or not isinstance(month, int) or not 1 <= month <= 12:
                problems.add(where, f"{name}：评审计划 {year!r}: {month!r} 不正确。")
                continue
            plan_rows.append(
                Row(
                    (ref, year),
                    f"{name} {year}年",
                    {"year": year, "month": month},
                    {"committee": ("committee", ref)},
                )
            )
    unique((r.key for r in committee_rows), "层级与序号", where, problems)
    unique((r.values["name"] for r in committee_rows), "评审委员会名称", where, problems)
    unique((r.key for r in coverage_rows), "评审范围", where, problems)
    plan_years = {r.values["year"] for r in plan_rows}

    def load_orgs(matches: Matches) -> list[Existing]:
        return [
            Existing(o, str(o), {name: getattr(o, name) for name in (*ORG_FIELDS, "is_active")})
            for o in Organisation.objects.filter(ref__isnull=False)
        ]

    def load_committees(matches: Matches) -> list[Existing]:
        fields = ("ref", "tier", "number", "name", "scope", "phone", "is_active")
        return [
            Existing(c, c.name, {n: getattr(c, n) for n in fields}, {"organiser": c.organiser_id})
            for c in Committee.objects.filter(ref__isnull=False)
        ]

    def load_coverage(matches: Matches) -> list[Existing]:
        rows = CommitteeCoverage.objects.filter(committee__in=matches.matched_pks("committee"))
        return [
            Existing(
                c,
                f"{c.committee.name} · {c.series.name} · {c.get_level_display()}",
                {"level": c.level},
                {"committee": c.committee_id, "series": c.series_id},
            )
            for c in rows.select_related("committee", "series")
        ]

    def load_branches(matches: Matches) -> list[Existing]:
        rows = OfficeBranch.objects.filter(office__in=matches.matched_pks("org"))
        fields = ("order", "name", "services", "address", "phone")
        return [
            Existing(b, str(b), {n: getattr(b, n) for n in fields}, {"office": b.office_id})
            for b in rows.select_related("office")
        ]

    def load_plans(matches: Matches) -> list[Existing]:
        # Plans of years the data does not give (entered later by an admin) are left alone.
        rows = CommitteePlan.objects.filter(
            committee__in=matches.matched_pks("committee"), year__in=plan_years
        )
        return [
            Existing(
                p,
                f"{p.committee.name} {p.year}年",
                {"year": p.year, "month": p.month},
                {"committee": p.committee_id},
            )
            for p in rows.select_related("committee")
        ]

    tables = [
        Table(
            "org",
            Organisation,
            org_rows,
            load_orgs,
            identity=lambda v, p: v["ref"],
            alt_identity=lambda v, p: (v["kind"], v["name"], v.get("branch", "")),
            missing=REMOVE_DEACTIVATE,
            unique_fields=("ref", "name"),
            former=lambda v: [(v["kind"], alias, v.get("branch", "")) for alias in v.get("aliases") or []],
        ),
        Table(
            "branch",
            OfficeBranch,
            org_data.branch_rows,
            load_branches,
            identity=lambda v, p: (p["office"], v["order"]),
            unique_fields=("order", "name"),
        ),
        Table(
            "committee",
            Committee,
            committee_rows,
            load_committees,
            identity=lambda v, p: v["ref"],
            alt_identity=lambda v, p: v["name"],
            missing=REMOVE_DEACTIVATE,
            unique_fields=("ref", "name"),
        ),
        Table(
            "coverage",
            CommitteeCoverage,
            coverage_rows,
            load_coverage,
            identity=lambda v, p: (p["committee"], p["series"], v["level"]),
        ),
        Table(
            "plan", CommitteePlan, plan_rows, load_plans, identity=lambda v, p: (p["committee"], v["year"])
        ),
    ]
    return tables, org_data
