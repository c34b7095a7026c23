"""Benchmark (issue 4, Speed): p50 / p95 of the review queue (申报审核) at 10,000 and 100,000
applications on PostgreSQL, and its queries per request (which must not grow with the rows).

    .venv/bin/python bench/review_queue.py [--sizes 10000,100000] [--requests 50] [--explain]
        [--who district,city]

One Python process (DJANGO_SETTINGS_MODULE=zhicheng.settings.local, DEBUG=0) on a real PostgreSQL
database, dropped and created again at the start (--pg-url, default
postgres://postgres@127.0.0.1:5432/zhicheng_bench_queue): migrate, load_catalog, then the units,
reviewers and applications of bench/review_data.py, grown to each size in turn in the same
database (10,000 measured, 90,000 added, measured again). Requests go through django.test.Client
in that process: server time (middleware, view, selectors, template, database), no network.

Measured as two signed-in reviewers by default — the district office with the most units
(县区人社局) and the city bureau (市人社局); --who adds the department (主管部门), the busiest
committee's office and the busiest unit — each row 50 timed GET requests after one warm-up:
- GET /reviews/                          待审核, default sort (newest first), page 1
- GET /reviews/?series=…&level=…         filtered: the series and level most frequent in the queue
- GET /reviews/?q=张                     name search (part of a name)
- GET /reviews/?q=<ID number>            ID-number search (exact, an applicant in the queue)
- GET /reviews/?tab=handled              已审核
- GET /reviews/?page=50                  a later page (the last one when there are fewer)

--explain prints EXPLAIN (ANALYZE, BUFFERS) of the slowest SQL of every row over the target at
the largest size."""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import datetime
from pathlib import Path

from dossier_submit import WorkerFailed, pad, percentile, recreate_postgres, width, worker_env

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/zhicheng_bench_queue"
TARGET_P95_MS = 50.0
# --who: the accounts of bench/review_data.Reviewers, as the table names them.
REVIEWERS = {
    "district": "district office",
    "city": "city bureau",
    "department": "department",
    "committee": "committee office",
    "unit": "unit",
}


# --- Figures ------------------------------------------------------------------------------------------


def row_summary(size: int, who: str, what: str, path: str, times, sql_ms, queries) -> dict:
    qmin, qmax = min(queries), max(queries)
    return {
        "size": size,
        "who": who,
        "what": what,
        "path": path,
        "n": len(times),
        "p50": percentile(times, 50),
        "p95": percentile(times, 95),
        "max": max(times),
        "sql_p50": percentile(sql_ms, 50),
        "queries": str(qmin) if qmin == qmax else f"{qmin}–{qmax}",
    }


