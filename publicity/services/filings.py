"""报送省、市人社部门备案 (seed 必读 (三)2): the publisher of a closed 评前公示 records that it filed
its applicants — with which department, on which day, under which document number, optionally
with the scanned receipt (checked like every upload). Only applicants without an unresolved or
upheld objection are filed ("公示无异议的方可提交备案"); each application at most once."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from applications.models import Application
from core.audit import audit
from core.dates import date_label, deadline_label
from core.errors import Conflict, FieldErrors
from core.fields import date_field, text_field
from core.http import valid_ip
from orgs.models import CommitteeTier

from ..filing import FILING_CITE, notice_filing_rows
from ..models import FilingAuthority, PreReviewFiledApplication, PreReviewFiling, PublicityKind
from ..selectors import notice_for_publisher
from .fields import NOTE_MAX, checked_upload, parse_ids, store_upload, upload_removed_on_failure

DOCUMENT_MAX = 100  # model max_length
FILING_WORDS = {
    **{choice.value: choice for choice in FilingAuthority},
    **{choice.label: choice for choice in FilingAuthority},
}


def default_authority(notice) -> str:
    """What the form proposes: the province for a senior or provincial committee, else the city."""
    committee = notice.publisher_committee
    if committee is not None and (committee.is_provincial or committee.tier == CommitteeTier.SENIOR):
        return FilingAuthority.PROVINCE
    return FilingAuthority.CITY


def _ids(errors: FieldErrors, values) -> list[int] | None:
    """The applications chosen (None given: every one that may be filed; an empty choice: error)."""
    if values is None:
        return None
    ids = parse_ids(errors, values)
    if ids is None:
        return []
    if not ids:
        errors.add("application_ids", "请选择报送备案的申报人。")
    return ids


def prereview_filing_create(
    *,
    actor,
    notice_id,
    filed_with,
    document_number,
    filed_on,
    note="",
    receipt=None,
    application_ids=None,
    ip: str | None = None,
    today: date | None = None,
) -> PreReviewFiling:
    """Record the filing of a closed pre-review notice's applicants (all that may be filed, or
    those chosen). The publisher only (anyone else: NotFound); every field error at once; an
    applicant that may not be filed (objection unresolved or upheld, already filed, no longer
    approved) is named with the reason."""
    today = today or timezone.localdate()
    notice = notice_for_publisher(actor=actor, notice_id=notice_id)
    if notice.kind != PublicityKind.PRE_REVIEW:
        raise Conflict("只有评前公示需要报送省、市人社部门备案。")
    if notice.end_date >= today:
        raise Conflict(
            f"评前公示尚未结束（{deadline_label(notice.end_date)} 结束）：公示期满且无异议的方可报送备案"
            f"（{FILING_CITE}）。"
        )
    errors = FieldErrors()
    raw = "" if filed_with is None else str(filed_with).strip()
    authority = FILING_WORDS.get(raw)
    if authority is None:
        errors.add(
            "filed_with", "请选择备案部门（云南省人力资源和社会保障厅、昆明市人力资源和社会保障局或两者）。"
        )
    document = text_field(
        errors, "document_number", document_number, label="备案文号", max_length=DOCUMENT_MAX
    )
    day = date_field(errors, "filed_on", filed_on, label="报送备案日期")
    if day is not None and day > today:
        errors.add("filed_on", f"报送备案日期不能晚于今天（{date_label(today)}）。")
    elif day is not None and day <= notice.end_date:
        errors.add("filed_on", f"报送备案日期应在公示结束（{date_label(notice.end_date)}）之后。")
    note_text = text_field(errors, "note", note, label="备注", max_length=NOTE_MAX, required=False)
    checked = checked_upload(errors, receipt, field="receipt")
    chosen = _ids(errors, application_ids)
    errors.raise_if_any("备案情况未登记，请按提示修改。")

    filing = PreReviewFiling(
        notice=notice,
        filed_with=authority,
        document_number=document,
        filed_on=day,
        note=note_text,
        filed_by=actor,
    )
    try:
        with upload_removed_on_failure(filing, "receipt"), transaction.atomic():
            entry_ids = list(notice.entries.values_list("application_id", flat=True))
            # Locked like every other write of these applications (objections, passes).
            list(
                Application.objects.select_for_update(of=("self",)).filter(pk__in=entry_ids).values_list("pk")
            )
            rows = {row.entry.application_id: row for row in notice_filing_rows(notice=notice, today=today)}
            if chosen is None:
                chosen = [pk for pk, row in rows.items() if row.state == "eligible"]
                if not chosen:
                    raise Conflict(
                        "本次评前公示没有可报送备案的申报人（均已备案，或异议尚未办结、异议经核实成立）。",
                        {"application_ids": ["没有可报送备案的申报人。"]},
                    )
            refused = []
            for pk in chosen:
                row = rows.get(pk)
                if row is None:
                    refused.append(f"编号 {pk} 不在本次评前公示中")
                elif row.state != "eligible":
                    refused.append(f"{row.entry.name}：{row.reason or '已备案。'}")
            if refused:
                message = "以下申报人不能报送备案：" + "；".join(refused)
                raise Conflict(message, {"application_ids": [message]})
            store_upload(filing, "receipt", checked)
            filing.save()
            PreReviewFiledApplication.objects.bulk_create(
                PreReviewFiledApplication(filing=filing, entry=rows[pk].entry, application_id=pk)
                for pk in chosen
            )
            audit(
                actor=actor,
                action="prereview_filing_create",
                target=filing,
                detail={
                    "publicity_id": notice.pk,
                    "filed_with": authority.value,
                    "document_number": document,
                    "filed_on": day.isoformat(),
                    "application_ids": chosen,
                },
                ip=valid_ip(ip),
            )
    except IntegrityError:  # another click filed one of them at the same moment
        raise Conflict("所选申报人中有人刚刚已被登记备案，请刷新页面后查看。") from None
    return filing
