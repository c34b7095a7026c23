"""审核概况 on the 工作台 (and reviews_summary): the per-status counts of everything in a reviewer's
scope, by committee, with the queue's two tabs counted as reviews/queue.py counts them."""

from __future__ import annotations

from datetime import datetime

from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone

from applications.models import PROVINCE_NAME, ApplicationKind, ApplicationStatus

from .queue import TAB_HANDLED, TAB_PENDING, QueueFilters, tab_count
from .selectors import review_scope

SUMMARY_SECONDS = 60


def _scope_key(actor) -> str:
    """What decides a reviewer's scope: its role and its organisation or committee (colleagues of
    one organisation share the figures)."""
    return f"{actor.role}:{actor.organisation_id or 0}:{getattr(actor, 'committee_id', None) or 0}"


def review_summary(*, actor, year: int | None = None, now: datetime | None = None) -> dict:
    """Per-status counts of everything in the actor's scope (all years, or one), by committee,
    with the tabs' counts. Counting a whole scope reads every application in it, so the figures
    are kept for a minute per organisation (`counted_at` says when they were counted)."""
    key = f"reviews:summary:{_scope_key(actor)}:{year or 'all'}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    scope = review_scope(actor=actor)
    if year is not None:
        scope = scope.filter(year=year)
    grouped = scope.values(
        "committee_id",
        "committee__name",
        "kind",
        "recognition__office__name",
        "confirmation__office__name",
        "confirmation__confirmer",
        "postdoc__office__name",
        "status",
    ).annotate(n=Count("pk"))
    statuses = {value: 0 for value in ApplicationStatus.values}
    committees: dict[object, dict] = {}
    for row in grouped.order_by("committee__name", "committee_id", "recognition__office__name"):
        statuses[row["status"]] += row["n"]
        if row["committee_id"] is not None:
            group, name = row["committee_id"], row["committee__name"]
        else:
            # 考核认定 and 职称确认 (decision 0007): one row per recognising or confirming office
            # instead of a committee (the province for a 高级 confirmation).
            office = (
                row["recognition__office__name"]
                or row["confirmation__office__name"]
                or row["postdoc__office__name"]
            )
            province = row["confirmation__confirmer"] == "province" or row["kind"] == ApplicationKind.POSTDOC
            if not office and province:
                office = PROVINCE_NAME  # a 高级 confirmation or a postdoc's 副高级 without delegation
            label = ApplicationKind(row["kind"]).label
            name = f"{label}（{office}）" if office else label
            group = ("office", name)
        entry = committees.setdefault(
            group,
            {"id": row["committee_id"], "name": name, "total": 0, "counts": {}},
        )
        entry["counts"][row["status"]] = row["n"]
        entry["total"] += row["n"]
    filters = QueueFilters(year=year)
    summary = {
        "year": year,
        "counted_at": now or timezone.now(),
        "pending": tab_count(actor, filters, TAB_PENDING),
        "handled": tab_count(actor, filters, TAB_HANDLED),
        "total": sum(statuses.values()),
        "statuses": status_rows(statuses),
        "committees": list(committees.values()),
    }
    cache.set(key, summary, SUMMARY_SECONDS)
    return summary


def status_rows(counts: dict[str, int]) -> list[dict]:
    """The per-status counts as rows for a page or the API (statuses with none are left out,
    except 审核中). A draft in a reviewer's scope was reset: 已重置（草稿）."""
    rows = []
    for value, label in ApplicationStatus.choices:
        number = counts.get(value, 0)
        if number or value == ApplicationStatus.IN_REVIEW:
            rows.append(
                {"status": value, "label": "已重置（草稿）" if value == "draft" else label, "count": number}
            )
    return rows


def summary_context(*, actor, year: str | None = "") -> dict:
    """审核概况 on the 工作台: one year (this application year unless `year` names another, "all"
    for every year) with the links to switch."""
    from orgs.windows import current_year

    this_year = current_year()
    chosen: int | None = this_year
    if year == "all":
        chosen = None
    elif year:
        try:
            chosen = int(year)
        except ValueError:
            chosen = this_year
        if not 2000 <= chosen <= 2100:
            chosen = this_year
    choices = [(str(y), f"{y}年") for y in range(this_year, this_year - 3, -1)] + [("all", "全部年度")]
    figures = review_summary(actor=actor, year=chosen)
    columns = figures["statuses"]  # the statuses that occur (and 审核中)
    return {
        **figures,
        "year_choices": choices,
        "chosen": "all" if chosen is None else str(chosen),
        "columns": columns,
        "rows": [
            {
                **row,
                "cells": [
                    {"label": column["label"], "count": row["counts"].get(column["status"], 0)}
                    for column in columns
                ],
            }
            for row in figures["committees"]
        ],
    }
