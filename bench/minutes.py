"""Benchmark (issue 13 item 6): building the minutes (会议纪要, both copies) of a closed meeting of
300 applications with 25 experts on SQLite, each with three written opinions and scores, and the
queries the build reads with (a constant number: they must not grow with the applications).

    /work/main/.venv/bin/python bench/minutes.py [--applications 300] [--experts 25] [--runs 3]

One process, DJANGO_SETTINGS_MODULE=zhicheng.settings.local, DEBUG=0, a new SQLite file and media
directory in a temporary directory: the rows through the test factories, a round drawn with one
group of --experts, opinions bulk-inserted, the meeting opened, everyone present, the counters set
directly and the meeting closed. Each timed build (the first request's archiving, both copies) runs
in a transaction that is rolled back (its files are left in the temporary directory)."""

from __future__ import annotations

import argparse
import statistics
import time

from evaluation_setup import Rollback, opened_meeting, start_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=300)
    parser.add_argument("--experts", type=int, default=25)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    start_django("zhicheng-bench-minutes-")
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from evaluation import meeting, minutes
    from evaluation.meeting_models import Tally
    from evaluation.opinion_models import Opinion

    office, row, assignments, entries, seconds = opened_meeting(
        applications=args.applications, experts=args.experts
    )
    started = time.perf_counter() - seconds
    Opinion.objects.bulk_create(
        [
            Opinion(
                entry=e,
                assignment=a,
                expert=a.expert,
                text="业绩突出，符合申报条件。",
                recommendation="pass" if n else "fail",
                scores={"achievements": 85, "publications": 78.5},
            )
            for e in entries
            for n, a in enumerate(assignments[:3])
        ]
    )
    drawn = [a.expert for a in assignments]
    Tally.objects.filter(meeting__round=row).update(agree=17, disagree=6, abstain=2)
    meeting.meeting_close(actor=office, round_id=row.pk)
    print(
        f"set-up: {time.perf_counter() - started:.1f} s ({len(entries)} applications, {len(drawn)} experts)"
    )

    times, sizes, queries = [], {}, 0
    for _ in range(args.runs):
        try:
            with transaction.atomic(), CaptureQueriesContext(connection) as captured:
                t0 = time.perf_counter()
                got = minutes.minutes_download(actor=office, round_id=row.pk)
                times.append((time.perf_counter() - t0) * 1000)
                queries = len(captured)
                sizes = {m.copy: m.size for m in got.minutes.meeting.minutes.all()}
                raise Rollback
        except Rollback:
            pass
    print(
        f"first request, both copies archived ({len(entries)} applications): "
        f"median {statistics.median(times):.0f} ms, max {max(times):.0f} ms, {queries} queries, "
        f"sizes {', '.join(f'{k} {v // 1024} KB' for k, v in sizes.items())}"
    )
    minutes.minutes_download(actor=office, round_id=row.pk)
    t0 = time.perf_counter()
    minutes.minutes_download(actor=office, round_id=row.pk)
    print(f"later request (served from the storage): {(time.perf_counter() - t0) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
