"""Input only for the round pages (evaluation/rounds.py, draw.py and conflicts.py check
everything, in Chinese)."""

from __future__ import annotations

from django import forms

from accounts.forms import InputForm, text
from core.forms import text_area

from .conflicts import REASON_MAX


class RoundForm(InputForm):
    """新建批次 / 修改批次."""

    marked = ("name", "meeting_date")
    name = text("批次名称", help_text="如：2026年度第一批")
    year = text("申报年度", input_type="number", help_text="评审哪一年度的申报")
    meeting_date = text(
        "评审会议日期", input_type="date", help_text="须在网上申报时设置的评委会召开时间所在月份内"
    )
    experts_to_draw = text(
        "抽取专家人数", input_type="number", help_text="批次先有一个评议组（不分组）；每组至少抽取3名专家"
    )


class RoundUpdateForm(InputForm):
    marked = ("name", "meeting_date")
    name = text("批次名称")
    meeting_date = text("评审会议日期", input_type="date")


class GroupForm(InputForm):
    marked = ("name", "experts_to_draw")
    name = text("评议组名称", help_text="如：土木建筑评议组")
    specialties = text("评议专业", help_text="多个专业以顿号（、）分隔；申报专业与之相符的申报移入该组")
    experts_to_draw = text("抽取专家人数", input_type="number", help_text="至少3名")


class OfficeConflictForm(InputForm):
    marked = ("entry", "expert", "reason")
    entry = forms.ChoiceField(label="申报人", required=False)
    expert = forms.ChoiceField(label="回避专家", required=False)
    reason = text_area("回避原因", max_length=REASON_MAX, rows=3)

    def __init__(self, *args, entries=(), experts=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [("", "请选择")] + [
            (str(e.pk), f"{e.application.applicant.name}（{e.application.unit.name}）") for e in entries
        ]
        self.fields["expert"].choices = [("", "请选择")] + [
            (str(x.pk), f"{x.name}（{x.unit_name}）") for x in experts
        ]


class ExpertConflictForm(InputForm):
    marked = ("reason",)
    reason = text_area(
        "回避原因", max_length=REASON_MAX, rows=3, help_text="如：近亲属、同一课题组、师生关系等"
    )
