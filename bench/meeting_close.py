"""Benchmark (issue 13, Speed): closing a meeting of 300 applications with 25 experts on SQLite
(target: under 2 s), p50 / p95 over --runs closes, and the queries of the office's meeting page
and an expert's ballot page (which must not grow with the applications; the tests assert it).

    /work/main/.venv/bin/python bench/meeting_close.py [--applications 300] [--experts 25] [--runs 10]

One process, DJANGO_SETTINGS_MODULE=zhicheng.settings.local, DEBUG=0, a new SQLite file in a
temporary directory: migrate, then the rows through the test factories (a committee, its pool, the
approved applications), a round drawn with one group of --experts, the meeting opened, everyone
present, and the counters set directly (the close reads only counters and attendance). Each timed
close runs in a transaction that is rolled back, so every run closes the same open meeting."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class _Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=300)
    parser.add_argument("--experts", type=int, default=25)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="zhicheng-bench-meeting-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="zhicheng.settings.local",
        DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3",
        DEBUG="0",
        MEDIA_ROOT=f"{tmp}/media",
        TASKS_BACKEND="core.tasks.InlineBackend",
        LOG_LEVEL="WARNING",
    )
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    call_command("migrate", verbosity=0)
    for tier in ("SENIOR", "INTERMEDIATE", "JUNIOR"):
        for formation in ("SERIES", "SPECIALTY"):
            setattr(settings, f"EVALUATION_POOL_MIN_{tier}_{formation}", 1)
    settings.ALLOWED_HOSTS = ["*"]

    from evaluation import draw, meeting, rounds
    from evaluation.meeting_models import Tally
    from evaluation.models import Assignment, RoundApplication
    from evaluation.tests.factories import make_setting

    started = time.perf_counter()
    _c, _s, office, _e, _apps = make_setting(experts=args.experts, applications=args.applications)
    row = rounds.round_create(
        actor=office, name="基准批次", year=2026, meeting_date="2026-10-20", experts_to_draw=args.experts
    )
    draw.round_draw(actor=office, round_id=row.pk)
    drawn = [a.expert for a in Assignment.objects.filter(round=row).select_related("expert__user")]
    meeting.meeting_open(actor=office, round_id=row.pk, chair_id=drawn[0].pk)
    meeting.meeting_attendance(actor=office, round_id=row.pk, present=[e.pk for e in drawn])
    entries = list(RoundApplication.objects.filter(round=row).values_list("pk", flat=True))
    meeting.ballots_cast(actor=drawn[0].user, entry_id=entries[0], choice="agree")
    Tally.objects.filter(meeting__round=row).update(agree=17, disagree=6, abstain=2)
    print(
        f"set-up: {time.perf_counter() - started:.1f} s ({len(entries)} applications, {len(drawn)} experts)"
    )

    times = []
    for _ in range(args.runs):
        try:
            with transaction.atomic():
                t0 = time.perf_counter()
                meeting.meeting_close(actor=office, round_id=row.pk)
                times.append((time.perf_counter() - t0) * 1000)
                raise _Rollback
        except _Rollback:
            pass
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(
        f"close ({len(entries)} results): p50 {statistics.median(times):.0f} ms, "
        f"p95 {p95:.0f} ms, target < 2000 ms"
    )

    client = Client()
    for who, url in (
        (office, reverse("evaluation:meeting", args=[row.pk])),
        (drawn[1].user, reverse("evaluation:ballot", args=[row.pk])),
    ):
        client.force_login(who)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            t0 = time.perf_counter()
            status = client.get(url).status_code
            ms = (time.perf_counter() - t0) * 1000
        print(f"GET {url}: {status}, {len(queries)} queries, {ms:.0f} ms")


if __name__ == "__main__":
    main()
