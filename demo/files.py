"""The demo's files: the scans, PDFs and rule 23 photos its applicants upload, drawn here (Pillow)
or written as a minimal PDF, and handed to attachments.services as a browser would send them."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from attachments.rules import PHOTO_MAX_BYTES, PHOTO_MIN_BYTES


@dataclass(frozen=True)
class DemoFile:
    """One attachment: `fmt` is jpeg / png (a drawn scan) or pdf (a one-page document)."""

    kind: str
    title: str
    fmt: str
    heading: str  # the document's heading (Chinese, in the PDF) or its English caption (scans)
    lines: tuple[str, ...] = ()  # the PDF's text lines
    entry: str = ""  # a section key: the file is attached to that section's first entry


# --- the demo files ------------------------------------------------------------------------------
# Drawn, not read from disk: fixed shapes, and "grain" taken from SHAKE-256 of a fixed seed, so
# every run gives the same pictures. Scans carry English captions only (Pillow's own font has no
# Chinese glyphs, and a system font would make the pictures differ between machines); the PDFs
# are in Chinese with the standard Adobe font STSong-Light, which readers supply themselves.

PHOTO_SIZE = (358, 441)  # rule 23: larger than 295×413 pixels
PHOTO_TARGET_BYTES = 20 * 1024  # rule 23: 10 KB to 30 KB; aim at the middle
PHOTO_BLUE = ((72, 146, 222), (38, 104, 196))  # top and bottom of the blue background
SCAN_SIZE = (800, 560)
SEAL_RED = (176, 32, 32)


class DemoFileError(RuntimeError):
    """A drawn file does not meet what the demo promises (never expected)."""


def _grain(size: tuple[int, int], seed: str, amplitude: int) -> Image.Image:
    """Fixed noise around 128 (±amplitude), from SHAKE-256 of `seed`: the same on every run."""
    width, height = size
    noise = Image.frombytes("L", size, hashlib.shake_256(seed.encode()).digest(width * height))
    return noise.point(lambda v: 128 + (v - 128) * amplitude // 128)


def _with_grain(image: Image.Image, seed: str, amplitude: int) -> Image.Image:
    grain = _grain(image.size, seed, amplitude)
    return ImageChops.add(image, Image.merge("RGB", (grain, grain, grain)), scale=1.0, offset=-128)


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError, ImportError):  # Pillow without FreeType: the small bitmap font
        return ImageFont.load_default()


def _centred_text(draw: ImageDraw.ImageDraw, y: int, text: str, font, fill, width: int) -> None:
    left, _top, right, _bottom = draw.textbbox((0, 0), text, font=font)
    draw.text(((width - (right - left)) // 2, y), text, font=font, fill=fill)


def demo_photo(*, seed: str, hair: str = "short") -> bytes:
    """A blue-background 1-inch photo that meets rule 23: JPEG, 358×441 pixels, 10–30 KB (the
    quality is chosen to land nearest 20 KB)."""
    top, bottom = PHOTO_BLUE
    gradient = Image.linear_gradient("L").resize(PHOTO_SIZE)
    image = Image.composite(Image.new("RGB", PHOTO_SIZE, bottom), Image.new("RGB", PHOTO_SIZE, top), gradient)
    draw = ImageDraw.Draw(image)
    cx = PHOTO_SIZE[0] // 2
    hair_colour, skin = (30, 26, 26), (232, 196, 168)
    if hair == "long":
        draw.rounded_rectangle((cx - 92, 96, cx + 92, 360), radius=80, fill=hair_colour)
    draw.ellipse((cx - 150, 330, cx + 150, 560), fill=(34, 38, 52))  # jacket
    draw.polygon([(cx - 38, 335), (cx + 38, 335), (cx, 400)], fill=(236, 236, 240))  # collar
    draw.rectangle((cx - 30, 260, cx + 30, 340), fill=(226, 188, 160))  # neck
    draw.ellipse((cx - 78, 110, cx + 78, 300), fill=skin)  # face
    draw.chord((cx - 84, 92, cx + 84, 230), 180, 360, fill=hair_colour)  # fringe
    for x in (cx - 31, cx + 31):
        draw.ellipse((x - 9, 185, x + 9, 195), fill=(40, 30, 30))  # eyes
    draw.arc((cx - 24, 236, cx + 24, 262), 20, 160, fill=(170, 90, 90), width=3)  # smile
    image = _with_grain(image.filter(ImageFilter.GaussianBlur(1)), f"photo:{seed}", amplitude=6)
    best = b""
    for quality in range(60, 96):
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality)
        data = buffer.getvalue()
        if abs(len(data) - PHOTO_TARGET_BYTES) < abs(len(best) - PHOTO_TARGET_BYTES):
            best = data
    if not PHOTO_MIN_BYTES <= len(best) <= PHOTO_MAX_BYTES:
        raise DemoFileError(f"demo photo is {len(best)} bytes, outside rule 23's 10–30 KB")
    return best


def demo_scan(*, caption: str, fmt: str, seed: str) -> bytes:
    """A scanned certificate: a red double frame, an English caption, grey lines for the text and
    a red seal. `fmt` is "jpeg" or "png"."""
    width, height = SCAN_SIZE
    image = Image.new("RGB", SCAN_SIZE, (250, 247, 238))
    draw = ImageDraw.Draw(image)
    draw.rectangle((16, 16, width - 17, height - 17), outline=SEAL_RED, width=6)
    draw.rectangle((30, 30, width - 31, height - 31), outline=SEAL_RED, width=2)
    _centred_text(draw, 60, caption, _font(30), SEAL_RED, width)
    digest = hashlib.sha256(seed.encode()).digest()
    for line in range(8):
        length = 320 + digest[line] % 300
        y = 140 + line * 36
        draw.rectangle((90, y, 90 + length, y + 10), fill=(110, 110, 110))
    sx, sy, r = width - 180, height - 150, 78
    draw.ellipse((sx - r, sy - r, sx + r, sy + r), outline=SEAL_RED, width=6)
    star = [(sx, sy - 34), (sx + 10, sy - 10), (sx + 34, sy - 10), (sx + 14, sy + 6), (sx + 22, sy + 30)]
    star += [(sx, sy + 16), (sx - 22, sy + 30), (sx - 14, sy + 6), (sx - 34, sy - 10), (sx - 10, sy - 10)]
    draw.polygon(star, fill=SEAL_RED)
    _centred_text(draw, height - 70, "DEMO  ZHICHENG", _font(18), (150, 150, 150), width)
    buffer = io.BytesIO()
    if fmt == "png":
        image.save(buffer, "PNG", optimize=True)
    else:
        image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _pdf_text(text: str) -> str:
    """A PDF string for the UniGB-UCS2-H encoding: the text's UTF-16BE code units, in hex."""
    return "<" + text.encode("utf-16-be").hex().upper() + ">"


