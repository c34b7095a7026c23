"""An upload handler that keeps over-sized files out of memory and off the disk.

Django writes every uploaded file to memory or a temporary file before any view runs. Put this
handler first in FILE_UPLOAD_HANDLERS and a file stops being passed on to the storing handlers
as soon as it exceeds ATTACHMENT_MAX_BYTES; the view then receives a stand-in whose `size` is the
number of bytes sent, and attachments.checks refuses it with the usual message ("文件大小为 …，
超过了 10 MB的上限。"). The web server's own body limit (e.g. nginx client_max_body_size) is
still the first line."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from .checks import max_upload_bytes


class OversizedUpload(UploadedFile):
    """Stands in for a file that was too big to keep: no content, its size as sent."""

    def __init__(self, name: str, content_type: str, size: int) -> None:
        super().__init__(io.BytesIO(b""), name=name, content_type=content_type, size=size)


class AttachmentSizeLimitUploadHandler(FileUploadHandler):
    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0
        self.over = False
        self.limit = max_upload_bytes()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.over = True
        return None if self.over else raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if self.over:
            return OversizedUpload(self.file_name, self.content_type, self.received)
        return None
