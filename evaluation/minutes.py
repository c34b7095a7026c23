"""会议纪要 (人社部令第40号《职称评审管理暂行规定》, rule 32 of docs/domain.md): the minutes of a
closed meeting as a PDF — the committee, the date, the experts present, each application with
its 评议组's opinion summary and its vote counts, the chair's signature box and the committee's
stamp box — archived immutable.

Archived once: the minutes are generated on the first request after the meeting closed (not at
closing: closing 300 applications must stay fast), both copies at once from the same reading of
the rows, stored through Django's storage API with their sha256, and from then on always served
from the storage, never regenerated (the meeting's row is locked while they are written and
(meeting, copy) is unique, so two concurrent first requests make one set). Every read checks the
stored file's sha256.

Two copies (rule 31: the experts' list is kept confidential): the committee office's
办事机构存档本 names the experts present and their units; the 公开本 says only how many were present.
The office may have either; the meeting's chair (an expert) the 公开本 only; everyone else 403 / 404
as on the meeting pages. Neither copy links an expert to a vote (rule 30: secret ballot): the
minutes hold only each application's counts. Every download is audited."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from accounts.models import Role
from core.audit import audit
from core.errors import Conflict, Forbidden, NotFound, ServiceError, id_or_not_found
from core.sources import cite

from .conflicts import expert_of
from .meeting_models import Meeting
from .minutes_data import MinutesData, MinutesRow, minutes_data
from .minutes_models import MeetingMinutes, MinutesCopy
from .minutes_pdf import minutes_pdf_bytes
from .models import Assignment, Round
from .rounds import round_for_office

COPY_CHOICE = "请选择会议纪要的版本：office（办事机构存档本）或 public（公开本）。"


# --- who may have which copy ----------------------------------------------------------------------


def _round_and_copy(*, actor, round_id, copy: str | None) -> tuple[Round, str]:
    """The office of the round's committee: either copy (the 存档本 by default). The meeting's
    chair: the 公开本 only. Another expert drawn for the round: 403; an expert not drawn for it, an
    unknown round, another committee's office: 404; any other role: 403."""
    copy = (copy or "").strip() or None
    if copy is not None and copy not in MinutesCopy.values:
        raise ServiceError.fields({"copy": [COPY_CHOICE]})
    if getattr(actor, "role", None) != Role.EXPERT:
        return round_for_office(actor=actor, round_id=round_id), copy or MinutesCopy.OFFICE
    expert = expert_of(actor)
    pk = id_or_not_found(round_id, "未找到该评审批次。")
    if not Assignment.objects.filter(round_id=pk, expert=expert).exists():
        raise NotFound("未找到该评审批次。")
    row = Round.objects.select_related("committee").get(pk=pk)
    if not Meeting.objects.filter(round=row, chair=expert).exists():
        raise Forbidden("只有评委会办事机构和会议主持人可以下载会议纪要。")
    if copy == MinutesCopy.OFFICE:
        raise Forbidden(
            f"会议主持人只能下载会议纪要公开本；列有评审专家姓名的存档本由评委会办事机构保管。{cite(31)}"
        )
    return row, MinutesCopy.PUBLIC


# --- archiving and reading ------------------------------------------------------------------------


def _archived(*, actor, row: Round, ip: str | None) -> dict[str, MeetingMinutes]:
    """Both copies of the meeting's minutes: those already archived, the missing ones generated
    now — under the meeting's row lock, so a concurrent first request waits and then finds them.
    Once archived, a read takes no lock."""
    archived = {m.copy: m for m in MeetingMinutes.objects.filter(meeting__round=row)}
    if all(copy in archived for copy in MinutesCopy.values):
        return archived
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().filter(round=row).first()
        if meeting is None:
            raise Conflict(f"评审批次“{row.name}”的评审会议尚未开始，结束评审会议后才能生成会议纪要。")
        if meeting.closed_at is None:
            raise Conflict(
                f"评审批次“{row.name}”的评审会议尚未结束；结束评审会议、确定表决结果后才能生成会议纪要。"
                f"{cite(32)}"
            )
        archived = {m.copy: m for m in MeetingMinutes.objects.filter(meeting=meeting)}
        missing = [copy for copy in MinutesCopy.values if copy not in archived]
        if not missing:
            return archived
        data = minutes_data(row=row, meeting=meeting)
        written: list[MeetingMinutes] = []
        try:
            for copy in missing:
                content = minutes_pdf_bytes(data, copy=copy)
                minutes = MeetingMinutes(
                    meeting=meeting,
                    copy=copy,
                    sha256=hashlib.sha256(content).hexdigest(),
                    size=len(content),
                    created_by=actor,
                )
                minutes.file.save("minutes.pdf", ContentFile(content), save=False)
                written.append(minutes)
                with transaction.atomic():
                    minutes.save()
                audit(
                    actor=actor,
                    action="evaluation_minutes_archive",
                    target=minutes,
                    detail={
                        "round": row.pk,
                        "copy": copy,
                        "sha256": minutes.sha256,
                        "size": minutes.size,
                        "applications": len(data.rows),
                    },
                    ip=ip,
                )
                archived[copy] = minutes
        except BaseException as exc:
            _discard(written)
            if isinstance(exc, IntegrityError):  # the unique constraint: another request won
                raise Conflict("会议纪要正在由另一次请求生成，请稍后再下载。") from None
            raise
    return archived


def _discard(written: list[MeetingMinutes]) -> None:
    """The files of a generation that did not commit (no row names them)."""
    for minutes in written:
        if minutes.file.name:
            minutes.file.storage.delete(minutes.file.name)


def _read(minutes: MeetingMinutes) -> bytes:
    with minutes.file.storage.open(minutes.file.name, "rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != minutes.sha256:
        raise Conflict(
            "会议纪要存档文件与存档时的校验值（SHA-256）不一致，可能已被改动，暂不能下载；"
            "请联系系统管理员核查。存档的会议纪要不会重新生成。"
        )
    return content


@dataclass
class MinutesDownload:
    minutes: MeetingMinutes
    content: bytes
    filename: str


def minutes_download(*, actor, round_id, copy: str | None = None, ip: str | None = None) -> MinutesDownload:
    """下载会议纪要: the archived copy the actor may have (generating the minutes on the first
    request after the meeting closed), its bytes checked against the stored sha256, and its
    Chinese file name; the download is audited."""
    row, copy = _round_and_copy(actor=actor, round_id=round_id, copy=copy)
    minutes = _archived(actor=actor, row=row, ip=ip)[copy]
    content = _read(minutes)
    audit(
        actor=actor,
        action="evaluation_minutes_download",
        target=minutes,
        detail={"round": row.pk, "copy": copy, "sha256": minutes.sha256},
        ip=ip,
    )
    return MinutesDownload(minutes=minutes, content=content, filename=minutes_filename(minutes, row))


def minutes_filename(minutes: MeetingMinutes, row: Round) -> str:
    """会议纪要的下载文件名: "<评委会>_<批次>_评审会议纪要（公开本）.pdf" (no path separators)."""
    name = f"{row.committee.name}_{row.name}_评审会议纪要（{minutes.get_copy_display()}）.pdf"
    return name.replace("/", "／").replace("\\", "＼")


__all__ = [
    "MinutesData",
    "MinutesDownload",
    "MinutesRow",
    "minutes_data",
    "minutes_download",
    "minutes_filename",
]
