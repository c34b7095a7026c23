"""Where dossier (and attachments, on its layer) asks the apps above it (core.hooks): what only an
application can tell about the dossier. applications registers the answers in its
AppConfig.ready().

The defaults, when nothing is registered, are those of a dossier with no application at all (not
frozen, nothing required by an application being edited). They are only safe because
applications is always installed (INSTALLED_APPS): without it every dossier would stay editable
while under review."""

from __future__ import annotations

from collections.abc import Callable

from core.hooks import Hook

# Is the applicant's dossier (its entries and attachments) frozen by an application under review
# or approved (issue 3 item 9)? Called as function(user=user) -> bool; frozen when any answers
# true (none registered: not frozen, see the module's docstring). applications:
# applications.selectors.dossier_frozen.
dossier_frozen: Hook[Callable[..., bool]] = Hook(
    "dossier_frozen", "Whether an application under review or approved freezes the user's dossier."
)

# What the user's application being edited (a draft or a returned committee review) requires of
# the dossier: {section key: the message naming the rule}, for the section pages. Called as
# function(user=user) -> dict[str, str]; the first registered answer counts (none registered:
# nothing required). applications: applications.completeness.editing_requirements.
editing_requirements: Hook[Callable[..., dict[str, str]]] = Hook(
    "editing_requirements", "The dossier sections the application being edited requires."
)

# The uploads of 基本信息 the user's application being edited asks for (without one, those any
# application asks): the required marks of the 基本信息 page. Called as
# function(user=user, dossier=dossier) -> set[str]; the first registered answer counts (none
# registered: none marked). applications: applications.completeness.editing_basic_kinds.
editing_basic_kinds: Hook[Callable[..., set[str]]] = Hook(
    "editing_basic_kinds", "The 基本信息 uploads the application being edited asks for."
)
