"""Input only for 暂停推荐 (orgs/suspension.py checks everything, in Chinese)."""

from __future__ import annotations

from django import forms

from accounts.forms import InputForm, UnitChoiceMixin, text
from core.forms import text_area

from .suspension import DOCUMENT_MAX, REASON_MAX


class SuspensionForm(InputForm, UnitChoiceMixin):
    """暂停推荐: the unit (searched by name or 统一社会信用代码), the year, the reason, the document."""

    marked = ("unit_id", "year", "reason", "document")
    year = forms.CharField(label="暂停年度", required=False, widget=forms.Select())
    reason = text_area(
        "暂停原因",
        max_length=REASON_MAX,
        rows=4,
        help_text=(
            f"如：审核把关不严，导致不符合条件人员推荐上报，情节严重、造成不良影响。最多 {REASON_MAX} 个字。"
        ),
    )
    document = text("文件文号", maxlength=str(DOCUMENT_MAX), help_text="暂停决定的文件文号。")
    rectify_by = text("整改期限（可选）", input_type="date")

    field_order = ["unit_q", "unit_id", "year", "reason", "document", "rectify_by"]

    def __init__(self, *args, years=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit_q"].label = "检索单位"
        self.fields["unit_q"].help_text = "输入单位名称的一部分或统一社会信用代码，点击“检索”。"
        self.fields["unit_id"].label = "单位"
        self.fields["unit_id"].help_text = "暂停该单位（用人单位或人事代理机构）的职称申报推荐工作。"
        self.fields["year"].widget.choices = [(str(y), f"{y}年度") for y in years]

    def set_unit_choices(self, units, selected=None) -> None:
        super().set_unit_choices(units, selected)
        choices = self.fields["unit_id"].widget.choices
        self.fields["unit_id"].widget.choices = [("", "请选择"), *choices[1:]]


class SuspensionLiftForm(InputForm):
    marked = ("reason",)
    reason = text_area("整改情况（解除原因）", max_length=REASON_MAX, rows=4)
    document = text("解除文件文号（可选）", maxlength=str(DOCUMENT_MAX))


class SuspensionFilterForm(forms.Form):
    year = forms.CharField(
        label="年度", required=False, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    state = forms.ChoiceField(
        label="状态",
        required=False,
        choices=[("", "全部"), ("active", "暂停中"), ("lifted", "已解除")],
    )
