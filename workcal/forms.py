"""Input for the 网上申报时间 page (workcal/urls.py → units:window). Forms only collect text: every
check, with its Chinese message, is in workcal.windows.window_set."""

from __future__ import annotations

from django import forms

from accounts.forms import InputForm


def _input(label: str, input_type: str, help_text: str = "") -> forms.CharField:
    widget = forms.TextInput()
    widget.input_type = input_type
    return forms.CharField(label=label, required=False, help_text=help_text, widget=widget)


class CommitteeChoiceForm(forms.Form):
    """Support picks the committee whose window to see."""

    committee = forms.ChoiceField(label="评委会", required=False)

    def __init__(self, *args, committees=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].choices = [("", "请选择评委会")] + [(str(c.pk), c.name) for c in committees]


MEETING_MONTH_HELP = (
    "本年度评委会召开的年月（不早于网上申报关闭的月份）。申报人的年龄、从事专业技术工作年限"
    "计算到该月（《职称知识25问》第8问），并在申报人的封面上显示。"
)


class CityWindowForm(InputForm):
    marked = ("year", "opens_at", "closes_at", "meeting_month")
    year = _input("申报年度", "number")
    opens_at = _input("开放时间", "datetime-local", "北京时间，到此时刻起可以申报。")
    closes_at = _input(
        "关闭时间",
        "datetime-local",
        "到此时刻即关闭（不含此刻）。截至 9 月 30 日当天结束的，填 10 月 1 日 00:00。"
        "关闭后不能重新开放或修改（见职称申报必读（四））。",
    )
    meeting_month = _input("评委会召开时间", "month", MEETING_MONTH_HELP)


class ProvincialWindowForm(InputForm):
    marked = ("year", "collection_date", "meeting_month")
    year = _input("申报年度", "number")
    collection_date = _input(
        "开始收审材料日期",
        "date",
        "省评委会开始收审材料的日期。网上申报时间按《职称知识25问》第7问自动计算："
        "此日期前 7 个工作日 00:00 开放，"
        "前一日 24:00 关闭（工作日以国务院公布的节假日安排为准）。",
    )
    meeting_month = _input("评委会召开时间", "month", MEETING_MONTH_HELP)
