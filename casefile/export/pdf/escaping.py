"""The one place user text becomes ReportLab text: escaped, cleaned, and never silently changed.

Everything a user typed passes through `Escaper.markup` (for Paragraphs) or `Escaper.plain`
(for canvas strings, the outline and the document metadata). Markup characters are escaped, so
`<font color=...>` stays text; control characters are dropped; bidirectional overrides and
zero-width characters are shown as visible tags such as `[RLO U+202E]`, so no one can hide or
reorder text in a dossier; characters the font cannot draw are shown as `[U+4E2D]` instead of a
silent box. Very long words are broken by the paragraph styles (splitLongWords), not here, so the
extracted text keeps every character.

ReportLab lays text out left to right, one font per run. So a line holding Arabic or Hebrew is
put in visual order here (the Unicode bidi algorithm, by python-bidi), Arabic letters are joined
into their contextual forms (arabic-reshaper), and each run of Arabic, Hebrew or CJK characters
is set in a font made for its script (fonts.py). A Latin name inside an Arabic quote keeps its
own direction. Known limit: a right-to-left paragraph long enough to wrap is ordered as one line,
so its lines read from the last; quotes and names, which are short, print right.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

TAG_COLOUR = "#9a4d00"

_NAMES = {
    0x00AD: "SHY", 0x061C: "ALM", 0x180E: "MVS", 0x200B: "ZWSP", 0x200C: "ZWNJ", 0x200D: "ZWJ",
    0x200E: "LRM", 0x200F: "RLM", 0x202A: "LRE", 0x202B: "RLE", 0x202C: "PDF", 0x202D: "LRO",
    0x202E: "RLO", 0x2060: "WJ", 0x2066: "LRI", 0x2067: "RLI", 0x2068: "FSI", 0x2069: "PDI",
    0xFEFF: "BOM",
}  # fmt: skip
_LINE_BREAKS = frozenset("\n\u2028\u2029\x85")
_SAFE_URL = re.compile(r"^https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")


def _ranges(points: Iterable[int]) -> str:
    """A regex character-class body for these code points, as compact ranges."""
    ordered = sorted(points)
    parts: list[str] = []
    start = prev = ordered[0] if ordered else 0
    for point in [*ordered[1:], -1]:
        if point == prev + 1:
            prev = point
            continue
        parts.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else ""))
        start = prev = point
    return "".join(parts) if ordered else ""


@cache
def _special(covered: frozenset[int]) -> re.Pattern[str]:
    """Matches every character that cannot be passed on as it is."""
    drawable = {p for p in covered if unicodedata.category(chr(p)) not in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn")}
    drawable.add(ord(" "))
    return re.compile(f"[^{_ranges(drawable)}]")


def tag(char: str) -> str:
    """The visible stand-in for a hidden or undrawable character: '[RLO U+202E]', '[U+4E2D]'."""
    code = f"U+{ord(char):04X}"
    name = _NAMES.get(ord(char))
    if name is None and unicodedata.category(char) == "Cf":
        name = "FORMAT"
    return f"[{name} {code}]" if name else f"[{code}]"


class Escaper:
    """Turns user strings into safe text for one export, and remembers what it could not draw."""

    def __init__(self, covered: frozenset[int]) -> None:
        self._special = _special(covered)
        self._covered = covered
        self.missing: set[str] = set()

    def markup(self, text: object) -> str:
        """Paragraph markup that shows exactly the user's text; line breaks are kept."""
        value = _as_text(text)
        value = visual_order(value)
        escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        marked = self._special.sub(self._markup_for, escaped)
        return marked if marked.isascii() else _SCRIPT_RUNS.sub(_in_script_font, marked)

    def plain(self, text: object) -> str:
        """One line of text for the canvas: no markup, no hidden characters, nothing the fonts cannot draw."""
        value = _as_text(text)
        return " ".join(self._special.sub(self._plain_for, value).split())

    def metadata(self, text: object) -> str:
        """One line for the document properties or the outline, which the reader's viewer draws in its own
        fonts: every script as written; only control and hidden (format) characters are dropped or tagged."""
        value = _as_text(text)
        return " ".join(self._special.sub(self._metadata_for, value).split())

    def _metadata_for(self, match: re.Match[str]) -> str:
        char = match.group(0)
        category = unicodedata.category(char)
        if char in _LINE_BREAKS or char == "\t" or category.startswith("Z"):
            return " "
        if category == "Cc":
            return ""
        return tag(char) if category in ("Cf", "Cs", "Co", "Cn") else char

    def url(self, text: object) -> str:
        """A web address as markup: a link only for plain http(s) addresses, text for anything else."""
        value = _as_text(text).strip()
        shown = self.markup(value)
        if not _SAFE_URL.match(value):
            return shown
        href = value.replace("&", "&amp;")
        return f'<a href="{href}" color="#1f4e8c">{shown}</a>'

    def _markup_for(self, match: re.Match[str]) -> str:
        char = match.group(0)
        if char in _LINE_BREAKS:
            return "<br/>"
        replaced = self._replacement(char)
        return replaced if replaced in ("", " ") else f'<font color="{TAG_COLOUR}">{replaced}</font>'

    def _plain_for(self, match: re.Match[str]) -> str:
        char = match.group(0)
        return " " if char in _LINE_BREAKS else self._replacement(char)

    def _replacement(self, char: str) -> str:
        category = unicodedata.category(char)
        if char == "\t" or category.startswith("Z"):
            return " "
        if category == "Cc":
            return ""
        if category != "Cf" and ord(char) not in self._covered:
            self.missing.add(char)
        return tag(char)


