"""Input only: every check and its Chinese message lives in recommend/services.py. The labels are
the seed's (五 (三) 5: 基层单位意见; rule 2: 单位公示)."""

from __future__ import annotations

from django import forms

from accounts.forms import InputForm, text
from core.forms import text_area

from .models import PublicityResult
from .selectors import EVALUATION_LABEL
from .services import (
    EVALUATION_MAX,
    FORMATION_MAX,
    HANDLING_MAX,
    METHOD_MAX,
    OPINION_MAX,
    PARTICIPANTS_MAX,
    PLACE_MAX,
)

METHOD_HELP = "由于各单位推荐方式不尽相同，没有统一推荐方式，填写时关键是要描述清楚推荐的过程和方式。"


def date_input(label: str, *, help_text: str = "") -> forms.CharField:
    return text(label, input_type="date", help_text=help_text)


class RecommendationForm(InputForm):
    """基层意见 (rule 25)."""

    marked = ("evaluation", "method", "participants", "participant_count", "opinion", "formation")
    evaluation = text_area(EVALUATION_LABEL, max_length=EVALUATION_MAX, rows=8)
    method = text("推荐方式", help_text=METHOD_HELP, maxlength=str(METHOD_MAX))
    participants = text(
        "参与推荐的人员范围",
        help_text="如：单位领导班子成员、职称推荐工作小组成员、本部门专业技术人员等。",
        maxlength=str(PARTICIPANTS_MAX),
    )
    participant_count = text("参与推荐人数", input_type="number", min="1", inputmode="numeric")
    opinion = text_area("推荐意见", max_length=OPINION_MAX)
    formation = text_area(
        "意见形成情况",
        max_length=FORMATION_MAX,
        help_text=f"如：经会议评议，参加人数、同意人数等。最多 {FORMATION_MAX} 个字。",
    )


class PublicityForm(InputForm):
    """单位公示 (rule 2)."""

    marked = ("start_date", "end_date", "place")
    start_date = date_input("公示开始日期", help_text="不能早于申报提交日期。")
    end_date = date_input(
        "公示结束日期", help_text="公示期不少于5个工作日，按国家法定节假日安排计算（周末、节假日不计）。"
    )
    place = text("公示地点/方式", help_text="如：单位公示栏、单位内网。", maxlength=str(PLACE_MAX))
    result = forms.CharField(
        label="公示结果",
        required=False,
        help_text="公示结束后填写。公示无异议（或异议经核实不成立）的方可推荐；异议经核实成立的不能推荐。",
        widget=forms.Select(choices=[("", "公示尚未结束，暂不填写"), *PublicityResult.choices]),
    )
    handling = text_area(
        "异议处理情况",
        max_length=HANDLING_MAX,
        rows=4,
        help_text=f"公示结果为“有异议”时必须填写核实情况和处理结果。最多 {HANDLING_MAX} 个字。",
    )
