"""Input only for the 评议 page (evaluation/opinions.py checks everything, in Chinese): the text,
the recommendation and one score input per criterion of the application's series."""

from __future__ import annotations

from django import forms

from accounts.forms import InputForm, text
from core.forms import text_area

from .opinion_models import TEXT_MAX, Recommendation


class OpinionForm(InputForm):
    marked = ("text", "recommendation")
    recommendation = forms.ChoiceField(
        label="评议建议", choices=Recommendation.choices, widget=forms.RadioSelect, required=False
    )
    text = text_area(
        "评议意见",
        max_length=TEXT_MAX,
        rows=8,
        help_text=f"对申报人业绩、能力和水平的书面评议，不超过{TEXT_MAX}字",
    )

    def __init__(self, *args, criteria=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = tuple(criteria)
        for c in self.criteria:
            self.fields[f"score_{c.key}"] = text(
                f"{c.label}（权重{c.weight}%）",
                input_type="number",
                help_text=f"可选，0至{c.max}分",
                step="0.1",
                min="0",
                max=str(c.max),
            )
            self.fields[f"score_{c.key}"].required = False

    def scores(self) -> dict:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return {
            c.key: data.get(f"score_{c.key}")
            for c in self.criteria
            if (data.get(f"score_{c.key}") or "") != ""
        }
