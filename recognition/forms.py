"""The forms of the kinds no committee decides (考核认定, 职称确认, 博士后认定): they only collect
input; the choices are set by the view from the catalogue, and every check lives in the kind's
save (recognition/recognition.py, confirmation.py, postdoc.py)."""

from __future__ import annotations

from django import forms

from accounts.forms import InputForm, text
from catalog.models import Level
from core.sources import cite
from rules.recognition import Schooling

from .models import HeldTitleSource, HiringDocument


def _select(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(label=label, required=False, help_text=help_text, widget=forms.Select())


class RecognitionForm(InputForm):
    """考核认定 (rule 14): input only; the level and its dates come from rules.recognition and
    every check from recognition.recognition.recognition_save."""

    marked = ("schooling", "hired_on", "hiring_document", "series_id", "track_id", "specialty")

    application_id = forms.CharField(required=False, widget=forms.HiddenInput())
    schooling = _select(
        "学历（学位）",
        help_text=f"技工院校中级工班、高级工班、预备技师（技师）班按中专、大专、本科认定（{cite(10)}）。",
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
        self.fields["schooling"].widget.choices = [("", "请选择"), *Schooling.choices]
        self.fields["hiring_document"].widget.choices = [("", "请选择"), *HiringDocument.choices]
        self.fields["series_id"].widget.choices = [("", "请选择")] + [(str(s.pk), s.name) for s in series]
        self.fields["track_id"].widget.choices = [("", "请先选择系列" if not tracks else "请选择")] + [
            (str(t.pk), t.name) for t in tracks
        ]


class ConfirmationForm(InputForm):
    """职称确认 (rule 17): input only; who confirms and from which day come from
    rules.confirmation and every check from recognition.confirmation.confirmation_save."""

    marked = (
        "series_id",
        "track_id",
        "level",
        "obtained_on",
        "issuer",
        "source",
        "certificate_no",
        "transferred_on",
        "assessment_passed",
        "exam_only",
        "specialty",
    )

    application_id = forms.CharField(required=False, widget=forms.HiddenInput())
    series_id = _select("原职称系列")
    track_id = _select("方向")
    level = _select("原职称层级")
    title_name = text(
        "原职称名称", help_text="按职称证书填写；不填写时按所选系列和层级的职称名称。", maxlength=60
    )
    obtained_on = text("原职称取得时间", help_text="按职称证书填写，格式 YYYY-MM-DD。", input_type="date")
    issuer = text("原评审/发证机关", help_text="证书上的评审委员会或发证机关全称。", maxlength=100)
    source = _select("取得地", help_text=f"省内评审的职称在省内调动工作不需要确认（{cite(17)}）。")
    certificate_no = text("证书编号", maxlength=60)
    transferred_on = text(
        "调入日期",
        help_text="事业单位按聘用合同、企业按劳动合同的签订时间填写，格式 YYYY-MM-DD；试用满半年后方可申报。",
        input_type="date",
    )
    assessment_passed = _select("试用期考核是否合格")
    exam_only = _select(
        "是否以考代评的系列（专业）", help_text="国家已实行以考代评的系列（专业）不再办理职称确认。"
    )
    specialty = text("申报专业", help_text="按本人从事的专业规范填写，不得使用简称。", maxlength=60)

    def set_choices(self, *, series: list, tracks: list) -> None:
        yes_no = [("", "请选择"), ("yes", "是"), ("no", "否")]
        self.fields["series_id"].widget.choices = [("", "请选择")] + [(str(s.pk), s.name) for s in series]
        self.fields["track_id"].widget.choices = [("", "请先选择系列" if not tracks else "请选择")] + [
            (str(t.pk), t.name) for t in tracks
        ]
        self.fields["level"].widget.choices = [("", "请选择"), *Level.choices]
        self.fields["source"].widget.choices = [("", "请选择"), *HeldTitleSource.choices]
        self.fields["assessment_passed"].widget.choices = yes_no
        self.fields["exam_only"].widget.choices = yes_no


class PostdocForm(InputForm):
    """博士后认定 (rule 13, seed question 13): input only; always 副高级, every check from
    recognition.postdoc.postdoc_save."""

    marked = ("exit_on", "station", "funded", "led_project", "stays", "series_id", "track_id", "specialty")

    application_id = forms.CharField(required=False, widget=forms.HiddenInput())
    station = text(
        "博士后工作站（流动站）名称",
        help_text="按博士后出站证明填写设站单位的企业博士后科研工作站或流动站全称。",
        maxlength=100,
    )
    exit_on = text(
        "出站日期", help_text="按博士后出站证明填写，格式 YYYY-MM-DD；出站后方可申报。", input_type="date"
    )
    funded = _select("是否获得中国博士后科学基金资助")
    funding_reference = text(
        "资助证书编号或资助年度",
        help_text="获得资助的填写《中国博士后科学基金资助证书》编号或资助年度。",
        maxlength=60,
    )
    led_project = _select("是否主持省部级以上科研项目")
    project_name = text(
        "主持的省部级以上科研项目名称",
        help_text="主持（项目负责人）省部级以上科研项目的，按立项文件填写项目名称。",
        maxlength=100,
    )
    stays = _select("出站后是否继续留在企业", help_text="出站后继续在本企业工作的选“是”。")
    series_id = _select("系列")
    track_id = _select("方向")
    specialty = text("申报专业", help_text="按本人从事的专业规范填写，不得使用简称。", maxlength=60)

    def set_choices(self, *, series: list, tracks: list) -> None:
        yes_no = [("", "请选择"), ("yes", "是"), ("no", "否")]
        self.fields["series_id"].widget.choices = [("", "请选择")] + [(str(s.pk), s.name) for s in series]
        self.fields["track_id"].widget.choices = [("", "请先选择系列" if not tracks else "请选择")] + [
            (str(t.pk), t.name) for t in tracks
        ]
        for name in ("funded", "led_project", "stays"):
            self.fields[name].widget.choices = yes_no
