"""Input-only forms of the public pages (GET filters). Values are checked by the selectors."""

from __future__ import annotations

from django import forms

from catalog.models import Level, Series
from orgs.models import CommitteeTier, Organisation

ALL = ("", "全部")


class CommitteeFilterForm(forms.Form):
    q = forms.CharField(
        label="关键词",
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "评委会名称、评审范围或组建单位"}),
    )
    level = forms.CharField(label="层级", required=False, widget=forms.Select)
    tier = forms.CharField(label="评委会类别", required=False, widget=forms.Select)
    organiser = forms.CharField(label="组建单位", required=False, widget=forms.Select)
    series = forms.CharField(label="系列", required=False, widget=forms.Select)

    def __init__(
        self,
        *args,
        levels: list[str],
        organisers: list[Organisation],
        series: list[Series],
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].widget.choices = [ALL, *((code, Level(code).label) for code in levels)]
        tiers = [(code, f"{label}职称评委会") for code, label in CommitteeTier.choices]
        self.fields["tier"].widget.choices = [ALL, *tiers]
        self.fields["organiser"].widget.choices = [ALL, *((str(o.pk), o.name) for o in organisers)]
        self.fields["series"].widget.choices = [ALL, *((str(s.pk), s.name) for s in series)]

    def values(self) -> dict[str, str]:
        """The submitted values as text (the form has no validation of its own)."""
        return {name: (self.data.get(name) or "").strip() for name in self.fields}


class FaqSearchForm(forms.Form):
    q = forms.CharField(
        label="搜索政策问答",
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "如：退休、学历、职称确认"}),
    )

    def values(self) -> dict[str, str]:
        return {"q": (self.data.get("q") or "").strip()}
