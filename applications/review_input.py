"""What a reviewer gives with an action, checked before anything is locked: the opinion (every
action), and for 返回修改 the complete list of what to fix and the deadline (rule 5, 一次性告知).

Also the places a return item may point at (`return_section_choices`) and where the applicant
fixes each one (`return_item_url`, the same 去完善 targets as applications/completeness.py)."""

from __future__ import annotations

from datetime import date, datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date

from attachments.models import AttachmentKind
from core.dates import date_label
from core.errors import FieldErrors
from dossier.sections import SECTIONS, SECTIONS_BY_KEY

OPINION_MAX = 2000  # ReviewEvent.opinion as the pages show it
COMMENT_MAX = 500  # one return item's comment
ITEMS_MAX = 50
ATTACHMENTS_PREFIX = "attachments:"
# Kinds a return may name (条目附件 belong to their dossier section, which is named instead).
RETURN_ATTACHMENT_KINDS = tuple(kind for kind in AttachmentKind if kind != AttachmentKind.ENTRY)

OPINION_REQUIRED = "请填写审核意见。"


def return_section_choices() -> list[tuple[str, str]]:
    """(key, label) of every place a return item may point at, in the applicant's menu order:
    基本信息, the 13 sections, each attachment kind, the cover."""
    choices = [("basic", "基本信息")]
    choices += [(section.key, section.label) for section in SECTIONS]
    choices += [
        (f"{ATTACHMENTS_PREFIX}{kind.value}", f"附件：{kind.label}") for kind in RETURN_ATTACHMENT_KINDS
    ]
    choices.append(("cover", "封面（申报年度、类别、系列、层级、评委会）"))
    return choices


_LABELS = dict(return_section_choices())


def return_section_label(section: str) -> str:
    return _LABELS.get(section, section)


def return_item_url(section: str) -> str:
    """The 去完善 link of a return item (where the applicant fixes it)."""
    if section == "basic":
        return reverse("dossier:basic")
    if section == "cover":
        return f"{reverse('applications:cover')}#cover"
    if section.startswith(ATTACHMENTS_PREFIX):
        from .completeness import attachment_url

        return attachment_url(section[len(ATTACHMENTS_PREFIX) :])
    if section in SECTIONS_BY_KEY:
        return reverse("dossier:section", args=[section]) + "#entries"
    return reverse("dossier:overview")


def clean_opinion(value, errors: FieldErrors) -> str:
    """Required, at most OPINION_MAX characters (line breaks kept)."""
    text = str(value or "").strip()
    if not text:
        errors.add("opinion", OPINION_REQUIRED)
    elif len(text) > OPINION_MAX:
        errors.add("opinion", f"审核意见最多 {OPINION_MAX} 个字，当前 {len(text)} 个字。")
    return text


def clean_return_items(items, errors: FieldErrors) -> list[dict]:
    """Rule 5: a non-empty list of {"section", "comment"}; every item is checked and every
    mistake reported at once ("第 N 项：…")."""
    if not isinstance(items, (list, tuple)) or not items:
        errors.add(
            "items",
            "请一次性列出需要修改的全部内容（至少一项）：每项选择需修改的位置并填写修改意见。",
        )
        return []
    if len(items) > ITEMS_MAX:
        errors.add("items", f"需修改的内容最多 {ITEMS_MAX} 项，请合并相近的内容。")
        return []
    cleaned = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            errors.add("items", f"第 {number} 项：格式不正确，应包含需修改的位置和修改意见。")
            continue
        section = str(item.get("section") or "").strip()
        comment = str(item.get("comment") or "").strip()
        if not section:
            errors.add("items", f"第 {number} 项：请选择需要修改的位置。")
        elif section not in _LABELS:
            errors.add("items", f"第 {number} 项：需修改的位置“{section}”不存在，请重新选择。")
        if not comment:
            errors.add("items", f"第 {number} 项：请填写修改意见（需要补充或修改的具体内容）。")
        elif len(comment) > COMMENT_MAX:
            errors.add(
                "items", f"第 {number} 项：修改意见最多 {COMMENT_MAX} 个字，当前 {len(comment)} 个字。"
            )
        cleaned.append({"section": section, "comment": comment})
    return cleaned


def clean_deadline(value, errors: FieldErrors, *, today: date | None = None) -> date | None:
    """Rule 5: the date by which the applicant must resubmit; after today (Beijing time)."""
    today = today or timezone.localdate()
    deadline = None
    if isinstance(value, datetime):
        deadline = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    elif isinstance(value, date):
        deadline = value
    elif value not in (None, ""):
        try:
            deadline = parse_date(str(value).strip())
        except ValueError:
            deadline = None
        if deadline is None:
            errors.add("deadline", "补正截止日期格式应为 YYYY-MM-DD，如 2026-10-08。")
            return None
    if deadline is None:
        errors.add("deadline", "请填写补正截止日期（申报人须在此日期前修改并重新提交，逾期视为放弃）。")
        return None
    if deadline <= today:
        errors.add("deadline", f"补正截止日期须晚于今天（{date_label(today)}）。")
    return deadline
