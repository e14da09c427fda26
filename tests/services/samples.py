"""Sample records for every kind, built from the field specs so a new kind or field is covered too."""

from __future__ import annotations

import itertools
from typing import Any

from sqlalchemy.orm import Session

from casefile.domain.kinds import SPECS, FieldSpec, FieldType, Kind
from casefile.reference import iso_codes
from casefile.services import records
from casefile.services.results import RecordData

# Every kind a person can create; the case itself comes with the file.
CREATABLE = tuple(kind for kind in SPECS if kind != Kind.CASE)

TRICKY = 'Путин <b>&amp;</b> <font color="x">Монгол Улс</font> & co'


class Samples:
    """Makes valid records of any kind, creating whatever they refer to first.

    Values are given in their stored (normalised) form, so what comes back from get()
    must equal them exactly.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self._serial = itertools.count(1)
        self._codes = iter(sorted(iso_codes()))

    def values(self, kind: Kind, variant: int = 0) -> dict[str, Any]:
        values = {field.name: self.value(field, variant) for field in SPECS[kind].fields}
        if kind == Kind.STATUS_CORRECTION:
            # A correction names a real shipped event, by full-day dates (Hungary's revocation is in the data).
            day = ("2026-06-02", "2026-06-03")[variant % 2]
            values |= {"iso2": "HU", "event": "HU:withdrawal_revoked:", "date": day, "effective": day}
        return values

    def make(self, kind: Kind, variant: int = 0, **overrides: Any) -> RecordData:
        values = {**self.values(kind, variant), **overrides}
        return records.create(self.session, kind, values)

    def value(self, field: FieldSpec, variant: int) -> Any:
        n = next(self._serial)
        match field.type:
            case FieldType.TEXT | FieldType.LONGTEXT:
                return f"{field.label} {n} v{variant} {TRICKY}"
            case FieldType.DATE:
                return ("2023-03-17", "2024-09", "2025")[variant % 3]
            case FieldType.BOOL:
                return variant % 2 == 0
            case FieldType.CHOICE:
                return field.choices[variant % len(field.choices)]
            case FieldType.INTEGER_CHOICE:
                return int(field.choices[variant % len(field.choices)])
            case FieldType.REF:
                return self._target(field).id
            case FieldType.REFS:
                return [self._target(field).id for _ in range(variant + 1)]
            case FieldType.TEXTLIST:
                return [f"Khürelsükh {n}", f"Хүрэлсүх {n}", f"Khurelsukh v{variant}"]
            case FieldType.ISO2:
                return next(self._codes)
            case FieldType.ARTICLE_NUMBER:
                return f"{n}(7)(a)"
            case FieldType.URL:
                return f"https://example.org/{n}?a=1&b=<b>"
        raise AssertionError(f"no sample for field type {field.type}; add one here")

    def _target(self, field: FieldSpec) -> RecordData:
        kind = field.ref_kinds[0] if field.ref_kinds else Kind.PERSON
        return self.make(kind)
