from django.apps import AppConfig


class RecommendConfig(AppConfig):
    name = "recommend"
    verbose_name = "基层意见与单位公示"

    def ready(self) -> None:
        from applications import hooks

        from .selectors import unit_pass_refusal

        # Rules 2 and 25 at the unit step's 通过 (applications.review_transitions).
        hooks.unit_pass_refusal.register(unit_pass_refusal)
