"""后台管理 of the evaluation: each part registers its own module here."""

from .rounds_admin import AssignmentAdmin, ConflictAdmin, DrawAdmin, RoundAdmin  # noqa: F401
