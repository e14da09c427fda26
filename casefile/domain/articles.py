"""Statute article references such as 87(7), 8(2)(a)(vii) or 8 bis."""

from __future__ import annotations

import re
from dataclasses import dataclass

from casefile.domain.errors import ValidationError

_REF = re.compile(r"^(\d{1,3})(?:\s*(bis|ter|quater))?((?:\s*\(\s*[0-9a-z]{1,6}\s*\))*)$", re.IGNORECASE)
_PART = re.compile(r"\(\s*([0-9a-z]{1,6})\s*\)", re.IGNORECASE)

ROME_STATUTE = "Rome Statute"


@dataclass(frozen=True)
class ArticleRef:
    """An article and its paragraph path: ArticleRef('87', ('7',)) is Art. 87(7)."""

    article: str
    parts: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.article + "".join(f"({p})" for p in self.parts)

    def label(self) -> str:
        return f"Art. {self}"

    def sort_key(self) -> tuple[int, str, tuple[tuple[int, str], ...]]:
        """Numeric order: 8 < 8 bis < 8 ter < 8 quater < 9, and 7(1)(h) < 7(1)(i) < 7(1)(j)."""
        number, _, suffix = self.article.partition(" ")
        return int(number), _SUFFIX_ORDER.get(suffix, suffix), _parts_key(self.parts)

    @classmethod
    def parse(cls, text: str, field: str = "number") -> ArticleRef:
        cleaned = text.strip()
        for prefix in ("article", "art.", "art"):
            if cleaned.lower().startswith(prefix):
                cleaned = cleaned[len(prefix) :].strip()
                break
        m = _REF.match(cleaned)
        if not m:
            raise ValidationError.single(
                field, f"'{text}' is not an article reference; write it like 87, 87(7) or 8(2)(a)(vii)"
            )
        article = m[1].lstrip("0") or "0"
        if m[2]:
            article += " " + m[2].lower()
        return cls(article, tuple(p.lower() for p in _PART.findall(m[3] or "")))


# Latin ordinals sort by their number, not alphabetically ("quater" comes after "ter").
_SUFFIX_ORDER = {"": "0", "bis": "2", "ter": "3", "quater": "4"}


def _parts_key(parts: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    """Statutes number paragraphs 1, 2…, then letters a, b…, then roman numerals i, ii… below a letter.

    A part is read as a roman numeral only right below a letter, so 7(1)(i) is the letter i,
    between (h) and (j), while 8(2)(a)(iv) is the fourth sub-paragraph.
    """
    keys: list[tuple[int, str]] = []
    below_letter = False
    for part in parts:
        if part.isdigit():
            keys.append((int(part), ""))
            below_letter = False
        elif below_letter and _roman(part):
            keys.append((_roman(part), ""))
        else:
            keys.append((0, part))
            below_letter = True
    return tuple(keys)


def _roman(text: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    if not text or any(c not in values for c in text):
        return 0
    total = 0
    for i, c in enumerate(text):
        v = values[c]
        total += -v if i + 1 < len(text) and values[text[i + 1]] > v else v
    return total