def print_table(rows: list[dict]) -> None:
    header = ("applications", "reviewer", "what", "n", "p50 ms", "p95 ms", "max ms", "SQL p50 ms", "queries")
    cells = [
        (
            f"{r['size']:,}",
            r["who"],
            r["what"],
            str(r["n"]),
            f"{r['p50']:.1f}",
            f"{r['p95']:.1f}",
            f"{r['max']:.1f}",
            f"{r['sql_p50']:.1f}",
            r["queries"],
        )
        for r in rows
    ]
    widths = [max(width(header[i]), *(width(c[i]) for c in cells)) for i in range(len(header))]
    for row in (header, tuple("-" * w for w in widths), *cells):
        print("  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip())


def verdict(rows: list[dict]) -> list[str]:
    """Whether the query counts are the same at every size, and the p95 target at the largest."""
    lines = []
    sizes = sorted({r["size"] for r in rows})
    by_key: dict[tuple[str, str], dict[int, str]] = {}
    for r in rows:
        by_key.setdefault((r["who"], r["what"]), {})[r["size"]] = r["queries"]
    differing = [
        f"{who} {what}: {counts}" for (who, what), counts in by_key.items() if len(set(counts.values())) > 1
    ]
    if len(sizes) > 1:
        if differing:
            lines.append("Queries per request differ between sizes (NOT constant):")
            lines += [f"  {d}" for d in differing]
        else:
            lines.append(
                f"Queries per request: the same at {' and '.join(f'{s:,}' for s in sizes)} applications."
            )
    # The target is the queue's (page and filtered search); the 工作台's figures are shown apart.
    largest = [r for r in rows if r["size"] == sizes[-1] and not r["what"].startswith("工作台")]
    over = [r for r in largest if r["p95"] >= TARGET_P95_MS]
    if over:
        lines.append(
            f"Queue p95 < {TARGET_P95_MS:.0f} ms at {sizes[-1]:,}: NO — {len(over)} of {len(largest)} rows "
            f"over the target (worst {max(r['p95'] for r in over):.0f} ms)."
        )
    else:
        lines.append(f"Queue p95 < {TARGET_P95_MS:.0f} ms at {sizes[-1]:,}: yes, all {len(largest)} rows.")
    return lines


# --- Worker: inside Django --------------------------------------------------------------------------


def timed(client, path: str):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # CaptureQueriesContext counts on the connection's log of 9,000 queries: emptied first, so a
    # long run never fills it (a full log would make every later request count 0 queries).
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        response = client.get(path)
        elapsed = (time.perf_counter() - start) * 1000
    return elapsed, ctx.captured_queries, response


def session_renewal(queries) -> int:
    """Queries of the session renewal (core.middleware.SessionIdleMiddleware: BEGIN, UPDATE
    django_session, COMMIT, at most once a minute per user): not the queue's, counted apart."""
    sqls = [q["sql"] for q in queries]
    for i, sql in enumerate(sqls):
        if sql.startswith('UPDATE "django_session"'):
            around = sqls[i - 1 : i] + sqls[i + 1 : i + 2]
            return 1 + sum(1 for other in around if other in ("BEGIN", "COMMIT"))
    return 0


def scenarios(actor) -> list[tuple[str, str, dict, bool]]:
    """(what, path with query string, notes, fresh) for one reviewer, chosen from its own queue;
    `fresh`: the cache is emptied before each request (the 工作台's figures counted anew)."""
    from django.db.models import Count
    from django.urls import reverse
    from django.utils.http import urlencode

    from applications.models import Application
    from reviews.queue import QueueFilters, queue_ids

    queue = reverse("reviews:queue")
    waiting = queue_ids(actor=actor, filters=QueueFilters()).values("application_id")
    pending = Application.objects.filter(pk__in=waiting)
    common = (
        pending.order_by()
        .values("series_id", "level")
        .annotate(n=Count("pk"))
        .order_by("-n", "series_id")
        .first()
    )
    first = pending.select_related("applicant").order_by("pk").first()
    rows = [("待审核 (default)", queue, {}, False)]
    if common:
        rows.append(
            (
                "filter: series + level",
                f"{queue}?{urlencode({'series': common['series_id'], 'level': common['level']})}",
                {"matching": common["n"]},
                False,
            )
        )
    rows.append(("search: name (q=张)", f"{queue}?{urlencode({'q': '张'})}", {}, False))
    if first:
        rows.append(
            ("search: ID number (exact)", f"{queue}?{urlencode({'q': first.applicant.id_number})}", {}, False)
        )
    rows.append(("已审核 tab", f"{queue}?tab=handled", {}, False))
    rows.append(("page 50", f"{queue}?page=50", {}, False))
    home = reverse("workbench:home")
    rows.append(("工作台: 审核概况 (counted)", home, {}, True))
    rows.append(("工作台: 审核概况 (same minute)", home, {}, False))
    return rows


def uses_snapshot(queries) -> bool:
    return any('"applications_application"."snapshot"' in q["sql"] for q in queries)


def explain(sql: str) -> str:
    from django.db import DatabaseError, connection

    if not sql.lstrip().upper().startswith("SELECT"):
        return "(not a SELECT: not explained)"
    try:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            return "\n".join(row[0] for row in cursor.fetchall())
    except DatabaseError as exc:  # a plan is a diagnostic: never lose the figures for it
        return f"(EXPLAIN failed: {exc})"


def measure(cat, size: int, args) -> tuple[list[dict], dict, list[dict]]:
    from django.core.cache import cache
    from django.test import Client

    from reviews.queue import QueueFilters, review_counts
    from reviews.selectors import review_scope
    from reviews.views import PAGE_SIZE

    reviewers = [(REVIEWERS[key], getattr(cat.reviewers, key)) for key in args.who]
    rows, notes, plans = [], {}, []
    for who, user in reviewers:
        client = Client()
        client.force_login(user)
        counts = review_counts(actor=user, filters=QueueFilters())
        notes[who] = {
            "name": str(user.organisation),
            "待审核": counts["pending"],
            "已审核": counts["handled"],
            "in scope": review_scope(actor=user).count(),
            "pages": -(-counts["pending"] // PAGE_SIZE),
        }
        for what, path, extra, fresh in scenarios(user):
            timed(client, path)  # warm-up (templates compiled, plans and caches filled)
            gc.collect()  # each series starts without the garbage of the one before
            times, sql_ms, counts_q, slowest = [], [], [], (0.0, "")
            snapshot, renewals = False, 0
            for _ in range(args.requests):
                if fresh:
                    cache.clear()
                elapsed, queries, response = timed(client, path)
                if response.status_code != 200:
                    raise RuntimeError(f"{who}: GET {path} answered {response.status_code}")
                times.append(elapsed)
                sql_ms.append(sum(float(q["time"]) for q in queries) * 1000)
                renewal = session_renewal(queries)
                renewals += bool(renewal)
                counts_q.append(len(queries) - renewal)
                snapshot = snapshot or uses_snapshot(queries)
                for q in queries:
                    if float(q["time"]) * 1000 > slowest[0]:
                        slowest = (float(q["time"]) * 1000, q["sql"])
            row = row_summary(size, who, what, path, times, sql_ms, counts_q)
            row.update(extra)
            row["snapshot"] = snapshot
            row["renewals"] = renewals
            row["kb"] = round(len(response.content) / 1024)
            row["slowest_ms"] = slowest[0]
            rows.append(row)
            if args.explain and row["p95"] >= TARGET_P95_MS and size == max(args.sizes):
                plans.append(
                    {
                        "who": who,
                        "what": what,
                        "ms": slowest[0],
                        "sql": slowest[1],
                        "plan": explain(slowest[1]),
                    }
                )
    return rows, notes, plans


def worker(args: argparse.Namespace) -> dict:
    sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]
    warnings.filterwarnings("ignore", "No directory at")  # whitenoise: no collectstatic here
    import django

    django.setup()

    import review_data
    from django.conf import settings
    from django.db import connection

    if settings.DEBUG:
        raise SystemExit("DEBUG must be off for timing (DEBUG=0)")
    if connection.vendor != "postgresql":
        raise SystemExit("this benchmark runs on PostgreSQL")

    def progress(have: int, seconds: float) -> None:
        if have % 25_000 == 0:
            print(f"  {have:,} applications ({seconds:.0f} s)", file=sys.stderr, flush=True)

    started = time.perf_counter()
    cat = review_data.prepare()
    prepare_s = time.perf_counter() - started
    rows, sizes, plans = [], [], []
    for size in args.sizes:
        print(f"loading up to {size:,} applications…", file=sys.stderr, flush=True)
        load_s = review_data.grow(cat, to=size, progress=progress)
        print(f"measuring at {size:,}…", file=sys.stderr, flush=True)
        measured, notes, explained = measure(cat, size, args)
        with contextlib.redirect_stdout(sys.stderr):  # the figures so far, should a later size fail
            print_table(measured)
        rows += measured
        plans += explained
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            db_size = cursor.fetchone()[0]
        sizes.append(
            {
                "size": size,
                "load_s": load_s,
                "counts": review_data.counts(),
                "queues": notes,
                "db_size": db_size,
            }
        )
    return {
        "server_version": connection.pg_version,
        "prepare_s": prepare_s,
        "rows": rows,
        "sizes": sizes,
        "plans": plans,
    }


# --- Parent ---------------------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> dict:
    recreate_postgres(args.pg_url)
    with tempfile.TemporaryDirectory(prefix="zhicheng-bench-") as tmp:
        env = worker_env(database_url=args.pg_url, tmp=tmp)
        out = Path(tmp) / "result.json"
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--worker",
            str(out),
            "--sizes",
            ",".join(str(s) for s in args.sizes),
            "--requests",
            str(args.requests),
            "--who",
            ",".join(args.who),
            *(["--explain"] if args.explain else []),
        ]
        done = subprocess.run(command, env=env, cwd=ROOT, check=False)  # noqa: S603 - our own script
        if done.returncode != 0:
            raise WorkerFailed(f"the benchmark failed (exit {done.returncode}), see above")
        return json.loads(out.read_text())


