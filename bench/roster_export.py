"""Benchmark (issue 5, Speed): time and peak memory of the 花名册 (roster) export at 10,000 and
100,000 rows on PostgreSQL. Target: 100,000 rows in under 60 s and under 200 MB.

    .venv/bin/python bench/roster_export.py [--sizes 10000,100000] [--no-tracemalloc]

The data are bench/review_data.py's (imported, not changed): the database (--pg-url, default
postgres://postgres@127.0.0.1:5432/zhicheng_bench_roster) is dropped and created again, then
prepared (catalogue, 300 units, reviewers) and grown to each size in turn. Each measurement runs in
a fresh Python process (DJANGO_SETTINGS_MODULE=zhicheng.settings.local, DEBUG=0, files in a
temporary MEDIA_ROOT), so its peak RSS is its own:

- "writer, all applications": reviews.export.roster_write_rows — the one writer of the direct
  download and of the export job — over every application in the database (N rows), read in
  chunks of reviews.export.CHUNK exactly as reviews.queue.review_queue_batches reads a queue (the
  ids in order through a server-side cursor, then each chunk's rows with
  reviews.queue._rows_in_order).
  No single reviewer of review_data.py has 100,000 rows in a queue (the busiest, the district
  office, has about 18,000 handled at 100,000 applications), so this is the 100,000-row figure:
  the same writer and the same chunked reading, with a support-like scope of everything.
- "job, district office 已审核": the real path end to end — an ExportJob of the busiest district
  office's largest tab created with exports.services.export_create, run by
  exports.tasks.run_export (count, write with progress updates, save through the storage).

Peak RSS is the process's high-water mark (getrusage ru_maxrss), with the RSS after start-up
(Django loaded, before the export) shown apart; "RSS@10% / @50%" are the high-water marks after
that share of the run's time (sampled every 0.2 s; flat memory: about the same at 10 % and at the
end). A second process per row runs the same export under tracemalloc and reports its peak of
Python allocations (its time is not comparable: tracemalloc slows Python down)."""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from datetime import datetime
from pathlib import Path

from dossier_submit import WorkerFailed, pad, recreate_postgres, width, worker_env

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/zhicheng_bench_roster"
TARGET_SECONDS = 60.0
TARGET_MB = 200.0
SCENARIOS = {
    "all": "writer, all applications",
    "job": "job, district office 已审核",
}


# --- Worker: inside Django -----------------------------------------------------------------------------


def _setup() -> None:
    sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]
    warnings.filterwarnings("ignore", "No directory at")  # whitenoise: no collectstatic here
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    if settings.DEBUG:
        raise SystemExit("DEBUG must be off for timing (DEBUG=0)")
    if connection.vendor != "postgresql":
        raise SystemExit("this benchmark runs on PostgreSQL")


def load(args: argparse.Namespace) -> dict:
    """Prepare (first time) and grow the database to args.to applications; the catalogue is kept
    in a pickle between the loading processes (review_data.grow needs it)."""
    _setup()
    import review_data

    started = time.perf_counter()
    path = Path(args.catalogue)
    # The catalogue of the first loading process is kept in our own pickle for the next one.
    cat = pickle.loads(path.read_bytes()) if path.exists() else review_data.prepare()  # noqa: S301
    prepare_s = time.perf_counter() - started
    load_s = review_data.grow(cat, to=args.to)
    path.write_bytes(pickle.dumps(cat))
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        db_size = cursor.fetchone()[0]
    return {
        "prepare_s": prepare_s,
        "load_s": load_s,
        "counts": review_data.counts(),
        "db_size": db_size,
        "server_version": connection.pg_version,
    }


