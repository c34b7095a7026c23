"""Where attachments asks the apps above it (core.hooks): which reviewers may open a file. reviews
registers its answer in its AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable

from core.hooks import Hook

# May this reviewer see this attachment? Called as function(actor=actor, attachment=attachment)
# -> bool; allowed when any answers true. None registered: no reviewer sees another person's
# file (the owner and technical support still do, attachments.permissions) — the safe side, but
# reviewing needs reviews installed, which it always is. reviews:
# reviews.permissions.can_view_submitted_attachment (a submitted snapshot of an application in
# the reviewer's scope names the file).
reviewer_may_view: Hook[Callable[..., bool]] = Hook(
    "attachment_reviewer_may_view", "Whether a reviewer may open another person's attachment."
)
