"""Forms only collect input: the checks and their Chinese messages live in the services
(dossier/validation.py), so no field is `required` here; the ones the service requires are
`marked` (asterisk and aria-required). The entry form's fields come from the section's
declaration in dossier/sections.py."""

from __future__ import annotations

from django import forms

from accounts.forms import InputForm, UnitChoiceMixin, text
from core.sources import cite

from .models import EmploymentForm, MovedFromPost, OriginalRetirementAge, SkillGrade
from .sections import Field, Section

YES_NO = [("", "请选择"), ("true", "是"), ("false", "否")]
MATCHES = [("true", "相符"), ("false", "不相符")]


def _input(input_type: str, **attrs) -> forms.TextInput:
    widget = forms.TextInput(attrs=attrs)
    widget.input_type = input_type
    return widget


def form_field(f: Field) -> forms.Field:
    """The input for one declared field (a string comes back; the service parses it)."""
    attrs: dict = {}
    if f.kind == "textarea":
        widget: forms.Widget = forms.Textarea(attrs={"rows": 12 if (f.max_length or 0) > 1000 else 5})
    elif f.kind == "date":
        widget = _input("date")
    elif f.kind == "month":
        widget = _input("month", placeholder="YYYY-MM", **{"class": "input"})
    elif f.kind in ("year", "int"):
        if f.min_value is not None:
            attrs["min"] = f.min_value
        if f.max_value is not None:
            attrs["max"] = f.max_value
        widget = _input("number", inputmode="numeric", **attrs)
    elif f.kind == "decimal":
        widget = _input("text", inputmode="decimal")
    elif f.kind == "choice":
        first = [] if f.default is not None else [("", "请选择")]
        widget = forms.Select(choices=[*first, *f.choices])
    elif f.kind == "bool":
        widget = forms.Select(choices=YES_NO)
    else:
        widget = _input("text")
    return forms.CharField(label=f.label, required=False, strip=False, help_text=f.help, widget=widget)


class EntryForm(InputForm):
    """新增 / 编辑 of one entry; the fields are the section's declared fields, in order."""

    def __init__(self, *args, section: Section, **kwargs) -> None:
        self.section = section
        super().__init__(*args, **kwargs)
        for f in section.fields:
            self.fields[f.key] = form_field(f)
            if f.required:
                self.fields[f.key].widget.attrs["aria-required"] = "true"
                self.fields[f.key].show_required = True
            if f.default is not None and f.key not in self.initial:
                self.initial[f.key] = (
                    "true" if f.default is True else "false" if f.default is False else f.default
                )
        # Issue 11 item 21: a field required only in some cases is marked only in those.
        for f in section.fields:
            if f.required_if and self._value(f.required_if[0]) == f.required_if[1]:
                self.fields[f.key].widget.attrs["aria-required"] = "true"
                self.fields[f.key].show_required = True

    def _value(self, key: str) -> str:
        value = self.data.get(key) if self.is_bound else self.initial.get(key)
        return "" if value is None else str(value)

    def entry_data(self) -> dict:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return {f.key: data.get(f.key, "") for f in self.section.fields}


def _select(label: str, choices, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.Select(choices=[("", "请选择"), *choices]),
    )


# Seed question 10 and rule 12 (question 12), in the page's order (each group a fieldset).
POST_CHANGE_FIELDS = ("moved_from_post", "post_changed_on", "appointed_with_pay_on")
MAJOR_FIELDS = (
    "major_matches",
    "mismatch_training_months",
    "mismatch_course_certificates",
    "mismatch_study_months",
    "mismatch_city_training",
)
FACT_FIELDS = (*POST_CHANGE_FIELDS, *MAJOR_FIELDS)


