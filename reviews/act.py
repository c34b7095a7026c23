"""What the 审核 section of the review page shows besides the choices (reviews/detail.py): the
返回修改 checklist narrowed to the places that apply to this application, and, right after the
reviewer's action, its result in place of the form (what happened, where the application is now,
the way back to the queue). Reads only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from applications.models import Application, ApplicationStatus, ReviewEvent, step_label
from applications.review_input import ATTACHMENTS_PREFIX, return_section_choices
from attachments.models import AttachmentKind
from core.dates import deadline_label

from .selectors import REVIEW_ACTIONS

# Always offered for a return: the cover and 基本信息 (every application has them) and 其他材料
# (anything the reviewer asks to add that has no place of its own).
ALWAYS = ("basic", "cover", f"{ATTACHMENTS_PREFIX}{AttachmentKind.OTHER.value}")

HEADLINES = {
    "pass": "已审核通过。",
    "return": "已返回修改。",
    "reset": "已重置流程。",
    "reject": "已审核不通过。",
}


def return_places(*, application: Application, snapshot: dict) -> tuple[list[str], list[str]]:
    """(the places of a return that apply to `application`, the others), both in the checklist's
    order. A place applies when the submitted snapshot has something there — a dossier section
    with entries, an uploaded kind of attachment — or when the committee requires that kind; the
    cover, 基本信息 and 其他材料 always do. The others stay reachable (a section the applicant left
    empty may be asked for) but folded away."""
    from applications.completeness import required_kinds

    present = {section.get("key") for section in snapshot.get("sections") or [] if section.get("entries")}
    kinds = {item.get("kind") for item in snapshot.get("attachments") or []}
    if application.committee_id is not None:
        kinds.update(required_kinds(committee=application.committee))
        if application.committee.is_provincial:
            kinds.add(AttachmentKind.PHOTO.value)
    applicable, others = [], []
    for key, _label in return_section_choices():
        if key.startswith(ATTACHMENTS_PREFIX):
            applies = key[len(ATTACHMENTS_PREFIX) :] in kinds
        else:
            applies = key in present
        (applicable if applies or key in ALWAYS else others).append(key)
    return applicable, others


@dataclass(frozen=True)
class ActResult:
    """The reviewer's action just taken, as the page shows it in place of the form."""

    action: str
    action_label: str
    headline: str
    detail: str
    opinion: str
    at: datetime
    status_label: str
    current_step: str
    deadline: date | None


def act_result(*, actor, application: Application, event_id) -> ActResult | None:
    """The result of the actor's own review action `event_id` on `application` (None when the id
    names no such event: the page then shows the form as usual)."""
    try:
        pk = int(str(event_id))
    except (TypeError, ValueError):
        return None
    event = (
        ReviewEvent.objects.filter(pk=pk, application=application, actor_id=getattr(actor, "pk", None))
        .select_related("return_request")
        .first()
    )
    if event is None or event.action not in REVIEW_ACTIONS:
        return None
    where = step_label(application.current_step)
    request = getattr(event, "return_request", None) if event.action == "return" else None
    if event.action == "pass" and event.to_status == ApplicationStatus.APPROVED:
        detail = (
            f"{application.get_kind_display()}已通过全部审核环节。"
            if application.committee_id is None
            else "电子材料审核全部通过，申报人将按要求打印纸质材料，逐级审核盖章后交至评审委员会。"
        )
    elif event.action == "pass":
        detail = f"已转至下一审核环节：{where}。" if where else "已转至下一审核环节。"
    elif event.action == "return":
        detail = (
            f"申报人须在 {deadline_label(request.deadline)} 前"
            "按需修改的内容修改并重新提交，逾期视为放弃；申报人已收到需修改的全部内容，重新提交后从单位审核重新开始。"
            if request is not None
            else "申报人按审核意见修改后重新提交。"
        )
    elif event.action == "reset":
        detail = "申报已退回为草稿，申报人可修改封面（如工作单位、评审委员会）后重新申报。"
    else:
        detail = "该申报已结束；申报人本年度如仍符合申报条件，可另行申报。"
    from applications.state import ACTION_LABELS

    return ActResult(
        action=event.action,
        action_label=ACTION_LABELS.get(event.action, event.action),
        headline=HEADLINES[event.action],
        detail=detail,
        opinion=event.opinion,
        at=event.created_at,
        status_label=application.get_status_display(),
        current_step=where,
        deadline=request.deadline if request is not None else None,
    )


def latest_act_id(*, actor, application_id) -> int | None:
    """The id of the actor's latest review action on the application (the page's result link)."""
    return (
        ReviewEvent.objects.filter(
            application_id=application_id, actor_id=getattr(actor, "pk", None), action__in=REVIEW_ACTIONS
        )
        .order_by("-id")
        .values_list("pk", flat=True)
        .first()
    )
