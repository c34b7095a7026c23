"""The data files turned into the wanted rows of each table, with the tables' matching rules: the
series, tracks and titles, the policy help and contacts here, the organisations and committees in
org_data.py.

Every problem in every file is collected, so one run reports them all (CatalogDataError)."""

from __future__ import annotations

import re
from pathlib import Path

from ..models import Contact, FaqEntry, FaqKind, HelpPage, Level, Series, Title, Track
from .checks import (
    LEVEL_CODES,
    Problems,
    check_lengths,
    integer,
    one_line,
    one_line_list,
    paragraphs,
    read_file,
    records,
    unique,
)
from .org_data import OrgData, org_tables
from .sync import Existing, Matches, Row, Table

# --------------------------------------------------------------------------- series, tracks, titles


def _series_tables(catalog_dir: Path, problems: Problems) -> list[Table]:
    where = "series.yaml"
    series_rows: list[Row] = []
    track_rows: list[Row] = []
    title_rows: list[Row] = []
    for _, item in records(read_file(catalog_dir / where, problems, list), where, problems):
        number = integer(item, "number", where, problems)
        name = one_line(item, "name", where, problems)
        series_rows.append(Row(name, f"{number} {name}", {"number": number, "name": name}))
        tracks = item.get("tracks")
        if not isinstance(tracks, list) or not tracks:
            problems.add(where, f"系列 {name} 没有方向（tracks）。")
            continue
        unique((t.get("name") for t in tracks if isinstance(t, dict)), f"系列 {name} 的方向", where, problems)
        for order, track in records(tracks, where, problems):
            track_name = one_line(track, "name", where, problems)
            track_key = (name, track_name)
            label = f"{name}/{track_name}"
            track_rows.append(
                Row(track_key, label, {"name": track_name, "order": order}, {"series": ("series", name)})
            )
            titles = track.get("titles")
            if not isinstance(titles, dict) or not titles:
                problems.add(where, f"{label} 没有职称名称。")
                continue
            for level in titles:
                if level not in LEVEL_CODES:
                    problems.add(where, f"{label}：未知层级 {level!r}。")
                    continue
                title_rows.append(
                    Row(
                        (*track_key, level),
                        f"{label}/{Level(level).label}",
                        {"level": level, "name": one_line(titles, level, where, problems)},
                        {"track": ("track", track_key)},
                    )
                )
    unique((r.values["number"] for r in series_rows), "系列序号", where, problems)
    unique((r.key for r in series_rows), "系列名称", where, problems)

    def load_series(matches: Matches) -> list[Existing]:
        return [
            Existing(s, f"{s.number} {s.name}", {"number": s.number, "name": s.name})
            for s in Series.objects.all()
        ]

    def load_tracks(matches: Matches) -> list[Existing]:
        return [
            Existing(
                t, f"{t.series.name}/{t.name}", {"name": t.name, "order": t.order}, {"series": t.series_id}
            )
            for t in Track.objects.select_related("series")
        ]

    def load_titles(matches: Matches) -> list[Existing]:
        return [
            Existing(
                t,
                f"{t.track.series.name}/{t.track.name}/{t.get_level_display()}",
                {"level": t.level, "name": t.name},
                {"track": t.track_id},
            )
            for t in Title.objects.select_related("track__series")
        ]

    return [
        Table(
            "series",
            Series,
            series_rows,
            load_series,
            identity=lambda v, p: v["number"],
            alt_identity=lambda v, p: v["name"],
            unique_fields=("number", "name"),
        ),
        Table("track", Track, track_rows, load_tracks, identity=lambda v, p: (p["series"], v["name"])),
        Table("title", Title, title_rows, load_titles, identity=lambda v, p: (p["track"], v["level"])),
    ]


# --------------------------------------------------------------------------- policy help, contacts


def _help_tables(catalog_dir: Path, problems: Problems) -> list[Table]:
    faq_rows: list[Row] = []
    for kind, where in ((FaqKind.KNOWLEDGE, "faq.yaml"), (FaqKind.SITE, "site_faq.yaml")):
        rows = []
        for _, item in records(read_file(catalog_dir / where, problems, list), where, problems):
            number = integer(item, "number", where, problems)
            values = {
                "kind": kind.value,
                "number": number,
                "question": one_line(item, "question", where, problems),
                "answer": paragraphs(item, "answer", where, problems),
                "tags": "、".join(one_line_list(item, "tags", where, problems)),
                "see": one_line(item, "see", where, problems, required=False),
            }
            rows.append(Row((kind.value, number), f"{kind.label}第{number}问", values))
        unique((r.key for r in rows), "序号", where, problems)
        faq_rows += rows

    where = "help.yaml"
    help_rows: list[Row] = []
    for _, item in records(read_file(catalog_dir / where, problems, list), where, problems):
        slug = one_line(item, "slug", where, problems)
        if slug and not re.fullmatch(r"[-a-zA-Z0-9_]+", slug):
            problems.add(where, f"slug 只能含字母、数字、连字符：{slug!r}")
        values = {
            "slug": slug,
            "title": one_line(item, "title", where, problems),
            "order": integer(item, "order", where, problems),
            "body": paragraphs(item, "body", where, problems),
        }
        help_rows.append(Row(slug, values["title"] or slug, values))
    unique((r.key for r in help_rows), "slug", where, problems)

    where = "contacts.yaml"
    contact_rows: list[Row] = []
    for order, item in records(read_file(catalog_dir / where, problems, list), where, problems):
        key = one_line(item, "key", where, problems)
        values = {
            "key": key,
            "label": one_line(item, "label", where, problems),
            "value": one_line(item, "value", where, problems),
            "note": paragraphs(item, "note", where, problems),
            "order": order,
        }
        contact_rows.append(Row(key, values["label"] or key, values))
    unique((r.key for r in contact_rows), "key", where, problems)

    def load_faq(matches: Matches) -> list[Existing]:
        fields = ("kind", "number", "question", "answer", "tags", "see")
        return [
            Existing(f, f"{f.get_kind_display()}第{f.number}问", {n: getattr(f, n) for n in fields})
            for f in FaqEntry.objects.all()
        ]

    def load_help(matches: Matches) -> list[Existing]:
        fields = ("slug", "title", "order", "body")
        return [Existing(h, h.title, {n: getattr(h, n) for n in fields}) for h in HelpPage.objects.all()]

    def load_contacts(matches: Matches) -> list[Existing]:
        fields = ("key", "label", "value", "note", "order")
        return [Existing(c, c.label, {n: getattr(c, n) for n in fields}) for c in Contact.objects.all()]

    return [
        Table("faq", FaqEntry, faq_rows, load_faq, identity=lambda v, p: (v["kind"], v["number"])),
        Table("help", HelpPage, help_rows, load_help, identity=lambda v, p: v["slug"]),
        Table("contact", Contact, contact_rows, load_contacts, identity=lambda v, p: v["key"]),
    ]


def build_tables(catalog_dir: Path, orgs_dir: Path) -> tuple[list[Table], OrgData]:
    """All tables in write order (parents first), and the organisation data (its merges). Raises
    CatalogDataError listing every problem."""
    problems = Problems()
    series_tables = _series_tables(catalog_dir, problems)
    series_names = {row.key for row in series_tables[0].rows}
    orgs, org_data = org_tables(orgs_dir, series_names, problems)
    tables = [*series_tables, *_help_tables(catalog_dir, problems), *orgs]
    for table in tables:
        check_lengths(table, problems)
    problems.raise_if_any()
    return tables, org_data
