"""Input only: the optional facts the dossier cannot hold (nothing is saved); every check and its
Chinese message lives in paths.selectors.path_facts."""

from __future__ import annotations

from django import forms

from accounts.forms import InputForm, text
from rules.skilled import SkillGrade

from .special import MOVED_FROM_LABELS


def date_input(label: str, help_text: str) -> forms.CharField:
    return text(label, input_type="date", help_text=help_text)


class FactsForm(InputForm):
    hired_on = date_input(
        "录用（聘用）时间",
        "考核认定用：《云南省招工录用登记表》或《事业单位聘用通知书》上的记载时间；不填时按基本信息的参加工作时间计算。",
    )
    changed_on = date_input("岗位变更（试用开始）时间", "转系列评审用：变动到其他系列专业技术岗位的时间。")
    transferred_on = date_input(
        "调入时间", "职称确认用：调入本市后聘用合同（事业单位）或劳动合同（企业）的签订时间。"
    )
    moved_from = forms.ChoiceField(
        label="调入前单位所在地",
        required=False,
        choices=[("", "（未调入或不填）"), *MOVED_FROM_LABELS.items()],
        help_text="职称确认用：省内评审的职称在省内调动不需确认。",
    )
    skill_grade = forms.ChoiceField(
        label="职业资格或职业技能等级",
        required=False,
        choices=[("", "（无或不填）"), *SkillGrade.choices],
        help_text="技能人才申报评审用；不填时按基本信息中的等级计算，填写时按此试算（不保存）。",
    )
    skill_obtained_on = date_input(
        "取得等级时间", "技能人才申报评审用：取得上述职业资格或职业技能等级的时间。"
    )
