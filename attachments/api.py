"""Attachment API (mounted at /api/v1/attachments/): list, upload, photo (rule 23), replace,
delete, download and the dossier backup ZIP. Thin: the same services as the 附件管理 page.
Uploads are multipart/form-data; the file goes in the part named `file`."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from accounts.auth import api_auth
from core.errors import Forbidden, NotFound
from core.sources import cite

from . import services
from .models import Attachment
from .permissions import can_manage_attachments, can_view_attachment
from .responses import attachment_response
from .selectors import attachment_download_name, current_attachments

router = Router(tags=["附件"])


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class DetailOut(Schema):
    detail: str


class AttachmentOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    entry_id: int | None = None
    content_type: str
    size: int
    sha256: str
    width: int | None = None
    height: int | None = None
    created_at: str
    download_name: str
    url: str
    warnings: list[str] = []


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def attachment_out(attachment: Attachment) -> dict:
    return {
        "id": attachment.pk,
        "kind": attachment.kind,
        "kind_label": attachment.get_kind_display(),
        "title": attachment.title,
        "entry_id": attachment.entry_id,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "sha256": attachment.sha256,
        "width": attachment.width,
        "height": attachment.height,
        "created_at": attachment.created_at.isoformat(),
        "download_name": attachment_download_name(attachment),
        "url": reverse("attachments:download", args=[attachment.pk]),
        "warnings": list(getattr(attachment, "photo_warnings", []) or []),
    }


def _applicant(request: HttpRequest):
    allowed, reason = can_manage_attachments(request.user)
    if not allowed:
        raise Forbidden(reason)
    return request.user


@router.get(
    "",
    auth=api_auth,
    response={200: list[AttachmentOut], **ERRORS},
    operation_id="attachments_list",
    summary="当前附件列表（不含已替换、已删除的）",
)
def attachments_list(request: HttpRequest):
    user = _applicant(request)
    return [attachment_out(a) for a in current_attachments(user=user)]


@router.post(
    "",
    auth=api_auth,
    response={201: AttachmentOut, **ERRORS},
    operation_id="attachment_upload",
    summary="上传附件（JPG、PNG 或 PDF，按内容检查）",
    description=(
        "multipart/form-data：kind（材料类别）、title（材料名称，按内容命名，如“学历证书-本科”）、"
        "file（文件）、entry_id（所属申报信息条目，可选；kind 为 entry 时必填）。"
        "指明条目时，kind 为该栏目的材料类别之一（如学历情况为 diploma，现有职称情况为 title_certificate 或 "
        "appointment），不填则取该栏目的第一个类别；条目下的附件按其类别计入评委会要求的材料。"
        "kind 为 photo 时按省级评委会电子照片要求检查（《职称知识25问》第23问，同 photo_upload）。"
    ),
)
def attachment_upload(
    request: HttpRequest,
    kind: str = Form(""),
    title: str = Form(""),
    entry_id: str = Form(""),
    file: UploadedFile | None = File(None),  # noqa: B008 - ninja parameter declaration
):
    user = _applicant(request)
    attachment = services.attachment_upload(
        user=user, kind=kind, title=title, uploaded_file=file, entry_id=entry_id or None
    )
    return Status(201, attachment_out(attachment))


@router.post(
    "photo",
    auth=api_auth,
    response={201: AttachmentOut, **ERRORS},
    operation_id="photo_upload",
    summary=f"上传1寸电子照片（{cite(23)}）",
    description=(
        '蓝底1寸电子照片，JPG或JPEG格式，文件大小在10k与30k之间，像素大小大于295px*413px，命名为"身份证号+姓名"'
        "（下载时自动命名）。不符合的逐项说明；背景颜色只提示（warnings），不拒收。新照片替换旧照片。"
    ),
)
def photo_upload(request: HttpRequest, file: UploadedFile | None = File(None)):  # noqa: B008
    user = _applicant(request)
    attachment = services.photo_upload(user=user, uploaded_file=file)
    return Status(201, attachment_out(attachment))


@router.post(
    "{int:attachment_id}/replace",
    auth=api_auth,
    response={201: AttachmentOut, **ERRORS},
    operation_id="attachment_replace",
    summary="替换附件（新增一条记录，原记录归档）",
)
def attachment_replace(
    request: HttpRequest,
    attachment_id: int,
    title: str = Form(""),
    file: UploadedFile | None = File(None),  # noqa: B008 - ninja parameter declaration
):
    user = _applicant(request)
    attachment = services.attachment_replace(
        user=user, attachment_id=attachment_id, title=title, uploaded_file=file
    )
    return Status(201, attachment_out(attachment))


@router.delete(
    "{int:attachment_id}",
    auth=api_auth,
    response={200: DetailOut, **ERRORS},
    operation_id="attachment_delete",
    summary="删除附件（归档；已提交申报中的附件仍可供审核查看）",
)
def attachment_delete(request: HttpRequest, attachment_id: int):
    user = _applicant(request)
    services.attachment_delete(user=user, attachment_id=attachment_id)
    return {"detail": "附件已删除。"}


@router.get(
    "backup",
    auth=api_auth,
    response={200: None, **ERRORS},
    operation_id="dossier_backup",
    summary="备份下载：整份申报信息和附件的 ZIP（含 index.html 目录）",
)
def dossier_backup(request: HttpRequest):
    user = _applicant(request)
    from .backup import backup_response

    return backup_response(user=user)


@router.get(
    "{int:attachment_id}/file",
    auth=api_auth,
    response={200: None, **ERRORS},
    operation_id="attachment_download",
    summary="下载附件文件（按内容命名；inline=true 时在浏览器中直接打开）",
)
def attachment_download(request: HttpRequest, attachment_id: int, inline: bool = False):
    attachment = Attachment.objects.select_related("owner").filter(pk=attachment_id).first()
    if attachment is None or not can_view_attachment(request.user, attachment)[0]:
        raise NotFound("附件不存在。")
    return attachment_response(attachment, inline=inline)
