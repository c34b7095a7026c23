"""The review actions as the pages and the API call them: the application must be in the actor's
scope (else NotFound, nothing revealed), then the one state machine (applications/state.py) does
the work. Nothing here changes a status itself."""

from __future__ import annotations

from dataclasses import dataclass

from applications.review_input import clean_opinion
from applications.state import (
    LateReturn,
    application_batch_pass,
    application_pass,
    application_reject,
    application_reset,
    application_return,
)
from core.errors import FieldErrors, NotFound, ServiceError

from .selectors import NOT_FOUND, in_scope_ids, review_get

ACTIONS = ("pass", "return", "reset", "reject")
BATCH_MAX = 200


def _truthy(value) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def _step_id(value):
    text = str(value if value is not None else "").strip()
    return text or None


def review_act(
    *,
    actor,
    application_id,
    action: str,
    opinion: str = "",
    items: list[dict] | None = None,
    deadline=None,
    expected_step_id=None,
    confirm_late=False,
    ip: str | None = None,
):
    """审核: 通过 / 返回修改 / 重置流程 / 不通过 of one application in the actor's scope. A late
    return (rule 6) raises LateReturn (409) until confirm_late is given."""
    application = review_get(actor=actor, application_id=application_id)
    action = (action or "").strip()
    if action not in ACTIONS:
        errors = FieldErrors()
        errors.add("action", "请选择审核结果：通过、返回修改、重置流程或不通过。")
        clean_opinion(opinion, errors)
        errors.raise_if_any("请选择审核结果并填写审核意见。")
    common = {
        "application_id": application.pk,
        "actor": actor,
        "opinion": opinion,
        "ip": ip,
        "expected_step_id": _step_id(expected_step_id),
    }
    if action == "pass":
        return application_pass(**common)
    if action == "return":
        return application_return(
            **common, items=items or [], deadline=deadline, confirm_late=_truthy(confirm_late)
        )
    if action == "reset":
        return application_reset(**common)
    return application_reject(**common)


def is_late_warning(exc: ServiceError) -> bool:
    return isinstance(exc, LateReturn)


@dataclass(frozen=True)
class BatchItem:
    application_id: int | str
    name: str
    ok: bool
    message: str


def review_batch_pass(*, actor, ids, opinion: str, ip: str | None = None) -> list[BatchItem]:
    """批量通过: each chosen application in the actor's scope passed through the state machine
    (each its own transaction and event); ids outside the scope are "not found" and never reach
    it. When none of the ids is in the scope the whole request is NotFound."""
    errors = FieldErrors()
    chosen = [str(value).strip() for value in (ids or []) if str(value).strip()]
    if not chosen:
        errors.add("ids", "请先勾选要通过的申报。")
    elif len(chosen) > BATCH_MAX:
        errors.add("ids", f"一次最多通过 {BATCH_MAX} 份申报，请分批办理。")
    clean_opinion(opinion, errors)
    errors.raise_if_any("未批量通过：请勾选申报并填写审核意见。")
    ordered: list[str] = []
    for value in chosen:
        if value not in ordered:
            ordered.append(value)
    scoped = in_scope_ids(actor=actor, ids=ordered)
    if not scoped:
        raise NotFound(NOT_FOUND)
    from applications.models import Application

    names = dict(Application.objects.filter(pk__in=scoped).values_list("pk", "applicant__name"))
    passed = {
        str(result.application_id): result
        for result in application_batch_pass(
            application_ids=[int(v) for v in ordered if v.isdigit() and int(v) in scoped],
            actor=actor,
            opinion=opinion,
            ip=ip,
        )
    }
    items = []
    for value in ordered:
        pk = int(value) if value.isdigit() else None
        result = passed.get(str(pk)) if pk in scoped else None
        if result is None:
            items.append(BatchItem(application_id=value, name="", ok=False, message=NOT_FOUND))
        else:
            items.append(
                BatchItem(application_id=pk, name=names.get(pk, ""), ok=result.ok, message=result.message)
            )
    return items
