"""/api/v1/evaluation/rounds/{round_id}/minutes.pdf: the meeting's minutes (会议纪要, rule 32) as
the archived PDF. Thin: evaluation/minutes.py decides who may have which copy, archives the
minutes on the first request after the meeting closed and audits every download."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from accounts.auth import api_auth
from core.http import client_ip
from documents.responses import pdf_response

from . import minutes
from .api_errors import ERRORS

router = Router(tags=["评审会议"])


@router.get(
    "/rounds/{round_id}/minutes.pdf",
    auth=api_auth,
    response={200: None, **ERRORS},
    operation_id="minutes_pdf",
    summary=(
        "评审会议纪要（PDF，会议结束后生成并存档，不再修改）：评委会办事机构取存档本（copy=office，列出席专家姓名）"
        "或公开本（copy=public）；会议主持人只能取公开本"
    ),
)
def minutes_pdf(request: HttpRequest, round_id: str, version: str | None = Query(None, alias="copy")):
    got = minutes.minutes_download(actor=request.auth, round_id=round_id, copy=version, ip=client_ip(request))
    return pdf_response(got.content, filename=got.filename)
