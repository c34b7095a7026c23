"""Rule 23 (domain.md; seed part 五): the photo for provincial committees is a blue-background
1-inch photo, JPG/JPEG, 10 KB to 30 KB, larger than 295×413 px, named 身份证号+姓名.

The format, size and pixel checks are refusals (`photo_problems`); the blue background is only
checked loosely (`photo_warnings`): the border strips of the picture (top, left and right;
not the bottom, where the shoulders are) are sampled, and a warning is given when fewer than
PHOTO_BLUE_MIN_SHARE of those pixels are blue. A photo is never refused for its colour: lighting,
light-blue vs. dark-blue backgrounds and scanner casts make any strict rule refuse good photos."""

from __future__ import annotations

import colorsys
import io

from PIL import Image

from core.sources import cite

from .models import Attachment

# Rule 23: the file size band, in bytes (1 KB = 1024 bytes), both ends allowed.
PHOTO_MIN_BYTES = 10 * 1024
PHOTO_MAX_BYTES = 30 * 1024
# Rule 23: "像素大小大于295px*413px": width greater than 295 and height greater than 413.
PHOTO_MIN_WIDTH_EXCLUSIVE = 295
PHOTO_MIN_HEIGHT_EXCLUSIVE = 413
# Rule 23 (blue background), loose: share of blue pixels in the border strips.
PHOTO_BLUE_MIN_SHARE = 0.6
PHOTO_BORDER_SHARE = 0.06  # each border strip is 6% of the width/height

# What a refused photo is told first (issue 11 item 23), with its source as people know it.
PHOTO_FORMAT_TEXT = f"照片只能是 JPG 或 JPEG 格式（申报省级评委会的电子照片要求，{cite(23)}）"

PHOTO_REQUIREMENTS = (
    '蓝底1寸电子照片，JPG或JPEG格式，文件大小在10k与30k之间，像素大小大于295px*413px，命名为"身份证号+姓名"'
)


def photo_download_name(*, user) -> str:
    """Rule 23: the photo's file name is 身份证号+姓名."""
    return f"{user.id_number or ''}{user.name}.jpg"


def _kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def photo_problems_of(*, content_type: str, size: int, width: int | None, height: int | None) -> list[str]:
    """Rule 23 refusals, each saying what was found and what is required."""
    problems = []
    if content_type != "image/jpeg":
        found = {"image/png": "PNG 图片", "application/pdf": "PDF 文件"}.get(content_type, content_type)
        problems.append(f"{PHOTO_FORMAT_TEXT}，所选文件是{found}。")
    if size < PHOTO_MIN_BYTES or size > PHOTO_MAX_BYTES:
        problems.append(
            f"照片文件大小为 {_kb(size)}（{size} 字节），要求在 10 KB 与 30 KB 之间"
            f"（{PHOTO_MIN_BYTES} 至 {PHOTO_MAX_BYTES} 字节）。"
        )
    w_min, h_min = PHOTO_MIN_WIDTH_EXCLUSIVE, PHOTO_MIN_HEIGHT_EXCLUSIVE
    if width is not None and height is not None and (width <= w_min or height <= h_min):
        problems.append(
            f"照片像素为 {width}×{height}，要求大于 {w_min}×{h_min}"
            f"（宽须大于 {w_min} 像素，高须大于 {h_min} 像素）。"
        )
    return problems


def photo_problems(*, attachment: Attachment) -> list[str]:
    return photo_problems_of(
        content_type=attachment.content_type,
        size=attachment.size,
        width=attachment.width,
        height=attachment.height,
    )


def blue_share(image: Image.Image) -> float:
    """The share of blue pixels in the top, left and right border strips."""
    small = image.convert("RGB")
    small.thumbnail((120, 160))
    width, height = small.size
    bw = max(1, int(width * PHOTO_BORDER_SHARE))
    bh = max(1, int(height * PHOTO_BORDER_SHARE))
    pixels = small.load()
    coords = {(x, y) for x in range(width) for y in range(bh)}
    coords |= {(x, y) for y in range(height) for x in (*range(bw), *range(width - bw, width))}
    blue = 0
    for x, y in coords:
        r, g, b = pixels[x, y]
        hue, saturation, value = colorsys.rgb_to_hsv(r / 255, g / 255, b / 255)
        if 0.5 <= hue <= 0.7 and saturation >= 0.2 and value >= 0.25:
            blue += 1
    return blue / len(coords)


def photo_warnings_of(content: bytes) -> list[str]:
    try:
        with Image.open(io.BytesIO(content)) as image:
            share = blue_share(image)
    except (OSError, ValueError):
        return []
    if share >= PHOTO_BLUE_MIN_SHARE:
        return []
    return [
        f"照片背景看起来不是蓝色：边缘只有 {share:.0%} 的像素为蓝色，要求为蓝底照片；如确为蓝底可忽略此提示。"
    ]


def photo_warnings(*, attachment: Attachment) -> list[str]:
    """Rule 23 (blue background), loose: warnings only, read from the stored file."""
    with attachment.file.open("rb") as handle:
        return photo_warnings_of(handle.read())
