from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = "职称申报"

    def ready(self) -> None:
        from accounts.hooks import user_renamed

        from .services import applicant_renamed

        # A name corrected in the admin: the review queue's copy follows.
        user_renamed.register(applicant_renamed)

        from dossier import hooks as dossier_hooks

        from .completeness import editing_basic_kinds, editing_requirements
        from .selectors import dossier_frozen

        # What only an application can tell the dossier pages and attachments: frozen while under
        # review, and what the application being edited requires (dossier/hooks.py).
        dossier_hooks.dossier_frozen.register(dossier_frozen)
        dossier_hooks.editing_requirements.register(editing_requirements)
        dossier_hooks.editing_basic_kinds.register(editing_basic_kinds)
