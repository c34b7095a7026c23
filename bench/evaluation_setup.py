"""What the evaluation benchmarks share (bench/meeting_close.py, bench/minutes.py): Django on a new
SQLite file and media directory in a temporary directory (DEBUG=0, inline tasks), migrated, the
pool minimums lowered (rule 27 is not what is measured), and an opened meeting of `applications`
applications with `experts` drawn experts, everyone present. Rows through the test factories."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Rollback(Exception):
    """Raised inside a timed transaction so every run starts from the same rows."""


def start_django(prefix: str) -> None:
    tmp = tempfile.mkdtemp(prefix=prefix)
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

    call_command("migrate", verbosity=0)
    for tier in ("SENIOR", "INTERMEDIATE", "JUNIOR"):
        for formation in ("SERIES", "SPECIALTY"):
            setattr(settings, f"EVALUATION_POOL_MIN_{tier}_{formation}", 1)


def opened_meeting(*, applications: int, experts: int):
    """(office, round, drawn experts, entries, seconds taken): a round drawn with one group of
    `experts`, its meeting opened with everyone present."""
    from evaluation import draw, meeting, rounds
    from evaluation.models import Assignment, RoundApplication
    from evaluation.tests.factories import make_setting

    started = time.perf_counter()
    _c, _s, office, _e, _apps = make_setting(experts=experts, applications=applications)
    row = rounds.round_create(
        actor=office, name="基准批次", year=2026, meeting_date="2026-10-20", experts_to_draw=experts
    )
    draw.round_draw(actor=office, round_id=row.pk)
    assignments = list(Assignment.objects.filter(round=row).select_related("expert__user"))
    drawn = [a.expert for a in assignments]
    meeting.meeting_open(actor=office, round_id=row.pk, chair_id=drawn[0].pk)
    meeting.meeting_attendance(actor=office, round_id=row.pk, present=[e.pk for e in drawn])
    entries = list(RoundApplication.objects.filter(round=row).order_by("pk"))
    return office, row, assignments, entries, time.perf_counter() - started
