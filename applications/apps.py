from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = "职称申报"

    def ready(self) -> None:
        from accounts.hooks import user_renamed

        from .services import applicant_renamed

        # A name corrected in the admin: the review queue's copy follows.
        user_renamed.register(applicant_renamed)
