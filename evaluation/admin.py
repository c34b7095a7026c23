"""后台管理 of the evaluation: each part registers its own module here."""

from .appeals_admin import AppealAdmin, RevocationAdmin  # noqa: F401
from .rounds_admin import AssignmentAdmin, ConflictAdmin, DrawAdmin, RoundAdmin  # noqa: F401
