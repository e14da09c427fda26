"""Text rules shared by search, display and export: normalisation and cleaning."""

from __future__ import annotations

import re
import unicodedata

_YO = str.maketrans({"ё": "е", "Ё": "Е"})
# C0 controls except tab, newline and carriage return; DEL; and the C1 controls, which only
# ever arrive as mojibake and which some terminals act on.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_WORD = re.compile(r"\w+", re.UNICODE)


def fold_yo(text: str) -> str:
    """Russian writers use ё and е interchangeably; unicode61 keeps them apart, so we fold."""
    return text.translate(_YO)


def search_words(query: str) -> list[str]:
    """The words of a user's query, as the full-text index tokenises them."""
    return _WORD.findall(fold_yo(unicodedata.normalize("NFC", query)))


def strip_control(text: str) -> str:
    """Drop control characters other than tab and newline; they corrupt exports and displays."""
    return _CONTROL.sub("", text)


def fold_for_match(text: str) -> str:
    """Case- and accent-insensitive form for matching in Python (filters, pickers)."""
    decomposed = unicodedata.normalize("NFKD", fold_yo(text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