class BasicForm(InputForm, UnitChoiceMixin):
    """基本信息: the fields the applicant edits (姓名, 身份证号, 性别, 出生日期, 手机号码 are shown)."""

    marked = (
        "unit_id",
        "work_start_date",
        "professional_start_date",
        "employment_form",
        "current_post",
        "original_retirement_age",
    )
    work_start_date = forms.CharField(label="参加工作时间", required=False, widget=_input("date"))
    professional_start_date = forms.CharField(
        label="从事专业技术工作时间",
        required=False,
        help_text=(
            "不能早于参加工作时间。事业单位工勤技能或管理人员转到专业技术岗位的，"
            "填写单位正式行文确定的岗位变更时间，并在下方填写转岗情况（职称知识25问第10问）。"
        ),
        widget=_input("date"),
    )
    employment_form = _select("用工形式", EmploymentForm.choices)
    current_post = text("现任专业技术岗位", help_text="如“工程师岗位（专业技术十级）”。")
    is_civil_servant = forms.CharField(
        label="本人为公务员或参公人员",
        required=False,
        help_text="公务员和参照公务员法管理的人员不能申报职称评审。",
        widget=forms.Select(choices=YES_NO[1:]),
    )
    original_retirement_age = _select(
        "原法定退休年龄",
        [(str(value), label) for value, label in OriginalRetirementAge.choices],
        help_text="2025 年渐进式延迟退休改革前的法定退休年龄：男 60 周岁；女干部 55 周岁，女职工 50 周岁。",
    )
    delayed_retirement_until = forms.CharField(
        label="批准延迟退休至（月）",
        required=False,
        help_text="经批准延迟退休的填写，并在下方上传批准文件；未延迟退休的不填。",
        widget=_input("month", placeholder="YYYY-MM", **{"class": "input"}),
    )
    skill_grade = _select(
        "职业资格（职业技能等级）",
        SkillGrade.choices,
        help_text=f"取得高级工、技师或高级技师职业资格或职业技能等级的选择最高一级（{cite(16)}）；没有的不选。",
    )
    skill_grade_obtained_on = forms.CharField(
        label="取得等级时间",
        required=False,
        help_text="证书上的取得时间；未选择等级的不填。",
        widget=_input("date"),
    )

    moved_from_post = forms.CharField(
        label="转岗前岗位",
        required=False,
        help_text=(
            "事业单位工勤技能人员或管理人员，由单位安排在专业技术岗位上从事专业技术工作，"
            "并以单位正式行文形式确定其工作岗位变更时间的，选择原岗位；其他人员选择“未转岗”"
            "（职称知识25问第10问）。"
        ),
        widget=forms.Select(choices=[("", "未转岗"), *MovedFromPost.choices]),
    )
    post_changed_on = forms.CharField(
        label="单位行文确定的岗位变更时间",
        required=False,
        help_text=(
            "申报评审初级职称的，从事专业技术工作年限以单位行文确定其工作岗位变更时间起计算；"
            "不能早于参加工作时间。请在下方上传单位岗位变更文件。"
        ),
        widget=_input("date"),
    )
    appointed_with_pay_on = forms.CharField(
        label="取得职称资格受聘并享有相应职务工资时间",
        required=False,
        help_text=(
            "申报评审中、高级职称的，需提供《事业单位工作人员岗位（职务）变动工资审批表》，"
            "下一级专业技术职务的履职年限，以取得职称资格受聘并享有相应职务工资时间起算；"
            "不能早于岗位变更时间。"
        ),
        widget=_input("date"),
    )
    major_matches = forms.CharField(
        label="所学专业与从事、申报专业是否相符",
        required=False,
        help_text="毕业专业与所申报专业不相符的，选择“不相符”，并填写下列视为具备同专业能力要求的情况（职称知识25问第12问）。",
        widget=forms.Select(choices=MATCHES),
    )
    mismatch_training_months = forms.CharField(
        label="参加所从事专业的专业培训累计（月）",
        required=False,
        help_text="累计半年（6 个月）以上的，视为具备同专业能力要求；没有的不填。",
        widget=_input("number", inputmode="numeric", min=0, max=480),
    )
    mismatch_course_certificates = forms.CharField(
        label="大专院校本专业主要科目进修结业证书（门）",
        required=False,
        help_text="取得大专院校本专业主要科目三门以上进修结业证书（含专业证书班）的，视为具备同专业能力要求。",
        widget=_input("number", inputmode="numeric", min=0, max=50),
    )
    mismatch_study_months = forms.CharField(
        label="参加大专院校本专业学习累计（月）",
        required=False,
        help_text="参加大专院校本专业学习累计 1 年（12 个月）以上的，视为具备同专业能力要求。",
        widget=_input("number", inputmode="numeric", min=0, max=480),
    )
    mismatch_city_training = forms.CharField(
        label="参加市级行业主管部门统一组织的业务培训",
        required=False,
        help_text="参加市级行业主管部门统一组织的业务培训的，视为具备同专业能力要求。",
        widget=forms.Select(choices=YES_NO[1:]),
    )

    field_order = [
        "unit_q",
        "unit_id",
        "work_start_date",
        "professional_start_date",
        "employment_form",
        "current_post",
        "is_civil_servant",
        "original_retirement_age",
        "delayed_retirement_until",
        "skill_grade",
        "skill_grade_obtained_on",
        *FACT_FIELDS,
    ]

    EDITABLE = (
        "work_start_date",
        "professional_start_date",
        "employment_form",
        "current_post",
        "is_civil_servant",
        "original_retirement_age",
        "delayed_retirement_until",
        "skill_grade",
        "skill_grade_obtained_on",
        *FACT_FIELDS,
        "unit_id",
    )

    def set_retirement_ages(self, ages: list[OriginalRetirementAge]) -> None:
        """原法定退休年龄 offers only the ages that fit the person's sex (dossier.basic)."""
        self.fields["original_retirement_age"].widget.choices = [("", "请选择")] + [
            (str(age.value), age.label) for age in ages
        ]
