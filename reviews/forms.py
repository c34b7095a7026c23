"""Input of the review pages. Forms only collect what was typed; the selectors check the filters
and the state machine checks the actions (its Chinese messages go next to the inputs)."""

from __future__ import annotations

from django import forms

from accounts.forms import InputForm
from applications.models import ApplicationStatus
from applications.review_input import return_section_choices
from catalog.models import Level
from core.forms import PlainSelect

from .queue import TAB_PENDING, sort_choices

ACTIONS = (
    ("pass", "通过"),
    ("return", "返回修改"),
    ("reset", "重置流程"),
    ("reject", "不通过"),
)
ACTION_LABELS = dict(ACTIONS)


class FilterChoiceField(forms.ChoiceField):
    """A select whose value the selector checks (reviews.queue.queue_filters), so a value
    outside the choices gets the selector's Chinese message, or simply matches nothing."""

    widget = PlainSelect

    def validate(self, value) -> None:
        return None


def _select(label: str, choices, *, blank: str = "全部") -> forms.ChoiceField:
    return FilterChoiceField(label=label, required=False, choices=[("", blank), *choices])


class QueueFilterForm(forms.Form):
    """The queue's filters (GET). The choices of the selects come from the actor's options."""

    tab = forms.CharField(required=False, widget=forms.HiddenInput)
    q = forms.CharField(
        label="姓名或身份证号",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "姓名（可输入部分）或完整身份证号"}),
    )
    year = _select("申报年度", [])
    committee = _select("评委会", [])
    series = _select("系列", [])
    level = _select("申报层级", Level.choices)
    status = _select("状态", ApplicationStatus.choices)
    unit = forms.CharField(
        label="工作单位", required=False, widget=forms.TextInput(attrs={"placeholder": "单位名称"})
    )
    district = _select("县（市）区人社部门", [])
    sort = FilterChoiceField(label="排序", required=False, choices=sort_choices(TAB_PENDING))

    def __init__(self, *args, options=None, years=(), tab: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sort"].choices = sort_choices(tab)
        self.fields["year"].choices = [("", "全部"), *[(str(y), f"{y}年") for y in years]]
        if options is not None:
            self.fields["committee"].choices = [
                ("", "全部"),
                *[(str(pk), name) for pk, name in options.committees],
            ]
            self.fields["series"].choices = [("", "全部"), *[(str(pk), name) for pk, name in options.series]]
            self.fields["district"].choices = [
                ("", "全部"),
                *[(str(pk), label) for pk, label in options.districts],
            ]
            if not options.show_unit_filters:
                del self.fields["unit"]
                del self.fields["district"]

    def raw(self) -> dict:
        """The submitted values as typed (the selector checks them)."""
        data = self.data
        names = ("tab", "year", "committee", "series", "level", "status", "unit", "district", "q", "sort")
        return {name: data.get(name, "") for name in names}


def item_field_name(key: str) -> str:
    return "item_" + key.replace(":", "-")


def comment_field_name(key: str) -> str:
    return "comment_" + key.replace(":", "-")


class ActForm(InputForm):
    """审核: 审核结果, 审核意见 and, for 返回修改, the checklist (each place with its comment) and the
    补正截止日期 (rule 5: everything to fix at once)."""

    marked = ("action", "opinion")

    action = forms.ChoiceField(label="审核结果", required=False, choices=ACTIONS, widget=forms.RadioSelect)
    opinion = forms.CharField(
        label="审核意见",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="必填。通过时写明审核意见；返回修改、重置流程或不通过时写明原因和需补充修改的内容。",
    )
    deadline = forms.CharField(
        label="补正截止日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="返回修改时必填：申报人须在此日期前修改并重新提交，逾期视为放弃。",
    )
    items = forms.CharField(required=False, widget=forms.HiddenInput)  # the checklist's messages
    expected_step_id = forms.CharField(required=False, widget=forms.HiddenInput)
    confirm_late = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, disabled_actions=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.checklist = []
        for key, label in return_section_choices():
            item = item_field_name(key)
            comment = comment_field_name(key)
            self.fields[item] = forms.BooleanField(label=label, required=False)
            self.fields[comment] = forms.CharField(
                label=f"{label}：修改意见", required=False, widget=forms.TextInput(attrs={"maxlength": 500})
            )
            self.checklist.append({"key": key, "label": label, "item": item, "comment": comment})
        self.disabled_actions = tuple(disabled_actions)

    def checklist_rows(self, keys=None):
        """The checklist's rows (those of `keys` only, when given), each with its two fields."""
        return [
            {**row, "item_field": self[row["item"]], "comment_field": self[row["comment"]]}
            for row in self.checklist
            if keys is None or row["key"] in keys
        ]

    def touched(self, keys) -> bool:
        """Whether any row of `keys` was ticked or commented in the posted form."""
        wanted = {item["section"] for item in self.return_items()} if self.is_bound else set()
        return bool(wanted & set(keys))

    def return_items(self) -> list[dict]:
        """The checked places (or those with a comment) in the checklist's order."""
        data = self.data
        items = []
        for row in self.checklist:
            checked = data.get(row["item"]) not in (None, "", "0", "false", "off")
            comment = str(data.get(row["comment"], "")).strip()
            if checked or comment:
                items.append({"section": row["key"], "comment": comment})
        return items

    def value(self, name: str) -> str:
        return str(self.data.get(name, "") or "")


class BatchPassForm(InputForm):
    """批量通过 (units): the chosen applications and one opinion; each still gets its own event."""

    marked = ("opinion",)

    opinion = forms.CharField(
        label="审核意见",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="必填。写入所选每一份申报的审核记录。",
    )