# Hebrew, and Arabic with its supplements and presentation forms.
_HEBREW = "\u0590-\u05ff\ufb1d-\ufb4f"
_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
# CJK punctuation, kana, ideographs, Hangul and full-width forms.
_CJK = "\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
_RTL = re.compile(f"[{_HEBREW}{_ARABIC}]")
_SCRIPT_RUNS = re.compile(f"(?P<arabic>[{_ARABIC}]+)|(?P<hebrew>[{_HEBREW}]+)|(?P<cjk>[{_CJK}]+)")


def script_runs(text: str) -> list[tuple[str | None, str]]:
    """(font family, text) runs: None for the main font, else the family made for that script."""
    from casefile.export.pdf import fonts

    families = {"arabic": fonts.ARABIC, "hebrew": fonts.HEBREW, "cjk": fonts.CJK}
    out: list[tuple[str | None, str]] = []
    at = 0
    for match in _SCRIPT_RUNS.finditer(text):
        if match.start() > at:
            out.append((None, text[at : match.start()]))
        out.append((families[match.lastgroup or "cjk"], match.group(0)))
        at = match.end()
    if at < len(text) or not out:
        out.append((None, text[at:]))
    return out


def _in_script_font(match: re.Match[str]) -> str:
    from casefile.export.pdf import fonts

    family = {"arabic": fonts.ARABIC, "hebrew": fonts.HEBREW, "cjk": fonts.CJK}[match.lastgroup or "cjk"]
    return f'<font name="{family}">{match.group(0)}</font>'


def visual_order(value: str) -> str:
    """Each line in the order it is seen, Arabic joined; the base direction is the line's own."""
    if value.isascii() or not _RTL.search(value):
        return value
    import arabic_reshaper
    from bidi.algorithm import get_display

    lines = re.split(r"(\n|\u2028|\u2029|\x85)", value)
    return "".join(line if not _RTL.search(line) else get_display(arabic_reshaper.reshape(line)) for line in lines)


def _as_text(value: object) -> str:
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    # Lone surrogates cannot be written to a PDF; a hand-made file is the only way to get one here.
    return text.encode("utf-8", "replace").decode("utf-8") if not text.isascii() else text
