"""Redactor.record: a protected name in any text field of any record kind never survives (property test)."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from casefile.domain.kinds import RECORD_KINDS, Kind, spec
from casefile.domain.redaction import fold
from casefile.services.redaction import FREE_TEXT, Redactor
from casefile.services.results import RecordData
from tests.domain.test_redaction import FILLER, variant

NOW = datetime(2024, 1, 1, tzinfo=UTC)
PERSONS = [
    RecordData("p1", Kind.PERSON, {"name": "José Pérez", "protected": True}, NOW, NOW),
    RecordData("p2", Kind.PERSON, {"name": "Li Na", "original_name": "李娜", "protected": True}, NOW, NOW),
    RecordData("p3", Kind.PERSON, {"name": "Ahmad N", "aliases": ["أحمد"], "protected": True}, NOW, NOW),
    RecordData("p4", Kind.PERSON, {"name": "Иван Семёнов", "protected": True}, NOW, NOW),
    RecordData("p5", Kind.PERSON, {"name": "Orla Brennick"}, NOW, NOW),
]
TEXT_FIELDS = [(k, f) for k in RECORD_KINDS for f in spec(k).fields if f.type in FREE_TEXT and not f.choices]


@settings(max_examples=200, deadline=None)
@given(where=st.sampled_from(TEXT_FIELDS), before=FILLER, name=variant(), after=FILLER)
def test_a_protected_name_in_any_field_never_survives(where: tuple, before: str, name: str, after: str) -> None:
    kind, field = where
    text = f"{before} {name} {after}"
    value: object = [text] if field.type.value == "textlist" else text
    redactor = Redactor(PERSONS, active=True)
    out = redactor.record(RecordData("r", kind, {field.name: value}, NOW, NOW))
    folded = fold(str(out.values[field.name]))
    for term in ("perez", "李娜", "احمد", "семенов"):
        assert term not in folded, (kind, field.name, text, folded)
    assert " li " not in f" {folded} ".replace("'", " ").replace("[", " ").replace("]", " ")
    assert sum(redactor.report.replaced.values()) >= 1
