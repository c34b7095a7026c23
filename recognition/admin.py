"""后台管理 for the kinds no committee decides: their facts, read-only like the route, shown on
an application's page (applications/admin.py's `kind_inlines`, before its steps and events)."""

from __future__ import annotations

from applications.admin import ReviewStepInline, kind_inlines

from .models import Confirmation, PostdocRecognition, Recognition


class RecognitionInline(ReviewStepInline):
    """考核认定 (rule 14): the facts and what the rules computed (read-only like the route)."""

    model = Recognition
    fields = ("schooling", "hired_on", "hiring_document", "level", "earliest", "office", "evaluated_at")
    readonly_fields = fields


class ConfirmationInline(ReviewStepInline):
    """职称确认 (rule 17): the title held, the transfer date, the trial assessment and what the
    rules computed (read-only like the route)."""

    model = Confirmation
    fields = (
        "held_series",
        "held_title",
        "obtained_on",
        "issuer",
        "source",
        "certificate_no",
        "transferred_on",
        "assessment_passed",
        "exam_only",
        "confirmer",
        "earliest",
        "office",
        "evaluated_at",
    )
    readonly_fields = fields


class PostdocInline(ReviewStepInline):
    """博士后认定 (rule 13): the station, the exit date, the funding or the project led, staying in
    the enterprise, and the recognising office (read-only like the route)."""

    model = PostdocRecognition
    fields = (
        "station",
        "exit_on",
        "funded",
        "funding_reference",
        "led_project",
        "project_name",
        "stays",
        "office",
        "evaluated_at",
    )
    readonly_fields = fields


for inline in (RecognitionInline, ConfirmationInline, PostdocInline):
    if inline not in kind_inlines:
        kind_inlines.append(inline)
