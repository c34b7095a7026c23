"""All photos of a list as one ZIP (rule 23): each application's 1-inch photo as submitted (the
attachment its snapshot names, read through the storage in chunks), named 身份证号+姓名.jpg
(「（2）」 added should a name repeat); applications without a photo are listed in 缺少照片.txt
inside the ZIP. Applications are read `CHUNK` at a time (only the fields named here and the
snapshot's attachment list), the photos of a chunk in one query: memory does not grow with the
list."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable, Iterable
from typing import IO

from django.db.models import QuerySet
from django.utils import timezone

from attachments.models import Attachment, AttachmentKind
from attachments.selectors import attachment_extension, safe_file_stem

CHUNK = 200
COPY_BYTES = 1024 * 1024
MISSING_NAME = "缺少照片.txt"


def _photo_id(listed) -> int | None:
    """The photo among a snapshot's attachments (the last one listed, should there be several)."""
    found = None
    if isinstance(listed, list):
        for item in listed:
            if isinstance(item, dict) and item.get("kind") == AttachmentKind.PHOTO and item.get("id"):
                found = item["id"]
    return found


def _unique(name: str, used: set[str]) -> str:
    stem, dot, ext = name.rpartition(".")
    candidate, n = name, 2
    while candidate.lower() in used:
        candidate = f"{stem}（{n}）{dot}{ext}"
        n += 1
    used.add(candidate.lower())
    return candidate


def _chunks(applications: QuerySet) -> Iterable[list[tuple]]:
    rows = applications.values_list(
        "pk", "applicant__id_number", "applicant__name", "unit__name", "snapshot__attachments"
    ).iterator(chunk_size=CHUNK)
    chunk: list[tuple] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _missing_text(missing: list[tuple[str, str, str, str]]) -> bytes:
    lines = [f"以下 {len(missing)} 份申报没有可用的1寸照片：", "", "身份证号\t姓名\t工作单位\t说明"]
    lines += ["\t".join(row) for row in missing]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def photos_zip(
    *, applications: QuerySet, fileobj: IO[bytes], on_progress: Callable[[int], None] | None = None
) -> int:
    """Write the ZIP of the applications' photos to `fileobj`; returns the number of applications
    gone through (with or without a photo)."""
    used: set[str] = set()
    missing: list[tuple[str, str, str, str]] = []
    done = 0
    stamp = timezone.localtime().timetuple()[:6]
    with zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for chunk in _chunks(applications):
            wanted = {row[0]: _photo_id(row[4]) for row in chunk}
            photos = Attachment.objects.filter(
                pk__in=[pk for pk in wanted.values() if pk], kind=AttachmentKind.PHOTO
            ).only("pk", "file", "content_type", "owner_id")
            by_id = {photo.pk: photo for photo in photos}
            for _pk, id_number, name, unit, listed in chunk:
                id_number = id_number or ""
                photo = by_id.get(_photo_id(listed))
                if photo is None:
                    missing.append((id_number, name, unit, "未上传照片"))
                else:
                    entry = safe_file_stem(f"{id_number}{name}") or "照片"
                    info = zipfile.ZipInfo(_unique(f"{entry}.{attachment_extension(photo)}", used), stamp)
                    info.compress_type = zipfile.ZIP_STORED  # JPEG is compressed already
                    try:
                        # The storage is opened first: a missing file leaves no entry behind.
                        with (
                            photo.file.storage.open(photo.file.name, "rb") as source,
                            archive.open(info, "w") as target,
                        ):
                            shutil.copyfileobj(source, target, COPY_BYTES)
                    except FileNotFoundError:
                        used.discard(info.filename.lower())
                        missing.append((id_number, name, unit, "照片文件无法读取"))
                done += 1
                if on_progress is not None:
                    on_progress(done)
        if missing:
            info = zipfile.ZipInfo(MISSING_NAME, stamp)
            archive.writestr(info, _missing_text(missing), zipfile.ZIP_DEFLATED)
    return done
