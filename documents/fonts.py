"""The CJK font every generated PDF uses: 文泉驿微米黑 (documents/fonts/wqy-microhei.ttc, Apache-2.0,
see documents/fonts/README.md), registered with reportlab once per process, on first use.

A TrueType font registered this way is embedded as a subset (only the glyphs a document uses), so
the Chinese text is real text: searchable and copyable on any viewer, and pdftoppm renders it
without a system font package (pitfalls.md: the built-in CID fonts are not embedded)."""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_NAME = "WQY"
FONT_PATH = Path(__file__).resolve().parent / "fonts" / "wqy-microhei.ttc"

_lock = threading.Lock()
_registered = False


def cjk_font() -> str:
    """The registered font's name (registering it on the first call; the TTC's first face is
    WenQuanYi Micro Hei, the second its monospaced variant)."""
    global _registered
    if not _registered:
        with _lock:
            if not _registered:
                pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT_PATH), subfontIndex=0))
                _registered = True
    return FONT_NAME
