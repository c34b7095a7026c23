"""Shared test helpers: the returned state through the state machine's own _transition."""

from __future__ import annotations

import re

from applications import machine
from applications.models import StepState


def return_application(application, *, actor=None, opinion="请补充年度考核材料。"):
    """Test-only: the RETURNED state through _transition (issue 4 builds the real 返回修改)."""

    def effect(app):
        step = app.current_step
        step.state = StepState.RETURNED
        step.save(update_fields=["state"])
        app.current_step = None
        return machine.Outcome(organisation=step.organisation, step=step)

    return machine._transition(
        application_id=application.pk, actor=actor, transition=machine.RETURN, opinion=opinion, effect=effect
    )


def page_text(response) -> str:
    """The text as it reads: a link inside a sentence (a source linked to its help page) leaves no
    gap; every other tag separates."""
    html = response.content.decode()
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    html = re.sub(r"</?a\b[^>]*>", "", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
