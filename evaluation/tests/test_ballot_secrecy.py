"""Decision 0011: nothing stored or logged says who voted what (rule 30: 无记名投票).

Two checks: (1) after a meeting with several voters, no row of any model in the project
(apps.get_models()) names a voter and holds a choice, and the audit rows and captured logs hold no
choice; (2) swapping two experts' choices on one application leaves every table identical apart
from ids and times — so the stored state cannot tell them apart."""

from __future__ import annotations

import logging

import pytest
from django.apps import apps
from django.core import serializers
from django.db import models, transaction

from core.models import AuditLog
from evaluation import meeting
from evaluation.meeting_models import Tally

from .test_meeting import opened

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_pools")]

CHOICE_WORDS = {"agree", "disagree", "abstain", "同意", "不同意", "弃权"}


def _values(obj) -> list:
    out = []
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        out.append(value)
        if isinstance(value, dict):
            out.extend(value.keys())
            out.extend(value.values())
    return out


def test_no_row_links_a_voter_to_a_choice(caplog):
    caplog.set_level(logging.DEBUG)
    _c, _office, _row, drawn, entries = opened(members=5, present=5)
    choices = ["agree", "disagree", "abstain", "agree", "disagree"]
    audit_before = set(AuditLog.objects.values_list("pk", flat=True))
    for expert, choice in zip(drawn, choices, strict=True):
        for entry in entries:
            meeting.ballots_cast(actor=expert.user, entry_id=entry.pk, choice=choice)
    voter_ids = {e.pk for e in drawn}
    voter_user_ids = {e.user_id for e in drawn}
    tally = Tally.objects.get(entry=entries[0])
    assert (tally.agree, tally.disagree, tally.abstain) == (2, 2, 1)
    for model in apps.get_models():
        names_voter_fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.ForeignKey)
            and f.related_model._meta.label_lower in ("evaluation.expert", "accounts.user")
        ]
        for obj in model.objects.all():
            voter = any(
                getattr(obj, f.attname)
                in (voter_ids if f.related_model._meta.label_lower == "evaluation.expert" else voter_user_ids)
                for f in names_voter_fields
            )
            if model._meta.label_lower == "evaluation.expert":
                voter = voter or obj.pk in voter_ids
            if model._meta.label_lower == "accounts.user":
                voter = voter or obj.pk in voter_user_ids
            if not voter:
                continue
            held = {str(v) for v in _values(obj)} & CHOICE_WORDS
            assert not held, f"{model._meta.label} row {obj.pk} names a voter and holds {held}"
    new_audit = AuditLog.objects.exclude(pk__in=audit_before)
    assert new_audit.count() == len(drawn) * len(entries)
    for row in new_audit:
        assert row.action == "evaluation_ballot_cast"
        assert set(row.detail) == {"entry"}
        assert not ({str(v) for v in _values(row)} & CHOICE_WORDS)
    for record in caplog.records:
        text = record.getMessage()
        assert not any(word in text for word in CHOICE_WORDS), text


def _snapshot() -> list[str]:
    """Every row of every model, without its id and its times."""
    rows = []
    for model in apps.get_models():
        skip = {
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, (models.DateTimeField, models.AutoField, models.BigAutoField))
        }
        for item in serializers.serialize("python", model.objects.all()):
            fields = {k: v for k, v in item["fields"].items() if k not in skip}
            rows.append(f"{item['model']}:{sorted(fields.items(), key=lambda kv: kv[0])!r}")
    return sorted(rows)


class _Rollback(Exception):
    pass


def test_swapping_two_choices_leaves_the_same_stored_state():
    _c, _office, _row, drawn, entries = opened(members=3, present=3)
    snapshots = []
    for first, second in (("agree", "disagree"), ("disagree", "agree")):
        try:
            with transaction.atomic():
                meeting.ballots_cast(actor=drawn[0].user, entry_id=entries[0].pk, choice=first)
                meeting.ballots_cast(actor=drawn[1].user, entry_id=entries[0].pk, choice=second)
                snapshots.append(_snapshot())
                raise _Rollback
        except _Rollback:
            pass
    assert snapshots[0] == snapshots[1]
