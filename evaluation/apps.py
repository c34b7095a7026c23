from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = "评审"

    def ready(self) -> None:
        from attachments.hooks import reviewer_may_view

        from .opinions import expert_may_view_attachment

        # An expert opens the files of the applications of their 评议组 (attachments/hooks.py).
        reviewer_may_view.register(expert_may_view_attachment)
