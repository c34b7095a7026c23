"""The kinds no committee decides (考核认定, 职称确认, 博士后认定; decision 0007), as applications asks
them without importing the app that implements them (recognition/, the layer line's other app,
which imports applications and never the other way round).

That app registers one `CommitteeFreeKind` per ApplicationKind in its AppConfig.ready(); the state
machine (submission.py: the checks on the submission day and what the submission computed;
review_transitions.py: the final pass), completeness.py (申报), snapshot.py (the facts reviewers
read), models.py (认定机构 / 确认机关) and the 职称申报 page (the kind's own form) look it up here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CommitteeFreeKind:
    """What applications asks of one kind no committee decides (`application` is an
    applications.models.Application; this module imports nothing of applications, so the models
    can import it)."""

    kind: str
    # Its rules again on `now` (submission and the 申报 page): (field, message) each.
    submit_problems: Callable[..., list[tuple[str, str]]]  # (*, application, now)
    # What the submission computed, on the facts row (inside the state machine's transaction).
    submitted: Callable[..., None]  # (*, application, route, now)
    # The final pass at `step` (inside the state machine's transaction).
    approved: Callable[..., Any]  # (*, application, step, now)
    # 申报: every unfinished item.
    missing: Callable[..., list]  # (*, application) -> [dossier.completeness.Missing]
    # The facts for reviewers, merged into the snapshot's cover ({} while none are saved).
    summary: Callable[[Any], dict]  # (application)
    # The office that recognises or confirms it ("" while its facts are not saved).
    office_name: Callable[[Any], str]  # (application)
    # Its form on 职称申报 (applications:cover with kind=…).
    page: Callable[..., Any]  # (request, *, year) -> HttpResponse


_KINDS: dict[str, CommitteeFreeKind] = {}


def register(entry: CommitteeFreeKind) -> CommitteeFreeKind:
    """Called from the implementing app's ready(); registering a kind again replaces it."""
    _KINDS[str(entry.kind)] = entry
    return entry


def committee_free_kind(kind: str) -> CommitteeFreeKind:
    """The registered kind (LookupError when no installed app registered it)."""
    try:
        return _KINDS[str(kind)]
    except KeyError:
        raise LookupError(f"申报类别 {kind} 未注册（recognition 应用未安装？）") from None
