"""The cover form (保存封面): it only collects input; the choices are set by the view from the
catalogue and the open committees, and every check lives in applications.services."""

from __future__ import annotations

from django import forms

from accounts.forms import InputForm, text
from catalog.models import Level
from core.sources import cite

from .models import ApplicationKind


def _select(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(label=label, required=False, help_text=help_text, widget=forms.Select())


class CoverForm(InputForm):
    """保存封面. 岗位变更日期 belongs to 转系列评审 only: shown and marked required for it alone
    (`series_change`; the page refreshes the fields when 申报类别 changes)."""

    marked = ("year", "kind", "series_id", "track_id", "level", "specialty", "committee_id")

    application_id = forms.CharField(required=False, widget=forms.HiddenInput())
    year = _select("申报年度")
    kind = _select("申报类别")
    series_id = _select("系列")
    track_id = _select("方向", help_text="部分系列分方向（如新闻系列：记者 / 编辑），职称名称随方向不同。")
    level = _select("申报层级")
    specialty = text("申报专业", help_text="按本人从事的专业规范填写，不得使用简称。", maxlength=60)
    committee_id = _select(
        "评审委员会",
        help_text="只列出网上申报正在开放、且评审所选系列和层级的评委会。",
    )
    changed_on = text(
        "岗位变更日期",
        help_text=f"转系列评审填写：到新系列岗位的日期，须经半年以上试用（{cite(18)}），格式 YYYY-MM-DD。",
        input_type="date",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.series_change:
            self.fields["changed_on"].widget.attrs["aria-required"] = "true"
            self.fields["changed_on"].show_required = True

    @property
    def series_change(self) -> bool:
        """The kind chosen (posted, or the saved cover's) is 转系列评审."""
        kind = self.data.get("kind") if self.is_bound else self.initial.get("kind")
        return kind == ApplicationKind.SERIES_CHANGE

    def set_choices(
        self,
        *,
        years: list[int],
        series: list,
        tracks: list,
        levels: list[str],
        committees: list,
        locked_committee=None,
    ) -> None:
        self.fields["year"].widget.choices = [(str(y), f"{y}年") for y in years]
        self.fields["kind"].widget.choices = [("", "请选择")] + [
            (k.value, k.label if k not in LATER else f"{k.label}（后续版本开放）") for k in ApplicationKind
        ]
        self.fields["series_id"].widget.choices = [("", "请选择")] + [(str(s.pk), s.name) for s in series]
        self.fields["track_id"].widget.choices = [("", "请先选择系列" if not tracks else "请选择")] + [
            (str(t.pk), t.name) for t in tracks
        ]
        self.fields["level"].widget.choices = [("", "请选择")] + [(lv, Level(lv).label) for lv in levels]
        if locked_committee is not None:
            # 返回修改: the committee cannot change.
            self.fields["committee_id"].widget.choices = [(str(locked_committee.pk), locked_committee.name)]
            self.fields[
                "committee_id"
            ].help_text = "返回修改期间不能更换评委会；如需更换，请联系单位重置流程。"
        else:
            empty = "请选择" if committees else "（暂无可选择的评委会）"
            self.fields["committee_id"].widget.choices = [("", empty)] + [
                (str(c.pk), c.name) for c in committees
            ]


LATER: tuple[str, ...] = ()  # kinds announced but not open yet
