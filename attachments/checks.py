"""Checking an uploaded file by its content, never by its name (issue 3 item 3, rule 23).

Accepted: JPEG, PNG and PDF, at most ATTACHMENT_MAX_BYTES (10 MB by default).
- The kind is read from the bytes (magic numbers); the declared content type and the file
  name's extension must both agree with it. Anything else (SVG, HTML, executables renamed .jpg,
  Office files, archives…) is refused with a message naming what was found.
- Images are decoded with Pillow: `Image.open` + `verify()`, then reopened and fully `load()`ed;
  the pixel count is checked against ATTACHMENT_MAX_PIXELS before decoding (decompression
  bombs, "pixel floods"), and Pillow's own DecompressionBombWarning/Error are refused too.
  Ordinary images are re-encoded (JPEG quality 90, PNG optimize) without EXIF or any other
  metadata (the EXIF orientation is applied to the pixels first, so nothing turns sideways).
- The 1-inch photo (rule 23) is NOT re-encoded: re-encoding at quality 90 would change its file
  size and could move it in or out of the 10–30 KB band the rule sets. Its metadata segments
  (APP1 EXIF/XMP, APP3–APP13, APP15, COM) and anything after the end-of-image marker are cut out
  losslessly instead; the result is decoded once more with Pillow, and rule 23 is checked on
  exactly the bytes that are stored.
- PDFs must start with `%PDF-`, end with `%%EOF` (within the last 1 KB), and contain no
  /JavaScript, /JS or /Launch action: names are looked for in the file and inside its
  Flate-compressed streams (object streams may hide them), with `#xx` escapes decoded.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
import zlib
from dataclasses import dataclass, field

from django.conf import settings
from PIL import Image, ImageOps, UnidentifiedImageError

JPEG = "image/jpeg"
PNG = "image/png"
PDF = "application/pdf"

LABELS = {JPEG: "JPG 图片", PNG: "PNG 图片", PDF: "PDF 文件"}
EXTENSIONS = {JPEG: ("jpg", "jpeg", "jpe"), PNG: ("png",), PDF: ("pdf",)}
# What browsers and HTTP clients declare for each kind (aliases included).
DECLARED = {
    JPEG: ("image/jpeg", "image/jpg", "image/pjpeg"),
    PNG: ("image/png", "image/x-png"),
    PDF: ("application/pdf", "application/x-pdf"),
}
ALLOWED_TEXT = "只能上传 JPG、PNG 图片或 PDF 文件"
SMALLER = "请降低扫描分辨率或压缩后重新上传。"

# PDF names that run code or programs when the file is opened.
PDF_FORBIDDEN_NAMES = {
    "JavaScript": "/JavaScript（脚本）",
    "JS": "/JS（脚本）",
    "Launch": "/Launch（启动程序）",
}
PDF_NAME_RE = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
PDF_STREAM_RE = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)
PDF_INFLATE_LIMIT = 64 * 1024 * 1024  # never inflate more than this in total (zip bombs)

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_PIXELS = 40_000_000


def max_upload_bytes() -> int:
    return int(getattr(settings, "ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def max_pixels() -> int:
    return int(getattr(settings, "ATTACHMENT_MAX_PIXELS", DEFAULT_MAX_PIXELS))


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} 字节"
    if size < 1024 * 1024:
        return f"{round(size / 1024, 1):g} KB"
    return f"{round(size / 1024 / 1024, 1):g} MB"


class FileRefused(ValueError):
    """The file cannot be accepted; the message says what was found and what is required."""


@dataclass
class CheckedFile:
    content: bytes  # exactly what is stored
    content_type: str
    width: int | None = None
    height: int | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type][0]


# --- what the bytes are -------------------------------------------------------------------------


def sniff(head: bytes) -> tuple[str | None, str]:
    """(accepted content type or None, a Chinese description of what the bytes are)."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG, LABELS[JPEG]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG, LABELS[PNG]
    if head.startswith(b"%PDF-"):
        return PDF, LABELS[PDF]
    return None, describe_unaccepted(head)