def _rss_kb() -> int:
    """The current resident set (VmRSS), in KB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def all_batches(chunk: int):
    """Every application, in id order, in batches read as reviews.queue.review_queue_batches reads
    a queue."""
    from django.db.models import F

    from applications.models import Application
    from reviews.queue import _rows_in_order

    found: list[dict] = []
    ids = Application.objects.order_by("pk").values(application_id=F("pk"), time=F("submitted_at"))
    for row in ids.iterator(chunk_size=chunk):
        found.append(row)
        if len(found) == chunk:
            yield _rows_in_order(found)
            found = []
    if found:
        yield _rows_in_order(found)


def measure(args: argparse.Namespace) -> dict:
    _setup()
    import tracemalloc

    from django.db import connection

    from exports.models import ExportJob, ExportKind
    from exports.services import export_create
    from exports.tasks import run_export
    from reviews.export import CHUNK, roster_write_rows
    from reviews.queue import TAB_HANDLED, QueueFilters, queue_ids

    cat = pickle.loads(Path(args.catalogue).read_bytes())  # noqa: S301 - our own file
    queries = [0]

    def count(execute, sql, params, many, context):
        queries[0] += 1
        return execute(sql, params, many, context)

    if args.scenario == "all":
        from applications.models import Application

        expected = Application.objects.count()
    else:
        reviewer = cat.reviewers.district
        expected = queue_ids(actor=reviewer, filters=QueueFilters(tab=TAB_HANDLED)).count()
    samples: list[tuple[float, int]] = []  # (seconds since start, high-water RSS in KB)
    stop = threading.Event()

    def sample(started: float) -> None:
        while not stop.wait(0.2):
            samples.append(
                (time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
            )

    baseline = _rss_kb()
    if args.traced:
        tracemalloc.start()
    size = 0
    with connection.execute_wrapper(count):
        started = time.perf_counter()
        sampler = threading.Thread(target=sample, args=(started,), daemon=True)
        sampler.start()
        if args.scenario == "all":
            with tempfile.TemporaryFile() as handle:
                rows = roster_write_rows(
                    all_batches(CHUNK),
                    fileobj=handle,
                    full_id_number=False,
                    time_header="提交时间",
                )
                size = handle.seek(0, 2)
        else:
            job = export_create(actor=reviewer, kind=ExportKind.ROSTER, params={"tab": TAB_HANDLED})
            if ExportJob.objects.get(pk=job.pk).status == "queued":  # a queue backend: run it here
                run_export(job_id=job.pk)
            job.refresh_from_db()
            if job.status != "done":
                raise SystemExit(f"the export job failed: {job.error}")
            rows, size = job.done, job.size
        seconds = time.perf_counter() - started
        stop.set()
        sampler.join()
    at_marks = {}
    for share in (10, 50):
        before = [kb for t, kb in samples if t <= seconds * share / 100]
        if before:
            at_marks[f"{share}%"] = before[-1]
    traced = tracemalloc.get_traced_memory()[1] if args.traced else None
    return {
        "scenario": args.scenario,
        "rows": rows,
        "expected": expected,
        "seconds": seconds,
        "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "baseline_rss_kb": baseline,
        "marks_kb": at_marks,
        "tracemalloc_peak": traced,
        "file_bytes": size,
        "queries": queries[0],
    }


# --- Parent -------------------------------------------------------------------------------------------


def _worker(env: dict, *argv: str) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        path = Path(out.name)
    try:
        command = [sys.executable, str(Path(__file__).resolve()), "--worker", str(path), *argv]
        done = subprocess.run(command, env=env, cwd=ROOT, check=False)  # noqa: S603 - our own script
        if done.returncode != 0:
            raise WorkerFailed(f"the benchmark worker failed (exit {done.returncode}): {' '.join(argv)}")
        return json.loads(path.read_text())
    finally:
        path.unlink(missing_ok=True)


def _mb(kb: float | None) -> str:
    return "—" if kb is None else f"{kb / 1024:.0f}"


def print_table(rows: list[dict]) -> None:
    header = (
        "applications",
        "what",
        "rows",
        "seconds",
        "rows/s",
        "peak RSS MB",
        "start MB",
        "RSS@10% MB",
        "RSS@50% MB",
        "tracemalloc MB",
        "file MB",
        "queries",
    )
    cells = [
        (
            f"{r['size']:,}",
            SCENARIOS[r["scenario"]],
            f"{r['rows']:,}",
            f"{r['seconds']:.1f}",
            f"{r['rows'] / r['seconds']:,.0f}" if r["seconds"] else "—",
            _mb(r["peak_rss_kb"]),
            _mb(r["baseline_rss_kb"]),
            _mb(r["marks_kb"].get("10%")),
            _mb(r["marks_kb"].get("50%")),
            "—" if r.get("tracemalloc_peak") is None else f"{r['tracemalloc_peak'] / 1024 / 1024:.1f}",
            f"{r['file_bytes'] / 1024 / 1024:.1f}",
            str(r["queries"]),
        )
        for r in rows
    ]
    widths = [max(width(header[i]), *(width(c[i]) for c in cells)) for i in range(len(header))]
    for row in (header, tuple("-" * w for w in widths), *cells):
        print("  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip())


def verdict(rows: list[dict]) -> list[str]:
    lines = []
    big = [r for r in rows if r["rows"] >= 100_000]
    for r in big:
        ok_time = r["seconds"] < TARGET_SECONDS
        ok_mem = r["peak_rss_kb"] / 1024 < TARGET_MB
        lines.append(
            f"{SCENARIOS[r['scenario']]}, {r['rows']:,} rows: {r['seconds']:.1f} s "
            f"({'<' if ok_time else '>='} {TARGET_SECONDS:.0f} s), peak RSS {r['peak_rss_kb'] / 1024:.0f} MB "
            f"({'<' if ok_mem else '>='} {TARGET_MB:.0f} MB): {'yes' if ok_time and ok_mem else 'NO'}"
        )
    by_scenario: dict[str, list[dict]] = {}
    for r in rows:
        by_scenario.setdefault(r["scenario"], []).append(r)
    for scenario, measured in by_scenario.items():
        if len(measured) > 1:
            growth = [
                f"{r['rows']:,} rows {(r['peak_rss_kb'] - r['baseline_rss_kb']) / 1024:.0f} MB"
                for r in measured
            ]
            lines.append(f"{SCENARIOS[scenario]}: peak RSS above start-up: " + ", ".join(growth))
    return lines


def run(args: argparse.Namespace) -> dict:
    recreate_postgres(args.pg_url)
    with tempfile.TemporaryDirectory(prefix="zhicheng-bench-roster-") as tmp:
        env = worker_env(database_url=args.pg_url, tmp=tmp)
        catalogue = f"{tmp}/catalogue.pickle"
        rows, loads = [], []
        for size in args.sizes:
            print(f"loading up to {size:,} applications…", file=sys.stderr, flush=True)
            loaded = _worker(env, "--load", "--to", str(size), "--catalogue", catalogue)
            loads.append({"size": size, **loaded})
            for scenario in SCENARIOS:
                print(f"measuring {SCENARIOS[scenario]} at {size:,}…", file=sys.stderr, flush=True)
                row = _worker(env, "--scenario", scenario, "--catalogue", catalogue)
                if args.tracemalloc:
                    traced = _worker(env, "--scenario", scenario, "--catalogue", catalogue, "--traced")
                    row["tracemalloc_peak"] = traced["tracemalloc_peak"]
                    row["tracemalloc_seconds"] = traced["seconds"]
                rows.append({"size": size, **row})
                print(
                    f"  {row['rows']:,} rows in {row['seconds']:.1f} s, "
                    f"peak RSS {row['peak_rss_kb'] / 1024:.0f} MB",
                    file=sys.stderr,
                    flush=True,
                )
        return {"rows": rows, "loads": loads}


def sizes_arg(text: str) -> list[int]:
    try:
        sizes = sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError("sizes are numbers separated by commas, e.g. 10000,100000") from None
    if not sizes or sizes[0] < 100:
        raise argparse.ArgumentTypeError("each size must be at least 100")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=sizes_arg, default=[10_000, 100_000], help="applications, ascending")
    parser.add_argument(
        "--no-tracemalloc", dest="tracemalloc", action="store_false", help="skip the tracemalloc runs"
    )
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_ROSTER_DATABASE_URL", DEFAULT_PG_URL),
        help="the PostgreSQL database, dropped and created again "
        f"(default: $BENCH_ROSTER_DATABASE_URL, else {DEFAULT_PG_URL})",
    )
    parser.add_argument("--worker", metavar="RESULT_JSON", help=argparse.SUPPRESS)
    parser.add_argument("--load", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--to", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--catalogue", help=argparse.SUPPRESS)
    parser.add_argument("--scenario", choices=list(SCENARIOS), help=argparse.SUPPRESS)
    parser.add_argument("--traced", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        result = load(args) if args.load else measure(args)
        Path(args.worker).write_text(json.dumps(result, ensure_ascii=False))
        return 0

    load_avg = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    try:
        result = run(args)
    except WorkerFailed as exc:
        print(exc, file=sys.stderr)
        return 1
    except Exception as exc:  # server down, no permission
        print(f"cannot recreate {args.pg_url}: {exc}", file=sys.stderr)
        return 1
    v = result["loads"][0]["server_version"]
    print(
        f"\n{datetime.now():%Y-%m-%d %H:%M}  {os.cpu_count()} CPUs (load before: {load_avg})  "
        f"Python {sys.version.split()[0]}  PostgreSQL {v // 10000}.{v % 10000}"
    )
    print()
    print_table(result["rows"])
    print()
    for line in verdict(result["rows"]):
        print(line)
    print()
    for s in result["loads"]:
        counts = ", ".join(f"{name} {count:,}" for name, count in s["counts"].items())
        print(f"{s['size']:,}: loaded in {s['load_s']:.1f} s; {counts}; database {s['db_size']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
