"""Pseudonyms for protected persons, and the scrubbing of their names from any text.

The PDF dossier and the redacted shared copy both use this, so a protected person is the same
"Witness A" in every redacted thing made from one case.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from casefile.services.results import RecordData

PSEUDONYM = "Witness"
_REPEATED = re.compile(rf"\b({PSEUDONYM} [A-Z]+)(?:\s+\1\b)+")


class Redactor:
    """Protected persons become 'Witness A', 'Witness B' (by creation order), in every string."""

    def __init__(self, persons: Sequence[RecordData], active: bool) -> None:
        protected = [p for p in persons if active and p.values.get("protected")]
        self.pseudonyms = {p.id: f"{PSEUDONYM} {_letters(i)}" for i, p in enumerate(protected)}
        pairs = [(term, self.pseudonyms[p.id]) for p in protected for term in _terms(p.values)]
        pairs.sort(key=lambda pair: -len(pair[0]))
        self._by_term = {t.casefold(): name for t, name in pairs}
        alternatives = "|".join(re.escape(t) for t, _ in pairs)
        # A name token also hides its inflected forms (Путина, Putin's); over-hiding is the safe side.
        self._pattern = re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE) if pairs else None

    def __call__(self, text: str | None) -> str:
        if not text:
            return ""
        if self._pattern is None:
            return text
        # "Ивана Петрова" is two hidden words; it reads as one "Witness A", not "Witness A Witness A".
        return _REPEATED.sub(r"\1", self._pattern.sub(self._replace, text))

    def _replace(self, match: re.Match[str]) -> str:
        found = match.group(0).casefold()
        for term, name in self._by_term.items():
            if found.startswith(term):
                return name
        return PSEUDONYM


def _letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: pseudonyms never run out."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def _terms(values: Mapping[str, object]) -> list[str]:
    names = [values.get("name"), values.get("original_name"), *(values.get("aliases") or [])]
    whole = [str(n) for n in names if n]
    tokens = [t for n in whole for t in re.split(r"[\s\-‐‑–.,]+", n) if len(t) >= 3]
    return list(dict.fromkeys(whole + tokens))
