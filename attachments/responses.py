"""HTTP responses for files: one place for the headers every download carries (pages and API)."""

from __future__ import annotations

from django.http import FileResponse

from .models import Attachment
from .selectors import attachment_download_name

INLINE_TYPES = ("image/jpeg", "image/png", "application/pdf")


def secure_file_headers(response: FileResponse) -> FileResponse:
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    return response


def attachment_response(attachment: Attachment, *, inline: bool = False) -> FileResponse:
    """Streams the stored file with its stored content type and a name given by its content
    (RFC 5987 `filename*` for the Chinese name); inline only for images and PDFs when asked."""
    handle = attachment.file.storage.open(attachment.file.name, "rb")
    response = FileResponse(
        handle,
        as_attachment=not (inline and attachment.content_type in INLINE_TYPES),
        filename=attachment_download_name(attachment),
        content_type=attachment.content_type,
    )
    if attachment.content_type == "application/pdf":
        # Browsers' PDF viewers do not run under a CSP sandbox; the PDF was checked for scripts.
        response = secure_file_headers(response)
        del response["Content-Security-Policy"]
        return response
    return secure_file_headers(response)


def zip_response(handle, *, filename: str) -> FileResponse:
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type="application/zip")
    return secure_file_headers(response)
