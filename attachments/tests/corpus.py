"""Good and bad files, generated in the tests (no binary fixtures)."""

from __future__ import annotations

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

BLUE = (67, 142, 219)


def upload(name: str, content: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def jpeg_bytes(size=(120, 90), color=(200, 30, 30), *, exif: bytes | None = None, quality: int = 85) -> bytes:
    buf = io.BytesIO()
    extra = {"exif": exif} if exif else {}
    Image.new("RGB", size, color).save(buf, "JPEG", quality=quality, **extra)
    return buf.getvalue()


def exif_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "TestCamera Inc."  # Make
    exif[0x0110] = "Model X"
    gps = {1: "N", 2: (25.0, 2.0, 30.0), 3: "E", 4: (102.0, 42.0, 10.0)}
    exif[0x8825] = gps  # GPSInfo
    return exif.tobytes()


def png_bytes(size=(64, 48), color=(10, 120, 10)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "PNG")
    return buf.getvalue()


def pdf_bytes(body: bytes = b"") -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
        + body
        + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def pdf_with_javascript() -> bytes:
    return pdf_bytes(b"3 0 obj\n<< /S /JavaScript /JS (app.alert('x')) >>\nendobj\n")


def pdf_with_hidden_launch() -> bytes:
    """/Launch inside a Flate-compressed object stream, name written with a #xx escape."""
    inner = zlib.compress(b"<< /S /L#61unch /F (cmd.exe) >>")
    return pdf_bytes(
        b"3 0 obj\n<< /Type /ObjStm /Filter /FlateDecode >>\nstream\n" + inner + b"\nendstream\nendobj\n"
    )


def elf_bytes() -> bytes:
    return b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200


def exe_bytes() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200 + b"This program cannot be run in DOS mode."


def svg_with_script() -> bytes:
    return (
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b"<script>alert(document.cookie)</script></svg>"
    )


def truncated_jpeg() -> bytes:
    data = jpeg_bytes((400, 300), quality=95)
    return data[: len(data) // 2]


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def pixel_flood_png(width: int = 30000, height: int = 30000) -> bytes:
    """A tiny PNG whose header declares width×height pixels (a decompression bomb)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(50)) + compressor.flush()
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


def _noisy_photo(size, frac: float, color=BLUE) -> Image.Image:
    import random

    rng = random.Random(7)
    image = Image.new("RGB", size, color)
    px = image.load()
    w, h = size
    for y in range(int(h * (1 - frac)), h):
        for x in range(w // 4, 3 * w // 4):
            px[x, y] = (rng.randint(150, 230), rng.randint(110, 170), rng.randint(90, 140))
    return image


def photo_in_range(lo_kb: float, hi_kb: float, size=(358, 441), color=BLUE) -> bytes:
    """A blue-background JPEG "photo" of `size` pixels whose file size lies in [lo_kb, hi_kb] KB
    (plain Pillow output: nothing the server strips, so the stored size is the same)."""
    lo, hi = int(lo_kb * 1024), int(hi_kb * 1024)
    for frac in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        image = _noisy_photo(size, frac, color)
        for quality in range(10, 98, 2):
            buf = io.BytesIO()
            image.save(buf, "JPEG", quality=quality)
            if lo <= len(buf.getvalue()) <= hi:
                return buf.getvalue()
    raise AssertionError(f"no photo of {size} between {lo_kb} and {hi_kb} KB")
