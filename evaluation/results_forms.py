"""Input only for the 评审结果 page (evaluation/results.py checks everything, in Chinese)."""

from __future__ import annotations

from accounts.forms import InputForm, text
from core.forms import text_area
from publicity.services import BODY_MAX

from .results import DOCUMENT_MAX


class ResultNoticeForm(InputForm):
    """生成评审结果公示."""

    marked = ("title", "start_date", "end_date")
    title = text("公示标题")
    body = text_area(
        "公示说明", max_length=BODY_MAX, help_text=f"如受理异议的联系方式。最多 {BODY_MAX} 个字。"
    )
    start_date = text("公示开始日期", input_type="date", help_text="不能早于今天；默认下一个工作日。")
    end_date = text(
        "公示结束日期",
        input_type="date",
        help_text="公示期不少于5个工作日（法定节假日和周末不计，调休上班日计入）。",
    )


class ResultConfirmForm(InputForm):
    """核准/备案: the chosen results come as checkboxes named application_ids in the table."""

    marked = ("document_number", "confirmed_on")
    document_number = text(
        "核准（备案）文号", help_text=f"如“昆人社评〔2026〕12号”，最多 {DOCUMENT_MAX} 个字。"
    )
    confirmed_on = text(
        "核准（备案）日期", input_type="date", help_text="不能晚于今天，须在评审结果公示结束之后。"
    )
