"""The home page's 服务窗口 downloads: 系统使用指南 and 用户手册 (seed part 五 (一)3 and (四)), open
to everyone without login. Thin: documents.guides builds them."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from .guides import guide_get, guide_pdf


@require_GET
def guide_download(request: HttpRequest, slug: str) -> HttpResponse:
    guide = guide_get(slug=slug)
    if guide is None:
        raise Http404("没有这份指南。")
    content = guide_pdf(guide=guide)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, guide.filename)
    response["Content-Length"] = str(len(content))
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
