"""/api/v1/applications/ for the kinds no committee decides: 考核认定 (recognition_apply), 职称确认
(confirmation_apply) and 博士后认定 (postdoc_apply) save their drafts here; 申报, 提交 and the
rest are applications' endpoints (applications/api.py), under the same prefix (zhicheng/api.py
adds this router first). Thin: each endpoint calls the same service as the page."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema, Status

from accounts.auth import api_auth
from applications import selectors
from applications.api import ApplicationOut, Error, applicant_of, application_out

from .confirmation import confirmation_save
from .postdoc import postdoc_save
from .recognition import recognition_save

router = Router(tags=["职称申报"])


class RecognitionIn(Schema):
    """考核认定 (《职称知识25问》第18问): the level is computed from the schooling and the hiring
    date on today;
    without application_id a new draft is created, with it the draft (or returned one) changed.
    schooling: rules.recognition.Schooling; hiring_document: recruitment_form (《云南省招工录用登记表》)
    or appointment_notice (《事业单位聘用通知书》); hired_on: YYYY-MM-DD."""

    application_id: int | str | None = None
    schooling: str = ""
    hired_on: str = ""
    hiring_document: str = ""
    series_id: int | str | None = None
    track_id: int | str | None = None
    specialty: str = ""


@router.post(
    "/recognition",
    auth=api_auth,
    response={200: ApplicationOut, 201: ApplicationOut, 400: Error, 403: Error, 404: Error, 409: Error},
    operation_id="recognition_apply",
    summary="考核认定：保存草稿（层级和最早认定日期按学历和录用日期计算；提交用 applications_submit）",
)
def recognition_apply(request: HttpRequest, payload: RecognitionIn):
    user = applicant_of(request)
    application = recognition_save(user=user, **payload.model_dump())
    application = selectors.application_get(user=user, application_id=application.pk)
    return Status(200 if payload.application_id not in (None, "") else 201, application_out(application))


class ConfirmationIn(Schema):
    """职称确认 (《职称知识25问》第16问): the title held from elsewhere (series_id / track_id / level from the
    catalogue; title_name as on the certificate, blank for the catalogue's), where it was obtained
    (source: other_province, central or inside_yunnan — refused), the transfer date (聘用合同 or
    劳动合同) and the trial assessment; without application_id a new draft is created, with it the
    draft (or returned one) changed. Dates YYYY-MM-DD; assessment_passed / exam_only: true/false
    (or "yes"/"no")."""

    application_id: int | str | None = None
    series_id: int | str | None = None
    track_id: int | str | None = None
    level: str = ""
    title_name: str = ""
    obtained_on: str = ""
    issuer: str = ""
    source: str = ""
    certificate_no: str = ""
    transferred_on: str = ""
    assessment_passed: bool | str | None = None
    exam_only: bool | str | None = None
    specialty: str = ""


@router.post(
    "/confirmation",
    auth=api_auth,
    response={200: ApplicationOut, 201: ApplicationOut, 400: Error, 403: Error, 404: Error, 409: Error},
    operation_id="confirmation_apply",
    summary="职称确认：保存草稿（试用满半年和确认机关按层级和调入日期计算；提交用 applications_submit）",
)
def confirmation_apply(request: HttpRequest, payload: ConfirmationIn):
    user = applicant_of(request)
    application = confirmation_save(user=user, **payload.model_dump())
    application = selectors.application_get(user=user, application_id=application.pk)
    return Status(200 if payload.application_id not in (None, "") else 201, application_out(application))


class PostdocIn(Schema):
    """博士后认定 (《职称知识25问》第13问): an enterprise postdoc funded by the China
    Postdoctoral Science Foundation (funded, funding_reference: the certificate number or year) or
    leading a provincial-or-above research project (led_project, project_name), who stays in the
    enterprise after leaving the station (exit_on YYYY-MM-DD, station), is recognised as 副高级
    directly; series_id / track_id / specialty give the title. Without application_id a new draft
    is created, with it the draft (or returned one) changed. funded / led_project / stays:
    true/false (or "yes"/"no")."""

    application_id: int | str | None = None
    exit_on: str = ""
    station: str = ""
    funded: bool | str | None = None
    funding_reference: str = ""
    led_project: bool | str | None = None
    project_name: str = ""
    stays: bool | str | None = None
    series_id: int | str | None = None
    track_id: int | str | None = None
    specialty: str = ""


@router.post(
    "/postdoc",
    auth=api_auth,
    response={200: ApplicationOut, 201: ApplicationOut, 400: Error, 403: Error, 404: Error, 409: Error},
    operation_id="postdoc_apply",
    summary="博士后认定：保存草稿（企业博士后直接认定副高级，随时可申报；提交用 applications_submit）",
)
def postdoc_apply(request: HttpRequest, payload: PostdocIn):
    user = applicant_of(request)
    application = postdoc_save(user=user, **payload.model_dump())
    application = selectors.application_get(user=user, application_id=application.pk)
    return Status(200 if payload.application_id not in (None, "") else 201, application_out(application))
