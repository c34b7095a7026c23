from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "申报审核"

    def ready(self) -> None:
        from attachments.hooks import reviewer_may_view

        from .permissions import can_view_submitted_attachment

        # A reviewer opens the files a submitted application in their scope names (attachments/hooks.py).
        reviewer_may_view.register(can_view_submitted_attachment)
