"""What is still missing in a dossier, each with a link to the place to fix it (去完善)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Missing:
    section: str  # a section key, "basic", "attachments" or "cover"
    message: str  # Chinese, says exactly what to do
    url: str  # the page (and anchor) where it is fixed
