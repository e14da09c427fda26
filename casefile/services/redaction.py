"""Pseudonyms for protected persons, and the one redaction step every redacted export goes through.

The PDF dossier, the redacted shared copy and the redacted JSON export all redact records with
`Redactor.record` (or `Redactor.field` for a stored column) before anything shortens, formats or lays
them out, so a protected person is the same "Witness A" everywhere and no cut label can keep half a name.
The matching rule is in casefile.domain.redaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from casefile.domain import redaction as match
from casefile.domain.kinds import FieldType, Kind, spec
from casefile.services.results import RecordData

PSEUDONYM = "Witness"
LINK_WITHHELD = "[link withheld]"
TITLE_WITHHELD = "[title withheld]"
# Fields that hold someone's words: a change there is shown in square brackets, as in any quotation.
QUOTED = frozenset({(Kind.QUOTE, "text"), (Kind.QUOTE, "translation")})
_WHOLE_TITLE = frozenset({(Kind.SOURCE, "title")})
_LABEL_FIELDS = ("name", "title", "text", "reference", "number", "note", "kind")


@dataclass
class RedactionReport:
    """For the analyst, never inside the redacted file: what was replaced where, and what to check."""

    replaced: dict[tuple[str, str, str, str], int] = field(default_factory=dict)  # (pseudonym, kind, label, field)
    near: dict[tuple[str, str, str, str, str], str] = field(default_factory=dict)  # (…, found) → reason

    def lines(self) -> list[str]:
        if not self.replaced and not self.near:
            return ["Redaction report: no protected name was found."]
        out = ["Redaction report (for the analyst; not part of the redacted file)", "Replaced:"]
        for (pseudonym, kind, label, name), count in sorted(self.replaced.items()):
            out.append(f"  {pseudonym}: {kind} “{label}”, field {name}: {count}×")
        if self.near:
            out.append("Near matches NOT replaced (check these):")
            for (pseudonym, kind, label, name, found), reason in sorted(self.near.items()):
                out.append(f"  {pseudonym}? {kind} “{label}”, field {name}: “{found}” ({reason})")
        return out

    def text(self) -> str:
        return "\n".join(self.lines()) + "\n"


class Redactor:
    """Protected persons become 'Witness A', 'Witness B' (by creation order), in every string."""

    def __init__(self, persons: Sequence[RecordData], active: bool) -> None:
        protected = [p for p in persons if active and p.values.get("protected")]
        self.pseudonyms = {p.id: f"{PSEUDONYM} {_letters(i)}" for i, p in enumerate(protected)}
        identities = [match.Identity(self.pseudonyms[p.id], _names(p.values)) for p in protected]
        others = [n for p in persons if p.id not in self.pseudonyms for n in _names(p.values)]
        self._matcher = match.NameMatcher(identities, others)
        self.report = RedactionReport()

    def __call__(self, text: str | None) -> str:
        """Plain text outside any record (a case title, a note on reference data)."""
        if not text:
            return ""
        return match.replace(text, self._matcher.hits(text)) if self._matcher else text

    def field(self, kind: Kind, name: str, text: str) -> tuple[str, list[match.Hit], list[match.Near]]:
        """One stored field's text, redacted by the rule for that field, with what was found in it."""
        if not self._matcher or not text:
            return text, [], []
        hits = self._matcher.hits(text)
        near = self._matcher.near(text, hits)
        if not hits:
            return text, hits, near
        if _is_url(kind, name):
            return LINK_WITHHELD, hits, near
        if (kind, name) in _WHOLE_TITLE:
            return TITLE_WITHHELD, hits, near
        return match.replace(text, hits, bracket=(kind, name) in QUOTED), hits, near

    def values(self, kind: Kind, values: Mapping[str, object]) -> dict[str, object]:
        """Every text field of one record, redacted; other values as they are. The report names the
        record by its label after redaction."""
        text_fields = {f.name for f in spec(kind).fields if f.type in FREE_TEXT and not f.choices}
        out = dict(values)
        found: list[tuple[str, list[match.Hit], list[match.Near]]] = []
        for name, value in values.items():
            if name not in text_fields or value in (None, ""):
                continue
            items = value if isinstance(value, list | tuple) else [value]
            done = [self.field(kind, name, str(item)) for item in items]
            redacted = [text for text, _, _ in done]
            out[name] = redacted if isinstance(value, list | tuple) else redacted[0]
            found.extend((name, hits, near) for _, hits, near in done)
        label = record_label(out)
        for name, hits, near in found:
            self._count(kind.value, label, name, hits, near)
        return out

    def record(self, row: RecordData) -> RecordData:
        """The record with every text field redacted, before any label is cut or any layout is made."""
        if not self._matcher:
            return row
        return replace(row, values=self.values(row.kind, row.values))

    def _count(self, kind: str, label: str, name: str, hits: list[match.Hit], near: list[match.Near]) -> None:
        for hit in hits:
            key = (hit.pseudonym, kind, label, name)
            self.report.replaced[key] = self.report.replaced.get(key, 0) + 1
        for n in near:
            self.report.near.setdefault((n.pseudonym, kind, label, name, n.found), n.reason)


# Free text a name could be written into; choices, dates, codes and ids cannot hold one.
FREE_TEXT = frozenset({FieldType.TEXT, FieldType.LONGTEXT, FieldType.TEXTLIST, FieldType.URL})


def _is_url(kind: Kind, name: str) -> bool:
    return any(f.name == name and f.type == FieldType.URL for f in spec(kind).fields)


def record_label(values: Mapping[str, object]) -> str:
    for name in _LABEL_FIELDS:
        value = values.get(name)
        if value:
            text = " ".join(str(value).split())
            return text if len(text) <= 50 else text[:49] + "…"
    return ""


def _names(values: Mapping[str, object]) -> tuple[str, ...]:
    aliases = values.get("aliases")
    names = [values.get("name"), values.get("original_name"), *(aliases if isinstance(aliases, list) else [])]
    return tuple(str(n) for n in names if n)


def _letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: pseudonyms never run out."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out
