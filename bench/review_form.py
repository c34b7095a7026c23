"""Benchmark (issue 5, Speed): the review form (专业技术职称申报评审表) of one full dossier — time
and peak memory of one PDF, and the throughput of --forms in a row. Targets: under 1 s and 150 MB.

    .venv/bin/python bench/review_form.py [--db sqlite|postgres|both] [--entries 30] [--forms 100]

Per database, in a temporary directory (SQLite file or the PostgreSQL database of --pg-url,
dropped and created again; files under a temporary MEDIA_ROOT), DJANGO_SETTINGS_MODULE=
zhicheng.settings.local, DEBUG=0:

1. set-up process: migrate, load_catalog, one applicant of bench/dossier_data.py with a full
   dossier (13 sections × --entries, 专业技术工作总结 one entry), the 1-inch photo uploaded through
   attachments.services.photo_upload, submitted through the state machine, passed by the unit
   (with its 基层意见 and 单位公示) and by the district office, so the trail has two opinions and
   one step still to come; then, in the same process:
   - the first render (cold: the font file is parsed and registered),
   - one render after it (warm), as the applicant's download would run in a live server,
   - --forms renders in a row: each timed (p50, p95, max) and the forms per second,
   - one render under tracemalloc: the peak of Python allocations during it.
2. a fresh process per database: django.setup(), the application read, then one render; its peak
   RSS (getrusage ru_maxrss, the whole process: interpreter, Django, reportlab and the font) and
   the RSS just before the render, so the render's own share shows.

Every render is review_form_pdf(application=…) on the application read from the database (the
snapshot included), the same call the page and the API make; no HTTP."""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import datetime
from pathlib import Path

from dossier_submit import WorkerFailed, pad, percentile, recreate_postgres, width, worker_env

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/zhicheng_bench_review_form"
TARGET_S = 1.0
TARGET_MB = 150


def rss_mb() -> float:
    """The current resident set size (Linux /proc), in MB."""
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KB


# --- Set-up and the in-process figures ------------------------------------------------------------


def setup_django() -> None:
    sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]
    warnings.filterwarnings("ignore", "No directory at")  # whitenoise: no collectstatic here
    import django

    django.setup()


def build(entries: int):
    """The application measured: full dossier, photo, submitted, two steps passed."""
    import dossier_data
    from django.db import transaction

    from accounts.models import Role, User
    from applications.state import application_pass, application_submit
    from attachments.services import photo_upload
    from attachments.tests import corpus
    from recommend.tests.factories import add_publicity, add_recommendation

    data = dossier_data.build(applicants=1, entries=entries, entry_attachments=0)
    applicant, draft = data.applicants[0], data.applications[0]
    photo = corpus.photo_in_range(12, 28, size=(296, 414))
    photo_upload(user=applicant, uploaded_file=corpus.upload("photo.jpg", photo, "image/jpeg"))
    application = application_submit(application_id=draft.pk, actor=applicant)
    add_recommendation(application)
    add_publicity(application)
    unit_admin = User.objects.filter(role=Role.UNIT_ADMIN, organisation=data.unit).first()
    application = application_pass(
        application_id=application.pk, actor=unit_admin, opinion="该同志材料齐全，工作业绩突出，同意推荐。"
    )
    application.refresh_from_db()
    step = application.current_step
    with transaction.atomic():
        reviewer = User.objects.create_user(
            username="bench-district",
            password=None,
            role=Role.DISTRICT_REVIEWER,
            organisation=step.organisation,
            name="县区审核员",
        )
    application_pass(
        application_id=application.pk, actor=reviewer, opinion="经审核，符合申报条件，同意上报。"
    )
    return application.pk


def load(application_id: int):
    from applications.models import Application

    return Application.objects.select_related(
        "applicant", "unit", "series", "track", "title", "committee"
    ).get(pk=application_id)


def worker(args: argparse.Namespace) -> dict:
    setup_django()
    from django.conf import settings
    from django.db import connection

    from documents.review_form import review_form_pdf

    if settings.DEBUG:
        raise SystemExit("DEBUG must be off for timing (DEBUG=0)")
    started = time.perf_counter()
    application_id = build(args.entries)
    setup_s = time.perf_counter() - started

    def render() -> tuple[float, bytes]:
        application = load(application_id)
        start = time.perf_counter()
        content = review_form_pdf(application=application)
        return time.perf_counter() - start, content

    cold_s, content = render()
    gc.collect()
    warm_s, content = render()
    import io

    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(content)).pages)
    size_kb = len(content) / 1024
    del content

    gc.collect()
    times = []
    run_started = time.perf_counter()
    for _ in range(args.forms):
        elapsed, _content = render()
        times.append(elapsed * 1000)
    run_s = time.perf_counter() - run_started

    import tracemalloc

    gc.collect()
    tracemalloc.start()
    render()
    traced_peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()

    vendor = connection.vendor
    return {
        "database": "PostgreSQL" if vendor == "postgresql" else "SQLite",
        "server_version": connection.pg_version if vendor == "postgresql" else None,
        "application_id": application_id,
        "setup_s": setup_s,
        "pages": pages,
        "size_kb": size_kb,
        "cold_s": cold_s,
        "warm_s": warm_s,
        "p50_ms": percentile(times, 50),
        "p95_ms": percentile(times, 95),
        "max_ms": max(times),
        "forms": args.forms,
        "forms_per_s": args.forms / run_s,
        "traced_peak_mb": traced_peak,
    }