def describe_unaccepted(head: bytes) -> str:
    if not head:
        return "空文件"
    if head.startswith(b"MZ"):
        return "Windows 可执行程序（EXE/DLL）"
    if head.startswith(b"\x7fELF"):
        return "Linux 可执行程序（ELF）"
    if head[:4] in (b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe"):
        return "macOS 可执行程序（Mach-O）"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF 图片"
    if head.startswith(b"BM"):
        return "BMP 图片"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "TIFF 图片"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "WebP 图片"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypavif"):
        return "HEIC/AVIF 图片"
    if head.startswith(b"PK\x03\x04"):
        return "ZIP 压缩包（含 Word/Excel 等 Office 文档）"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "Office 97-2003 文档（DOC/XLS）"
    if head.startswith(b"Rar!"):
        return "RAR 压缩包"
    if head.startswith(b"7z\xbc\xaf"):
        return "7z 压缩包"
    if head.startswith(b"\x1f\x8b"):
        return "GZIP 压缩包"
    if head.startswith(b"#!"):
        return "脚本文件"
    text = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<svg" in text:
        return "SVG 矢量图（可含脚本）"
    if text.startswith((b"<!doctype html", b"<html")) or b"<script" in text or b"<html" in text:
        return "HTML 网页"
    if text.startswith(b"<?xml"):
        return "XML 文件"
    if text.startswith(b"{\\rtf"):
        return "RTF 文档"
    return "无法识别的文件内容"


def file_extension(name: str) -> str:
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


# --- the check ----------------------------------------------------------------------------------


def read_upload(uploaded_file) -> bytes:
    """The upload's bytes, refusing anything over the limit without reading it all."""
    limit = max_upload_bytes()
    declared = getattr(uploaded_file, "size", None)
    if declared is not None and declared > limit:
        raise FileRefused(
            f"文件大小为 {human_size(declared)}，超过了每个文件 {human_size(limit)} 的上限；{SMALLER}"
        )
    uploaded_file.seek(0)
    content = uploaded_file.read(limit + 1)
    if len(content) > limit:
        raise FileRefused(f"文件大小超过了每个文件 {human_size(limit)} 的上限；{SMALLER}")
    if not content:
        raise FileRefused("文件是空的，请重新选择文件。")
    return content


def check_upload(uploaded_file, *, photo: bool = False) -> CheckedFile:
    """Everything the server requires of an upload; raises FileRefused with a Chinese message."""
    content = read_upload(uploaded_file)
    kind, found = sniff(content[:2048])
    if kind is None and photo:
        from .rules import PHOTO_FORMAT_TEXT

        raise FileRefused(f"{PHOTO_FORMAT_TEXT}，所选文件的内容是{found}。")
    if kind is None:
        raise FileRefused(f"文件内容是{found}，{ALLOWED_TEXT}。")
    extension = file_extension(getattr(uploaded_file, "name", ""))
    if not extension:
        raise FileRefused(f"文件名缺少扩展名；文件内容是{found}，扩展名应为 .{EXTENSIONS[kind][0]}。")
    if extension not in EXTENSIONS[kind]:
        raise FileRefused(
            f"文件扩展名为 .{extension}，但文件内容是{found}；"
            f"扩展名须与内容一致（应为 .{EXTENSIONS[kind][0]}）。"
        )
    declared = (getattr(uploaded_file, "content_type", "") or "").split(";")[0].strip().lower()
    if declared not in DECLARED[kind]:
        raise FileRefused(
            f"文件声明的类型为 {declared or '（未声明）'}，但文件内容是{found}；类型须与内容一致。"
        )
    if kind == PDF:
        return check_pdf(content)
    return check_image(content, kind, photo=photo)


def check_pdf(content: bytes) -> CheckedFile:
    if b"%%EOF" not in content[-1024:]:
        raise FileRefused("PDF 文件不完整：文件末尾缺少 %%EOF 结束标记，请重新导出或扫描后上传。")
    found = pdf_forbidden_names(content)
    if found:
        raise FileRefused(
            f"PDF 文件含有{'、'.join(found)}，可能在打开时运行程序，不能上传；请重新导出为普通 PDF。"
        )
    return CheckedFile(content=content, content_type=PDF)


def _names_in(data: bytes) -> set[str]:
    names = set()
    for match in PDF_NAME_RE.finditer(data):
        raw = match.group(1)
        if b"#" in raw:
            raw = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)
        names.add(raw.decode("latin-1"))
    return names


def pdf_forbidden_names(content: bytes) -> list[str]:
    names = _names_in(content)
    budget = PDF_INFLATE_LIMIT
    for match in PDF_STREAM_RE.finditer(content):
        if budget <= 0:
            break
        try:
            inflated = zlib.decompressobj().decompress(match.group(1), budget)
        except zlib.error:
            continue
        budget -= len(inflated)
        names |= _names_in(inflated)
    return [label for name, label in PDF_FORBIDDEN_NAMES.items() if name in names]


