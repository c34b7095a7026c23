#!/usr/bin/env python3
"""Standalone consistency check of the reference data files (catalog/data, orgs/data).

Usage: python3 catalog/data/check_data.py   (needs PyYAML). Exits non-zero on the first failed group.
"""

import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ORGS = HERE.parent.parent / "orgs" / "data"

LEVELS = {"senior_full", "senior_associate", "intermediate", "assistant", "junior"}
# text fields that may hold paragraphs separated by exactly one blank line
PARAGRAPH_FIELDS = {("faq.yaml", "answer"), ("help.yaml", "body"), ("site_faq.yaml", "answer")}
PHONE_FIELDS = {"phone", "phones"}
CJK = r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"
PHONE_RE = re.compile(r"0871-\d{8}(转\d+)*")

errors = []


def err(msg):
    errors.append(msg)


def load(path):
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def walk(obj, fname, path="", field=None):
    """Yield (path, field, string) for every string (values and keys) in obj."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            if isinstance(k, str):
                yield f"{path}.{k}(key)", None, k
            yield from walk(v, fname, f"{path}.{k}", k)
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from walk(v, fname, f"{path}[{i}]", field)
    elif isinstance(obj, str):
        yield path, field, obj


def check_strings(fname, data):
    for path, field, s in walk(data, fname):
        where = f"{fname}{path}"
        if "\n" in s or "\r" in s:
            if (fname, field) not in PARAGRAPH_FIELDS:
                err(f"{where}: line break in a one-line field: {s!r}")
            else:
                if "\r" in s or re.search(r"(?<!\n)\n(?!\n)", s) or "\n\n\n" in s:
                    err(f"{where}: paragraphs must be separated by exactly one blank line: {s!r}")
                for para in s.split("\n\n"):
                    if para != para.strip() or not para:
                        err(f"{where}: paragraph with leading/trailing space or empty: {para!r}")
        if "\t" in s:
            err(f"{where}: tab character: {s!r}")
        if s != s.strip():
            err(f"{where}: leading/trailing whitespace: {s!r}")
        if re.search(rf"{CJK} +{CJK}", s):
            err(f"{where}: ASCII space between CJK characters: {s!r}")
        if field in PHONE_FIELDS:
            if "--" in s or "—" in s:
                err(f"{where}: doubled hyphen or em dash in phone: {s!r}")
            if not PHONE_RE.fullmatch(s):
                err(f"{where}: phone not in the form 0871-XXXXXXXX: {s!r}")


def main():
    files = {
        "series.yaml": HERE / "series.yaml",
        "faq.yaml": HERE / "faq.yaml",
        "help.yaml": HERE / "help.yaml",
        "site_faq.yaml": HERE / "site_faq.yaml",
        "contacts.yaml": HERE / "contacts.yaml",
        "departments.yaml": ORGS / "departments.yaml",
        "offices.yaml": ORGS / "offices.yaml",
        "committees.yaml": ORGS / "committees.yaml",
    }
    d = {name: load(path) for name, path in files.items()}
    for name, data in d.items():
        if not isinstance(data, list):
            err(f"{name}: top level must be a list")
        check_strings(name, data)

    # ---- series
    series = d["series.yaml"]
    if len(series) != 29:
        err(f"series: {len(series)} records, expected 29")
    if [s["number"] for s in series] != list(range(1, 30)):
        err("series: numbers are not 1..29 in order")
    series_names = [s["name"] for s in series]
    if len(set(series_names)) != len(series_names):
        err("series: duplicate names")
    for s in series:
        tracks = s.get("tracks") or []
        if not tracks:
            err(f"series {s['name']}: no tracks")
        if len(tracks) == 1 and tracks[0]["name"] != s["name"]:
            err(f"series {s['name']}: single track must be named after the series")
        if len({t["name"] for t in tracks}) != len(tracks):
            err(f"series {s['name']}: duplicate track names")
        for t in tracks:
            titles = t.get("titles") or {}
            if not titles:
                err(f"series {s['name']} / {t['name']}: no titles")
            bad = set(titles) - LEVELS
            if bad:
                err(f"series {s['name']} / {t['name']}: unknown level keys {bad}")
            for k, v in titles.items():
                if not isinstance(v, str) or not v:
                    err(f"series {s['name']} / {t['name']}: empty title for {k}")

    # ---- departments
    depts = d["departments.yaml"]
    dept_names = [x["name"] for x in depts]
    if len(set(dept_names)) != len(dept_names):
        err("departments: duplicate names")
    all_spellings = []
    for x in depts:
        all_spellings.append(x["name"])
        all_spellings.extend(x.get("aliases") or [])
        if x.get("scope") not in ("city", "district"):
            err(f"department {x['name']}: scope must be city or district")
        if x.get("scope") == "district" and not x.get("district"):
            err(f"department {x['name']}: district scope without district")
        if x.get("scope") == "city" and x.get("district"):
            err(f"department {x['name']}: city scope with a district")
        if not isinstance(x.get("aliases"), list):
            err(f"department {x['name']}: aliases must be a list")
    if len(set(all_spellings)) != len(all_spellings):
        err("departments: a spelling appears twice (name/alias collision)")

    # ---- committees
    comms = d["committees.yaml"]
    by_tier = {"senior": [], "intermediate": [], "junior": []}
    for c in comms:
        if c.get("tier") not in by_tier:
            err(f"committee {c.get('name')}: bad tier {c.get('tier')!r}")
            continue
        by_tier[c["tier"]].append(c)
    if len(by_tier["senior"]) != 11:
        err(f"committees: {len(by_tier['senior'])} senior, expected 11")
    if len(by_tier["intermediate"]) != 47:
        err(f"committees: {len(by_tier['intermediate'])} intermediate, expected 47")
    for tier, lst in by_tier.items():
        if [c["number"] for c in lst] != list(range(1, len(lst) + 1)):
            err(f"committees: {tier} numbers are not 1..n in order")
    names = [c["name"] for c in comms]
    if len(set(names)) != len(names):
        err("committees: duplicate names")
    plan_counts = {"senior": 0, "intermediate": 0}
    expected_level = {"senior": "senior_associate", "intermediate": "intermediate"}
    # A 初级 committee reviews 助理级 and/or 员级 and may be organised by a district office (part 四).
    junior_levels = {"assistant", "junior"}
    office_names = [o["name"] for o in d["offices.yaml"]]
    used_orgs = set()
    for c in comms:
        junior = c.get("tier") == "junior"
        organisers = dept_names + (office_names if junior else [])
        if c["organiser"] not in organisers:
            allowed = "a department or district office" if junior else "a department"
            err(f"committee {c['name']}: organiser {c['organiser']!r} is not {allowed} name")
        used_orgs.add(c["organiser"])
        cov = c.get("coverage") or []
        if not cov:
            err(f"committee {c['name']}: empty coverage")
        for item in cov:
            if item["series"] not in series_names:
                err(f"committee {c['name']}: coverage series {item['series']!r} not in series.yaml")
            for lv in item.get("levels") or []:
                if lv not in LEVELS:
                    err(f"committee {c['name']}: unknown level {lv!r}")
            if c["tier"] == "junior":
                if not item.get("levels") or not set(item["levels"]) <= junior_levels:
                    err(f"committee {c['name']}: levels {item.get('levels')} do not match tier junior")
            elif item.get("levels") != [expected_level.get(c["tier"])]:
                err(f"committee {c['name']}: levels {item.get('levels')} do not match tier {c['tier']}")
        plans = c.get("plans")
        if not isinstance(plans, dict):
            err(f"committee {c['name']}: plans must be a mapping")
            continue
        for year, month in plans.items():
            if not isinstance(year, int) or not isinstance(month, int) or not 1 <= month <= 12:
                err(f"committee {c['name']}: bad plan {year!r}: {month!r}")
        if 2021 in plans and c.get("tier") in plan_counts:
            plan_counts[c["tier"]] += 1
        if "plan_name" in c and (not plans or c["plan_name"] == c["name"]):
            err(f"committee {c['name']}: plan_name given without a plan or equal to name")
    if plan_counts != {"senior": 11, "intermediate": 44}:
        err(f"committees: 2021 plan counts {plan_counts}, expected 11 senior and 44 intermediate")
    unused = set(dept_names) - used_orgs
    if unused:
        err(f"departments not organising any committee: {sorted(unused)}")

    # ---- offices: part 四's 22 rows are 20 offices (rows 2 and 3 one office with two branches;
    # row 22 the rail committee's organiser, not an office)
    offices = d["offices.yaml"]
    if len(offices) != 20:
        err(f"offices: {len(offices)} records, expected 20")
    if [o["number"] for o in offices] != [n for n in range(1, 22) if n != 3]:
        err("offices: numbers are not the seed's rows 1, 2, 4..21 in order")
    seen = set()
    for o in offices:
        if o["name"] in seen:
            err(f"office {o['name']}: same name twice")
        seen.add(o["name"])
        places = o.get("branches") or [o]
        for place in places:
            if not place.get("phones") or not isinstance(place["phones"], list):
                err(f"office {o['number']}: phones must be a non-empty list")
            for f in ("services", "address"):
                if not place.get(f):
                    err(f"office {o['number']}: empty {f}")
        if not o.get("district"):
            err(f"office {o['number']}: empty district")
    xishan = [o for o in offices if o["name"] == "西山区人力资源和社会保障局"]
    if len(xishan) != 1 or len(xishan[0].get("branches") or []) != 2:
        err("offices: 西山区 must be one office with two branches")
    if "昆明地铁运营有限公司" in seen:
        err("offices: 昆明地铁运营有限公司 is a committee organiser, not a district office")

    # ---- faq, site faq, help, contacts
    faq = d["faq.yaml"]
    if len(faq) != 25 or [f["number"] for f in faq] != list(range(1, 26)):
        err(f"faq: expected 25 records numbered 1..25, got {len(faq)}")
    for f in faq:
        if not f.get("question") or not f.get("answer"):
            err(f"faq {f.get('number')}: empty question or answer")
        if re.match(r"^\d", f.get("question", "")):
            err(f"faq {f['number']}: question keeps its leading number")
        tags = f.get("tags") or []
        if not 2 <= len(tags) <= 4:
            err(f"faq {f['number']}: {len(tags)} tags, expected 2-4")
    see = {f["number"]: f.get("see") for f in faq if f.get("see")}
    if see != {3: "series", 7: "committees"}:
        err(f"faq: see fields {see}, expected question 3 -> series and 7 -> committees")
    site = d["site_faq.yaml"]
    if len(site) != 7 or [s["number"] for s in site] != list(range(1, 8)):
        err(f"site_faq: expected 7 records numbered 1..7, got {len(site)}")
    if "同名单位" not in site[3]["question"]:
        err("site_faq: number 4 must be the question about a same-name unit")
    help_pages = d["help.yaml"]
    slugs = [h["slug"] for h in help_pages]
    if sorted(slugs) != ["filling-guide", "must-read", "site-faq"]:
        err(f"help: slugs {slugs}")
    for h in help_pages:
        if not h.get("title") or not h.get("body") or not isinstance(h.get("order"), int):
            err(f"help {h.get('slug')}: missing title, body or order")
    contacts = d["contacts.yaml"]
    keys = [c["key"] for c in contacts]
    if len(set(keys)) != len(keys):
        err("contacts: duplicate keys")
    for c in contacts:
        for f in ("key", "label", "value", "note"):
            if not isinstance(c.get(f), str) or not c.get(f):
                err(f"contact {c.get('key')}: {f} must be a non-empty string")
        if "--" in c["value"] or "—" in c["value"]:
            err(f"contact {c['key']}: doubled hyphen or em dash")

    if errors:
        for e in errors:
            print("FAIL:", e)
        print(f"{len(errors)} problem(s)")
        return 1
    print(
        f"OK: {len(series)} series, {len(by_tier['senior'])}+{len(by_tier['intermediate'])} committees, "
        f"{len(depts)} departments, {len(offices)} offices, {len(faq)} faq, {len(site)} site faq, "
        f"{len(help_pages)} help pages, {len(contacts)} contacts"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
