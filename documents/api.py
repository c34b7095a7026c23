"""/api/v1/documents/: the review form (专业技术职称申报评审表), its draft and the pledge (承诺书) of
one application as PDF. The same selectors as the pages: the applicant's own application (the
pledge and the draft from the saved cover on, the review form once submitted), or one in the
caller's review scope (not the draft); anything else is 404 {"detail", "errors"}."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from accounts.auth import api_auth

from .pledge import pledge_filename, pledge_pdf
from .responses import pdf_response
from .review_form import (
    review_form_draft_filename,
    review_form_draft_pdf,
    review_form_filename,
    review_form_pdf,
)
from .selectors import document_application, own_application

router = Router(tags=["打印文档"])


class Error(Schema):
    detail: str
    errors: dict[str, list[str]]


@router.get(
    "/{application_id}/review-form",
    auth=api_auth,
    response={200: None, 404: Error},
    operation_id="documents_review_form",
    summary="专业技术职称申报评审表（PDF，按 100% 实际大小打印）：申报人本人（提交后）或有权审核的单位",
)
def review_form(request: HttpRequest, application_id: str):
    application = document_application(actor=request.auth, application_id=application_id)
    return pdf_response(review_form_pdf(application=application), filename=review_form_filename(application))


@router.get(
    "/{application_id}/review-form-draft",
    auth=api_auth,
    response={200: None, 404: Error},
    operation_id="documents_review_form_draft",
    summary="专业技术职称申报评审表草稿（PDF，按当前申报信息生成，仅供核对，不作盖章报送）：申报人本人，保存封面后",
)
def review_form_draft(request: HttpRequest, application_id: str):
    application = own_application(actor=request.auth, application_id=application_id)
    return pdf_response(
        review_form_draft_pdf(application=application), filename=review_form_draft_filename(application)
    )


@router.get(
    "/{application_id}/pledge",
    auth=api_auth,
    response={200: None, 404: Error},
    operation_id="documents_pledge",
    summary="承诺书（PDF）：申报人本人（保存封面后，签字盖章后扫描上传到附件管理）或有权审核的单位（提交后）",
)
def pledge(request: HttpRequest, application_id: str):
    application = document_application(
        actor=request.auth, application_id=application_id, before_submission=True
    )
    return pdf_response(pledge_pdf(application=application), filename=pledge_filename(application))
