"""The home page's 服务窗口 downloads: 系统使用指南 and 用户手册 (seed part 五 (一)3 and (四)), open
to everyone without login. Thin: documents.guides builds them."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from .guides import guide_get, guide_pdf
from .responses import pdf_response


@require_GET
def guide_download(request: HttpRequest, slug: str) -> HttpResponse:
    guide = guide_get(slug=slug)
    if guide is None:
        raise Http404("没有这份指南。")
    return pdf_response(guide_pdf(guide=guide), filename=guide.filename, cache_control="public, max-age=3600")
