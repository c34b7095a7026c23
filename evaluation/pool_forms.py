"""Input only for the 评审专家库 pages (evaluation/pool.py checks everything, in Chinese)."""

from __future__ import annotations

from django import forms

from accounts.forms import InputForm, text
from catalog.models import Level, Series
from core.forms import text_area

from .models import MembershipStatus, PoolFormation
from .pool import REASON_MAX
from .pool_fields import SPECIALTIES_MAX
from .pool_selectors import TERM_FILTERS


class ExpertForm(InputForm):
    """新增专家 / 编辑专家."""

    marked = (
        "name",
        "unit_name",
        "title",
        "level",
        "series",
        "specialties",
        "phone",
        "term_start",
        "term_end",
    )
    name = text("姓名", maxlength="50")
    unit_name = text(
        "工作单位",
        maxlength="200",
        help_text="填写单位全称；单位已在系统注册的，评审时自动回避本单位申报人。",
    )
    title = text("职称", maxlength="60", help_text="如：主任医师、正高级工程师。")
    level = forms.ChoiceField(label="职称层级", required=False, choices=[("", "请选择"), *Level.choices])
    series = forms.MultipleChoiceField(
        label="评审系列", required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )
    specialties = text(
        "评审专业",
        maxlength=str(SPECIALTIES_MAX),
        help_text="多个专业以顿号（、）分隔，抽取专家时按专业匹配评议组。",
    )
    phone = text(
        "手机号码",
        input_type="tel",
        help_text="专家用此号码接收账号和临时密码；已在其他评委会专家库中的专家按手机号码识别。",
    )
    term_start = text("聘期开始", input_type="date")
    term_end = text("聘期结束", input_type="date")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["series"].choices = [(str(s.pk), s.name) for s in Series.objects.order_by("number")]


class ReasonForm(InputForm):
    marked = ("reason",)
    reason = text_area("原因", max_length=REASON_MAX, rows=3)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="导入文件（.xlsx）",
        required=False,
        help_text="请使用导入模板填写；有任何一行信息有误时不导入任何专家，并列出每一行的问题。",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


class FormationForm(forms.Form):
    formation = forms.ChoiceField(label="组建方式", required=False, choices=PoolFormation.choices)


class PoolFilterForm(forms.Form):
    q = forms.CharField(
        label="姓名/单位/手机号", required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    status = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部"), *MembershipStatus.choices]
    )
    series = forms.ChoiceField(label="评审系列", required=False, choices=())
    specialty = forms.CharField(label="评审专业", required=False)
    term = forms.ChoiceField(label="聘期", required=False, choices=[("", "全部"), *TERM_FILTERS.items()])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["series"].choices = [
            ("", "全部"),
            *((str(s.pk), s.name) for s in Series.objects.order_by("number")),
        ]
