from django.apps import AppConfig


class PublicityConfig(AppConfig):
    name = "publicity"
    verbose_name = "公示与异议"

    def ready(self) -> None:
        from applications import hooks

        from .selectors import objection_hold

        # Rule 4: an unresolved objection holds 通过 at every step (applications.review_transitions).
        hooks.pass_hold.register(objection_hold)
