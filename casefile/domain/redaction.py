"""Finding a protected person's name in any text the way people write it, and replacing the original span.

Matching happens on a folded copy of the text (NFKC, casefolded, accents removed, ё→е, format characters
such as soft hyphens, zero-width and bidi controls dropped); an index map from folded to original positions
lets the replacement cover exactly the characters the reader would see, whatever their spelling.

The rule (docs/guarantees.md, "How redaction finds a name"):
- every full name, original-script name and alias is a term;
- each part of a name (split on spaces, hyphens, dots, commas) of two or more letters is a term of its own,
  unless it is a common particle or honorific (COMMON_PARTS: al, bin, de, van, Mr…), or also a name part of
  a person who is not protected in the case (then it is reported as a near match instead);
- in spaced scripts a term matches on word boundaries; a term of four or more letters also takes up to
  three trailing letters (Путина, Pérezes), so inflected forms go too;
- a term in a script written without spaces (Han, Hiragana, Katakana, Thai) matches anywhere;
- an Arabic term may carry the one-letter proclitics و ف ب ل ك (up to two) and the article ال; a Hebrew
  term the prefixes ו ה ב ל מ ש כ (up to two). The prefix stays; only the name is replaced.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

COMMON_PARTS = frozenset(
    "al el ul bin ben ibn bint abu abd de da di do du del della der den des la le van von ter ten mr mrs ms "
    "dr prof sir jr sr st mc mac".split()
)
_FORMAT = "Cf"
_SPLIT = re.compile(r"[\s\-‐‑–—.,/]+")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_HEBREW = re.compile(r"[\u0590-\u05ff]")
# Han (with extensions and compatibility), Hiragana, Katakana, Thai: no spaces between words.
_UNSPACED = re.compile(
    r"[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f\U00020000-\U0003134f]"
)
_ARABIC_PREFIX = "(?:[وفبلك]{0,2}(?:ال)?)"
_HEBREW_PREFIX = "(?:[והבלמשכ]{0,2})"


def fold_char(c: str) -> str:
    """The folded form of one character; '' for format characters and combining marks."""
    if unicodedata.category(c) == _FORMAT:
        return ""
    out = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", c).casefold())
    return "".join(ch for ch in out if not unicodedata.combining(ch)).replace("ё", "е")


def fold(text: str) -> str:
    return "".join(fold_char(c) for c in text)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each folded character the index of the original character it came from."""
    chars: list[str] = []
    where: list[int] = []
    for i, c in enumerate(text):
        piece = fold_char(c)
        chars.append(piece)
        where.extend([i] * len(piece))
    return "".join(chars), where


@dataclass(frozen=True)
class Identity:
    """One protected person: the pseudonym and every way their name is written."""

    pseudonym: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Hit:
    start: int  # in the original text
    end: int
    pseudonym: str


@dataclass(frozen=True)
class Near:
    found: str  # the original text, for the analyst to look at
    pseudonym: str
    reason: str


@dataclass(frozen=True)
class _Term:
    folded: str
    pseudonym: str
    pattern: re.Pattern[str]


class NameMatcher:
    """Finds protected names in text; `others` are the names of persons who are not protected."""

    def __init__(self, identities: Sequence[Identity], others: Iterable[str] = ()) -> None:
        other_parts = {fold(p) for name in others for p in _SPLIT.split(name) if p}
        terms: dict[str, str] = {}
        self._weak: dict[str, str] = {}
        for ident in identities:
            for name in ident.names:
                whole = fold(name).strip()
                if whole:
                    terms.setdefault(whole, ident.pseudonym)
                for part in (fold(p) for p in _SPLIT.split(name)):
                    if len(part) < 2 or part in terms:
                        continue
                    if part in COMMON_PARTS:
                        continue
                    if part in other_parts:
                        self._weak.setdefault(part, ident.pseudonym)
                    else:
                        terms[part] = ident.pseudonym
        for part in terms:
            self._weak.pop(part, None)
        ordered = sorted(terms.items(), key=lambda pair: -len(pair[0]))
        self._terms = [_Term(t, p, _pattern(t)) for t, p in ordered]
        self._near_words = {t: p for t, p in terms.items() if len(t) >= 4 and not _UNSPACED.search(t)}

    def __bool__(self) -> bool:
        return bool(self._terms)

    def hits(self, text: str) -> list[Hit]:
        """Non-overlapping matches, as spans of the original text, merged where one name runs on."""
        folded, where = fold_with_map(text)
        found: list[tuple[int, int, str]] = []
        taken = [False] * len(folded)
        for term in self._terms:  # longest first: "José Pérez" before "Pérez"
            for m in term.pattern.finditer(folded):
                s, e = m.span("n")
                if any(taken[s:e]):
                    continue
                taken[s:e] = [True] * (e - s)
                found.append((s, e, term.pseudonym))
        spans = sorted((where[s], _original_end(text, where, e), p) for s, e, p in found)
        return _merge(text, spans)

    def near(self, text: str, hits: Sequence[Hit]) -> list[Near]:
        """Places that look like a protected name but were not replaced: for the analyst to check."""
        out: list[Near] = []
        covered = [False] * len(text)
        for h in hits:
            covered[h.start : h.end] = [True] * (h.end - h.start)
        for m in re.finditer(r"\w+", text):
            if any(covered[m.start() : m.end()]):
                continue
            word = fold(m.group(0))
            if word in self._weak:
                out.append(Near(m.group(0), self._weak[word], "a name part another person in the case shares"))
                continue
            for term, pseudonym in self._near_words.items():
                if _one_edit(word, term):
                    out.append(Near(m.group(0), pseudonym, "one letter away from a protected name"))
                    break
        return out


def replace(text: str, hits: Sequence[Hit], bracket: bool = False) -> str:
    """The text with every hit replaced by its pseudonym ('[Witness A]' inside quoted text)."""
    out, last = [], 0
    for h in hits:
        out.append(text[last : h.start])
        out.append(f"[{h.pseudonym}]" if bracket else h.pseudonym)
        last = h.end
    out.append(text[last:])
    return "".join(out)


def _pattern(term: str) -> re.Pattern[str]:
    name = re.escape(term)
    if _UNSPACED.search(term):
        return re.compile(f"(?P<n>{name})")
    prefix = _ARABIC_PREFIX if _ARABIC.match(term) else _HEBREW_PREFIX if _HEBREW.match(term) else ""
    tail = r"\w{0,3}" if len(term) >= 4 else ""
    return re.compile(rf"(?<!\w){prefix}(?P<n>{name}{tail})(?!\w)")


def _original_end(text: str, where: list[int], end: int) -> int:
    """One past the last original character of a folded span, with the marks that folded to nothing."""
    last = where[end - 1] + 1
    while last < len(text) and not fold_char(text[last]) and unicodedata.category(text[last]) != "Zs":
        last += 1
    return last


def _merge(text: str, spans: list[tuple[int, int, str]]) -> list[Hit]:
    """'Ивана Петрова' reads as one 'Witness A', not 'Witness A Witness A'."""
    hits: list[Hit] = []
    for s, e, p in spans:
        if hits and hits[-1].pseudonym == p and not _SPLIT.sub("", text[hits[-1].end : s]):
            hits[-1] = Hit(hits[-1].start, e, p)
        else:
            hits.append(Hit(s, e, p))
    return hits


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by exactly one insertion, deletion or substitution."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]
