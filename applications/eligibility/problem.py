"""One refusal of the eligibility checks: the cover field it belongs to and its Chinese reason."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    field: str  # the cover field it belongs to ("__all__" for the person as a whole)
    message: str
