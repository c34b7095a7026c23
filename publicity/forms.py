"""Input only: every check and its Chinese message lives in publicity/services.py."""

from __future__ import annotations

from django import forms

from accounts.forms import InputForm, text
from core.forms import text_area

from .models import FilingAuthority, PublicityKind
from .services import BODY_MAX, FACTS_MAX, FINDING_CHOICES, HANDLE_CHOICES, NAME_MAX, NOTE_MAX, TITLE_MAX


class Choice(forms.ChoiceField):
    """A select whose value the service checks (with its own Chinese message)."""

    def validate(self, value) -> None:
        return None


class Choices(forms.MultipleChoiceField):
    def validate(self, value) -> None:
        return None


PERIOD_HELP = "公示期不少于5个工作日，按国家法定节假日安排计算（周末、节假日不计，调休上班日计入）。"


class KindFilterForm(forms.Form):
    kind = forms.ChoiceField(label="公示类别", required=False, choices=[("", "全部"), *PublicityKind.choices])


class ObjectionForm(InputForm):
    """公示期内的异议 (rule 4)."""

    marked = ("entry_id", "objector_name", "objector_phone", "facts")
    entry_id = Choice(label="被反映人", required=False, choices=[])
    objector_name = text("异议人姓名", autocomplete="name", maxlength=str(NAME_MAX))
    objector_phone = text(
        "联系电话", autocomplete="tel", inputmode="numeric", help_text="11 位手机号码，便于核实情况时联系您。"
    )
    facts = text_area(
        "异议事实",
        max_length=FACTS_MAX,
        rows=6,
        help_text=f"请写明具体事实和线索。最多 {FACTS_MAX} 个字。",
    )
    attachment = forms.FileField(
        label="证明材料（可选）",
        required=False,
        help_text="JPG、PNG 图片或 PDF 文件。",
        widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf"}),
    )

    def __init__(self, *args, entries=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["entry_id"].choices = [
            ("", "请选择"),
            *((str(e.pk), f"{e.name}（{e.unit_name}，{e.id_number_masked}）") for e in entries),
        ]


class PublicityCreateForm(InputForm):
    marked = ("kind", "title", "start_date", "end_date", "application_ids")
    kind = Choice(label="公示类别", required=False, choices=[])
    title = text("公示标题", maxlength=str(TITLE_MAX))
    body = text_area(
        "公示说明", max_length=BODY_MAX, help_text=f"如公示内容、受理异议的联系方式。最多 {BODY_MAX} 个字。"
    )
    start_date = text("公示开始日期", input_type="date", help_text="不能早于今天。")
    end_date = text("公示结束日期", input_type="date", help_text=PERIOD_HELP)
    application_ids = Choices(
        label="公示人员", required=False, choices=[], widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, kinds=(), candidates=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, PublicityKind(k).label) for k in kinds]
        self.fields["application_ids"].choices = [
            (
                str(a.pk),
                f"{a.applicant.name}（{a.unit}，{a.series.name}，{a.get_level_display()}，{a.title.name}）",
            )
            for a in candidates
        ]


class ObjectionHandleForm(InputForm):
    marked = ("status",)
    status = Choice(
        label="办理状态",
        required=False,
        choices=[("", "请选择"), *((s.value, s.label) for s in HANDLE_CHOICES)],
        help_text="“不予受理”须写明理由；“已办结”须填写核实情况、处理结果和核实结论。办结后不能再修改。",
    )
    acceptance_note = text_area("受理意见", max_length=NOTE_MAX, rows=3)
    verification = text_area("核实情况", max_length=NOTE_MAX, rows=4)
    outcome = text_area("处理结果", max_length=NOTE_MAX, rows=4)
    finding = Choice(
        label="核实结论",
        required=False,
        choices=[("", "请选择"), *FINDING_CHOICES],
        help_text=(
            "办结时选择。异议成立的：单位公示的申报人不能推荐，评前公示的申报人不能报送备案和提交评审。"
        ),
    )


class PreReviewFilingForm(InputForm):
    """报送省、市人社部门备案 (seed 必读 (三)2) of a closed 评前公示."""

    marked = ("filed_with", "document_number", "filed_on", "application_ids")
    filed_with = Choice(label="备案部门", required=False, choices=[("", "请选择"), *FilingAuthority.choices])
    document_number = text(
        "备案文号", maxlength="100", help_text="报送备案的文件文号，如“昆人社评备〔2026〕12号”。"
    )
    filed_on = text("报送备案日期", input_type="date", help_text="公示结束之后、不晚于今天。")
    note = text_area("备注", max_length=NOTE_MAX, rows=3)
    receipt = forms.FileField(
        label="备案回执扫描件（可选）",
        required=False,
        help_text="JPG、PNG 图片或 PDF 文件。",
        widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf"}),
    )
    application_ids = Choices(
        label="报送备案的申报人", required=False, choices=[], widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, rows=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["application_ids"].choices = [
            (
                str(row.entry.application_id),
                f"{row.entry.name}（{row.entry.unit_name}，{row.entry.title_name}）",
            )
            for row in rows
            if row.state == "eligible"
        ]
