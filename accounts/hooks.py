"""Where accounts asks the apps above it (core.hooks): they register in their AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable

from core.hooks import Hook

# Support corrected a user's name in the admin: apps that keep a copy of the name update it
# (applications: the review queue's copy on the review steps). Called as function(user=user).
user_renamed: Hook[Callable[..., object]] = Hook(
    "user_renamed", "A user's name was corrected in the admin; copies of it follow."
)
