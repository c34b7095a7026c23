"""Benchmark (issue 3, Speed): p50 / p95 of the dossier pages and of submission, on SQLite and
PostgreSQL.

    .venv/bin/python bench/dossier_submit.py [--db sqlite|postgres|both] [--applicants 20]
        [--entries 30] [--requests 50] [--entry-attachments 0]

Each database runs in its own Python process (DJANGO_SETTINGS_MODULE=zhicheng.settings.local,
DEBUG=0, a real database, files under a temporary MEDIA_ROOT): migrate, load_catalog, then the data
of bench/dossier_data.py. Requests go through django.test.Client in the same process: the figures
are server time (middleware, views, templates, database), no network, no browser.

Measured, as a signed-in applicant (force_login), each request timed and its queries counted:
- GET /dossier/                     the whole dossier (13 sections) with what is missing
- GET /dossier/section/<key>/       one section page with `--entries` entries
- GET /applications/?check=1        申报: the completeness check on the cover page
- POST /applications/submit/        提交, once per applicant (snapshot, route, event, notification)
- GET /applications/history/        申报记录, where 提交 leads (after every applicant submitted)

SQLite: a new database file in a temporary directory. PostgreSQL: the database named in
--pg-url (default postgres://postgres@127.0.0.1:5432/zhicheng_bench) is dropped and created again
at the start of every run, so runs are comparable."""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
import unicodedata
import warnings
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/zhicheng_bench"
SECTION_KEY = "papers"  # the section page measured (撰写论文情况: 30 entries by default)