def header_dimensions(content: bytes, kind: str) -> tuple[int, int] | None:
    """(width, height) as the file's header declares them, read before any decoding."""
    if kind == PNG:
        if len(content) >= 24 and content[12:16] == b"IHDR":
            return int.from_bytes(content[16:20], "big"), int.from_bytes(content[20:24], "big")
        return None
    pos, n = 2, len(content)
    while pos + 4 <= n:
        if content[pos] != 0xFF:
            return None
        marker = content[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        length = int.from_bytes(content[pos + 2 : pos + 4], "big")
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
            if pos + 9 > n:
                return None
            height = int.from_bytes(content[pos + 5 : pos + 7], "big")
            width = int.from_bytes(content[pos + 7 : pos + 9], "big")
            return width, height
        pos += 2 + length
    return None


def pixels_text(count: int) -> str:
    """900000000 → "9 亿像素", 40000000 → "4000 万像素", 1500 → "1500 像素"."""
    if count >= 100_000_000:
        return f"{round(count / 100_000_000, 1):g} 亿像素"
    if count >= 10_000:
        return f"{round(count / 10_000, 1):g} 万像素"
    return f"{count} 像素"


def _too_many_pixels(width: int, height: int, cap: int) -> FileRefused:
    return FileRefused(
        f"图片为 {width}×{height} 像素（共 {pixels_text(width * height)}），"
        f"超过了 {pixels_text(cap)}的上限；请缩小图片后上传。"
    )


def _open_checked(content: bytes, kind: str) -> Image.Image:
    """Open, verify, reopen and fully decode; refuse bombs and broken files."""
    expected_format = "JPEG" if kind == JPEG else "PNG"
    label = LABELS[kind]
    cap = max_pixels()
    declared = header_dimensions(content, kind)
    if declared and declared[0] * declared[1] > cap:
        raise _too_many_pixels(*declared, cap)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(content))
            if probe.format != expected_format:
                raise FileRefused(f"文件无法作为{label}解码，{ALLOWED_TEXT}。")
            width, height = probe.size
            if width * height > cap:
                raise _too_many_pixels(width, height, cap)
            probe.verify()
            image = Image.open(io.BytesIO(content))
            image.load()
    except FileRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise FileRefused(f"图片像素过多，超过了 {pixels_text(cap)}的上限；请缩小图片后上传。") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise FileRefused(f"{label}已损坏或不完整，无法打开；请重新扫描或导出后上传。") from exc
    return image


def check_image(content: bytes, kind: str, *, photo: bool) -> CheckedFile:
    image = _open_checked(content, kind)
    if photo:
        # Rule 23 is judged on what is stored: a JPEG photo losslessly without its metadata; a
        # PNG "photo" as uploaded (it is refused for its format, its size is reported as sent).
        stored = jpeg_strip_metadata(content) if kind == JPEG else content
        image = _open_checked(stored, kind)
        return CheckedFile(content=stored, content_type=kind, width=image.width, height=image.height)
    return reencode(image, kind)


def reencode(image: Image.Image, kind: str) -> CheckedFile:
    image = ImageOps.exif_transpose(image)
    out = io.BytesIO()
    icc = image.info.get("icc_profile")
    extra = {"icc_profile": icc} if icc else {}
    if kind == JPEG:
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, format="JPEG", quality=90, optimize=True, **extra)
    else:
        if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"):
            image = image.convert("RGBA")
        image.save(out, format="PNG", optimize=True, **extra)
    return CheckedFile(content=out.getvalue(), content_type=kind, width=image.width, height=image.height)


# Markers kept before the scan: JFIF (APP0), ICC (APP2), Adobe (APP14) and every non-APP segment.
_DROPPED_MARKERS = {0xE1, *range(0xE3, 0xEE), 0xEF, 0xFE}


def jpeg_strip_metadata(content: bytes) -> bytes:
    """The JPEG without EXIF/XMP/IPTC/comments and without bytes after the end-of-image marker;
    the compressed image data is copied unchanged (no re-encoding)."""
    if not content.startswith(b"\xff\xd8"):
        raise FileRefused("JPG 图片已损坏或不完整，无法打开；请重新扫描或导出后上传。")
    out = bytearray(b"\xff\xd8")
    pos = 2
    n = len(content)
    broken = FileRefused("JPG 图片已损坏或不完整，无法打开；请重新扫描或导出后上传。")
    while pos < n:
        if content[pos] != 0xFF:
            raise broken
        while pos < n and content[pos] == 0xFF:  # fill bytes
            pos += 1
        if pos >= n:
            raise broken
        marker = content[pos]
        pos += 1
        if marker == 0xD9:  # EOI
            out += b"\xff\xd9"
            return bytes(out)
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            out += bytes([0xFF, marker])
            continue
        if pos + 2 > n:
            raise broken
        length = int.from_bytes(content[pos : pos + 2], "big")
        if length < 2 or pos + length > n:
            raise broken
        segment = content[pos : pos + length]
        pos += length
        if marker not in _DROPPED_MARKERS:
            out += bytes([0xFF, marker]) + segment
        if marker == 0xDA:  # SOS: entropy-coded data follows until the next real marker
            start = pos
            while pos < n:
                if content[pos] == 0xFF and pos + 1 < n:
                    following = content[pos + 1]
                    if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                        pos += 2 if following != 0xFF else 1
                        continue
                    break
                pos += 1
            out += content[start:pos]
    raise broken
