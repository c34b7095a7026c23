"""评议 (written opinions, rule 28): an expert of a 评议组 writes one opinion per application of
their group, with a recommendation and optional scores on the series' criteria
(evaluation/criteria.py). Only the committee office reads them all; an expert reads only their own.
Imported at the end of evaluation/models.py; the foreign keys name their models as strings so this
module does not import models.py back (no module cycle, tests/test_layers.py)."""

from __future__ import annotations

from django.db import models

TEXT_MAX = 2000


class Recommendation(models.TextChoices):
    PASS = "pass", "建议通过"
    FAIL = "fail", "建议不通过"


class Opinion(models.Model):
    """One expert's 评议意见 on one application of their group; edited until the meeting opens."""

    entry = models.ForeignKey(
        "evaluation.RoundApplication",
        verbose_name="评审对象",
        on_delete=models.CASCADE,
        related_name="opinions",
    )
    assignment = models.ForeignKey(
        "evaluation.Assignment", verbose_name="抽取专家", on_delete=models.CASCADE, related_name="opinions"
    )
    expert = models.ForeignKey(
        "evaluation.Expert", verbose_name="专家", on_delete=models.PROTECT, related_name="opinions"
    )
    text = models.TextField("评议意见", max_length=TEXT_MAX)
    recommendation = models.CharField("评议建议", max_length=10, choices=Recommendation.choices)
    # {criterion key: score} on the criteria of the application's series; empty when not scored.
    scores = models.JSONField("评分", default=dict, blank=True)
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "评议意见"
        verbose_name_plural = "评议意见"
        ordering = ["entry", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "expert"], name="evaluation_one_opinion_per_expert")
        ]

    def __str__(self) -> str:
        return f"{self.expert.name} · {self.get_recommendation_display()}"
