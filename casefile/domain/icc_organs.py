"""The organs of the International Criminal Court that issue or decide on warrants, as Casefile ships them.

A new organisation whose name is one of these is marked "ICC organ" when it is created or imported
without saying; the analyst can clear or set the field. Nothing else is taken for the Court.
"""

from __future__ import annotations

import re

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_ORGANS = frozenset(
    ["Presidency", "Appeals Chamber", "Appeals Division", "Pre-Trial Division", "Trial Division"]
    + [f"Pre-Trial Chamber {n}" for n in _ROMAN[:3]]
    + [f"Trial Chamber {n}" for n in _ROMAN]
)
_PREFIX = re.compile(r"^(?:ICC|International Criminal Court)\s*(?:[,:—–-]\s*)?", re.IGNORECASE)
_FOLDED = frozenset(o.casefold() for o in _ORGANS)


def is_listed_icc_organ(name: str) -> bool:
    """'International Criminal Court', or 'ICC ' / 'International Criminal Court, ' followed by a listed organ."""
    text = " ".join(name.split())
    if text.casefold() in ("international criminal court", "icc"):
        return True
    rest = _PREFIX.sub("", text, count=1)
    return rest != text and rest.casefold() in _FOLDED
