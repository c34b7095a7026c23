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
import statistics
import time

from evaluation_setup import Rollback, opened_meeting, start_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=300)
    parser.add_argument("--experts", type=int, default=25)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    start_django("zhicheng-bench-meeting-")
    from django.conf import settings
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from evaluation import meeting
    from evaluation.meeting_models import Tally

    settings.ALLOWED_HOSTS = ["*"]
    office, row, assignments, entry_rows, seconds = opened_meeting(
        applications=args.applications, experts=args.experts
    )
    started = time.perf_counter() - seconds
    drawn = [a.expert for a in assignments]
    entries = [e.pk for e in entry_rows]
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
                raise Rollback
        except Rollback:
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
