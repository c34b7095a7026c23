"""/api/v1/publicity/: public notices (公示, rules 2 and 3) and objections (异议, rule 4).

Reading notices and lodging an objection need no sign-in; publishing a notice and handling an
objection are the publisher's (bearer token or session). Thin: the same services as the pages.

Routes are declared in a fixed order, the fixed paths before "/{notice_id}" (which would otherwise
be tried first for them): GET /, POST /, POST /objections/{id}/handle,
GET /applications/{id}/prereview-filing, GET /{id}, POST /{id}/objections, GET and POST
/{id}/filings (评前公示备案, seed 必读 (三)2)."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from accounts.auth import api_auth
from core.http import client_ip

from . import selectors
from .models import Objection, PreReviewFiling, Publicity, PublicityState
from .services import objection_create, objection_handle, prereview_filing_create, publicity_create

router = Router(tags=["公示与异议"])
PAGE_SIZE_MAX = 100


class Error(Schema):
    detail: str
    errors: dict[str, list[str]]


ERRORS = {400: Error, 403: Error, 404: Error, 409: Error, 429: Error}


class PublicityEntryOut(Schema):
    """One applicant on a notice. education / qualifications / achievements: 学历、资历条件及学术、
    业绩成果 from the submitted application (单位公示 and 评前公示; empty on a result notice)."""

    id: int
    name: str
    unit_name: str
    series_name: str
    level_label: str
    title_name: str
    id_number_masked: str
    education: str
    qualifications: list[str]
    achievements: list[str]


class PublicityNoticeOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    body: str
    publisher: str
    start_date: date
    end_date: date
    workdays: int
    state: str
    state_label: str
    entry_count: int
    entries: list[PublicityEntryOut] | None = None


class PublicityPage(Schema):
    count: int
    page: int
    items: list[PublicityNoticeOut]


class PublicityNoticeIn(Schema):
    """kind: unit（单位公示，单位管理员）/ pre_review（评前公示）/ result（评审结果公示）（评委会办事机构、
    市人社局审核员）；dates as YYYY-MM-DD; application_ids: applications of the publisher's
    jurisdiction."""

    kind: str | None = None
    title: str | None = None
    body: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    application_ids: list[int | str] | None = None


class ObjectionOut(Schema):
    id: int
    publicity_id: int
    entry_id: int
    status: str
    status_label: str
    created_at: datetime


class ObjectionHandleIn(Schema):
    """status: accepted（已受理）/ verifying（核实中）/ not_accepted（不予受理，须写 acceptance_note）/
    concluded（已办结，须写 verification、outcome 和 finding：upheld 异议成立 / not_upheld 异议不成立）。
    An upheld objection keeps a unit from recommending the applicant (单位公示) or the office from
    filing the application (评前公示)."""

    status: str | None = None
    acceptance_note: str | None = None
    verification: str | None = None
    outcome: str | None = None
    finding: str | None = None


class ObjectionHandledOut(ObjectionOut):
    acceptance_note: str
    verification: str
    outcome: str
    upheld: bool | None
    finding_label: str
    handled_at: datetime | None


class PreReviewFilingOut(Schema):
    id: int
    publicity_id: int
    filed_with: str
    filed_with_label: str
    document_number: str
    filed_on: date
    note: str
    filed_by: str
    created_at: datetime
    has_receipt: bool
    application_ids: list[int]


class PreReviewFilingRowOut(Schema):
    entry_id: int
    application_id: int
    name: str
    state: str
    state_label: str
    reason: str
    filing_id: int | None


class PreReviewFilingsOut(Schema):
    publicity_id: int
    filings: list[PreReviewFilingOut]
    entries: list[PreReviewFilingRowOut]


class PreReviewFilingStateOut(Schema):
    """filed: whether the committee may decide on the application (its 评前公示 filed); reason:
    why not, in Chinese."""

    application_id: int
    filed: bool
    reason: str
    filing: PreReviewFilingOut | None


def filing_out(filing: PreReviewFiling) -> dict:
    by = filing.filed_by
    return {
        "id": filing.pk,
        "publicity_id": filing.notice_id,
        "filed_with": filing.filed_with,
        "filed_with_label": filing.get_filed_with_display(),
        "document_number": filing.document_number,
        "filed_on": filing.filed_on,
        "note": filing.note,
        "filed_by": (by.name or by.username) if by is not None else "",
        "created_at": filing.created_at,
        "has_receipt": bool(filing.receipt),
        "application_ids": [item.application_id for item in filing.items.all()],
    }


def publicity_out(notice: Publicity, *, entries: list | None = None, today: date | None = None) -> dict:
    state = notice.state_on(today or timezone.localdate())
    entry_count = getattr(notice, "entry_count", None)
    if entry_count is None:
        entry_count = len(entries) if entries is not None else notice.entries.count()
    return {
        "id": notice.pk,
        "kind": notice.kind,
        "kind_label": notice.get_kind_display(),
        "title": notice.title,
        "body": notice.body,
        "publisher": notice.publisher_name,
        "start_date": notice.start_date,
        "end_date": notice.end_date,
        "workdays": notice.workdays,
        "state": state,
        "state_label": PublicityState(state).label,
        "entry_count": entry_count,
        "entries": (
            [
                {
                    "id": e.pk,
                    "name": e.name,
                    "unit_name": e.unit_name,
                    "series_name": e.series_name,
                    "level_label": e.level_label,
                    "title_name": e.title_name,
                    "id_number_masked": e.id_number_masked,
                    "education": e.education,
                    "qualifications": list(e.qualifications or []),
                    "achievements": list(e.achievements or []),
                }
                for e in entries
            ]
            if entries is not None
            else None
        ),
    }


def objection_out(objection: Objection) -> dict:
    return {
        "id": objection.pk,
        "publicity_id": objection.publicity_id,
        "entry_id": objection.entry_id,
        "status": objection.handling_status,
        "status_label": objection.get_handling_status_display(),
        "created_at": objection.created_at,
    }


@router.get(
    "/",
    response=PublicityPage,
    operation_id="publicity_list",
    summary="公示公告列表（无需登录）：公示中在前，其次未开始，再次近期已结束",
)
def publicity_list(request: HttpRequest, kind: str = "", page: int = 1, page_size: int = 20):
    today = timezone.localdate()
    page = max(page, 1)
    page_size = min(max(page_size, 1), PAGE_SIZE_MAX)
    qs = selectors.public_list(kind=kind, today=today)
    start = (page - 1) * page_size
    items = list(qs[start : start + page_size])
    return {"count": qs.count(), "page": page, "items": [publicity_out(n, today=today) for n in items]}


@router.post(
    "/",
    auth=api_auth,
    response={201: PublicityNoticeOut, **ERRORS},
    operation_id="publicity_create",
    summary="发布公示（单位公示：单位管理员；评前公示、评审结果公示：评委会办事机构或市人社局审核员）",
)
def publicity_create_endpoint(request: HttpRequest, payload: PublicityNoticeIn):
    notice = publicity_create(
        actor=request.auth,
        kind=payload.kind,
        title=payload.title,
        body=payload.body or "",
        start_date=payload.start_date,
        end_date=payload.end_date,
        application_ids=payload.application_ids or [],
        ip=client_ip(request),
    )
    return Status(201, publicity_out(notice, entries=selectors.entries_of(notice=notice)))


@router.post(
    "/objections/{objection_id}/handle",
    auth=api_auth,
    response={200: ObjectionHandledOut, **ERRORS},
    operation_id="publicity_objection_handle",
    summary="办理异议：受理、核实、处理结果（仅公示发布单位）",
)
def publicity_objection_handle(request: HttpRequest, objection_id: str, payload: ObjectionHandleIn):
    objection = objection_handle(
        actor=request.auth,
        objection_id=objection_id,
        status=payload.status,
        acceptance_note=payload.acceptance_note or "",
        verification=payload.verification or "",
        outcome=payload.outcome or "",
        finding=payload.finding or "",
        ip=client_ip(request),
    )
    return {
        **objection_out(objection),
        "acceptance_note": objection.acceptance_note,
        "verification": objection.verification,
        "outcome": objection.outcome,
        "upheld": objection.upheld,
        "finding_label": objection.finding_label,
        "handled_at": objection.handled_at,
    }


@router.get(
    "/applications/{application_id}/prereview-filing",
    auth=api_auth,
    response={200: PreReviewFilingStateOut, 404: Error},
    operation_id="publicity_prereview_filing_state",
    summary="一项申报的评前公示备案情况（评委会评审前须已备案；申报人本人或审核范围内的审核人员）",
)
def publicity_prereview_filing_state(request: HttpRequest, application_id: str):
    application = selectors.application_for_viewer(actor=request.auth, application_id=application_id)
    item, reason = selectors.prereview_filing_state(application=application)
    return {
        "application_id": application.pk,
        "filed": item is not None,
        "reason": reason,
        "filing": filing_out(item.filing) if item is not None else None,
    }


@router.get(
    "/{notice_id}",
    response={200: PublicityNoticeOut, 404: Error},
    operation_id="publicity_get",
    summary="一则公示及公示人员（身份证号脱敏，无需登录）",
)
def publicity_get(request: HttpRequest, notice_id: str):
    notice = selectors.public_get(notice_id=notice_id)
    return publicity_out(notice, entries=selectors.entries_of(notice=notice))


@router.post(
    "/{notice_id}/objections",
    response={201: ObjectionOut, **ERRORS},
    operation_id="publicity_objection_create",
    summary="提出异议（无需登录，仅公示期内）",
    description=(
        "multipart/form-data：entry_id（被反映的公示人员，见 publicity_get 的 entries）、objector_name"
        "（异议人姓名）、objector_phone（联系电话，11 位手机号）、facts（异议事实）、attachment"
        "（证明材料，可选，JPG/PNG/PDF，按内容检查）。"
    ),
)
def publicity_objection_create(
    request: HttpRequest,
    notice_id: str,
    entry_id: str = Form(""),
    objector_name: str = Form(""),
    objector_phone: str = Form(""),
    facts: str = Form(""),
    attachment: UploadedFile | None = File(None),  # noqa: B008 - ninja parameter declaration
):
    objection = objection_create(
        notice_id=notice_id,
        entry_id=entry_id,
        objector_name=objector_name,
        objector_phone=objector_phone,
        facts=facts,
        attachment=attachment,
        ip=client_ip(request),
    )
    return Status(201, objection_out(objection))


@router.get(
    "/{notice_id}/filings",
    auth=api_auth,
    response={200: PreReviewFilingsOut, 404: Error},
    operation_id="publicity_prereview_filings_list",
    summary="评前公示的报送备案情况：已登记的备案和每名公示人员能否报送备案（仅公示发布单位）",
)
def publicity_prereview_filings_list(request: HttpRequest, notice_id: str):
    notice = selectors.notice_for_publisher(actor=request.auth, notice_id=notice_id)
    rows = selectors.notice_filing_rows(notice=notice) if notice.kind == "pre_review" else []
    return {
        "publicity_id": notice.pk,
        "filings": [filing_out(f) for f in selectors.filings_of_notice(notice=notice)],
        "entries": [
            {
                "entry_id": row.entry.pk,
                "application_id": row.entry.application_id,
                "name": row.entry.name,
                "state": row.state,
                "state_label": row.state_label,
                "reason": row.reason,
                "filing_id": row.item.filing_id if row.item is not None else None,
            }
            for row in rows
        ],
    }


@router.post(
    "/{notice_id}/filings",
    auth=api_auth,
    response={201: PreReviewFilingOut, **ERRORS},
    operation_id="publicity_prereview_filing_create",
    summary="登记评前公示报送省、市人社部门备案（公示期满且无异议的申报人；仅公示发布单位）",
    description=(
        "multipart/form-data：filed_with（province 云南省人力资源和社会保障厅 / city "
        "昆明市人力资源和社会保障局 / both 两者）、document_number（备案文号）、filed_on"
        "（报送备案日期 YYYY-MM-DD）、note（备注，可选）、application_ids"
        "（报送备案的申报编号，逗号分隔；不填则为全部可报送备案的申报人）、receipt"
        "（备案回执扫描件，可选，JPG/PNG/PDF）。"
    ),
)
def publicity_prereview_filing_create(
    request: HttpRequest,
    notice_id: str,
    filed_with: str = Form(""),
    document_number: str = Form(""),
    filed_on: str = Form(""),
    note: str = Form(""),
    application_ids: str | None = Form(None),
    receipt: UploadedFile | None = File(None),  # noqa: B008 - ninja parameter declaration
):
    filing = prereview_filing_create(
        actor=request.auth,
        notice_id=notice_id,
        filed_with=filed_with,
        document_number=document_number,
        filed_on=filed_on,
        note=note,
        receipt=receipt,
        application_ids=application_ids,
        ip=client_ip(request),
    )
    return Status(201, filing_out(filing))