def rss_worker(application_id: int) -> dict:
    """A fresh process: one render, its peak RSS."""
    setup_django()
    from documents.review_form import review_form_pdf

    application = load(application_id)
    application.snapshot  # noqa: B018 - read before the baseline (the query, not the render)
    before = rss_mb()
    start = time.perf_counter()
    content = review_form_pdf(application=application)
    elapsed = time.perf_counter() - start
    return {
        "fresh_s": elapsed,
        "rss_before_mb": before,
        "peak_rss_mb": peak_rss_mb(),
        "bytes": len(content),
    }


# --- Parent ---------------------------------------------------------------------------------------


def run_one(db: str, args: argparse.Namespace) -> dict | None:
    with tempfile.TemporaryDirectory(prefix="zhicheng-bench-form-") as tmp:
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
        script = str(Path(__file__).resolve())
        out = Path(tmp) / "result.json"
        print(f"{db}: building a full dossier and rendering…", file=sys.stderr, flush=True)
        command = [sys.executable, script, "--worker", str(out), "--entries", str(args.entries)]
        command += ["--forms", str(args.forms)]
        done = subprocess.run(command, env=env, cwd=ROOT, check=False)  # noqa: S603 - our own script
        if done.returncode != 0:
            raise WorkerFailed(f"{db}: the benchmark failed (exit {done.returncode}), see above")
        result = json.loads(out.read_text())
        rss_out = Path(tmp) / "rss.json"
        command = [sys.executable, script, "--rss-worker", str(rss_out)]
        command += ["--application", str(result["application_id"])]
        done = subprocess.run(command, env=env, cwd=ROOT, check=False)  # noqa: S603
        if done.returncode != 0:
            raise WorkerFailed(f"{db}: the fresh-process render failed (exit {done.returncode})")
        result.update(json.loads(rss_out.read_text()))
        return result


def print_table(results: list[dict]) -> None:
    header = (
        "database",
        "pages",
        "PDF KB",
        "cold s",
        "one s",
        "fresh s",
        "p50 ms",
        "p95 ms",
        "max ms",
        "forms/s",
        "peak RSS MB",
        "RSS before MB",
        "tracemalloc MB",
    )
    rows = [
        (
            r["database"],
            str(r["pages"]),
            f"{r['size_kb']:.0f}",
            f"{r['cold_s']:.3f}",
            f"{r['warm_s']:.3f}",
            f"{r['fresh_s']:.3f}",
            f"{r['p50_ms']:.1f}",
            f"{r['p95_ms']:.1f}",
            f"{r['max_ms']:.1f}",
            f"{r['forms_per_s']:.2f}",
            f"{r['peak_rss_mb']:.1f}",
            f"{r['rss_before_mb']:.1f}",
            f"{r['traced_peak_mb']:.1f}",
        )
        for r in results
    ]
    widths = [max(width(header[i]), *(width(row[i]) for row in rows)) for i in range(len(header))]
    for row in (header, tuple("-" * w for w in widths), *rows):
        print("  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--entries", type=int, default=30, help="entries per section (≤ 50)")
    parser.add_argument("--forms", type=int, default=100, help="forms rendered in a row")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_REVIEW_FORM_DATABASE_URL", DEFAULT_PG_URL),
        help=f"the PostgreSQL database, dropped and created again (default {DEFAULT_PG_URL})",
    )
    parser.add_argument("--worker", metavar="RESULT_JSON", help=argparse.SUPPRESS)
    parser.add_argument("--rss-worker", metavar="RESULT_JSON", help=argparse.SUPPRESS)
    parser.add_argument("--application", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not 1 <= args.entries <= 50:
        parser.error("--entries must be between 1 and 50 (dossier.rules.MAX_ENTRIES_PER_SECTION)")
    if args.forms < 1:
        parser.error("--forms must be at least 1")

    if args.worker:
        Path(args.worker).write_text(json.dumps(worker(args), ensure_ascii=False))
        return 0
    if args.rss_worker:
        Path(args.rss_worker).write_text(json.dumps(rss_worker(args.application)))
        return 0

    dbs = ("sqlite", "postgres") if args.db == "both" else (args.db,)
    load_avg = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
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
        f"\n{datetime.now():%Y-%m-%d %H:%M}  {os.cpu_count()} CPUs (load before: {load_avg})  "
        f"Python {sys.version.split()[0]}  entries/section {args.entries}, forms in a row {args.forms}"
    )
    print()
    print_table(results)
    print()
    for r in results:
        verdict = "met" if r["warm_s"] < TARGET_S and r["peak_rss_mb"] < TARGET_MB else "MISSED"
        print(
            f"{r['database']}: target (< {TARGET_S:g} s, < {TARGET_MB} MB) {verdict}; "
            f"set-up {r['setup_s']:.1f} s"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