# --- Figures ------------------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    """Linear interpolation between the closest ranks (numpy's default)."""
    data = sorted(values)
    if not data:
        return float("nan")
    k = (len(data) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (k - lo)


def summary(label: str, path: str, times_ms: list[float], queries: list[int]) -> dict:
    qmin, qmax = min(queries), max(queries)
    return {
        "what": label,
        "path": path,
        "n": len(times_ms),
        "p50": percentile(times_ms, 50),
        "p95": percentile(times_ms, 95),
        "max": max(times_ms),
        "queries": str(qmin) if qmin == qmax else f"{qmin}–{qmax}",
    }


def width(text: str) -> int:
    """Terminal columns: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int) -> str:
    return text + " " * (columns - width(text))


def print_table(results: list[dict]) -> None:
    header = ("database", "what", "n", "p50 ms", "p95 ms", "max ms", "queries/request")
    rows = [
        (
            r["database"],
            m["what"],
            str(m["n"]),
            f"{m['p50']:.1f}",
            f"{m['p95']:.1f}",
            f"{m['max']:.1f}",
            m["queries"],
        )
        for r in results
        for m in r["measurements"]
    ]
    widths = [max(width(header[i]), *(width(row[i]) for row in rows)) for i in range(len(header))]
    for row in (header, tuple("-" * w for w in widths), *rows):
        print("  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip())


def print_counts(results: list[dict]) -> None:
    for r in results:
        counts = ", ".join(f"{name} {count}" for name, count in r["counts"].items())
        print(f"{r['database']}: {counts}")
        sizes = ", ".join(f"{what} {kb} KB" for what, kb in r["page_kb"].items())
        print(
            f"{r['database']}: set-up {r['setup_s']:.1f} s; snapshot {r['snapshot_kb']:.0f} KB per "
            f"application; HTML: {sizes}"
        )


# --- Worker: one database, inside Django ------------------------------------------------------------


def timed(client, method: str, path: str, data: dict | None = None) -> tuple[float, int, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        response = client.post(path, data or {}) if method == "POST" else client.get(path)
        elapsed = (time.perf_counter() - start) * 1000
    return elapsed, len(ctx.captured_queries), response


def worker(args: argparse.Namespace) -> dict:
    sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]
    warnings.filterwarnings("ignore", "No directory at")  # whitenoise: no collectstatic here
    import django

    django.setup()

    import dossier_data
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from accounts.models import User
    from applications.models import Application, ApplicationStatus, ReviewEvent, ReviewStep
    from attachments.models import Attachment
    from core.models import AuditLog
    from dossier.models import DossierEntry
    from messaging.models import SiteMessage

    if settings.DEBUG:
        raise SystemExit("DEBUG must be off for timing (DEBUG=0)")
    started = time.perf_counter()
    data = dossier_data.build(
        applicants=args.applicants, entries=args.entries, entry_attachments=args.entry_attachments
    )
    setup_s = time.perf_counter() - started

    clients = []
    for user in data.applicants:
        client = Client()
        client.force_login(user)
        clients.append(client)

    def pages(label: str, path: str, expect: int = 200) -> dict:
        timed(clients[0], "GET", path)  # warm-up (templates compiled, URL resolver filled)
        gc.collect()  # each series starts without the garbage of the one before
        times, queries, size = [], [], 0
        for i in range(args.requests):
            elapsed, count, response = timed(clients[i % len(clients)], "GET", path)
            if response.status_code != expect:
                raise RuntimeError(f"GET {path} answered {response.status_code}")
            times.append(elapsed)
            queries.append(count)
            size = len(response.content)
        page_kb[label] = round(size / 1024)
        return summary(label, path, times, queries)

    page_kb: dict[str, int] = {}
    section_path = reverse("dossier:section", args=[SECTION_KEY])
    check_path = reverse("applications:cover") + "?check=1"
    measurements = [
        pages("dossier page", reverse("dossier:overview")),
        pages(f"section page ({SECTION_KEY})", section_path),
        pages("申报 check page", check_path),
    ]

    # 提交: once per applicant, through the page (the view calls applications.state.application_submit).
    submit_path = reverse("applications:submit")
    times, queries = [], []
    gc.collect()
    for client, application in zip(clients, data.applications, strict=True):
        elapsed, count, response = timed(client, "POST", submit_path, {"application_id": application.pk})
        status = Application.objects.filter(pk=application.pk).values_list("status", flat=True).get()
        if response.status_code != 302 or status != ApplicationStatus.IN_REVIEW:
            raise RuntimeError(
                f"submission of application {application.pk} failed: {response.status_code} "
                f"{response.get('Location')} status={status}"
            )
        times.append(elapsed)
        queries.append(count)
    measurements.append(summary("submit (提交)", submit_path, times, queries))
    # Where 提交 leads: 申报记录 (the route and the events of the submitted application).
    measurements.append(pages("申报记录 page (submitted)", reverse("applications:history")))

    snapshots = [  # one at a time: the benchmark keeps no snapshot alive while it measures
        len(json.dumps(Application.objects.get(pk=a.pk).snapshot, ensure_ascii=False).encode())
        for a in data.applications
    ]
    vendor = connection.vendor
    version = connection.pg_version if vendor == "postgresql" else None
    return {
        "database": "PostgreSQL" if vendor == "postgresql" else "SQLite",
        "server_version": version,
        "setup_s": setup_s,
        "snapshot_kb": sum(snapshots) / len(snapshots) / 1024,
        "page_kb": page_kb,
        "measurements": measurements,
        "counts": {
            "applicants": User.objects.filter(role="applicant").count(),
            "dossier entries": DossierEntry.objects.count(),
            "entries per dossier": sum(data.entries_per_section.values()),
            "attachments": Attachment.objects.count(),
            "applications": Application.objects.count(),
            "review steps": ReviewStep.objects.count(),
            "review events": ReviewEvent.objects.count(),
            "site messages": SiteMessage.objects.count(),
            "audit rows": AuditLog.objects.count(),
        },
    }


# --- Parent: one process per database ---------------------------------------------------------------


def recreate_postgres(url: str) -> None:
    """Drop and create the benchmark database (connecting to the server's `postgres` database)."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name:
        raise SystemExit(f"--pg-url {url} names no database")
    admin_url = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


class WorkerFailed(RuntimeError):
    pass


def worker_env(*, database_url: str, tmp: str) -> dict[str, str]:
    """The environment of a measuring process: local settings with DEBUG off, the given database,
    media in `tmp`, tasks inline, no Redis (every benchmark measures the same configuration)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "zhicheng.settings.local",
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "MEDIA_ROOT": f"{tmp}/media",
        "TASKS_BACKEND": "core.tasks.InlineBackend",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    return env


def run_one(db: str, args: argparse.Namespace) -> dict | None:
    """The figures of one database; None when PostgreSQL cannot be reached with --db both."""
    with tempfile.TemporaryDirectory(prefix="zhicheng-bench-") as tmp:
        if db == "sqlite":
            database_url = f"sqlite:///{tmp}/bench.sqlite3"
        else:
            database_url = args.pg_url
            try:
                recreate_postgres(database_url)
            except Exception as exc:  # server down, no permission: say so and go on with the other one
                print(f"PostgreSQL skipped: cannot recreate {database_url}: {exc}", file=sys.stderr)
                if args.db == "postgres":
                    raise SystemExit(1) from None
                return None
        env = worker_env(database_url=database_url, tmp=tmp)
        out = Path(tmp) / "result.json"
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--worker",
            str(out),
            "--applicants",
            str(args.applicants),
            "--entries",
            str(args.entries),
            "--requests",
            str(args.requests),
            "--entry-attachments",
            str(args.entry_attachments),
        ]
        print(f"{db}: building {args.applicants} dossiers and measuring…", file=sys.stderr, flush=True)
        sys.stdout.flush()
        done = subprocess.run(command, env=env, cwd=ROOT, check=False)  # noqa: S603 - our own script
        if done.returncode != 0:
            raise WorkerFailed(f"{db}: the benchmark failed (exit {done.returncode}), see above")
        return json.loads(out.read_text())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--applicants", type=int, default=20, help="applicants, each submits once")
    parser.add_argument("--entries", type=int, default=30, help="entries per section (≤ 50)")
    parser.add_argument("--requests", type=int, default=50, help="GET requests per page")
    parser.add_argument(
        "--entry-attachments", type=int, default=0, help="scans uploaded for each entry (default 0)"
    )
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_PG_URL),
        help="the PostgreSQL database, dropped and created again "
        f"(default: $BENCH_DATABASE_URL, else {DEFAULT_PG_URL})",
    )
    parser.add_argument("--worker", metavar="RESULT_JSON", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not 1 <= args.entries <= 50:
        parser.error("--entries must be between 1 and 50 (dossier.rules.MAX_ENTRIES_PER_SECTION)")
    if args.applicants < 1 or args.requests < 1:
        parser.error("--applicants and --requests must be at least 1")

    if args.worker:
        result = worker(args)
        Path(args.worker).write_text(json.dumps(result, ensure_ascii=False))
        return 0

    dbs = ("sqlite", "postgres") if args.db == "both" else (args.db,)
    # Other work on the machine moves the figures: the load before the run is printed with them.
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    results, failed = [], False
    for db in dbs:
        try:
            result = run_one(db, args)
        except WorkerFailed as exc:
            print(exc, file=sys.stderr)
            failed = True
            continue
        if result is not None:
            results.append(result)
    if not results:
        return 1
    print(
        f"\n{datetime.now():%Y-%m-%d %H:%M}  {os.cpu_count()} CPUs (load before: {load})  "
        f"Python {sys.version.split()[0]}  "
        f"applicants {args.applicants}, entries/section {args.entries}, "
        f"entry scans {args.entry_attachments}, page requests {args.requests}"
    )
    for r in results:
        if r["server_version"]:
            v = r["server_version"]
            print(f"PostgreSQL server {v // 10000}.{v % 10000}")
    print()
    print_table(results)
    print()
    print_counts(results)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
