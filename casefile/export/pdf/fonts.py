"""The fonts of the dossier, registered once with ReportLab, and the characters they can draw.

DejaVu Sans draws Latin, Greek and Cyrillic in four faces. Runs of Arabic, Hebrew and CJK
text are set in fonts made for them (escaping.py picks the font per run): Noto Naskh Arabic and
Noto Sans Hebrew (regular and bold; SIL Open Font License) and WenQuanYi Zen Hei (one face;
GPL-2 with the font embedding exception). Each is embedded as a subset of the glyphs used.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import Literal

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from casefile.paths import font_file

FAMILY = "DejaVuSans"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
Flag = Literal[0, 1]
OFF_ON: tuple[Flag, Flag] = (0, 1)
FACES: tuple[tuple[str, Flag, Flag], ...] = ((REGULAR, 0, 0), (BOLD, 1, 0), (ITALIC, 0, 1), (BOLD_ITALIC, 1, 1))

ARABIC = "NotoNaskhArabic"
HEBREW = "NotoSansHebrew"
CJK = "WenQuanYiZenHei"
# family -> (regular file, bold file); a family has no italic, so italic text uses these faces too.
SCRIPT_FAMILIES = {
    ARABIC: ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
    HEBREW: ("NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"),
    CJK: ("wqy-zenhei.ttc", "wqy-zenhei.ttc"),
}

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
        for family, files in SCRIPT_FAMILIES.items():
            for bold, file in zip(OFF_ON, files, strict=True):
                face = f"{family}-Bold" if bold else family
                path = font_file(file)
                if not path.is_file():
                    raise FileNotFoundError(f"The font {path.name} is missing from Casefile's resources; reinstall it.")
                # Zen Hei's collection holds two fonts; the first is the proportional one.
                pdfmetrics.registerFont(TTFont(face, str(path), subfontIndex=0) if file.endswith(".ttc")
                                        else TTFont(face, str(path)))  # fmt: skip
                for italic in OFF_ON:
                    addMapping(family, bold, italic, face)
        _registered = True


def _drawn(*faces: str) -> frozenset[int]:
    maps = [pdfmetrics.getFont(name).face.charToGlyph for name in faces]  # type: ignore[attr-defined]
    return frozenset(maps[0]).intersection(*maps[1:])


@cache
def coverage() -> frozenset[int]:
    """Code points every face that may draw them can draw: user text appears upright, bold and italic
    (quotes, notes), so a character one DejaVu face lacks is shown as its code, never as a blank box."""
    register()
    covered = _drawn(REGULAR, BOLD, ITALIC, BOLD_ITALIC)
    for family in SCRIPT_FAMILIES:
        covered |= _drawn(family, f"{family}-Bold")
    return covered


def uncovered(texts: Iterable[str]) -> list[str]:
    """The characters of these texts the font cannot draw, each once, in code point order."""
    covered = coverage()
    seen: set[str] = set()
    for text in texts:
        if text and not text.isascii():
            seen.update(c for c in set(text) if ord(c) not in covered and unicodedata.category(c) not in _DROPPED)
    return sorted(seen)
