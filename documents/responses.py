"""The HTTP answer for a generated PDF (pages and API alike): inline, with its Chinese file name
(RFC 6266 / 5987 `filename*`), never sniffed, and by default never cached by shared caches (the
public guides pass their own `cache_control`)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def pdf_response(content: bytes, *, filename: str, cache_control: str = "private, no-store") -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    response["Content-Length"] = str(len(content))
    response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    return response