def sizes_arg(text: str) -> list[int]:
    try:
        sizes = sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError("sizes are numbers separated by commas, e.g. 10000,100000") from None
    if not sizes or sizes[0] < 100:
        raise argparse.ArgumentTypeError("each size must be at least 100")
    return sizes


def who_arg(text: str) -> list[str]:
    keys = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [k for k in keys if k not in REVIEWERS]
    if unknown or not keys:
        raise argparse.ArgumentTypeError(f"choose among {', '.join(REVIEWERS)}")
    return keys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=sizes_arg, default=[10_000, 100_000], help="applications, ascending")
    parser.add_argument("--requests", type=int, default=50, help="timed GET requests per row")
    parser.add_argument(
        "--who",
        type=who_arg,
        default=["district", "city"],
        help=f"reviewers, comma-separated, of {', '.join(REVIEWERS)} (default: district,city)",
    )
    parser.add_argument("--explain", action="store_true", help="plans of the slowest SQL over the target")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_QUEUE_DATABASE_URL", DEFAULT_PG_URL),
        help="the PostgreSQL database, dropped and created again "
        f"(default: $BENCH_QUEUE_DATABASE_URL, else {DEFAULT_PG_URL})",
    )
    parser.add_argument("--worker", metavar="RESULT_JSON", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.requests < 1:
        parser.error("--requests must be at least 1")

    if args.worker:
        result = worker(args)
        Path(args.worker).write_text(json.dumps(result, ensure_ascii=False))
        return 0

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    try:
        result = run(args)
    except WorkerFailed as exc:
        print(exc, file=sys.stderr)
        return 1
    except Exception as exc:  # server down, no permission
        print(f"cannot recreate {args.pg_url}: {exc}", file=sys.stderr)
        return 1
    v = result["server_version"]
    print(
        f"\n{datetime.now():%Y-%m-%d %H:%M}  {os.cpu_count()} CPUs (load before: {load})  "
        f"Python {sys.version.split()[0]}  PostgreSQL {v // 10000}.{v % 10000}  "
        f"requests per row {args.requests}"
    )
    print()
    print_table(result["rows"])
    print()
    for line in verdict(result["rows"]):
        print(line)
    snapshot_rows = [f"{r['who']} {r['what']}" for r in result["rows"] if r["snapshot"]]
    read = "yes — " + ", ".join(snapshot_rows) if snapshot_rows else "no"
    print(f"Snapshot column read by the queue: {read}.")
    renewed = sum(r["renewals"] for r in result["rows"])
    print(
        "Queries exclude the session renewal (BEGIN, UPDATE django_session, COMMIT: at most once a "
        f"minute per user; {renewed} of {sum(r['n'] for r in result['rows'])} requests had it)."
    )
    print()
    print(f"set-up (migrate, catalogue, units, reviewers) {result['prepare_s']:.1f} s")
    for s in result["sizes"]:
        counts = ", ".join(f"{name} {count:,}" for name, count in s["counts"].items())
        print(f"{s['size']:,}: loaded in {s['load_s']:.1f} s; {counts}; database {s['db_size']}")
        for who, q in s["queues"].items():
            print(
                f"  {who} ({q['name']}): 待审核 {q['待审核']:,} ({q['pages']} pages), "
                f"已审核 {q['已审核']:,}, in scope {q['in scope']:,}"
            )
    for p in result["plans"]:
        print(f"\n--- {p['who']} / {p['what']}: slowest SQL {p['ms']:.1f} ms ---\n{p['sql']}\n\n{p['plan']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
