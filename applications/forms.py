"""The cover form (保存封面): it only collects input; the choices are set by the view from the
catalogue and the open committees, and every check lives in applications.services."""

from __future__ import annotations

from django import forms

from accounts.forms import InputForm, text
from catalog.models import Level

from .models import ApplicationKind


def _select(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(label=label, required=False, help_text=help_text, widget=forms.Select())


class CoverForm(InputForm):
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


LATER = (ApplicationKind.CONFIRMATION,)


class RecognitionForm(InputForm):
    """考核认定 (rule 14): input only; the level and its dates come from rules.recognition and
    every check from applications.recognition.recognition_save."""

    marked = ("schooling", "hired_on", "hiring_document", "series_id", "track_id", "specialty")

    application_id = forms.CharField(required=False, widget=forms.HiddenInput())
    schooling = _select(
        "学历（学位）",
        help_text="技工院校中级工班、高级工班、预备技师（技师）班按中专、大专、本科认定（规则 10）。",
    )
    hired_on = text(
        "录用（聘用）日期",
        help_text="按《云南省招工录用登记表》或《事业单位聘用通知书》上的时间填写，格式 YYYY-MM-DD。",
        input_type="date",
    )
    hiring_document = _select("录用（聘用）依据")
    series_id = _select("系列")
    track_id = _select("方向")
    specialty = text("申报专业", help_text="按本人从事的专业规范填写，不得使用简称。", maxlength=60)

    def set_choices(self, *, series: list, tracks: list) -> None:
        from rules.recognition import Schooling

        from .models import HiringDocument

        self.fields["schooling"].widget.choices = [("", "请选择"), *Schooling.choices]
        self.fields["hiring_document"].widget.choices = [("", "请选择"), *HiringDocument.choices]
        self.fields["series_id"].widget.choices = [("", "请选择")] + [(str(s.pk), s.name) for s in series]
        self.fields["track_id"].widget.choices = [("", "请先选择系列" if not tracks else "请选择")] + [
            (str(t.pk), t.name) for t in tracks
        ]