def demo_pdf(*, heading: str, lines: tuple[str, ...]) -> bytes:
    """A one-page A4 PDF 1.4 (heading, text lines, a red frame, a demo footer), Chinese text in
    STSong-Light; nothing a reader runs (no scripts, no actions)."""
    ops = ["0.69 0.13 0.13 RG", "2 w", "40 40 515 762 re S", "BT", "/F1 20 Tf", "72 750 Td"]
    ops += [f"{_pdf_text(heading)} Tj", "/F1 12 Tf", "0 -44 Td", "22 TL"]
    ops += [f"{_pdf_text(line)} '" if line else "T*" for line in lines]
    ops += ["ET", "BT", "/F1 10 Tf", "72 60 Td", f"{_pdf_text('（演示数据 DEMO）')} Tj", "ET"]
    content = "\n".join(ops).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
        b"/FontDescriptor 7 0 R /DW 1000 /W [1 95 500] >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


CONTENT_TYPES = {
    "jpeg": ("jpg", "image/jpeg"),
    "png": ("png", "image/png"),
    "pdf": ("pdf", "application/pdf"),
}


def demo_upload(demo_file: DemoFile, *, seed: str) -> SimpleUploadedFile:
    """The file as an upload (what a browser would send), for attachments.services."""
    extension, content_type = CONTENT_TYPES[demo_file.fmt]
    if demo_file.fmt == "pdf":
        content = demo_pdf(heading=demo_file.heading, lines=demo_file.lines)
    else:
        content = demo_scan(caption=demo_file.heading, fmt=demo_file.fmt, seed=f"{seed}:{demo_file.title}")
    return SimpleUploadedFile(f"demo.{extension}", content, content_type=content_type)
