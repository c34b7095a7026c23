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
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="zhicheng-bench-minutes-")
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
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    for tier in ("SENIOR", "INTERMEDIATE", "JUNIOR"):
        for formation in ("SERIES", "SPECIALTY"):
            setattr(settings, f"EVALUATION_POOL_MIN_{tier}_{formation}", 1)

    from evaluation import draw, meeting, minutes, rounds
    from evaluation.meeting_models import Tally
    from evaluation.models import Assignment, RoundApplication
    from evaluation.opinion_models import Opinion
    from evaluation.tests.factories import make_setting

    started = time.perf_counter()
    _c, _s, office, _e, _apps = make_setting(experts=args.experts, applications=args.applications)
    row = rounds.round_create(
        actor=office, name="基准批次", year=2026, meeting_date="2026-10-20", experts_to_draw=args.experts
    )
    draw.round_draw(actor=office, round_id=row.pk)
    assignments = list(Assignment.objects.filter(round=row).select_related("expert__user"))
    entries = list(RoundApplication.objects.filter(round=row))
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
    meeting.meeting_open(actor=office, round_id=row.pk, chair_id=drawn[0].pk)
    meeting.meeting_attendance(actor=office, round_id=row.pk, present=[e.pk for e in drawn])
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
                raise _Rollback
        except _Rollback:
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
