"""The DejaVu Sans family: registered once with ReportLab, and the characters it can draw."""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable
from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from casefile.paths import font_file

FAMILY = "DejaVuSans"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
FACES = ((REGULAR, 0, 0), (BOLD, 1, 0), (ITALIC, 0, 1), (BOLD_ITALIC, 1, 1))

_DROPPED = ("Cc", "Zl", "Zp", "Zs")  # stripped or turned into plain spaces and line breaks, never drawn
_lock = threading.Lock()
_registered = False


def register() -> None:
    """Register the four faces as one family; safe to call from any thread, any number of times."""
    global _registered
    with _lock:
        if _registered:
            return
        for name, bold, italic in FACES:
            path = font_file(f"{name}.ttf")
            if not path.is_file():
                raise FileNotFoundError(f"The font {path.name} is missing from Casefile's resources; reinstall it.")
            pdfmetrics.registerFont(TTFont(name, str(path)))
            addMapping(FAMILY, bold, italic, name)
        _registered = True


@cache
def coverage() -> frozenset[int]:
    """Code points both the regular and the bold face can draw; user text appears in no other face."""
    register()
    faces = [pdfmetrics.getFont(name).face.charToGlyph for name in (REGULAR, BOLD)]  # type: ignore[attr-defined]
    return frozenset(faces[0]).intersection(faces[1])


def uncovered(texts: Iterable[str]) -> list[str]:
    """The characters of these texts the font cannot draw, each once, in code point order."""
    covered = coverage()
    seen: set[str] = set()
    for text in texts:
        if text and not text.isascii():
            seen.update(c for c in set(text) if ord(c) not in covered and unicodedata.category(c) not in _DROPPED)
    return sorted(seen)
